# survey.awk: what a user would write for counts and means per group and
# item, the awk peer of `make bench`.  Fields 2 and 3 are the group
# (period, product type), 4 to 9 the ratings; an empty rating is not
# answered and stays out of n.  Prints "period,product_type,item,n,mean",
# the mean to six decimals so that bench/run.sh can compare it with cm.
#
# Run with -F, on the generated file: its only quoted field (comment) is
# the last column, so commas inside it cannot shift fields 1 to 9.  With
# gawk, bench/survey-fpat.awk reads any quoting short of embedded newlines
# (and is ten times slower); bench/run.sh checks that the two agree.
NR == 1 {
	for (i = 4; i <= 9; i++)
		item[i] = $i
	next
}
{
	g = $2 "," $3
	seen[g] = 1
	for (i = 4; i <= 9; i++)
		if ($i != "") {
			n[g, i]++
			sum[g, i] += $i
		}
}
END {
	for (g in seen)
		for (i = 4; i <= 9; i++)
			if (n[g, i] > 0)
				printf "%s,%s,%d,%.6f\n", g, item[i], n[g, i],
				    sum[g, i] / n[g, i]
}

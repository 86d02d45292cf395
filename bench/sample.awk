# bench/sample.awk: what a user writes in awk instead of cm-sample
# --rate 10 --by estate (bench/sample.sh): the file read twice, the
# first time to count each estate's households, the second to pick
# ceil(RATE% of them) in input order by selection sampling (Knuth's
# algorithm S: a row is taken with probability wanted / left), so every
# household of an estate is equally likely and the counts are exact,
# as cm-sample's are.  Not the same pick: rand() is not keyed on the
# household, so another row order gives another sample.
#
#	awk -F, -v rate=10 -f bench/sample.awk FILE FILE
#
# The estate is the first column (bench/genhouseholds).
BEGIN { srand(202611) }
NR == FNR { if (FNR > 1) n[$1]++; next }
FNR == 1 { print $0 ",reason"; next }
{
	k = $1
	if (!(k in want))
		want[k] = int((n[k] * rate + 99) / 100)
	if (rand() * n[k] < want[k]) {
		want[k]--
		print $0 ",random"
	}
	n[k]--
}

# receive-balance.awk: the balance of a customer-property journal, the awk
# peer of `cm-receive --balance` in `make bench` (BENCH=receive).  Folds
# the journal's movements into, per customer and part_no, in the order of
# first appearance: received, pending, stock, hold, issued, on_loan,
# returned, scrapped, lost, as the lead's spec for issue 9 draws the
# model, and prints the same CSV as cm-receive, byte for byte.
#
# Run with -F, on the journal bench/genproperty writes: the only quoted
# field there is note, the last column, so commas inside it cannot shift
# fields 1 to 10.  Columns are taken by position (the journal's 14 are
# fixed).  Quantities are kept in thousandths, read from their text
# rather than through a double (0.001 * 1000 is not 1 in binary), and
# printed with the unit's decimals: the generator's units are pcs (none),
# kg and m (three).  name, unit and kind may be empty after a part's
# first receive: the first non-empty one counts.
function milli(s,    i, f) {
	if ((i = index(s, ".")) == 0)
		return s * 1000
	f = substr(substr(s, i + 1) "000", 1, 3)
	return substr(s, 1, i - 1) * 1000 + f
}
function qty(x, k) {
	if (unit[k] == "pcs")
		return sprintf("%.0f", x / 1000)
	return sprintf("%.0f.%03d", (x - x % 1000) / 1000, x % 1000)
}
NR == 1 { next }
{
	k = $2 SUBSEP $3
	if (!(k in seen)) {
		seen[k] = 1
		order[++n] = k
		cust[k] = $2
		part[k] = $3
	}
	if (name[k] == "" && $4 != "")
		name[k] = $4
	if (unit[k] == "" && $6 != "")
		unit[k] = $6
	if (kind[k] == "" && $7 != "")
		kind[k] = $7
	q = milli($9)
	a = $8
	if (a == "receive") {
		received[k] += q
		if (kind[k] == "entrusted")
			stock[k] += q
		else
			pending[k] += q
	} else if (a == "accept") {
		pending[k] -= q; stock[k] += q
	} else if (a == "reject") {
		pending[k] -= q; hold[k] += q
	} else if (a == "issue") {
		stock[k] -= q; issued[k] += q
	} else if (a == "return") {
		# from the hold first, then stock
		h = hold[k] < q ? hold[k] : q
		hold[k] -= h; stock[k] -= q - h; returned[k] += q
	} else if (a == "scrap") {
		hold[k] -= q; scrapped[k] += q
	} else if (a == "lose" || a == "damage") {
		stock[k] -= q; lost[k] += q
	} else if (a == "lend") {
		stock[k] -= q; on_loan[k] += q
	} else if (a == "giveback") {
		on_loan[k] -= q; stock[k] += q
	}
}
END {
	print "customer,part_no,name,received,pending,stock,hold,issued,on_loan,returned,scrapped,lost"
	for (i = 1; i <= n; i++) {
		k = order[i]
		print cust[k] "," part[k] "," name[k] "," qty(received[k], k) \
		    "," qty(pending[k], k) "," qty(stock[k], k) "," \
		    qty(hold[k], k) "," qty(issued[k], k) "," \
		    qty(on_loan[k], k) "," qty(returned[k], k) "," \
		    qty(scrapped[k], k) "," qty(lost[k], k)
	}
}

# bench/penalty.awk: cm-penalty's month in awk, the program an office
# would write instead, for `make bench` (BENCH=penalty): the same rules,
# the same split to the fen, the same output, so that its output can be
# compared with cm-penalty's byte for byte.
#
#	awk -F, -v month=YYYY-MM -v warning=400 -v minor=800 -v cap=50 \
#	    -v resale_days=30 -f bench/penalty.awk \
#	    what=staff STAFF what=sanctions SANCTIONS what=carry CARRY \
#	    what=cases CASES
#
# (what=sanctions and what=carry may be left out.)  It reads the files
# bench/genpenalty writes: plain CSV without quotes, columns found by
# name, yuan with at most two decimals, base points with at most three,
# shares with at most two, ISO dates, whole resale quantities.  It checks
# nothing: the inputs are known good.
#
# Money is integer fen in doubles, exact below 2^53 (a loss of 2,000
# yuan times a share of 10000 hundredths, or times a unit's points, stays
# far below).  004 article 3:
#   一    a resold product's loss is (a_price - resale_price) x resale_qty
#         when resold within resale_days of closing, charged in the month
#         of the resale; otherwise the actual loss, charged in the month
#         closed (or, for a returned product, closed + resale_days);
#   二    the loss over the case's parties by share;
#   经济处罚准则 三.3/四.2  a unit's or department's part over its members
#         by base points;
#         both splits by the largest remainder, ties to the larger weight,
#         then to the earlier (in the case, in the staff file);
#   五    sanctions: warning and minor (per base point) amounts, a major
#         demerit the whole bonus, deducted first, up to the bonus;
#   三.4  then carried_in and assigned, up to cap% of the bonus (rounded
#         down to the fen) and up to what is left of it; the rest carried.

function fen(s,   i, w, f) {	# "12.3" -> 1230
	if (s == "")
		return 0
	i = index(s, ".")
	if (i == 0)
		return s * 100
	w = substr(s, 1, i - 1)
	f = substr(s "00", i + 1, 2)
	return w * 100 + f
}
function scaled(s, k,   i, w, f, z) {	# decimal s times 10^k, exactly
	i = index(s, ".")
	z = substr("000000000", 1, k)
	if (i == 0)
		return s * (10 ^ k)
	w = substr(s, 1, i - 1)
	f = substr(substr(s, i + 1) z, 1, k)
	return w * (10 ^ k) + f
}
function days(s,   y, m, d, era, yoe, doy, doe) {	# Hinnant's days_from_civil
	y = substr(s, 1, 4) + 0
	m = substr(s, 6, 2) + 0
	d = substr(s, 9, 2) + 0
	if (m <= 2)
		y--
	era = int(y / 400)
	yoe = y - era * 400
	doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}
function ym(z,   era, doe, yoe, doy, mp, m, y) {	# day -> "YYYY-MM"
	z += 719468
	era = int(z / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	m = mp < 10 ? mp + 3 : mp - 9
	y = yoe + era * 400 + (m <= 2)
	return sprintf("%04d-%02d", y, m)
}
function money(f) {
	return sprintf("%d.%02d", int(f / 100), f % 100)
}
function col(name) {
	if (!(name in c)) {
		print "penalty.awk: no column " name > "/dev/stderr"
		exit 3
	}
	return c[name]
}

# Split total over w[1..n] into part[1..n] by the largest remainder.
function apportion(total, n,   i, W, left, best, j) {
	W = 0
	for (i = 1; i <= n; i++)
		W += w[i]
	left = total
	for (i = 1; i <= n; i++) {
		part[i] = int(total * w[i] / W)
		rem[i] = total * w[i] - part[i] * W
		left -= part[i]
		got[i] = 0
	}
	for (; left > 0; left--) {
		best = 0
		for (j = 1; j <= n; j++)
			if (!got[j] && (best == 0 || rem[j] > rem[best] ||
			    (rem[j] == rem[best] && w[j] > w[best])))
				best = j
		got[best] = 1
		part[best]++
	}
}

# A unit's or department's part over its members by points.  Members of
# equal points have equal remainders, so the split works on the group's
# distinct point values (nv[g] of them) and gives the leftover fen, within
# a value, in staff order: O(values), not O(members), per part.
function spread(g, total,   P, k, v, q, left, best, j, seen, m, x) {
	P = gpoints[g]
	left = total
	for (k = 1; k <= nv[g]; k++) {
		v = val[g, k]
		q[k] = int(total * v / P)
		rr[k] = total * v - q[k] * P
		left -= q[k] * nval[g, k]
		for (m = 1; m <= nval[g, k]; m++)
			assigned[vmem[g, k, m]] += q[k]
		seen[k] = 0
	}
	while (left > 0) {
		best = 0
		for (j = 1; j <= nv[g]; j++)
			if (!seen[j] && (best == 0 || rr[j] > rr[best] ||
			    (rr[j] == rr[best] && val[g, j] > val[g, best])))
				best = j
		seen[best] = 1
		for (m = 1; m <= nval[g, best] && left > 0; m++) {
			assigned[vmem[g, best, m]]++
			left--
		}
	}
}

FNR == 1 {
	delete c
	for (i = 1; i <= NF; i++)
		c[$i] = i
	if (what == "staff") {
		cp = col("person"); cn = col("name"); cu = col("unit")
		cd = col("dept"); cb = col("base_points"); cbo = col("bonus")
	} else if (what == "sanctions") {
		sp = col("person"); sk = col("kind"); sc = col("count")
	} else if (what == "carry") {
		kp = col("person"); ko = col("carried_out")
	} else {
		xc = col("case"); xcl = col("closed"); xl = col("loss")
		xp = col("party"); xs = col("share"); xa = col("a_price")
		xr = col("resale_price"); xq = col("resale_qty")
		xd = col("resold")
	}
	next
}
what == "staff" {
	p = $cp
	order[++nstaff] = p
	name[p] = $cn
	dept[p] = $cd
	points[p] = scaled($cb, 3)
	bonus[p] = fen($cbo)
	# The party lookup: person, else unit, else department.
	member(p, "u" SUBSEP $cu)
	member(p, "d" SUBSEP $cd)
	isunit[$cu] = 1
	next
}
function member(p, g,   k, v) {
	gpoints[g] += points[p]
	v = points[p]
	if (!((g, "v", v) in vidx)) {
		vidx[g, "v", v] = ++nv[g]
		val[g, nv[g]] = v
	}
	k = vidx[g, "v", v]
	vmem[g, k, ++nval[g, k]] = p
}
what == "sanctions" {
	if ($sk == "warning")
		nwarn[$sp] += $sc
	else if ($sk == "minor")
		nminor[$sp] += $sc
	else if ($sk == "major")
		nmajor[$sp] += $sc
	next
}
what == "carry" {
	carried[$kp] = fen($ko)
	next
}
{
	# 一: the loss used and the month the case is charged in.
	closed = days($xcl)
	if ($xa == "") {
		charged = substr($xcl, 1, 7)
		loss = fen($xl)
	} else if ($xd != "" && days($xd) - closed <= resale_days) {
		charged = substr($xd, 1, 7)
		loss = (fen($xa) - fen($xr)) * $xq
	} else {
		charged = ym(closed + resale_days)
		loss = fen($xl)
	}
	if (charged != month)
		next
	k = $xc
	if (!(k in caseloss)) {
		cases[++ncases] = k
		caseloss[k] = loss
	}
	cparty[k, ++nparty[k]] = $xp
	cshare[k, nparty[k]] = scaled($xs, 2)
}
END {
	# 二, then 三.3/四.2: each case over its parties, each group's part
	# over its members.
	for (i = 1; i <= ncases; i++) {
		k = cases[i]
		n = nparty[k]
		for (j = 1; j <= n; j++)
			w[j] = cshare[k, j]
		apportion(caseloss[k], n)
		for (j = 1; j <= n; j++) {
			x = cparty[k, j]
			if (x in name)
				assigned[x] += part[j]
			else if (x in isunit)
				spread("u" SUBSEP x, part[j])
			else
				spread("d" SUBSEP x, part[j])
		}
	}
	print "month,person,name,dept,bonus,carried_in,assigned,sanctions,due,cap,deducted,carried_out"
	for (i = 1; i <= nstaff; i++) {
		p = order[i]
		B = bonus[p]
		# 五: warnings, minor demerits per base point, a major the bonus.
		S = nwarn[p] * warning * 100 + nminor[p] * minor * 100 * points[p] / 1000
		if (nmajor[p] > 0)
			S += B
		due = carried[p] + assigned[p] + S
		if (due <= 0)
			continue
		sd = S < B ? S : B
		capv = int(B * cap / 100)
		cd = carried[p] + assigned[p]
		if (cd > capv)
			cd = capv
		if (cd > B - sd)
			cd = B - sd
		printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", month, p, name[p],
		    dept[p], money(B), money(carried[p]), money(assigned[p]),
		    money(S), money(due), money(capv), money(sd + cd),
		    money(due - sd - cd)
	}
}

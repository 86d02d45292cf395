# bench/lib.sh: the helpers bench/run.sh (the survey part),
# bench/complaint.sh, bench/receive.sh, bench/grade.sh, bench/penalty.sh,
# bench/sample.sh, bench/scale.sh and bench/growth.sh share, sourced
# after they set BUILD; measure, report and alternate want OUT (the part's
# output directory) too, and measure TIME (/usr/bin/time, or empty when
# it is missing).

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# numbers WHAT VALUE...: each VALUE a whole number, or die saying WHAT.
numbers() {
	numbers_what=$1
	shift
	for numbers_v
	do
		case $numbers_v in
		'' | *[!0-9]*) die "$numbers_what are numbers, not '$numbers_v'" ;;
		esac
	done
}

# built PROGRAM...: each one built, or die.
built() {
	for built_p
	do
		[ -x "$built_p" ] || die "$built_p is not built: run make bench"
	done
}

# tools [mlr]: hyperfine, or die; TIME emptied without /usr/bin/time (no
# memory figures); with mlr, HAVE_MLR=1 when Miller is there.
tools() {
	command -v hyperfine >/dev/null 2>&1 || die "hyperfine is needed"
	[ -x "$TIME" ] || { say "no $TIME (package time): no memory figures"; TIME=; }
	HAVE_MLR=
	if [ "${1-}" = mlr ]; then
		command -v mlr >/dev/null 2>&1 && HAVE_MLR=1
		[ -n "$HAVE_MLR" ] || say "no mlr: Miller left out"
	fi
}

put() {	# put FILE COMMAND: FILE from COMMAND's output, or nothing
	if ! sh -c "$2" >"$1.tmp" || ! mv "$1.tmp" "$1"; then
		rm -f "$1.tmp"
		die "cannot generate $1"
	fi
}

# BAD is read by the scripts that source this file.
# shellcheck disable=SC2034
BAD=
# shellcheck disable=SC2034
bad() { say "check: $*"; BAD=1; }
measure() {	# measure NAME COMMAND: $OUT/NAME.out, $OUT/rss.NAME; 0 if exit 0
	rm -f "$OUT/rss.$1"
	if [ -n "$TIME" ]; then
		set -- "$1" "$2" "$TIME" -f %M -o "$OUT/rss.$1"
	else
		set -- "$1" "$2"
	fi
	n=$1 c=$2
	shift 2
	if ! "$@" sh -c "exec $c" >"$OUT/$n.out" 2>"$OUT/$n.err"; then
		bad "$n fails: $c"
		head -5 "$OUT/$n.err" >&2
		rm -f "$OUT/rss.$n"
		return 1
	fi
}

# report NAMES PROGRAM [ARG]...: the results of the part's hyperfine run
# ($OUT/bench.csv), one row a command in its order: median seconds, time
# over cm's (the row named cm), peak memory of the NAMES measured
# ($OUT/rss.NAME, "-" without one); then the targets PROGRAM prints.
# Into $OUT/report.txt as well.
#
# PROGRAM is awk appended to the shared part below (so the part's rules
# on further files follow the shared ones).  It defines note(x), the
# remark at the end of x's row, and an END that calls table() first,
# then targets("cm-NAME") before the targets (0: no cm row, it said so).
# mib(x) is x's peak in MiB or "-", mark(ok) PASS or MISS, med[x] and
# rss[x] (KiB) the figures.  ARG...: awk's operands before the two files,
# variables (n=100) and further files; norel=REGEX names the rows whose
# time is not set against cm's (they time other work).
report() {
	for f in $1; do
		# GNU time writes "Command exited with non-zero status 1"
		# first when a command exits 1: the figure is last.
		printf '%s %s\n' "$f" \
		    "$(tail -n 1 "$OUT/rss.$f" 2>/dev/null || echo -)"
	done >"$OUT/rss.all"
	prog=$2
	shift 2
	awk -F, '
FILENAME ~ /rss\.all$/ { split($0, f, " "); rss[f[1]] = f[2]; next }
FNR == 1 { next }
FILENAME ~ /bench\.csv$/ { name[++k] = $1; med[$1] = $4; next }
function mib(x) {
	if (rss[x] == "-" || rss[x] == "")
		return "-"
	return sprintf("%.1f", rss[x] / 1024)
}
function mark(ok) { return ok ? "PASS" : "MISS" }
function table(    i, x, w) {
	cm = ("cm" in med) ? med["cm"] : 0
	w = 10	# the name column: as wide as the longest name
	for (i = 1; i <= k; i++)
		if (length(name[i]) > w)
			w = length(name[i])
	printf "\n%-*s %10s %10s %10s  %s\n", w, "name", "median s",
	    cm ? "time/cm" : "", "peak MiB", ""
	for (i = 1; i <= k; i++) {
		x = name[i]
		printf "%-*s %10.3f %10s %10s  %s\n", w, x, med[x],
		    cm && (norel == "" || x !~ norel) ? \
		    sprintf("%.2fx", med[x] / cm) : "", mib(x), note(x)
	}
}
function targets(cmd) {
	if (!cm) {
		print "\ntargets: n/a (no " cmd ")"
		return 0
	}
	print "\ntargets:"
	return 1
}
'"$prog" "$@" "$OUT/rss.all" "$OUT/bench.csv" | tee "$OUT/report.txt"
}

# alternate NAME A PREP-A CMD-A B PREP-B CMD-B: the ratio of A's time to
# B's, measured in alternation: a pair not counted (the warm-up: page
# cache, first-run costs), then PAIRS pairs (BENCH_PAIRS, default 11),
# each a run of A, then a run of B.  Each run follows its PREP, a shell
# command that is not timed (":" for none): the state the run must start
# from, as hyperfine's --prepare.
#
# Why alternate: this machine has 2 cores and other engineers build and
# test on it, so the load drifts over seconds.  Timed in blocks (every run
# of A, then every run of B, as hyperfine does), A and B see different
# loads, and the ratio of their medians moved from 1.09x to 1.7x between
# two runs of the survey part.  A run of A and the run of B beside it see
# nearly the same load: the ratio of each pair holds still, and so does
# the ratio of the medians.  The spread of the pairs' ratios (least and
# greatest) shows how still.
#
# Each run is sh -c CMD under bench/clocks, which gives its wall time and
# its CPU time (user+system, the command's descendants included) to the
# microsecond; stdout goes to /dev/null, stderr to $OUT/alt.NAME.err.
# Writes $OUT/alt.NAME.runs (a line a run: pair, A or B, wall s, CPU s)
# and $OUT/alt.NAME, one line:
#
#	A B PAIRS WALL-A WALL-B WALL-A/B WALL-LEAST WALL-MOST
#	          CPU-A  CPU-B  CPU-A/B  CPU-LEAST  CPU-MOST
#
# the medians in seconds, the ratio of the medians and the least and
# greatest ratio of a pair; prints it as alt_summary does.  A preparation
# or a run that fails is reported through bad and ends the measurement:
# status 1, no $OUT/alt.NAME.
PAIRS=${BENCH_PAIRS:-11}
CLOCKS=${BUILD:-build/opt}/bench/clocks
alternate() {
	case $PAIRS in
	'' | *[!0-9]* | 0) die "BENCH_PAIRS must be a number, at least 1, not '$PAIRS'" ;;
	esac
	[ -x "$CLOCKS" ] || die "$CLOCKS is not built: run make bench"
	alt=$OUT/alt.$1
	rm -f "$alt" "$alt.runs" "$alt.t"
	say "alternating $2 and $5, $PAIRS pairs"
	# alt_ names: this runs inside the caller's shell, whose own i, n,
	# p and c it must leave alone.
	alt_i=0
	while [ "$alt_i" -le "$PAIRS" ]; do
		for alt_side in A B; do
			if [ $alt_side = A ]; then
				alt_n=$2 alt_p=$3 alt_c=$4
			else
				alt_n=$5 alt_p=$6 alt_c=$7
			fi
			if ! sh -c "$alt_p" >/dev/null 2>"$alt.err"; then
				bad "$1: the preparation for $alt_n fails: $alt_p"
				head -5 "$alt.err" >&2
				return 1
			fi
			if ! "$CLOCKS" "$alt.t" sh -c "$alt_c" >/dev/null \
			    2>"$alt.err"; then
				bad "$1: $alt_n fails: $alt_c"
				head -5 "$alt.err" >&2
				return 1
			fi
			[ "$alt_i" -eq 0 ] ||
				echo "$alt_i $alt_side $(cat "$alt.t")" >>"$alt.runs"
		done
		alt_i=$((alt_i + 1))
	done
	rm -f "$alt.t"
	awk -v a="$2" -v b="$5" '
	{ v[$2, "w", $1] = $3; v[$2, "c", $1] = $4; if ($1 > n) n = $1 }
	function median(side, clock,    i, j, x, s) {
		for (i = 1; i <= n; i++) {	# insertion sort: n is small
			x = v[side, clock, i]
			for (j = i - 1; j >= 1 && s[j] > x; j--)
				s[j + 1] = s[j]
			s[j + 1] = x
		}
		return n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2
	}
	function spread(clock,    i, r, lo, hi) {
		for (i = 1; i <= n; i++) {
			r = v["A", clock, i] / v["B", clock, i]
			if (i == 1 || r < lo)
				lo = r
			if (i == 1 || r > hi)
				hi = r
		}
		return sprintf("%.4f %.4f", lo, hi)
	}
	function half(clock,    ma, mb) {
		ma = median("A", clock)
		mb = median("B", clock)
		return sprintf("%.6f %.6f %.4f %s", ma, mb, ma / mb,
		    spread(clock))
	}
	END { print a, b, n, half("w"), half("c") }
	' "$alt.runs" >"$alt.tmp" || die "cannot summarise $alt.runs"
	mv "$alt.tmp" "$alt"
	alt_summary "$1"
}

# alt_summary NAME: alternate's figures for NAME as one line: NAME, the
# medians of A and of B in seconds, their ratio and the spread of the
# pairs' ratios, for each clock; nothing if NAME was not measured.
alt_summary() {
	[ -f "$OUT/alt.$1" ] || return 0
	awk -v name="$1" '{ printf "  %s: %s / %s, %d pairs: wall %.3f / " \
	    "%.3f s = %.2fx (pairs %.2f-%.2fx); CPU %.3f / %.3f s = %.2fx " \
	    "(pairs %.2f-%.2fx)\n", name, $1, $2, $3, $4, $5, $6, $7, $8, $9,
	    $10, $11, $12, $13 }' "$OUT/alt.$1"
}

# alt_target WIDTH LABEL NAME CLOCK OP LIMIT [NOTE]: a target line from
# alternate's figures for NAME: LABEL (padded to WIDTH), the ratio A/B of
# the medians on CLOCK (wall or cpu), PASS or MISS as it is OP (<= or >=)
# LIMIT, then which clock judged, the spread of the pairs on it and the
# ratio on the other clock, then NOTE; "n/a" when NAME was not measured.
alt_target() {
	if [ ! -f "$OUT/alt.$3" ]; then
		printf '  %-*s %8s  (not measured)\n' "$1" "$2" n/a
		return 0
	fi
	awk -v w="$1" -v label="$2" -v clock="$4" -v op="$5" -v lim="$6" \
	    -v note="${7:+ $7}" '
	{
		if (clock == "wall") {
			r = $6; lo = $7; hi = $8
			name = "wall time"
			other = sprintf("CPU %.2fx", $11)
		} else {
			r = $11; lo = $12; hi = $13
			name = "CPU time"
			other = sprintf("wall %.2fx", $6)
		}
		ok = op == "<=" ? (r + 0 <= lim + 0) : (r + 0 >= lim + 0)
		printf "  %-*s %7.2fx  %s  (%s, %d pairs %.2f-%.2fx; %s)%s\n",
		    w, label, r, ok ? "PASS" : "MISS", name, $3, lo, hi,
		    other, note
	}' "$OUT/alt.$3"
}

# bench/lib.sh: the helpers bench/receive.sh, bench/grade.sh,
# bench/penalty.sh, bench/sample.sh, bench/scale.sh and bench/growth.sh
# share, sourced after they set OUT (the part's output directory) and
# TIME (/usr/bin/time, or empty when it is missing).

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

put() {	# put FILE COMMAND: FILE from COMMAND's output, or nothing
	if ! sh -c "$2" >"$1.tmp" || ! mv "$1.tmp" "$1"; then
		rm -f "$1.tmp"
		die "cannot generate $1"
	fi
}

BAD=
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

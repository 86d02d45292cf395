#!/bin/sh
# bench/sample.sh: the cm-sample part of `make bench` (run by bench/run.sh
# when BENCH names sample).  On one generated list of BENCH_HOUSEHOLDS
# households (1,000,000 by default, bench/genhouseholds) in BENCH_ESTATES
# estates (1,000), it times in one hyperfine run
#
#	cm             cm-sample --rate 10 --by estate --seed 2026-11: 10% of
#	               every estate, by the keyed hash (three passes over
#	               the file)
#	miller         mlr sample -k K -g estate, K = households / estates /
#	               10: reservoir sampling of K per estate, one pass; not
#	               the same pick, the same job
#	awk            bench/sample.awk: the file read twice, ceil(10%) of
#	               each estate by selection sampling, as a user would
#	               write it; not the same pick either (rand() is not
#	               keyed on the household)
#	wc             wc -l, the floor of reading the bytes
#	libcsv         bench/csvcount, the floor of parsing them with libcsv
#
# and prints the medians, the ratios and peak memory (/usr/bin/time -f
# %M).  The issue's target is memory: it grows with the households kept
# per stratum, not with the file, so cm-sample at 1% is measured on the
# first tenth of the list and on the whole (the same 1,000 estates, 1,491
# and 10,462 picks at the defaults, each estate's 1% rounded up): the file
# grows ten times, the peak by what 9,000 picks take, and must grow by
# less than 4 MiB.  Targets are reported, never enforced.
#
#	BUILD=build/opt [BENCH_HOUSEHOLDS=1000000] [BENCH_ESTATES=1000]
#	    [BENCH_RUNS=3] [BENCH_SAMPLE=bin/cm-sample] sh bench/sample.sh
#
# Before timing, the outputs are checked: cm and awk take exactly
# ceil(10% of each estate) and Miller min(K, estate); cm's rows are rows
# of the file, and cm picks the same households from the file with its
# rows shuffled (the keyed hash does not see the order).  A failed check
# is printed, as it makes the times meaningless.
#
# The list is cached in bench/out/sample/ and made again only when a count
# or the generator changes.  cm-sample is copied aside first
# (bench/out/sample/bin), so that a build relinking bin/ halfway cannot
# change what is under test.
set -eu

cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD:-build/opt}
N=${BENCH_HOUSEHOLDS:-1000000}
E=${BENCH_ESTATES:-1000}
RUNS=${BENCH_RUNS:-3}
SRC_CM=${BENCH_SAMPLE:-bin/cm-sample}
OUT=bench/out/sample
GEN=$BUILD/bench/genhouseholds
CSVCOUNT=$BUILD/bench/csvcount
H=$ROOT/$OUT/households.csv
HSMALL=$ROOT/$OUT/households-small.csv
HSHUF=$ROOT/$OUT/households-shuffled.csv
CM=$ROOT/$OUT/bin/cm-sample
TIME=/usr/bin/time

. "$ROOT/bench/lib.sh"

numbers "BENCH_HOUSEHOLDS, BENCH_ESTATES and BENCH_RUNS" "$N" "$E" "$RUNS"
[ "$E" -ge 1 ] || die "BENCH_ESTATES must be at least 1"
[ "$N" -ge $((E * 10)) ] || die "BENCH_HOUSEHOLDS must be at least 10 an estate"
[ "$RUNS" -ge 2 ] || die "BENCH_RUNS must be at least 2"
built "$GEN" "$CSVCOUNT"
tools mlr
SMALLN=$((N / 10))
K=$((N / E / 10))
AWKNAME="$(basename "$(readlink -f "$(command -v awk)")") -F,"

# 1. Data, made again when a count or the generator changes; written
# aside and renamed, so an interrupted run leaves no short file.  The
# small list is the head of the big one (genhouseholds writes the same
# first rows whatever the count), in the same estates.
mkdir -p "$OUT"
stamp=$OUT/households
if [ "$(cat "$stamp" 2>/dev/null)" != "$N $E" ] ||
   [ -n "$(find "$GEN" -newer "$stamp" 2>/dev/null)" ] ||
   [ ! -f "$H" ] || [ ! -f "$HSMALL" ] || [ ! -f "$HSHUF" ]; then
	say "generating $N households in $E estates into $OUT/"
	rm -f "$stamp"
	put "$H" "$GEN $N $E"
	put "$HSMALL" "head -n $((SMALLN + 1)) $H"
	put "$HSHUF" "{ head -n 1 $H; tail -n +2 $H | shuf --random-source=$H; }"
	echo "$N $E" >"$stamp"
fi
bytes=$(wc -c <"$H")
printf '\nhousehold list: %s households in %s estates, %s bytes (%s MB); the first %s for the memory check\n' \
	"$N" "$E" "$bytes" "$(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 }")" \
	"$SMALLN"

# 2. The program under test, copied aside (see above).
HAVE_CM=
rm -rf "${OUT:?}/bin"
if [ ! -x "$SRC_CM" ]; then
	say "$SRC_CM is not built yet: timing the peers and the floor only"
else
	mkdir -p "$OUT/bin"
	cp "$SRC_CM" "$CM"
	HAVE_CM=1
	flavour=$(cat bin/.flavour 2>/dev/null) || flavour=
	if LC_ALL=C grep -q -a '__asan_init\|__ubsan_handle' "$CM"; then
		say "warning: $SRC_CM is a sanitizer build; times are not representative"
	else
		case $flavour in
		'' | */opt) ;;
		*) say "warning: bin/ is a '$flavour' build; times are not representative" ;;
		esac
	fi
fi
CMP="$CM --by estate --seed 2026-11"
MLRP="mlr --icsv --ocsv sample -k $K -g estate"
AWKP="awk -F, -v rate=10 -f $ROOT/bench/sample.awk"

# 3. Same job, and peak memory (maximum resident set, KiB): one run of
# each, its output kept and checked.  counts FILE: "estate count" lines,
# sorted, of a sample (the estate is the first column of every output).
counts() {
	awk -F, 'NR > 1 { n[$1]++ } END { for (k in n) print k, n[k] }' "$1" |
		LC_ALL=C sort
}
# The counts each estate should get: ceil(10%) (cm, awk), min(K, n)
# (Miller).
awk -F, -v k="$K" 'NR > 1 { n[$1]++ }
END { for (e in n) print e, int((n[e] * 10 + 99) / 100) > "/dev/stdout"
      for (e in n) print e, (n[e] < k ? n[e] : k) > "/dev/stderr" }' "$H" \
	2>"$OUT/want.mlr" | LC_ALL=C sort >"$OUT/want.ceil"
LC_ALL=C sort -o "$OUT/want.mlr" "$OUT/want.mlr"
if [ -n "$HAVE_CM" ]; then
	if measure cm "$CMP --rate 10 $H" &&
	   measure cm-1pct "$CMP --rate 1 $H" &&
	   measure cm-1pct-small "$CMP --rate 1 $HSMALL" &&
	   measure cm-shuffled "$CMP --rate 10 $HSHUF"; then
		counts "$OUT/cm.out" >"$OUT/cm.counts"
		if cmp -s "$OUT/cm.counts" "$OUT/want.ceil"; then
			echo "check: cm takes ceil(10%) of each of the $E estates ($(($(wc -l <"$OUT/cm.out") - 1)) households)"
		else
			bad "cm's counts per estate are not ceil(10%) ($OUT/cm.counts, want.ceil)"
		fi
		# Rows unchanged: each output row less ",random" is a row of
		# the list.
		if sed -n '2,$s/,random$//p' "$OUT/cm.out" |
		    LC_ALL=C sort >"$OUT/cm.rows" &&
		   tail -n +2 "$H" | LC_ALL=C sort | LC_ALL=C comm -23 \
		    "$OUT/cm.rows" - | head -1 | grep -q .; then
			bad "cm prints a row that is not in the list"
		else
			echo "check: cm's rows are rows of the list, each with reason random"
		fi
		if [ "$(cut -d, -f3 "$OUT/cm.out" | LC_ALL=C sort)" = \
		     "$(cut -d, -f3 "$OUT/cm-shuffled.out" | LC_ALL=C sort)" ]; then
			echo "check: cm picks the same households from the shuffled list"
		else
			bad "cm picks other households from the shuffled list"
		fi
	else
		say "$SRC_CM fails on the list: timing the peers and the floor only"
		HAVE_CM=
	fi
fi
if measure awk "$AWKP $H $H"; then
	counts "$OUT/awk.out" >"$OUT/awk.counts"
	if cmp -s "$OUT/awk.counts" "$OUT/want.ceil"; then
		echo "check: awk takes ceil(10%) of each estate, as cm"
	else
		bad "awk's counts per estate are not ceil(10%)"
	fi
else
	die "awk fails on the list"
fi
if [ -n "$HAVE_MLR" ] && measure miller "$MLRP $H"; then
	counts "$OUT/miller.out" >"$OUT/miller.counts"
	if cmp -s "$OUT/miller.counts" "$OUT/want.mlr"; then
		echo "check: miller takes min($K, estate) of each estate"
	else
		bad "miller's counts per estate are not min($K, estate)"
	fi
else
	HAVE_MLR=
fi
measure libcsv "$CSVCOUNT $H" || die "$CSVCOUNT fails"
[ -z "$BAD" ] || say "check: the peers do not all do the same job; read the times with care"
[ -n "$BAD" ] || rm -f "$OUT"/*.out "$OUT/cm.rows"

# 4. Times: one hyperfine run, so every command sees the same machine
# state.  Names double as keys for the table below.
set --
[ -n "$HAVE_CM" ] && set -- "$@" -n cm "$CMP --rate 10 $H"
[ -n "$HAVE_MLR" ] && set -- "$@" -n miller "$MLRP $H"
set -- "$@" -n awk "$AWKP $H $H" -n wc "wc -l $H" -n libcsv "$CSVCOUNT $H"
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$OUT/bench.json" \
	--export-csv "$OUT/bench.csv" "$@"

# 5. The table and the targets.
for f in cm cm-1pct cm-1pct-small miller awk libcsv; do
	printf '%s %s\n' "$f" "$(cat "$OUT/rss.$f" 2>/dev/null || echo -)"
done >"$OUT/rss.all"
awk -F, -v n="$N" -v smalln="$SMALLN" -v awkname="$AWKNAME" '
FILENAME ~ /rss.all$/ { split($0, f, " "); rss[f[1]] = f[2]; next }
FNR == 1 { next }
{ name[++k] = $1; med[$1] = $4 }
function mib(x) {
	if (rss[x] == "-" || rss[x] == "")
		return "-"
	return sprintf("%.1f", rss[x] / 1024)
}
function mark(ok) { return ok ? "PASS" : "MISS" }
END {
	cm = ("cm" in med) ? med["cm"] : 0
	printf "\n%-10s %10s %10s %10s  %s\n", "name", "median s",
	    cm ? "time/cm" : "", "peak MiB", ""
	for (i = 1; i <= k; i++) {
		x = name[i]
		printf "%-10s %10.3f %10s %10s  %s\n", x, med[x],
		    cm ? sprintf("%.2fx", med[x] / cm) : "", mib(x),
		    x == "awk" ? "(" awkname "; two passes)" : \
		    x == "cm" ? "(three passes)" : ""
	}
	if (!cm) {
		print "\ntargets: n/a (no cm-sample)"
		exit
	}
	print "\ntargets:"
	if ("miller" in med)
		printf "  %-38s %7.2fx  (not a target)\n",
		    "faster than Miller sample -k -g", med["miller"] / cm
	printf "  %-38s %7.2fx  (not a target)\n", "faster than awk",
	    med["awk"] / cm
	printf "  %-38s %7.2fx  (not a target)\n", "of the bare libcsv pass",
	    cm / med["libcsv"]
	if (mib("cm-1pct") != "-" && mib("cm-1pct-small") != "-")
		printf "  %-38s %s / %s MiB at %d / %d households  %s\n",
		    "memory at 1% (growth < 4 MiB)", mib("cm-1pct"),
		    mib("cm-1pct-small"), n, smalln,
		    mark(rss["cm-1pct"] - rss["cm-1pct-small"] < 4096)
}' "$OUT/rss.all" "$OUT/bench.csv" | tee "$OUT/report.txt"

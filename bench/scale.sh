#!/bin/sh
# bench/scale.sh: the scale-out part of `make bench` (run by bench/run.sh
# when BENCH names scale).  On the survey part's file of BENCH_ROWS rows
# (bench/out/survey.csv, made by bench/survey-data.sh if the survey part
# has not made it), it times in one hyperfine run
#
#	cm          cm-survey-calc -g period,product_type -i (five items):
#	            the single run, one process
#	pipepart    the same split over every core with GNU parallel:
#	            parallel --pipepart -a FILE --header 1 --block
#	            BENCH_SCALE_BLOCK (default -1: one part a job slot)
#	            cm-survey-calc --partial ... | cm-survey-calc --merge
#	pipe        the same with the split cm-survey-calc(1) prints:
#	            parallel --pipe --header 1 --block 10M < FILE, where
#	            parallel copies every byte through itself
#	split       the --pipepart split alone, each part into wc -c: what
#	            the split costs before cm-survey-calc does any work
#	            (parallel, a Perl program, takes about 0.2 s to start)
#
# and prints the medians, the wall-time ratios to the single run and peak
# memory (/usr/bin/time -f %M: the largest process of the pipeline)
# through bench/lib.sh's report table.  With --header, parallel holds each
# block in memory to put the header in front of it, so the peak of the
# --pipepart split is about its block: at the default -1, half the file
# on 2 cores (720 MiB at 10M rows); -4 makes it a quarter of that.  --header 1 puts the header line in
# front of every part, so each part is a survey of its own; the file has
# no line break inside a quoted field, so cutting it at line ends is
# right (the page says the split is only for such files).
#
#	BUILD=build/opt [BENCH_ROWS=1000000] [BENCH_RUNS=5]
#	    [BENCH_SCALE_BLOCK=-1] [BENCH_CM=bin/cm-survey-calc]
#	    sh bench/scale.sh
#
# Before timing, each split's merged output (and its messages and exit
# status) is compared with the single run's byte for byte, and the parts
# of the --pipepart split are counted.  A difference is a wrong answer,
# not a slow one: it is printed as FAIL and the part exits 1 without
# timing anything.  The ratios are reported, never enforced: PASS when
# the split is faster than the single run.  On 2 cores the split pays
# only on large files: starting parallel alone takes about 0.2 s.
#
# cm-survey-calc is copied aside first (bench/out/scale/bin), so that a
# build relinking bin/ halfway cannot change what is under test.
set -eu

cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD:-build/opt}
ROWS=${BENCH_ROWS:-1000000}
RUNS=${BENCH_RUNS:-5}
BLOCK=${BENCH_SCALE_BLOCK:--1}
SRC_CM=${BENCH_CM:-bin/cm-survey-calc}
GEN=$BUILD/bench/gensurvey
TIME=/usr/bin/time

. "$ROOT/bench/lib.sh"
. "$ROOT/bench/survey-data.sh"

case $ROWS in
'' | *[!0-9]*) die "BENCH_ROWS must be a number of rows, not '$ROWS'" ;;
esac
[ "$ROWS" -ge 10 ] || die "BENCH_ROWS must be at least 10"
case $RUNS in
'' | *[!0-9]* | [01]) die "BENCH_RUNS must be a number, at least 2, not '$RUNS'" ;;
esac
case $BLOCK in
-[0-9]* | [0-9]*) ;;
*) die "BENCH_SCALE_BLOCK must be a parallel --block size (10M, -1), not '$BLOCK'" ;;
esac
[ -x "$GEN" ] || die "$GEN is not built: run make bench"
[ -x "$SRC_CM" ] || die "$SRC_CM is not built: run make bench"
command -v hyperfine >/dev/null 2>&1 || die "hyperfine is needed"
command -v parallel >/dev/null 2>&1 ||
	die "GNU parallel is needed (apt-get install parallel; mk/deps.sh installs it)"
[ -x "$TIME" ] || { say "no $TIME (package time): no memory figures"; TIME=; }

# 1. Data: the survey part's files, made here if it has not run.
OUT=bench/out
SROWS=$((ROWS / 10))
survey_data
CSV=$ROOT/$OUT/survey.csv
OUT=bench/out/scale
mkdir -p "$OUT"
CORES=$(parallel --number-of-cores)
bytes=$(wc -c <"$CSV")
printf '\nscale-out: survey.csv, %s rows, %s bytes (%s MB), split over %s cores\n' \
	"$ROWS" "$bytes" "$(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 }")" \
	"$CORES"

# 2. The program under test, copied aside (see above).
rm -rf "${OUT:?}/bin"
mkdir -p "$OUT/bin"
CM=$ROOT/$OUT/bin/cm-survey-calc
cp "$SRC_CM" "$CM"
if LC_ALL=C grep -q -a '__asan_init\|__ubsan_handle' "$CM"; then
	say "warning: $SRC_CM is a sanitizer build; times are not representative"
fi

G="-g period,product_type -i quality,delivery,cooperation,improvement,service"
SINGLE="$CM $G $CSV"
MERGE="$CM --merge $G"
PIPEPART="parallel --pipepart -a $CSV --header 1 --block $BLOCK $CM --partial $G | $MERGE"
PIPE="parallel --pipe --header 1 --block 10M $CM --partial $G < $CSV | $MERGE"
SPLIT="parallel --pipepart -a $CSV --header 1 --block $BLOCK wc -c"

# 3. Same answer, byte for byte, and peak memory: one run of each.
fail() {
	say "FAIL: $*"
	say "FAIL: the split run's answer is wrong; nothing timed"
	exit 1
}
measure cm "$SINGLE" || fail "the single run fails"
for x in pipepart pipe; do
	if [ $x = pipepart ]; then c=$PIPEPART; else c=$PIPE; fi
	measure $x "$c" || fail "$x: the split run fails: $c"
	if ! cmp -s "$OUT/cm.out" "$OUT/$x.out"; then
		diff "$OUT/cm.out" "$OUT/$x.out" | head -10 >&2
		fail "$x: the merged output differs from the single run's ($OUT/cm.out, $OUT/$x.out)"
	fi
	cmp -s "$OUT/cm.err" "$OUT/$x.err" ||
		fail "$x: the merged messages differ from the single run's ($OUT/cm.err, $OUT/$x.err)"
	echo "check: $x: the merged output is the single run's, byte for byte ($(wc -l <"$OUT/cm.out") lines)"
done
# A part is a partial, each with its header line.  $G is words: split
# on purpose.
# shellcheck disable=SC2086
parts=$(parallel --pipepart -a "$CSV" --header 1 --block "$BLOCK" \
	"$CM" --partial $G | grep -c '^period,product_type,item,stat,value$') ||
	fail "cannot count the parts of the --pipepart split"
echo "check: pipepart: $parts parts (--block $BLOCK)"
[ "$parts" -ge 2 ] || say "warning: the --pipepart split made $parts part; nothing runs side by side"

# 4. Times: one hyperfine run, so every command sees the same machine
# state.  Names double as keys for the table below.
hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/bench.json" \
	--export-csv "$OUT/bench.csv" \
	-n cm "$SINGLE" -n pipepart "$PIPEPART" -n pipe "$PIPE" -n split "$SPLIT"

# 5. The table and the ratios.
report "cm pipepart pipe" '
function note(x) {
	return x == "cm" ? "(one process)" : \
	    x == "pipepart" ? "(parallel --pipepart, " parts " parts, --merge)" : \
	    x == "pipe" ? "(parallel --pipe --block 10M, the page; --merge)" : \
	    "(the --pipepart split alone, into wc -c)"
}
END {
	table()
	if (!targets("cm-survey-calc"))
		exit
	printf "  %-38s %s\n", "merged output = the single run", "PASS (byte for byte)"
	printf "  %-38s %7.2fx  %s (%d cores; ideal %.2fx)\n",
	    "split/single wall time, --pipepart", med["pipepart"] / cm,
	    mark(med["pipepart"] < cm), cores, 1 / cores
	printf "  %-38s %7.2fx  %s\n", "split/single wall time, --pipe",
	    med["pipe"] / cm, mark(med["pipe"] < cm)
	printf "  %-38s %7.2fx  (not a target: the split alone)\n",
	    "split overhead/single wall time", med["split"] / cm
}' parts="$parts" cores="$CORES"

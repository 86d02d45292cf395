#!/bin/sh
# bench/growth.sh: the cost-growth part of `make bench` (run by
# bench/run.sh when BENCH names growth).  How time and peak memory
# (/usr/bin/time -f %M) grow with the input, per 10x:
#
#	survey-N     cm-survey-calc -g period,product_type -i (five items)
#	             on a survey of N rows (bench/gensurvey, as the survey
#	             part makes it), N = 100k, 1M, 10M
#	overdue-N    cm-complaint overdue --as-of 2026-11-23 (a read)
#	list-N       cm-complaint list --status=open (a read)
#	libcsv-N     bench/csvcount on the register: the floor of any read
#	set-N        cm-complaint set 261105 dept=品质部 (a rewrite)
#	durable-N    bench/durable on the register: the floor of any safe
#	             rewrite (one libcsv pass, one fsynced copy renamed over)
#	             on a register of N cases (bench/gencomplaints) with the
#	             history log that made it, N = 10k, 100k, 1M
#
# and prints them through bench/lib.sh's report table, then the ratios
# per 10x and the targets of issue 15: the survey's memory flat (peak at
# the largest size within 1.5x of 100k); the register's time linear in
# it only where it must rewrite it, so every command's time grows over
# the top 10x (100k to 1M cases) no more than its floor's does, within
# 1.25x (a read no faster than the bare libcsv pass, set no faster than
# the durable rewrite).  The top 10x, because at 10k cases a run takes
# 20 ms and starting the process and fsync weigh more than the cases.
# Targets are reported, never enforced.
#
#	BUILD=build/opt [BENCH_GROWTH_MAX=10000000] [BENCH_RUNS=3]
#	    [BENCH_CM=bin/cm-survey-calc] [BENCH_COMPLAINT=bin/cm-complaint]
#	    sh bench/growth.sh
#
# BENCH_GROWTH_MAX leaves out the sizes above it, for both commands:
# 1000000 skips the 10M-row survey (730 MB, the longest step), 100000
# the 1M-case register as well.  At the default, on 2 cores, the part
# takes about two minutes, 20 s more the first time (the 1M-case
# register's log is 1.6 GB to generate); the inputs are cached in
# bench/out/growth/ (3.1 GB) and made again only when a generator
# changes.
#
# Each set (and durable) run starts from the register as generated
# (hyperfine --prepare copies it back, cuts the log back to its
# generated length, which drops set's one transaction), then one set of
# the same cell to another value and a sync: a commit leaves the log's
# position record, so the timed set opens the register as every set
# after another does, without a pass over the log (cutting the log back
# made the record stale, and a set after that scans the 1.6 GB log of
# the 1M-case register once, mapping it whole).  The
# programs and share/cm are copied aside first (bench/out/growth/bin and
# share, CM_SHARE pointing there), so that a build relinking bin/ halfway
# cannot change what is under test.
set -eu

cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD:-build/opt}
MAX=${BENCH_GROWTH_MAX:-10000000}
RUNS=${BENCH_RUNS:-3}
SRC_SURVEY=${BENCH_CM:-bin/cm-survey-calc}
SRC_COMPLAINT=${BENCH_COMPLAINT:-bin/cm-complaint}
OUT=bench/out/growth
GENSURVEY=$BUILD/bench/gensurvey
GENCOMPLAINTS=$BUILD/bench/gencomplaints
CSVCOUNT=$BUILD/bench/csvcount
DURABLE=$BUILD/bench/durable
TODAY=2026-11-23		# the day gencomplaints' register ends
SETID=261105			# a case of November 2026, there at any size
TIME=/usr/bin/time

. "$ROOT/bench/lib.sh"

numbers "BENCH_GROWTH_MAX and BENCH_RUNS" "$MAX" "$RUNS"
[ "$MAX" -ge 100000 ] || die "BENCH_GROWTH_MAX must be at least 100000 (two sizes of each)"
[ "$RUNS" -ge 2 ] || die "BENCH_RUNS must be at least 2"
built "$GENSURVEY" "$GENCOMPLAINTS" "$CSVCOUNT" "$DURABLE" \
    "$SRC_SURVEY" "$SRC_COMPLAINT"
tools

# The sizes, by the names the rows carry.
label() { case $1 in 10000) echo 10k ;; 100000) echo 100k ;;
	1000000) echo 1M ;; 10000000) echo 10M ;; esac; }
SURVEY_SIZES=
for n in 100000 1000000 10000000; do
	[ "$n" -le "$MAX" ] && SURVEY_SIZES="$SURVEY_SIZES $n"
done
REG_SIZES=
for n in 10000 100000 1000000; do
	[ "$n" -le "$MAX" ] && REG_SIZES="$REG_SIZES $n"
done

# 1. Data, made again when a generator changes; written aside and
# renamed (put), so an interrupted run leaves no short file.  A
# register's log is made in place, as complaints.log of its data
# directory: it is 1.6 GB at 1M cases, too big to copy back before each
# set; cutting it back to its generated length (kept in log.size) undoes
# set's append instead.
mkdir -p "$OUT"
fresh_needed() {	# fresh_needed STAMP GEN FILE...: 0 if to be made
	s=$1 g=$2
	shift 2
	[ -f "$s" ] && [ -z "$(find "$g" -newer "$s" 2>/dev/null)" ] || return 0
	for f; do [ -f "$f" ] || return 0; done
	return 1
}
for n in $SURVEY_SIZES; do
	f=$OUT/survey-$(label "$n").csv
	if fresh_needed "$f.stamp" "$GENSURVEY" "$f"; then
		say "generating a survey of $n rows into $f"
		rm -f "$f.stamp"
		put "$f" "$GENSURVEY $n"
		touch "$f.stamp"
	fi
done
for n in $REG_SIZES; do
	d=$OUT/complaint-$(label "$n")
	if fresh_needed "$d/stamp" "$GENCOMPLAINTS" "$d/register.csv" \
	    "$d/data/complaints.log" "$d/log.size"; then
		say "generating a register of $n cases and its log into $d/"
		rm -rf "$d"
		mkdir -p "$d/data"
		put "$d/register.csv" "$GENCOMPLAINTS $n"
		put "$d/data/complaints.log" "$GENCOMPLAINTS -l $n"
		wc -c <"$d/data/complaints.log" | tr -d ' ' >"$d/log.size"
		touch "$d/stamp"
	fi
	printf 'register of %s cases: %s bytes, its log %s bytes\n' "$n" \
		"$(wc -c <"$d/register.csv")" "$(cat "$d/log.size")"
done

# 2. The programs under test and share/cm, copied aside (see above).
rm -rf "${OUT:?}/bin" "${OUT:?}/share"
mkdir -p "$OUT/bin" "$OUT/share"
SURVEY=$ROOT/$OUT/bin/cm-survey-calc
COMPLAINT=$ROOT/$OUT/bin/cm-complaint
cp "$SRC_SURVEY" "$SURVEY"
cp "$SRC_COMPLAINT" "$COMPLAINT"
cp -R share/cm "$OUT/share/cm"
export CM_TODAY=$TODAY CM_SHARE="$ROOT/$OUT/share/cm"
if LC_ALL=C grep -q -a '__asan_init\|__ubsan_handle' "$SURVEY"; then
	say "warning: bin/ is a sanitizer build; times are not representative"
fi

# The commands.  overdue exits 1 when it lists cases, and hyperfine and
# measure stop at any nonzero status: 0 and 1 are both success here.
G="-g period,product_type -i quality,delivery,cooperation,improvement,service"
survey_cmd() { echo "$SURVEY $G $ROOT/$OUT/survey-$1.csv"; }
data() { echo "$ROOT/$OUT/complaint-$1/data"; }
overdue_cmd() { echo "sh -c 'CM_DATA=$(data "$1") $COMPLAINT overdue --as-of $TODAY; test \$? -le 1'"; }
list_cmd() { echo "env CM_DATA=$(data "$1") $COMPLAINT list --status=open"; }
libcsv_cmd() { echo "$CSVCOUNT $(data "$1")/complaints.csv"; }
set_cmd() { echo "env CM_DATA=$(data "$1") $COMPLAINT set $SETID dept=品质部"; }
durable_cmd() { echo "$DURABLE $(data "$1")/complaints.csv"; }
fresh() {	# fresh LABEL: the register and its log as generated, then one set
	d=$ROOT/$OUT/complaint-$1
	echo "rm -f $d/data/complaints.csv.tmp && cp $d/register.csv $d/data/complaints.csv && truncate -s $(cat "$d/log.size") $d/data/complaints.log && env CM_DATA=$d/data $COMPLAINT set $SETID dept=prep && sync"
}

# 3. Peak memory, one run each (measure: $OUT/rss.NAME), and that every
# command works on every size before anything is timed.
ROWS_NAMES=
for n in $SURVEY_SIZES; do
	l=$(label "$n")
	measure "survey-$l" "$(survey_cmd "$l")" || die "cm-survey-calc fails on $n rows"
	ROWS_NAMES="$ROWS_NAMES survey-$l"
done
for n in $REG_SIZES; do
	l=$(label "$n")
	sh -c "$(fresh "$l")"
	for c in overdue list libcsv; do
		measure "$c-$l" "$("${c}_cmd" "$l")" || die "$c fails on $n cases"
	done
	for c in set durable; do
		measure "$c-$l" "$("${c}_cmd" "$l")" || die "$c fails on $n cases"
		sh -c "$(fresh "$l")"
	done
	ROWS_NAMES="$ROWS_NAMES overdue-$l list-$l libcsv-$l set-$l durable-$l"
done
rm -f "$OUT"/*.out

# 4. Times, in three hyperfine runs (the rewrites need a fresh register
# before each run), gathered into one $OUT/bench.csv for the table.
set --
for n in $SURVEY_SIZES; do
	l=$(label "$n")
	set -- "$@" -n "survey-$l" "$(survey_cmd "$l")"
done
hyperfine --warmup 1 --runs "$RUNS" --export-csv "$OUT/bench-survey.csv" "$@"
set --
for n in $REG_SIZES; do
	l=$(label "$n")
	set -- "$@" -n "overdue-$l" "$(overdue_cmd "$l")" \
		-n "list-$l" "$(list_cmd "$l")" -n "libcsv-$l" "$(libcsv_cmd "$l")"
done
hyperfine --warmup 1 --runs "$RUNS" --export-csv "$OUT/bench-read.csv" "$@"
set --
for n in $REG_SIZES; do
	l=$(label "$n")
	set -- "$@" --prepare "$(fresh "$l")" --prepare "$(fresh "$l")"
done
for n in $REG_SIZES; do
	l=$(label "$n")
	set -- "$@" -n "set-$l" "$(set_cmd "$l")" -n "durable-$l" "$(durable_cmd "$l")"
done
hyperfine --runs "$RUNS" --export-csv "$OUT/bench-write.csv" "$@"
for n in $REG_SIZES; do
	sh -c "$(fresh "$(label "$n")")"
done
{ cat "$OUT/bench-survey.csv"; tail -n +2 "$OUT/bench-read.csv"
  tail -n +2 "$OUT/bench-write.csv"; } >"$OUT/bench.csv"

# 5. The table, the ratios per 10x and the targets.
report "$ROWS_NAMES" '
function note(x) {
	return x ~ /^survey-/ ? "(rows)" : \
	    x ~ /^libcsv-/ ? "(read floor)" : \
	    x ~ /^durable-/ ? "(rewrite floor)" : "(cases)"
}
# per10(c, sizes): the rows "c" over each size, time and peak, and their
# ratios from one size to the next; sets growth[c] to the last ratio.
function per10(c, sizes,    n, s, i, a, b, t, m) {
	n = split(sizes, s, " ")
	t = sprintf("  %-8s", c)
	for (i = 2; i <= n; i++) {
		a = c "-" s[i - 1]; b = c "-" s[i]
		t = t sprintf("  %s->%s %5.2fx", s[i - 1], s[i], med[b] / med[a])
		if (mib(a) != "-" && mib(b) != "-")
			t = t sprintf(" (mem %.2fx)", rss[b] / rss[a])
	}
	if (n < 2)
		t = t "  (one size: no growth)"
	print t
	growth[c] = med[c "-" s[n]] / med[c "-" s[n > 1 ? n - 1 : 1]]
}
END {
	table()
	print "\ntime per 10x (peak memory per 10x):"
	if (ssizes != "")
		per10("survey", ssizes)
	if (rsizes != "") {
		per10("overdue", rsizes); per10("list", rsizes)
		per10("libcsv", rsizes)
		per10("set", rsizes); per10("durable", rsizes)
	}
	print "\ntargets:"
	if (ssizes != "") {
		n = split(ssizes, s, " ")
		a = "survey-" s[1]; b = "survey-" s[n]
		if (n > 1 && mib(a) != "-" && mib(b) != "-")
			printf "  %-44s %s / %s MiB  %s\n",
			    "survey memory flat (" s[n] " within 1.5x of " s[1] ")",
			    mib(b), mib(a), mark(rss[b] <= 1.5 * rss[a])
	}
	if (rsizes != "") {
		n = split(rsizes, s, " ")
		span = s[n - 1] "->" s[n]
		printf "  %-44s %5.2fx vs %5.2fx  %s\n",
		    "overdue grows as the read floor (" span ")",
		    growth["overdue"], growth["libcsv"],
		    mark(growth["overdue"] <= 1.25 * growth["libcsv"])
		printf "  %-44s %5.2fx vs %5.2fx  %s\n",
		    "list grows as the read floor (" span ")",
		    growth["list"], growth["libcsv"],
		    mark(growth["list"] <= 1.25 * growth["libcsv"])
		printf "  %-44s %5.2fx vs %5.2fx  %s\n",
		    "set grows as the rewrite floor (" span ")",
		    growth["set"], growth["durable"],
		    mark(growth["set"] <= 1.25 * growth["durable"])
	}
}' ssizes="$(for n in $SURVEY_SIZES; do label "$n"; done | tr '\n' ' ')" \
	rsizes="$(for n in $REG_SIZES; do label "$n"; done | tr '\n' ' ')"

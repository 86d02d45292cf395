#!/bin/sh
# bench/penalty.sh: the cm-penalty part of `make bench` (run by
# bench/run.sh when BENCH names penalty).  On a generated year of
# BENCH_CASES judged complaint cases (100,000 by default, closed through
# 2026) over BENCH_STAFF people (5,000), with a month's sanctions
# (bench/genpenalty), it times in one hyperfine run
#
#	cm          cm-penalty --month 2026-12, with November's --carry and
#	            December's --sanctions: the run of the 10th of January
#	cm-small    the same on a year of a tenth as many cases (10,000)
#	awk         the same month in awk (bench/penalty.awk): the rules,
#	            the splits to the fen and the output of cm-penalty
#	cm-year     the twelve months of 2026, each carrying the month before
#	awk-year    the same twelve in awk, each carrying its own month before
#	wc          wc -l on the cases, the floor of reading the bytes
#	libcsv      bench/csvcount on the cases, the floor of parsing them
#
# and prints the medians, the ratios against awk (issue 12 sets no speed
# target), peak memory (/usr/bin/time -f %M) of the December runs, and
# the target of issue 12: memory flat in the number of cases.  A run
# holds the cases charged in its month (their shares must add up to 100,
# and their rows may lie anywhere in the files), so the target is memory
# flat in the history: December of the whole year (cm) against December
# from only the rows closed in November and December (cm-recent: the
# same cases charged, a sixth of the history), within 1 MiB.  December of
# a 10,000-case year (cm-small) is printed beside them, not a target: its
# month has a tenth of the cases.  Targets are reported, never enforced.
#
#	BUILD=build/opt [BENCH_CASES=100000] [BENCH_STAFF=5000]
#	    [BENCH_RUNS=3] [BENCH_PENALTY=bin/cm-penalty] sh bench/penalty.sh
#
# Before timing, the year is run month by month in both, cm's chain
# carrying cm's months and awk's its own, and every month's output is
# compared byte for byte: every person, every figure, to the fen, twelve
# times.  A disagreement is printed, as it makes the times meaningless.
# Those runs leave the inputs in the page cache, so the timed runs need
# no warm-up (awk takes about 15 s for the year).
#
# The inputs are cached in bench/out/penalty/ and made again only when
# the sizes or the generator change.  cm-penalty and share/cm are copied
# aside first (bench/out/penalty/bin and share, CM_SHARE pointing there),
# so that a build relinking bin/ halfway, or an edit of penalty.conf,
# cannot change what is under test; awk reads its settings from that
# same copy of penalty.conf.
set -eu

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=bench/out/penalty

# `sh bench/penalty.sh year cm|awk`: the year's chain alone, for
# hyperfine; its outputs go to $OUT/year-cm or $OUT/year-awk.
if [ "${1:-}" = year ]; then
	. "$OUT/env"
	d=$OUT/year-$2
	mkdir -p "$d"
	prev=
	for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
		st=0
		if [ "$2" = cm ]; then
			"$CM" --month 2026-$m --staff "$STAFF" \
			    --sanctions "$OUT/sanctions-$m.csv" \
			    ${prev:+--carry "$prev"} "$CASES" >"$d/$m.csv" \
			    2>/dev/null || st=$?
		else
			awk -F, -v month=2026-$m $AWKSET -f bench/penalty.awk \
			    what=staff "$STAFF" \
			    what=sanctions "$OUT/sanctions-$m.csv" \
			    ${prev:+what=carry "$prev"} what=cases "$CASES" \
			    >"$d/$m.csv" || st=$?
		fi
		[ "$st" -le 1 ] || exit "$st"
		prev=$d/$m.csv
	done
	exit 0
fi

BUILD=${BUILD:-build/opt}
N=${BENCH_CASES:-100000}
NSTAFF=${BENCH_STAFF:-5000}
RUNS=${BENCH_RUNS:-3}
SRC_CM=${BENCH_PENALTY:-bin/cm-penalty}
GEN=$BUILD/bench/genpenalty
CSVCOUNT=$BUILD/bench/csvcount
STAFF=$ROOT/$OUT/staff.csv
CASES=$ROOT/$OUT/cases.csv
CSMALL=$ROOT/$OUT/cases-small.csv
CRECENT=$ROOT/$OUT/cases-recent.csv
CM=$ROOT/$OUT/bin/cm-penalty
SHARE=$ROOT/$OUT/share/cm
TIME=/usr/bin/time

. "$ROOT/bench/lib.sh"

numbers "BENCH_CASES, BENCH_STAFF and BENCH_RUNS" "$N" "$NSTAFF" "$RUNS"
[ "$N" -ge 1000 ] || die "BENCH_CASES must be at least 1000"
[ "$NSTAFF" -ge 100 ] || die "BENCH_STAFF must be at least 100"
[ "$RUNS" -ge 2 ] || die "BENCH_RUNS must be at least 2"
built "$GEN" "$CSVCOUNT"
tools
SMALLN=$((N / 10))

# 1. Data, made again when a size or the generator changes; written aside
# and renamed, so an interrupted run leaves no short file.  The small year
# is a year of its own (the same dates, a tenth of the cases), not the
# head of the big one, so that December has cases in both.
mkdir -p "$OUT"
stamp=$OUT/sizes
if [ "$(cat "$stamp" 2>/dev/null)" != "$N $NSTAFF" ] ||
   [ -n "$(find "$GEN" -newer "$stamp" 2>/dev/null)" ] ||
   [ ! -f "$CASES" ] || [ ! -f "$CSMALL" ] || [ ! -f "$STAFF" ] ||
   [ ! -f "$CRECENT" ]; then
	say "generating $N cases over $NSTAFF staff into $OUT/"
	rm -f "$stamp"
	put "$STAFF" "$GEN staff $NSTAFF"
	put "$CASES" "$GEN cases $N $NSTAFF"
	put "$CSMALL" "$GEN cases $SMALLN $NSTAFF"
	# Every case charged in December was closed in November or December.
	put "$CRECENT" "awk -F, 'NR == 1 || \$2 >= \"2026-11\"' $CASES"
	for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
		put "$OUT/sanctions-$m.csv" "$GEN sanctions $m $NSTAFF"
	done
	echo "$N $NSTAFF" >"$stamp"
fi
printf '\ncases: %s cases of 2026 in %s rows (one per case and party), %s bytes; %s staff; the small year %s cases\n' \
	"$N" "$(($(wc -l <"$CASES") - 1))" "$(wc -c <"$CASES")" "$NSTAFF" \
	"$SMALLN"

# 2. The program under test and its share/cm, copied aside (see above);
# awk's settings from that penalty.conf.
HAVE_CM=
export CM_SHARE="$SHARE"
rm -rf "${OUT:?}/bin" "${OUT:?}/share" "${OUT:?}/year-cm" "${OUT:?}/year-awk"
mkdir -p "$OUT/share"
cp -R share/cm "$SHARE"
if [ ! -x "$SRC_CM" ]; then
	say "$SRC_CM is not built yet: timing awk and the floor only"
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
AWKSET=$(awk -F= '
	/^[ \t]*(#|$)/ { next }
	{ k = $1; v = $2; gsub(/[ \t]/, "", k); gsub(/[ \t]/, "", v); s[k] = v }
	END { printf "-v warning=%s -v minor=%s -v cap=%s -v resale_days=%s",
	    s["warning"], s["minor"], s["cap"], s["resale_days"] }' \
	"$SHARE/penalty.conf")
# For `penalty.sh year`, run by hyperfine in a shell of its own.
{
	printf 'CM=%s\nSTAFF=%s\nCASES=%s\n' "$CM" "$STAFF" "$CASES"
	printf "AWKSET='%s'\n" "$AWKSET"
} >"$OUT/env"

# The December run (the one made by 10 January 2027) over CASES-FILE,
# carrying November as each program computed it.
cm_dec() {	# cm_dec CASES-FILE
	echo "$CM --month 2026-12 --staff $STAFF --sanctions $OUT/sanctions-12.csv --carry $OUT/year-cm/11.csv $1"
}
awk_dec() {	# awk_dec CASES-FILE
	echo "awk -F, -v month=2026-12 $AWKSET -f bench/penalty.awk what=staff $STAFF what=sanctions $OUT/sanctions-12.csv what=carry $OUT/year-awk/11.csv what=cases $1"
}

# 3. Same answers: the year in both, month by month, compared.
sh bench/penalty.sh year awk || die "penalty.awk fails on the year"
if [ -n "$HAVE_CM" ]; then
	if ! sh bench/penalty.sh year cm; then
		say "$SRC_CM fails on the year: timing awk and the floor only"
		HAVE_CM=
	fi
fi
if [ -n "$HAVE_CM" ]; then
	same=0
	for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
		if cmp -s "$OUT/year-cm/$m.csv" "$OUT/year-awk/$m.csv"; then
			same=$((same + 1))
		else
			bad "awk disagrees with cm-penalty on 2026-$m ($OUT/year-{cm,awk}/$m.csv):"
			diff "$OUT/year-cm/$m.csv" "$OUT/year-awk/$m.csv" |
				head -5 >&2
		fi
	done
	[ "$same" -ne 12 ] ||
		echo "check: awk agrees with cm-penalty on every month of 2026, byte for byte"
	awk -F, 'FNR > 1 { n++; if ($12 != "0.00") c++; d += $11 * 100 }
	END { printf "the year: %d person-months, %d of them carrying a balance, %.2f yuan deducted\n", n, c, d / 100 }' \
		"$OUT"/year-cm/??.csv
else
	echo "check: none (no cm-penalty to compare awk with)"
fi
[ -z "$BAD" ] || say "check: the peers do not do the same work; read the times with care"

# 4. Peak memory (maximum resident set, KiB) of the December runs.
rss() {	# rss NAME COMMAND: $OUT/rss.NAME; exit 0 or 1 is success
	rm -f "$OUT/rss.$1"
	[ -n "$TIME" ] || return 0
	st=0
	$TIME -f %M -o "$OUT/rss.$1" sh -c "exec $2" >/dev/null 2>&1 || st=$?
	[ "$st" -le 1 ] || { bad "$1 exits $st: $2"; rm -f "$OUT/rss.$1"; }
}
if [ -n "$HAVE_CM" ]; then
	rss cm "$(cm_dec "$CASES")"
	rss cm-small "$(cm_dec "$CSMALL")"
	rss cm-recent "$(cm_dec "$CRECENT")"
	st=0
	sh -c "$(cm_dec "$CRECENT")" >"$OUT/recent.out" 2>/dev/null || st=$?
	[ "$st" -le 1 ] && cmp -s "$OUT/recent.out" "$OUT/year-cm/12.csv" ||
		bad "December from the recent rows differs from December from the year"
fi
rss awk "$(awk_dec "$CASES")"
rss libcsv "$CSVCOUNT $CASES"

# 5. Times: one hyperfine run, so every command sees the same machine
# state.  cm-penalty exits 1 when someone carries a balance (every month
# here), which is success.  Names double as keys for the table below.
ok1() { echo "$1 >/dev/null 2>&1 || test \$? -eq 1"; }
set --
[ -n "$HAVE_CM" ] && set -- "$@" -n cm "$(ok1 "$(cm_dec "$CASES")")" \
	-n cm-small "$(ok1 "$(cm_dec "$CSMALL")")"
set -- "$@" -n awk "$(awk_dec "$CASES")"
[ -n "$HAVE_CM" ] && set -- "$@" -n cm-year "sh bench/penalty.sh year cm"
set -- "$@" -n awk-year "sh bench/penalty.sh year awk" \
	-n wc "wc -l $CASES" -n libcsv "$CSVCOUNT $CASES"
hyperfine --runs "$RUNS" --export-json "$OUT/bench.json" \
	--export-csv "$OUT/bench.csv" "$@"

# 6. The table and the targets.
report "cm cm-small cm-recent awk libcsv" '
function note(x) {
	return x == "cm-small" ? "(" smalln " cases)" : \
	    x ~ /-year$/ ? "(12 months chained)" : ""
}
END {
	table()
	if (!targets("cm-penalty"))
		exit
	printf "  %-36s %7.2fx  (not a target)\n", "faster than awk (a month)",
	    med["awk"] / cm
	if ("cm-year" in med)
		printf "  %-36s %7.2fx  (not a target)\n",
		    "faster than awk (the year)",
		    med["awk-year"] / med["cm-year"]
	printf "  %-36s %7.2fx  (not a target)\n", "of the bare libcsv pass",
	    cm / med["libcsv"]
	if (mib("cm") != "-" && mib("cm-recent") != "-")
		printf "  %-36s %s / %s MiB, year / Nov-Dec rows  %s\n",
		    "memory flat in the history (1 MiB)", mib("cm"),
		    mib("cm-recent"), mark(rss["cm"] - rss["cm-recent"] < 1024)
	if (mib("cm") != "-" && mib("cm-small") != "-")
		printf "  %-36s %s / %s MiB at %d / %d cases  (not a target)\n",
		    "  with the cases of the month", mib("cm"), mib("cm-small"),
		    n, smalln
}' n="$N" smalln="$SMALLN" norel='-year$'

#!/bin/sh
# bench/grade.sh: the cm-grade part of `make bench` (run by bench/run.sh
# when BENCH names grade).  On one generated archive of BENCH_CUSTOMERS
# customers (1,000,000 by default, bench/gencustomers), it times in one
# hyperfine run
#
#	cm             cm-grade with the default rules (share/cm/grade.rules,
#	               001/13) at --as-of 2026-11-23
#	cm-small       the same on the archive's first fifth (200,000)
#	miller         the same rules as one `mlr put` expression
#	               (bench/grade.mlr)
#	wc             wc -l, the floor of reading the bytes
#	libcsv         bench/csvcount, the floor of parsing them with libcsv
#
# and prints the medians, the ratios, peak memory (/usr/bin/time -f %M)
# and the targets of issue 10: cm at least 5x faster than Miller, and
# memory flat: the same peak at 1,000,000 customers as at 200,000 (within
# 1 MiB; cm-grade streams, so it holds one row and the compiled rules).
# Targets are reported, never enforced.
#
#	BUILD=build/opt [BENCH_CUSTOMERS=1000000] [BENCH_RUNS=3]
#	    [BENCH_GRADE=bin/cm-grade] sh bench/grade.sh
#
# Before timing, Miller's output is compared with cm's, byte for byte, on
# the whole archive: every row, its grade, and the rule that decided
# (grade.mlr writes grade_rule as grade.rules:LINE, the line numbers read
# here from the rules file by each rule's text).  A disagreement is
# printed, as it makes the times meaningless.  Those checking runs are the
# memory runs too, and they leave the archive in the page cache, so the
# timed runs need no warm-up (Miller takes about a minute a run at 1M,
# and about 840 MiB).
#
# The archive is cached in bench/out/grade/ and made again only when
# BENCH_CUSTOMERS or the generator changes.  cm-grade and share/cm are
# copied aside first (bench/out/grade/bin and share, CM_SHARE pointing
# there), so that a build relinking bin/ halfway, or an edit of the rules,
# cannot change what is under test.
set -eu

cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD:-build/opt}
N=${BENCH_CUSTOMERS:-1000000}
RUNS=${BENCH_RUNS:-3}
SRC_CM=${BENCH_GRADE:-bin/cm-grade}
OUT=bench/out/grade
GEN=$BUILD/bench/gencustomers
CSVCOUNT=$BUILD/bench/csvcount
C=$ROOT/$OUT/customers.csv
CSMALL=$ROOT/$OUT/customers-small.csv
CM=$ROOT/$OUT/bin/cm-grade
SHARE=$ROOT/$OUT/share/cm
# The run date, and that date less one year for Miller (age(x) < 1y holds
# iff x is after it).
ASOF=2026-11-23
CUT=2025-11-23
TIME=/usr/bin/time

. "$ROOT/bench/lib.sh"

numbers "BENCH_CUSTOMERS and BENCH_RUNS" "$N" "$RUNS"
[ "$N" -ge 100 ] || die "BENCH_CUSTOMERS must be at least 100"
[ "$RUNS" -ge 2 ] || die "BENCH_RUNS must be at least 2"
built "$GEN" "$CSVCOUNT"
tools mlr
SMALLN=$((N / 5))

# 1. Data, made again when the size or the generator changes; written
# aside and renamed, so an interrupted run leaves no short file.  The
# small archive is the head of the big one (gencustomers writes the same
# first rows whatever the count).
mkdir -p "$OUT"
stamp=$OUT/customers
if [ "$(cat "$stamp" 2>/dev/null)" != "$N" ] ||
   [ -n "$(find "$GEN" -newer "$stamp" 2>/dev/null)" ] ||
   [ ! -f "$C" ] || [ ! -f "$CSMALL" ]; then
	say "generating $N customers into $OUT/"
	rm -f "$stamp"
	put "$C" "$GEN $N"
	put "$CSMALL" "head -n $((SMALLN + 1)) $C"
	echo "$N" >"$stamp"
fi
bytes=$(wc -c <"$C")
printf '\ncustomer archive: %s customers, %s bytes (%s MB); the first %s for the memory check\n' \
	"$N" "$bytes" "$(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 }")" \
	"$SMALLN"

# 2. The program under test and its share/cm, copied aside (see above).
HAVE_CM=
export CM_SHARE="$SHARE"
rm -rf "${OUT:?}/bin" "${OUT:?}/share"
mkdir -p "$OUT/share"
cp -R share/cm "$SHARE"
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
CMP="$CM --as-of $ASOF"

# The rules' line numbers, for Miller's grade_rule: each rule found by its
# text, as tests/t4001-grade-rules.sh finds them.  A rule file whose rules
# are not these thirteen leaves Miller out: it would time other rules.
rule_line() {	# rule_line PREFIX: the line of the one rule starting PREFIX
	awk -v p="$1" 'index($0, p) == 1 { n++; at = NR }
	END { if (n != 1) exit 1; print at }' "$SHARE/grade.rules"
}
if [ -n "$HAVE_MLR" ]; then
	if L=$(printf ' -s L_%s=%s' \
	    nodate "$(rule_line 'C empty(first_trade)')" \
	    new "$(rule_line 'C age(first_trade) < 1y')" \
	    a "$(rule_line 'A designated ~ ')" \
	    big "$(rule_line 'C receivables >= 500000')" \
	    whole "$(rule_line 'C type ~ /批[发發]')" \
	    small "$(rule_line 'C employees < 20')" \
	    shop "$(rule_line 'C type ~ /[个個]人商店')" \
	    default "$(rule_line 'C defaults >= 1')" \
	    rep "$(rule_line 'C reputation ~ ')" \
	    share "$(rule_line 'C receivables <= 200000 and share(receivables, annual_trade) >= 30')" \
	    notrade "$(rule_line 'C receivables > 0 and receivables <= 200000 and not (annual_trade > 0)')" \
	    b "$(rule_line 'B designated ~ ')" \
	    rest "$(rule_line 'C true')") &&
	   [ "$(grep -c '^[ABC] ' "$SHARE/grade.rules")" -eq 13 ] &&
	   ! echo "$L" | grep -q '=\( \|$\)'; then
		MLRP="mlr --icsv --ocsv put -s cut=$CUT$L -f $ROOT/bench/grade.mlr"
	else
		say "share/cm/grade.rules is not the thirteen rules bench/grade.mlr copies: Miller left out"
		HAVE_MLR=
	fi
fi

# 3. Same answers, and peak memory (maximum resident set, KiB): one run
# of each on the whole archive, its output kept and compared.
if [ -n "$HAVE_CM" ]; then
	if measure cm "$CMP $C" && measure cm-small "$CMP $CSMALL"; then
		awk -F, 'NR > 1 { n[$(NF - 1)]++ }
		END { printf "grades: A %d, B %d, C %d\n", n["A"], n["B"], n["C"] }' \
			"$OUT/cm.out"
	else
		say "$SRC_CM fails on the archive: timing the peers and the floor only"
		HAVE_CM=
	fi
fi
if [ -n "$HAVE_MLR" ]; then
	if ! measure miller "$MLRP $C"; then
		HAVE_MLR=
	elif [ -z "$HAVE_CM" ]; then
		echo "check: none (no cm-grade to compare Miller with)"
	elif cmp -s "$OUT/miller.out" "$OUT/cm.out"; then
		echo "check: miller agrees with cm-grade ($N customers: rows, grades and rules, byte for byte)"
	else
		bad "miller disagrees with cm-grade ($OUT/{cm,miller}.out):"
		diff "$OUT/cm.out" "$OUT/miller.out" | head -5 >&2
	fi
fi
measure libcsv "$CSVCOUNT $C" || die "$CSVCOUNT fails"
[ -z "$BAD" ] || say "check: the peers do not all do the same work; read the times with care"
# The outputs are as big as the archive: keep them only on a disagreement.
[ -n "$BAD" ] || rm -f "$OUT/cm.out" "$OUT/cm-small.out" "$OUT/miller.out"

# 4. Times: one hyperfine run, so every command sees the same machine
# state.  Names double as keys for the table below.
set --
[ -n "$HAVE_CM" ] && set -- "$@" -n cm "$CMP $C" -n cm-small "$CMP $CSMALL"
[ -n "$HAVE_MLR" ] && set -- "$@" -n miller "$MLRP $C"
set -- "$@" -n wc "wc -l $C" -n libcsv "$CSVCOUNT $C"
hyperfine -N --runs "$RUNS" --export-json "$OUT/bench.json" \
	--export-csv "$OUT/bench.csv" "$@"

# 5. The table and the targets.
report "cm cm-small miller libcsv" '
function note(x) { return x == "cm-small" ? "(" smalln " customers)" : "" }
END {
	table()
	if (!targets("cm-grade"))
		exit
	if ("miller" in med)
		printf "  %-36s %7.2fx  %s\n", "faster than Miller (>= 5x)",
		    med["miller"] / cm, mark(med["miller"] / cm >= 5)
	printf "  %-36s %7.2fx  (not a target)\n", "of the bare libcsv pass",
	    cm / med["libcsv"]
	if (mib("cm") != "-" && mib("cm-small") != "-")
		printf "  %-36s %s / %s MiB at %d / %d customers  %s\n",
		    "peak memory flat (within 1 MiB)", mib("cm"), mib("cm-small"),
		    n, smalln, mark(rss["cm"] - rss["cm-small"] < 1024)
}' n="$N" smalln="$SMALLN"

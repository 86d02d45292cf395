#!/bin/sh
# bench/receive.sh: the cm-receive part of `make bench` (run by
# bench/run.sh when BENCH names receive).  On one generated journal of
# BENCH_MOVEMENTS customer-property movements (5,000,000 by default,
# bench/genproperty), it times in one hyperfine run
#
#	cm             cm-receive -j JOURNAL --balance (no snapshot beside
#	               it, so the whole journal is folded)
#	cm-small       the same on the journal's first fifth (1M movements)
#	miller         the same fold in Miller (bench/receive-balance.mlr)
#	awk            the same fold in awk -F, (bench/receive-balance.awk)
#	wc             wc -l, the floor of reading the bytes
#	libcsv         bench/csvcount, the floor of parsing them with libcsv
#
# then, in a second run, an append of a 1,000-row batch (genproperty -b)
#
#	append-empty   to an empty journal: the first append, which
#	               creates it
#	append-small   to the journal's first fifth, once its snapshot
#	               (property.csv.bal) is there
#	append-big     to the whole journal, once its snapshot is there
#
# and prints the medians, the ratios, peak memory (/usr/bin/time -f %M)
# of every reader, and the targets of issue 9: cm at least 5x faster than
# Miller, under 16 MiB at any journal length (shown at both lengths), an
# append that costs what the batch costs, not what the journal costs.
# An append writes the batch and rewrites the snapshot (one row per
# customer and part, about 10,000 here), never reads the journal: so the
# target is that the append to the whole journal takes at most 1.5x the
# append to its first fifth, and the figure against an empty journal
# (whose snapshot is the batch's few parts) is shown beside it.  Targets
# are reported, never enforced.
#
#	BUILD=build/opt [BENCH_MOVEMENTS=5000000] [BENCH_RUNS=3]
#	    [BENCH_APPEND_RUNS=20] [BENCH_RECEIVE=bin/cm-receive]
#	    sh bench/receive.sh
#
# Before timing, every peer's balance is compared with cm's, byte for
# byte, on the full journal (awk's with Miller's while cm is missing): a
# disagreement is printed, as it makes the times meaningless.  Those
# checking runs are the memory runs too, and they leave the journal in
# the page cache, so the timed runs need no warm-up (Miller takes about a
# minute a run at 5M movements, and about 1.3 GB).
#
# The journal is cached in bench/out/receive/ and made again only when
# BENCH_MOVEMENTS or the generator changes.  cm-receive and share/cm are
# copied aside first (bench/out/receive/bin and share, CM_SHARE pointing
# there), so that a build relinking bin/ halfway cannot change the
# program under test.  The appends work on copies in
# bench/out/receive/data/: each timed run starts from the same state,
# the big journal cut back to its size before the run and its snapshot
# put back (what cm-receive's own recovery does to a batch that never
# committed), the empty one removed.
set -eu

cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD:-build/opt}
N=${BENCH_MOVEMENTS:-5000000}
RUNS=${BENCH_RUNS:-3}
ARUNS=${BENCH_APPEND_RUNS:-20}
SRC_CM=${BENCH_RECEIVE:-bin/cm-receive}
OUT=bench/out/receive
GEN=$BUILD/bench/genproperty
CSVCOUNT=$BUILD/bench/csvcount
J=$ROOT/$OUT/journal.csv
JSMALL=$ROOT/$OUT/journal-small.csv
BATCH=$ROOT/$OUT/batch.csv
DATA=$ROOT/$OUT/data
CM=$ROOT/$OUT/bin/cm-receive
SHARE=$ROOT/$OUT/share/cm
AWKP="awk -F, -f $ROOT/bench/receive-balance.awk"
MLRP="mlr --icsv --ocsv put -q -f $ROOT/bench/receive-balance.mlr"
TIME=/usr/bin/time

. "$ROOT/bench/lib.sh"

numbers "BENCH_MOVEMENTS, BENCH_RUNS and BENCH_APPEND_RUNS" "$N" "$RUNS" "$ARUNS"
[ "$N" -ge 100 ] || die "BENCH_MOVEMENTS must be at least 100"
if [ "$RUNS" -lt 2 ] || [ "$ARUNS" -lt 2 ]; then
	die "BENCH_RUNS and BENCH_APPEND_RUNS must be at least 2"
fi
built "$GEN" "$CSVCOUNT"
tools mlr
SMALLN=$((N / 5))
AWKNAME="$(basename "$(readlink -f "$(command -v awk)")") -F,"

# 1. Data, made again when the size or the generator changes; written
# aside and renamed, so an interrupted run leaves no short file.  The
# small journal is the head of the big one: movements are generated in
# order, so any prefix of lines is a journal.
mkdir -p "$OUT"
stamp=$OUT/movements
if [ "$(cat "$stamp" 2>/dev/null)" != "$N" ] ||
   [ -n "$(find "$GEN" -newer "$stamp" 2>/dev/null)" ] ||
   [ ! -f "$J" ] || [ ! -f "$JSMALL" ] || [ ! -f "$BATCH" ]; then
	say "generating $N movements into $OUT/"
	rm -f "$stamp"
	put "$J" "$GEN $N"
	put "$JSMALL" "head -n $((SMALLN + 1)) $J"
	put "$BATCH" "$GEN -b 1000"
	echo "$N" >"$stamp"
fi
bytes=$(wc -c <"$J")
printf '\nproperty journal: %s movements, %s bytes (%s MB); the first %s for the memory check; a batch of 1000\n' \
	"$N" "$bytes" "$(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 }")" \
	"$SMALLN"

# 2. The program under test and its share/cm, copied aside (see above).
HAVE_CM=
export CM_TODAY=2026-11-23 CM_SHARE="$SHARE"
rm -rf "${OUT:?}/bin" "${OUT:?}/share"
if [ ! -x "$SRC_CM" ]; then
	say "$SRC_CM is not built yet: timing the peers and the floor only"
else
	mkdir -p "$OUT/bin" "$OUT/share"
	cp "$SRC_CM" "$CM"
	cp -R share/cm "$SHARE"
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

# 3. Same answers, and peak memory (maximum resident set, KiB): one run
# of each reader on the whole journal, its output kept and compared.
same() {	# same NAME REF LABEL REFLABEL: NAME's balance is REF's, byte for byte
	if cmp -s "$OUT/$1.out" "$OUT/$2.out"; then
		echo "check: $3 agrees with $4 ($(($(wc -l \
			<"$OUT/$2.out") - 1)) balances, byte for byte)"
	else
		bad "$3 disagrees with $4 ($OUT/{$1,$2}.out):"
		diff "$OUT/$2.out" "$OUT/$1.out" | head -5 >&2
	fi
}
if [ -n "$HAVE_CM" ]; then
	if measure cm "$CM -j $J --balance" &&
	   measure cm-small "$CM -j $JSMALL --balance"; then
		REF=cm REFNAME="cm --balance"
	else
		say "$SRC_CM fails on the journal: timing the peers and the floor only"
		HAVE_CM=
	fi
fi
measure awk "$AWKP $J" || die "the awk fold fails"
measure awk-small "$AWKP $JSMALL" || die "the awk fold fails"
if [ -n "$HAVE_CM" ]; then
	same awk cm "awk ($AWKNAME)" "$REFNAME"
	same awk-small cm-small "awk ($AWKNAME) at $SMALLN" "$REFNAME at $SMALLN"
else
	REF=awk REFNAME="awk ($AWKNAME)"
	echo "check: against awk ($AWKNAME) while cm is missing"
fi
if [ -n "$HAVE_MLR" ]; then
	if measure miller "$MLRP $J"; then
		same miller "$REF" miller "$REFNAME"
	else
		HAVE_MLR=
	fi
fi
measure libcsv "$CSVCOUNT $J" || die "$CSVCOUNT fails"
[ -z "$BAD" ] || say "check: the peers do not all do the same work; read the times with care"

# 4. Times of the readers: one hyperfine run, so every command sees the
# same machine state.  Names double as keys for the table below.
set --
[ -n "$HAVE_CM" ] && set -- "$@" -n cm "$CM -j $J --balance" \
	-n cm-small "$CM -j $JSMALL --balance"
[ -n "$HAVE_MLR" ] && set -- "$@" -n miller "$MLRP $J"
set -- "$@" -n awk "$AWKP $J" -n wc "wc -l $J" -n libcsv "$CSVCOUNT $J"
hyperfine -N --runs "$RUNS" --export-json "$OUT/bench.json" \
	--export-csv "$OUT/bench.csv" "$@"

# 5. Appends.  Each journal gets its snapshot from a first append (the
# big one's timed apart: with no snapshot, cm-receive folds the whole
# journal to rebuild it), then --check must accept it; that state is the
# start of every timed run.  The small journal has the big one's parts:
# the two appends rewrite snapshots of the same size, so what differs is
# the length of the journal alone.
rm -f "$OUT/append.csv"
first=
ready() {	# ready NAME JOURNAL: DATA/NAME/property.csv with its snapshot
	mkdir -p "$DATA/$1"
	cp "$2" "$DATA/$1/property.csv"
	sync
	s=$(date +%s.%N)
	"$CM" -q -j "$DATA/$1/property.csv" "$BATCH" >/dev/null ||
		{ bad "the first append to $2 fails"; return 1; }
	e=$(date +%s.%N)
	[ "$1" != big ] || first=$(awk "BEGIN { printf \"%.3f\", $e - $s }")
	if st=0; "$CM" -j "$DATA/$1/property.csv" --check \
	    >"$OUT/check.out" 2>&1 || st=$?; [ "$st" -ne 0 ]; then
		bad "cm-receive --check exits $st after an append to $2:"
		head -5 "$OUT/check.out" >&2
	fi
	wc -c <"$DATA/$1/property.csv" >"$DATA/$1.size"
	cp "$DATA/$1/property.csv.bal" "$DATA/$1.bal" ||
		die "no snapshot $DATA/$1/property.csv.bal after an append"
}
# A timed run's start: the journal cut back, its snapshot put back.  The
# appends take milliseconds, so hyperfine runs them without a shell (-N)
# and the preparations through one of their own.
reset() { echo "sh -c 'truncate -s $(cat "$DATA/$1.size") $DATA/$1/property.csv && cp $DATA/$1.bal $DATA/$1/property.csv.bal && sync'"; }
if [ -n "$HAVE_CM" ]; then
	rm -rf "$DATA"
	mkdir -p "$DATA/empty"
	if ready small "$JSMALL" && ready big "$J"; then
		[ -n "$BAD" ] || echo "check: cm-receive --check accepts both journals after an append (exit 0)"
	else
		HAVE_CM=
	fi
fi
if [ -n "$HAVE_CM" ]; then
	hyperfine -N --runs "$ARUNS" \
		--export-csv "$OUT/append.csv" \
		--prepare "sh -c 'rm -f $DATA/empty/property.csv $DATA/empty/property.csv.bal && sync'" \
		-n append-empty "$CM -j $DATA/empty/property.csv $BATCH" \
		--prepare "$(reset small)" \
		-n append-small "$CM -j $DATA/small/property.csv $BATCH" \
		--prepare "$(reset big)" \
		-n append-big "$CM -j $DATA/big/property.csv $BATCH"
	# The last timed run left the big journal one batch longer.
	if st=0; "$CM" -j "$DATA/big/property.csv" --check \
	    >"$OUT/check.out" 2>&1 || st=$?; [ "$st" -eq 0 ]; then
		echo "check: cm-receive --check accepts it after the timed appends (exit 0)"
	else
		bad "cm-receive --check exits $st after the timed appends:"
		head -5 "$OUT/check.out" >&2
	fi
	rm -rf "$DATA"
fi

# 6. The table and the targets.
[ -f "$OUT/append.csv" ] || echo "command" >"$OUT/append.csv"
report "cm cm-small miller awk libcsv" '
FILENAME ~ /append\.csv$/ { amed[$1] = $4; next }
function note(x) {
	return x == "awk" ? "(" awkname ")" : \
	    x == "cm-small" ? "(" smalln " movements)" : ""
}
END {
	table()
	if ("append-big" in amed) {
		printf "\nappend of a 1000-row batch (median s):\n"
		printf "  %-36s %8.3f\n", "to an empty journal (creating it)",
		    amed["append-empty"]
		printf "  %-36s %8.3f  %.2fx the empty one\n",
		    "to the journal of " smalln " movements", amed["append-small"],
		    amed["append-small"] / amed["append-empty"]
		printf "  %-36s %8.3f  %.2fx the empty one\n",
		    "to the journal of " n " movements", amed["append-big"],
		    amed["append-big"] / amed["append-empty"]
		printf "  %-36s %8s  (no snapshot yet: folds the journal)\n",
		    "the first append to it, once", first
	}
	if (!targets("cm-receive"))
		exit
	if ("miller" in med)
		printf "  %-36s %7.2fx  %s\n", "faster than Miller (>= 5x)",
		    med["miller"] / cm, mark(med["miller"] / cm >= 5)
	printf "  %-36s %7.2fx  (not a target)\n", "of the bare libcsv pass",
	    cm / med["libcsv"]
	if (mib("cm") != "-" && mib("cm-small") != "-")
		printf "  %-36s %s / %s MiB at %d / %d movements  %s\n",
		    "peak memory (< 16 MiB)", mib("cm"), mib("cm-small"), n,
		    smalln, mark(rss["cm"] < 16384 && rss["cm-small"] < 16384)
	if ("append-big" in amed) {
		printf "  %-36s %7.2fx  %s\n",
		    "append: " n " vs " smalln " (<= 1.5x)",
		    amed["append-big"] / amed["append-small"],
		    mark(amed["append-big"] / amed["append-small"] <= 1.5)
		printf "  %-36s %7.2fx  (not a target: the rest is the snapshot)\n",
		    "append: " n " vs an empty journal",
		    amed["append-big"] / amed["append-empty"]
	}
}' n="$N" smalln="$SMALLN" awkname="$AWKNAME" first="${first:--}" \
    "$OUT/append.csv"

# bench/lib.sh: the helpers bench/receive.sh and bench/grade.sh share,
# sourced after they set OUT (the part's output directory) and TIME
# (/usr/bin/time, or empty when it is missing).

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

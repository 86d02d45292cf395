# bench/survey-data.sh: the survey files of `make bench`, shared by the
# parts that read them (bench/run.sh, bench/scale.sh), sourced once say
# and die are defined (bench/lib.sh has them), with GEN (bench/gensurvey),
# OUT (bench/out), ROWS and SROWS set.
#
# survey_data: bench/out/survey.{csv,tsv} of ROWS rows, the same rows
# with every field quoted (survey-quoted.csv, gensurvey -q) and
# survey-small.{csv,tsv} of SROWS, made again when the row count or the
# generator changes (bench/out/rows holds the count they were made for);
# written aside and renamed, so an interrupted run leaves no short file.
# Generated once, whichever part runs first.

survey_gen() {	# survey_gen FILE ROWS [-q | -t]
	f=$1 n=$2
	shift 2
	if ! "$GEN" "$@" "$n" >"$f.tmp" || ! mv "$f.tmp" "$f"; then
		rm -f "$f.tmp"
		die "cannot generate $f"
	fi
}

survey_data() {
	mkdir -p "$OUT"
	stamp=$OUT/rows
	if [ "$(cat "$stamp" 2>/dev/null)" != "$ROWS" ] ||
	   [ -n "$(find "$GEN" -newer "$stamp" 2>/dev/null)" ] ||
	   [ ! -f "$OUT/survey.csv" ] || [ ! -f "$OUT/survey.tsv" ] ||
	   [ ! -f "$OUT/survey-quoted.csv" ] ||
	   [ ! -f "$OUT/survey-small.csv" ] ||
	   [ ! -f "$OUT/survey-small.tsv" ]; then
		say "generating $ROWS rows into $OUT/"
		rm -f "$stamp"
		survey_gen "$OUT/survey.csv" "$ROWS"
		survey_gen "$OUT/survey.tsv" "$ROWS" -t
		survey_gen "$OUT/survey-quoted.csv" "$ROWS" -q
		survey_gen "$OUT/survey-small.csv" "$SROWS"
		survey_gen "$OUT/survey-small.tsv" "$SROWS" -t
		echo "$ROWS" >"$stamp"
	fi
}

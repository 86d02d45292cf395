#!/bin/sh
# demo-load.sh: build the registers of the sample year in DIR, a copy of
# share/cm/examples/demo/, through the cm commands themselves.
#
#	sh mk/demo-load.sh DIR
#
# The cm commands are taken from PATH (make demo and t5005 put bin/ first).
# CM_TODAY should be the demo night (2026-11-03) or later: cm-receive
# refuses movements dated after today.
#
#   property/*.csv            appended with cm-receive, a batch a month, into
#                             DIR/property.csv
#   complaints-new.csv        opened with cm-complaint new, in one batch,
#                             into DIR/complaints.csv (+ complaints.log);
#                             then cm-complaint classify fills the causes
#                             that were not given
#   complaints-changes.tsv    replayed in order: set, close/reject/reopen
#                             --as-of the day of the line
#   customers-2026-10.csv     graded as on the night of 2026-10-31, into
#                             DIR/reports/2026-10-31/customers-graded.csv,
#                             where nightly.sh finds last month's grades
#
# The register is built here, not shipped, because its history log stamps
# every change with the real time (see mk/demo-data.sh).  Exits at the
# first command that fails, with its status.
set -eu
[ $# -eq 1 ] || { echo "usage: sh mk/demo-load.sh DIR" >&2; exit 2; }
cd "$1"
CM_DATA=$(pwd)
CM_USER=${CM_USER:-quality}
export CM_DATA CM_USER

for f in property/*.csv; do
	cm-receive -q "$f"
done

cm-complaint new <complaints-new.csv >/dev/null
cm-complaint classify >/dev/null

# date, verb, id, then the verb's arguments, split at tabs only: the
# values hold spaces but never a tab.
tab=$(printf '\t')
set -f
{
	read -r _
	while IFS= read -r line; do
		IFS=$tab
		set -- $line
		unset IFS
		day=$1 verb=$2 id=$3
		shift 3
		case $verb in
		set)	cm-complaint set "$id" "$@" ;;
		*)	cm-complaint "$verb" "$id" --as-of="$day" "$@" ;;
		esac
	done
} <complaints-changes.tsv
set +f

mkdir -p reports/2026-10-31
CM_TODAY=2026-10-31 cm-grade -o reports/2026-10-31/customers-graded.csv \
    customers-2026-10.csv

#!/bin/sh
#
# cm-report monthly and annual hold DIR/.report.lock for the whole run:
# a second run into the same folder waits for it, 10 seconds at most,
# then exits 4 with DIR as it was.  (Its own script: the wait is the
# slowest step of the cm-report tests.)

test_description='cm-report: one run at a time into a report folder'

. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: a register of one complaint, a report of its year' '
	printf "%s\n" "received,customer,description,cause,loss" \
		"2026-09-03,甲公司,迟交,late_delivery,100" |
		cm-complaint new >/dev/null &&
	test_status 1 cm-report annual --year 2026 --complaints complaints.csv \
		--out d --lang en >/dev/null &&
	ls -A d >actual &&
	printf "%s\n" .report.lock by-month.png pareto-cause.png \
		pareto-loss.png report.html >e &&
	test_cmp e actual
'

# The lock is held here on a descriptor of the test's shell: the run
# opens the file anew, so its flock(2) conflicts with ours.
test_expect_success 'a folder another run is writing: exit 4 after 10 s, DIR as it was' '
	rm -rf keep && cp -R d keep &&
	exec 9>>d/.report.lock &&
	flock -n 9 &&
	start=$(date +%s) &&
	test_status 4 cm-report annual --year 2026 --complaints complaints.csv \
		--out d --lang zh >stdout 2>err &&
	end=$(date +%s) &&
	exec 9>&- &&
	test $((end - start)) -ge 9 &&
	echo "cm-report: another cm-report is writing '"'"'d'"'"' (waited 10 s for '"'"'d/.report.lock'"'"')" >e &&
	test_cmp e err && test_cmp /dev/null stdout &&
	diff -r keep d &&
	test_status 1 cm-report annual --year 2026 --complaints complaints.csv \
		--out d --lang zh >stdout &&
	echo d/report.html >e && test_cmp e stdout
'

test_done

# bench.mk: `make bench [BENCH=survey|complaint|receive|grade|penalty|sample|
# scale|growth] [BENCH_ROWS=N] [BENCH_MOVEMENTS=N] [BENCH_CUSTOMERS=N]
# [BENCH_CASES=N] [BENCH_STAFF=N] [BENCH_HOUSEHOLDS=N] [BENCH_ESTATES=N]
# [BENCH_SCALE_BLOCK=SIZE] [BENCH_GROWTH_MAX=N] [BENCH_PAIRS=N]`,
# included by the top Makefile.
#
# Builds bin/ and the helpers, then bench/run.sh runs the parts BENCH
# names (default all eight):
#
#   survey     generates the survey files into bench/out/ (one of them
#              the same rows with every field quoted, gensurvey -q) and
#              times cm-survey-calc against Miller, datamash and awk, and
#              against the floor (wc -l, a bare libcsv pass), in one
#              hyperfine run; its target against the bare libcsv pass
#              (<= 1.3x) is measured apart, in BENCH_PAIRS (default 11)
#              alternating pairs of cm and the floor, on CPU time
#              (user+system; wall time printed beside it), on the plain
#              file and, reported likewise, on the quoted one, after
#              checking cm prints the same bytes for both (FAIL, exit 1,
#              if not);
#   complaint  bench/complaint.sh generates a register of
#              BENCH_COMPLAINTS cases into bench/out/complaint/ and times
#              cm-complaint new, set, overdue and stats against Miller
#              and against the floor of a durable rewrite (bench/durable)
#              in one hyperfine run, for the table; its targets for set
#              with the register's log (against the floor, and on a log
#              ten times as long against that) are measured apart on wall
#              time, and overdue against Miller on wall time with CPU
#              time beside it, each in BENCH_PAIRS alternating pairs;
#   receive    bench/receive.sh generates a journal of BENCH_MOVEMENTS
#              customer-property movements into bench/out/receive/ (once)
#              and times cm-receive --balance against the same fold in
#              Miller and awk and against the floor, and an append of a
#              1,000-row batch to it and to an empty journal;
#   grade      bench/grade.sh generates an archive of BENCH_CUSTOMERS
#              customers into bench/out/grade/ (once) and times cm-grade
#              with the default rules against the same rules as one
#              Miller put expression (bench/grade.mlr), checking first
#              that both grade alike, and against the floor; peak memory
#              at BENCH_CUSTOMERS and at a fifth of it;
#   penalty    bench/penalty.sh generates a year of BENCH_CASES judged
#              complaint cases over BENCH_STAFF staff into
#              bench/out/penalty/ (bench/genpenalty, once), runs the
#              twelve months of cm-penalty and of the same rules in awk
#              (bench/penalty.awk), checks every month equal, and times a
#              month and the year against awk and the floor; peak memory
#              at BENCH_CASES and at a tenth of it;
#   sample     bench/sample.sh generates BENCH_HOUSEHOLDS households in
#              BENCH_ESTATES estates into bench/out/sample/
#              (bench/genhouseholds, once) and times cm-sample at 10% by
#              estate against Miller's reservoir sampling (mlr sample -k
#              -g), two-pass awk (bench/sample.awk) and the floor,
#              checking first the counts of each; peak memory at 1% on
#              BENCH_HOUSEHOLDS and on a tenth of it;
#   scale      bench/scale.sh splits the survey part's file (the same
#              bench/out/survey.csv, made by whichever part runs first)
#              over every core with GNU parallel --pipepart --header 1
#              --block BENCH_SCALE_BLOCK (default -1, a part a core),
#              cm-survey-calc --partial on each part, then --merge;
#              checks the merged output equals the single run byte for
#              byte (FAIL, exit 1, if not) and times both, and the split
#              the man page prints (--pipe --block 10M): the wall-time
#              ratios to the single run;
#   growth     bench/growth.sh times cm-survey-calc on 100k, 1M and 10M
#              rows and cm-complaint overdue, list (reads) and set (a
#              rewrite) on registers of 10k, 100k and 1M cases with their
#              logs (bench/gencomplaints), with the floors of a read and
#              of a durable rewrite, into bench/out/growth/ (once, about
#              3 GB); prints time and peak memory per 10x, survey memory
#              flat and each command's growth against its floor's.  About
#              two minutes on 2 cores; BENCH_GROWTH_MAX
#              leaves out the sizes above it (1000000: no 10M-row survey,
#              the longest step).
#
# Alternating pairs (bench/lib.sh's alternate, each run timed by
# bench/clocks to the microsecond) keep a target's ratio steady while the
# machine's load drifts: the two runs of a pair see the same load.  Each
# such target prints its clock, the ratio of the medians, the least and
# greatest ratio of a pair, and the ratio on the other clock.
#
# Targets are reported, not enforced: a miss does not fail the build.
#
# The helpers are built with -O2 alone, whatever CFLAGS says, and without
# the sanitizers: the floor must stay the same under SANITIZE=1 or a
# debugging CFLAGS.  (Under SANITIZE=1, the bench warns that bin/ is not
# an optimised build.)

BENCH ?= survey complaint receive grade penalty sample scale growth
BENCH_ROWS ?= 1000000
BENCH_COMPLAINTS ?= 100000
BENCH_MOVEMENTS ?= 5000000
BENCH_CUSTOMERS ?= 1000000
BENCH_CASES ?= 100000
BENCH_STAFF ?= 5000
BENCH_HOUSEHOLDS ?= 1000000
BENCH_ESTATES ?= 1000
BENCH_SCALE_BLOCK ?= -1
BENCH_GROWTH_MAX ?= 10000000
BENCH_PAIRS ?= 11
BENCH_PROGS = $(BUILD)/bench/gensurvey $(BUILD)/bench/csvcount \
              $(BUILD)/bench/gencomplaints $(BUILD)/bench/durable \
              $(BUILD)/bench/genproperty $(BUILD)/bench/gencustomers \
              $(BUILD)/bench/genpenalty $(BUILD)/bench/genhouseholds \
              $(BUILD)/bench/clocks
BENCH_LDFLAGS = $(filter-out $(SANFLAGS),$(LDFLAGS))

.PHONY: bench bench-build bench-clean

bench: all bench-build
	BUILD=$(BUILD) BENCH="$(BENCH)" BENCH_ROWS=$(BENCH_ROWS) \
	    BENCH_COMPLAINTS=$(BENCH_COMPLAINTS) \
	    BENCH_MOVEMENTS=$(BENCH_MOVEMENTS) \
	    BENCH_CUSTOMERS=$(BENCH_CUSTOMERS) \
	    BENCH_CASES=$(BENCH_CASES) BENCH_STAFF=$(BENCH_STAFF) \
	    BENCH_HOUSEHOLDS=$(BENCH_HOUSEHOLDS) \
	    BENCH_ESTATES=$(BENCH_ESTATES) \
	    BENCH_SCALE_BLOCK=$(BENCH_SCALE_BLOCK) \
	    BENCH_GROWTH_MAX=$(BENCH_GROWTH_MAX) \
	    BENCH_PAIRS=$(BENCH_PAIRS) sh bench/run.sh

bench-build: $(BENCH_PROGS)

$(BUILD)/bench:
	mkdir -p $@

$(BUILD)/bench/csvcount $(BUILD)/bench/durable: BENCH_LIBS = -lcsv
$(BENCH_PROGS): $(BUILD)/bench/%: bench/%.c | $(BUILD)/bench
	$(CC) $(CPPFLAGS) $(WARN) -O2 $(BENCH_LDFLAGS) -o $@ $< $(BENCH_LIBS)

bench-clean:
	rm -rf bench/out $(BUILD)/bench

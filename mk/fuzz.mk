# fuzz.mk: `make fuzz [FUZZ_SECONDS=30]`, included by the top Makefile.
#
# Harness fuzz-NAME is tests/fuzz/fuzz-NAME.c; its seed corpus is
# tests/fuzz/NAME/ and inputs that once crashed it live in
# tests/fuzz/NAME-regress/.  Each harness is built with clang and libFuzzer
# into build/fuzz/, with the library sources it needs compiled straight in
# (not the gcc-built libcm.a: libFuzzer needs clang's coverage
# instrumentation in the code under test), and for a harness of a
# command's own parsers (fuzz-receive) the command's sources it needs
# (FUZZ_CMD_NAME), its main.c stood in for by the harness.  A harness is
# rebuilt when any of those sources or headers changes, or its list or
# flags do (build/fuzz/cmd-NAME).  `make fuzz` then, per harness:
#   1. replays every seed and regression file once (a regression run);
#   2. fuzzes for FUZZ_SECONDS over build/fuzz/corpus-NAME/, a scratch
#      copy of the seeds, so new inputs never land in the repository.
# A crash, leak, sanitizer report or timeout fails make; the input is left
# in build/fuzz/NAME-crash-* (or -leak-, -timeout-) to be copied into
# tests/fuzz/NAME-regress/ once the bug is fixed.

FUZZ_SECONDS ?= 30
FUZZ_CC      ?= clang
FUZZ_DIR      = build/fuzz
FUZZ_NAMES    = csv date expr gpquote journal mime rating receive rules table \
                words
FUZZ_PROGS    = $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz-%)

# UBSan findings are fatal too: a report that only prints is lost in a run.
FUZZ_CFLAGS   = -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
                -Wall -Wextra -Werror
# FUZZ_SHARE: share/cm of this tree, for harnesses that read the shipped
# settings files (units.conf, columns.map) unless $CM_SHARE says otherwise.
FUZZ_CPPFLAGS = -D_GNU_SOURCE -Isrc/lib -DFUZZ_SHARE='"$(CURDIR)/share/cm"'
# Hangs count as failures; libFuzzer's default timeout is 20 minutes.
FUZZ_RUNFLAGS = -timeout=10 -rss_limit_mb=2048 -print_final_stats=1

# The library sources (and libraries) each harness needs.
FUZZ_SRC_csv    = csvin.c enc.c colmap.c lines.c share.c strset.c text.c \
                  buf.c xalloc.c msg.c
FUZZ_LIBS_csv   = -lcsv
FUZZ_SRC_date   = date.c
FUZZ_SRC_gpquote = gnuplot.c spawn.c text.c buf.c xalloc.c msg.c
FUZZ_SRC_expr   = expr.c regex.c date.c strset.c text.c buf.c xalloc.c msg.c
FUZZ_LIBS_expr  = -lpcre2-8
FUZZ_SRC_mime   = mime.c html.c num.c enc.c text.c buf.c xalloc.c msg.c
FUZZ_SRC_rating = rating.c lines.c share.c text.c buf.c xalloc.c msg.c
FUZZ_SRC_rules  = regex.c rules.c lines.c share.c enc.c text.c buf.c \
                  xalloc.c msg.c
FUZZ_LIBS_rules = -lpcre2-8
FUZZ_SRC_table  = table.c csvout.c atomic.c stdfd.c csvin.c enc.c colmap.c \
                  lines.c share.c strset.c text.c buf.c xalloc.c msg.c
FUZZ_LIBS_table = -lcsv
FUZZ_SRC_journal  = journal.c $(FUZZ_SRC_table)
FUZZ_LIBS_journal = -lcsv
# A command's own sources are compiled in too (FUZZ_CMD_NAME, with its
# directory on the include path); the driver in the harness stands in for
# its main.c.
FUZZ_SRC_receive  = num.c date.c suggest.c regex.c csvout.c atomic.c \
                    stdfd.c csvin.c enc.c colmap.c lines.c share.c strset.c \
                    text.c buf.c xalloc.c msg.c words.c
FUZZ_CMD_receive  = src/cm-receive/move.c src/cm-receive/book.c \
                    src/cm-receive/units.c
FUZZ_LIBS_receive = -lcsv -lpcre2-8
FUZZ_SRC_words    = words.c csvout.c atomic.c stdfd.c colmap.c lines.c \
                    share.c strset.c text.c buf.c xalloc.c msg.c

.PHONY: $(FUZZ_NAMES:%=fuzz-run-%)

fuzz-build: $(FUZZ_PROGS)

# Each harness gets FUZZ_SECONDS; under make -j they fuzz side by side.
fuzz: $(FUZZ_NAMES:%=fuzz-run-%)

$(FUZZ_DIR):
	mkdir -p $@

# The command that builds harness $1.  Its sources are prerequisites, but
# what is not a file (the lists above, FUZZ_CC, the flags, in this file
# or on the command line) is not, so each harness also depends on a
# record of its command, rewritten whenever the command changes: a
# changed list or flag rebuilds the harness, as a changed source does.
fuzz_cmd = $(FUZZ_CC) $(FUZZ_CPPFLAGS) \
    $(addprefix -I,$(sort $(dir $(FUZZ_CMD_$1)))) $(FUZZ_CFLAGS) \
    -o $(FUZZ_DIR)/fuzz-$1 tests/fuzz/fuzz-$1.c $(FUZZ_CMD_$1) \
    $(addprefix src/lib/,$(FUZZ_SRC_$1)) $(FUZZ_LIBS_$1)

# A static pattern rule: its targets are not intermediate, so make keeps them.
$(FUZZ_NAMES:%=$(FUZZ_DIR)/cmd-%): $(FUZZ_DIR)/cmd-%: FORCE | $(FUZZ_DIR)
	@printf '%s\n' '$(subst ','\'',$(call fuzz_cmd,$*))' | \
	    cmp -s - $@ 2>/dev/null || \
	    printf '%s\n' '$(subst ','\'',$(call fuzz_cmd,$*))' > $@

$(FUZZ_DIR)/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_DIR)/cmd-% \
    $$(addprefix src/lib/,$$(FUZZ_SRC_$$*)) $(wildcard src/lib/*.h) \
    $$(FUZZ_CMD_$$*) \
    $$(wildcard $$(addsuffix *.h,$$(sort $$(dir $$(FUZZ_CMD_$$*))))) \
    | $(FUZZ_DIR)
	$(call fuzz_cmd,$*)

# The regression run names files only: libFuzzer would fuzz a directory.
$(FUZZ_NAMES:%=fuzz-run-%): fuzz-run-%: $(FUZZ_DIR)/fuzz-%
	@echo "== fuzz-$*: regression run"
	@set -e; files=$$(find tests/fuzz/$* tests/fuzz/$*-regress \
	    -type f 2>/dev/null | LC_ALL=C sort); \
	if [ -n "$$files" ]; then \
	    $(FUZZ_DIR)/fuzz-$* $(FUZZ_RUNFLAGS) \
	        -artifact_prefix=$(FUZZ_DIR)/$*- $$files; \
	fi
	@echo "== fuzz-$*: $(FUZZ_SECONDS) s"
	rm -rf $(FUZZ_DIR)/corpus-$*
	mkdir -p $(FUZZ_DIR)/corpus-$*
	if [ -d tests/fuzz/$* ]; then cp -R tests/fuzz/$*/. $(FUZZ_DIR)/corpus-$*/; fi
	$(FUZZ_DIR)/fuzz-$* $(FUZZ_RUNFLAGS) -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=$(FUZZ_DIR)/$*- $(FUZZ_DIR)/corpus-$*

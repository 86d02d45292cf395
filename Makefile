# cm: one Makefile for the library, the commands, tests, fuzzers and bench.
#
#   make            build bin/
#   make check      install missing Debian packages if possible, build, test
#   make check SANITIZE=1   the same with ASan + UBSan
#   make demo       the nightly job on the sample year: build/demo/reports/2026-10
#   make fuzz [FUZZ_SECONDS=30]   libFuzzer harnesses (clang)
#   make bench [BENCH=survey|complaint|receive|grade|penalty|sample]   speed and memory against Miller,
#                   datamash, awk and the floor of a bare libcsv pass
#   make install [PREFIX=/usr/local] [DESTDIR=]

PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man
SHAREDIR  = $(PREFIX)/share/cm

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes
CPPFLAGS += -D_GNU_SOURCE -Isrc/lib -DCM_SHAREDIR='"$(SHAREDIR)"'
LDLIBS    = -lcsv -lpcre2-8 -lxxhash -lm

ifdef SANITIZE
BUILD     = build/san
SANFLAGS  = -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
CFLAGS   += $(SANFLAGS)
LDFLAGS  += $(SANFLAGS)
else
BUILD     = build/opt
endif

LIB_SRC   = $(wildcard src/lib/*.c)
LIB_OBJ   = $(LIB_SRC:src/lib/%.c=$(BUILD)/lib/%.o)
LIB       = $(BUILD)/libcm.a

# A command is src/cm-NAME.c or a folder src/cm-NAME/ of .c files.
CMDS      = $(sort $(patsubst src/%.c,%,$(wildcard src/cm-*.c)) \
                   $(patsubst src/%/,%,$(wildcard src/cm-*/)))
PROGS     = $(CMDS:%=bin/%)

UNIT_SRC  = $(wildcard tests/unit/t-*.c)
UNIT      = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%.t)

# Programs are marked with the build flavour so a SANITIZE build relinks.
STAMP     = $(BUILD)/.flavour
# share.c has SHAREDIR compiled in: it is rebuilt when PREFIX changes, so
# that `make` then `make install PREFIX=/opt/cm` installs programs that
# look in /opt/cm/share/cm.
PREFIX_STAMP = $(BUILD)/.sharedir

.PHONY: all deps check unit-build demo fuzz fuzz-build bench install \
        uninstall clean
all: $(PROGS)

deps:
	@sh mk/deps.sh

$(BUILD)/lib/%.o: src/lib/%.c $(wildcard src/lib/*.h) | $(BUILD)/lib
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(BUILD)/lib/share.o: $(PREFIX_STAMP)

$(LIB): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/lib $(BUILD)/unit $(BUILD)/cmd bin:
	mkdir -p $@

$(STAMP): FORCE | $(BUILD)/lib
	@echo "$(BUILD)" | cmp -s - bin/.flavour 2>/dev/null || \
	    { mkdir -p bin; echo "$(BUILD)" > bin/.flavour; touch $@; }
$(PREFIX_STAMP): FORCE | $(BUILD)/lib
	@echo '$(SHAREDIR)' | cmp -s - $@ 2>/dev/null || \
	    echo '$(SHAREDIR)' > $@
FORCE:

.SECONDEXPANSION:
bin/%: $$(wildcard src/$$*.c src/$$*/*.c src/$$*/*.h) $(LIB) $(STAMP) | bin
	$(CC) $(CPPFLAGS) -Isrc/$* $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ \
	    $(filter %.c,$^) $(LIB) $(LDLIBS)

$(BUILD)/unit/%.t: tests/unit/%.c tests/unit/tap.h $(LIB) | $(BUILD)/unit
	$(CC) $(CPPFLAGS) -Itests/unit $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ \
	    $< $(LIB) $(LDLIBS)

unit-build: $(UNIT)

# prove runs C unit tests (executables) and the numbered command scripts.
check: deps
	@$(MAKE) --no-print-directory all unit-build
	BUILD=$(BUILD) prove $(PROVEFLAGS) $(UNIT) tests/t[0-9]*.sh

# The sample year of share/cm/examples/demo/ copied to build/demo/, its
# registers built through the commands (mk/demo-load.sh), then the night
# of 2026-11-03 as cron would run it, with the report of 2026-10 in
# Chinese, mailed to nobody.  Findings (exit 1) are the point of a demo.
DEMO_ENV = CM_TODAY=2026-11-03 CM_SHARE="$(CURDIR)/share/cm" \
           CM_BIN="$(CURDIR)/bin" PATH="$(CURDIR)/bin:$$PATH"
demo: deps
	@$(MAKE) --no-print-directory all
	rm -rf build/demo && mkdir -p build && \
	    cp -R share/cm/examples/demo build/demo
	$(DEMO_ENV) sh mk/demo-load.sh build/demo
	$(DEMO_ENV) CM_DATA="$(CURDIR)/build/demo" CM_REPORTS= CM_SURVEYS= \
	    CM_TARGET=85 CM_REPORT_TO= CM_REPORT_LANG=zh \
	    sh share/cm/examples/nightly.sh --month 2026-10 || test $$? -eq 1

include mk/fuzz.mk
include mk/po.mk
include mk/man-po.mk
include mk/bench.mk

install: all install-po install-man-po
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(SHAREDIR)
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	install -m 644 man/man1/*.1 $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/man7/*.7 $(DESTDIR)$(MANDIR)/man7
	cp -R share/cm/. $(DESTDIR)$(SHAREDIR)

uninstall: uninstall-man-po
	rm -f $(PROGS:bin/%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/%,$(wildcard man/man1/*.1 man/man7/*.7))
	rm -rf $(DESTDIR)$(SHAREDIR)
	rm -f $(PO_LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/cm.mo)

clean:
	rm -rf build bin share/locale

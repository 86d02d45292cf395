# man-po.mk: the man pages in Chinese, kept in step with the English ones
# through po4a (Debian po4a), as man-pages-l10n does.
#
#   make            regenerates man/LANG/man1/*.1 and man/LANG/man7/cm.7
#                   from the English pages and po/man/LANG.po when po4a is
#                   installed (mk/deps.sh installs it); the pages are also
#                   committed, so that a tree without po4a still installs
#                   them
#   make man-pot    updates po/man/cm-man.pot from the English pages and
#                   merges it into each po/man/LANG.po: a changed paragraph
#                   shows as fuzzy or untranslated
#
# --keep=0 (po4a.cfg): a page is written however little of it is
# translated, its untranslated paragraphs in English, rather than dropped.
# po4a writes the translation as UTF-8; the pages are then rewritten with
# every non-ASCII character as \[uXXXX], as the English pages are, so that
# plain groff renders them without preconv.

MAN_PO_LANGS = zh_CN
MAN_EN       = $(wildcard man/man1/*.1) man/man7/cm.7
MAN_L10N     = $(foreach l,$(MAN_PO_LANGS),$(MAN_EN:man/%=man/$(l)/%))
PO4A         = po4a
PO4A_CFG     = po/man/po4a.cfg
HAVE_PO4A   := $(shell command -v $(PO4A) 2>/dev/null)
MAN_ESCAPE   = perl -CSD -pi -e 's/([^\x00-\x7f])/sprintf("\\[u%04X]", ord $$1)/ge'

ifneq ($(HAVE_PO4A),)
all: $(MAN_L10N)

# One po4a run writes every page: a grouped target.
$(MAN_L10N) &: $(MAN_EN) $(MAN_PO_LANGS:%=po/man/%.po) $(PO4A_CFG)
	$(PO4A) --no-update $(PO4A_CFG)
	$(MAN_ESCAPE) $(MAN_L10N)
	touch $(MAN_L10N)
endif

man-pot:
	$(PO4A) --no-translations $(PO4A_CFG)

install-man-po:
	for l in $(MAN_PO_LANGS); do \
		install -d $(DESTDIR)$(MANDIR)/$$l/man1 \
		    $(DESTDIR)$(MANDIR)/$$l/man7 && \
		install -m 644 man/$$l/man1/*.1 $(DESTDIR)$(MANDIR)/$$l/man1 && \
		install -m 644 man/$$l/man7/*.7 $(DESTDIR)$(MANDIR)/$$l/man7 || \
		exit 1; \
	done

uninstall-man-po:
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/%,$(MAN_L10N))

.PHONY: man-pot install-man-po uninstall-man-po

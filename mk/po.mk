# po.mk: the message catalogs (i18n.h).
#
#   make            builds share/locale/LANG/LC_MESSAGES/cm.mo from
#                   po/LANG.po (msgfmt --check), where a program of the
#                   tree's bin/ finds them beside share/cm
#   make pot        collects every message and help text of src/ into
#                   po/cm.pot (xgettext) and merges it into each po/LANG.po
#                   (msgmerge): new strings show as untranslated, and
#                   make check fails until they are translated
#
# msg.c and opt.c pass every format through gettext, so the message
# functions are keywords here: their format arguments need no _().

PO_LANGS  = zh_CN
MO        = $(PO_LANGS:%=share/locale/%/LC_MESSAGES/cm.mo)
LOCALEDIR = $(PREFIX)/share/locale
PO_SRC    = $(sort $(wildcard src/*/*.c src/*/*.h))
XGETTEXT_FLAGS = --language=C --from-code=UTF-8 --sort-by-file \
	--add-comments=TRANSLATORS: --package-name=cm \
	--msgid-bugs-address=issues \
	--keyword=_ --keyword=N_ \
	--keyword=cm_die:2 --keyword=cm_dieat:5 \
	--keyword=cm_warn:1 --keyword=cm_warnat:4 --keyword=cm_vwarnat:4 \
	--keyword=cm_notice:1 --keyword=cm_info:1 \
	--keyword=cm_usage_error:1 --keyword=cm_error_set:6 \
	--flag=cm_die:2:c-format --flag=cm_dieat:5:c-format \
	--flag=cm_warn:1:c-format --flag=cm_warnat:4:c-format \
	--flag=cm_notice:1:c-format --flag=cm_info:1:c-format \
	--flag=cm_usage_error:1:c-format --flag=cm_error_set:6:c-format

all: $(MO)

share/locale/%/LC_MESSAGES/cm.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@.tmp $< && mv $@.tmp $@

pot:
	xgettext $(XGETTEXT_FLAGS) -o po/cm.pot $(PO_SRC)
	for l in $(PO_LANGS); do \
		msgmerge --quiet --update --backup=none --no-fuzzy-matching \
		    --sort-by-file po/$$l.po po/cm.pot || exit 1; \
	done

# For the test: the strings the sources mark now, each of which every
# po/LANG.po must translate (msgcmp: an untranslated or fuzzy one fails).
POT_TMP = $(BUILD)/cm.pot
po-check:
	@mkdir -p $(dir $(POT_TMP))
	@xgettext $(XGETTEXT_FLAGS) -o $(POT_TMP) $(PO_SRC)
	@for l in $(PO_LANGS); do msgcmp po/$$l.po $(POT_TMP) || exit 1; done

install-po: $(MO)
	for l in $(PO_LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 share/locale/$$l/LC_MESSAGES/cm.mo \
		    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/cm.mo || exit 1; \
	done

.PHONY: pot po-check install-po

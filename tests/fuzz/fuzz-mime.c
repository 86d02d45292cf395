/*
 * fuzz-mime.c: libFuzzer harness for cm_mail_build.
 *
 * The input is cut at NUL bytes into a subject, a display name, a file
 * name and an address (what the command line hands over, any bytes).  A
 * message either is refused (-1, nothing appended) or is one that
 * `sendmail -t` takes as it stands: every line ends in CRLF, no CR or LF
 * alone, no line past RFC 5322's 998 bytes, and no header line but ours
 * (a CR LF in a value would start one of the attacker's: "Bcc: ...").
 * Anything else aborts.
 *
 * The whole input is also an HTML text for html.h, the parser that finds
 * the <img> and <meta> tags cm-report mail rewrites: every tag and
 * attribute lies inside the text, in order, a tag from its '<' to its
 * '>'; and the charset rewrite changes nothing but what it counts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next NUL-terminated piece of the input, copied; "" past the end. */
static char *
piece(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *nul = memchr(*p, '\0', (size_t)(end - *p));
	size_t n = (size_t)((nul ? nul : end) - *p);
	char *s = malloc(n + 1);

	if (s == NULL)
		abort();
	memcpy(s, *p, n);
	s[n] = '\0';
	*p = nul ? nul + 1 : end;
	return s;
}

/*
 * A line of a header block: a continuation, or a field we write.  A CR
 * LF smuggled in through a value would start another ("Bcc: ...").
 */
static int
our_field(const char *s, size_t n)
{
	static const char *const names[] = {
		"X", "Date", "From", "To", "Cc", "Subject", "Message-ID",
		"MIME-Version", "Content-Type", "Content-Transfer-Encoding",
		"Content-ID", "Content-Disposition"
	};
	size_t i, len;

	if (n > 0 && s[0] == ' ')
		return 1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		len = strlen(names[i]);
		if (n > len && memcmp(s, names[i], len) == 0 && s[len] == ':')
			return 1;
	}
	return 0;
}

/*
 * Lines: CRLF-terminated, no CR or LF alone, at most 998 bytes; in the
 * header blocks (the message's, and each part's after its boundary
 * line) only our fields.
 */
static void
check(const char *s, size_t n)
{
	const char *line = s, *end = s + n, *nl;
	int header = 1;
	size_t len;

	if (n < 2 || s[n - 2] != '\r' || s[n - 1] != '\n')
		abort();
	for (; line < end; line = nl + 2) {
		nl = line;
		while (nl < end && *nl != '\r' && *nl != '\n')
			nl++;
		if (nl + 1 >= end || nl[0] != '\r' || nl[1] != '\n')
			abort();
		len = (size_t)(nl - line);
		if (len > 998)
			abort();
		if (len == 0)
			header = 0;
		else if (len > 4 && memcmp(line, "--=_", 4) == 0)
			header = 1;
		else if (header && !our_field(line, len))
			abort();
	}
}

static void
check_html(const char *s, size_t n)
{
	struct cm_html_tag t;
	struct cm_html_attr a;
	struct cm_buf out = { 0 };
	size_t pos = 0, prev = 0, ap, changed;

	while (cm_html_next_tag(s, n, &pos, &t) == 1) {
		if (t.start < prev || t.end > n || t.end <= t.start + 1 ||
		    s[t.start] != '<' || s[t.end - 1] != '>' || pos < t.end ||
		    pos > n || t.name + t.namelen > t.end)
			abort();
		prev = pos;
		for (ap = 0; cm_html_next_attr(s, &t, &ap, &a) == 1; )
			if (a.name < t.name + t.namelen ||
			    a.name + a.namelen > t.end - 1 ||
			    a.value + a.valuelen > t.end - 1 || ap > t.end - 1)
				abort();
	}
	changed = cm_html_meta_utf8(&out, s, n);
	if (changed == 0 && (out.len != n || memcmp(out.s, s, n) != 0))
		abort();
	cm_buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	char *subject = piece(&p, end), *name = piece(&p, end);
	char *file = piece(&p, end), *addr = piece(&p, end);
	char *from = malloc(strlen(name) + 32);
	const char *to[2];
	struct cm_mail_part parts[2] = {
		{ file, "text/csv; charset=utf-8", "a,b\n", 4, NULL },
		{ file, "image/png", "\x89PNG", 4, "x@cm-report" },
	};
	struct cm_mail m;
	struct cm_buf out = { 0 };
	struct cm_error err;

	if (from == NULL)
		abort();
	strcpy(from, name);
	strcat(from, " <cs@example.com>");
	to[0] = addr;
	to[1] = from;
	memset(&m, 0, sizeof(m));
	m.from = from;
	m.to = to;
	m.nto = 2;
	m.cc = to + 1;
	m.ncc = 1;
	m.subject = subject;
	m.html = "<p>";
	m.html_len = 3;
	m.parts = parts;
	m.nparts = 2;
	m.reproducible = 1;
	cm_buf_adds(&out, "X: y\r\n");
	if (cm_mail_build(&m, &out, &err) == 0)
		check(out.s, out.len);
	else if (out.len != 6)
		abort();
	cm_buf_free(&out);
	check_html((const char *)data, size);
	free(subject);
	free(name);
	free(file);
	free(addr);
	free(from);
	return 0;
}

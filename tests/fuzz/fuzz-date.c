/*
 * fuzz-date.c: libFuzzer harness for cm_date_parse.
 *
 * The parser reads CSV fields, which are not NUL-terminated, so the input
 * is handed over as it comes, without a copy: ASan then catches a read
 * one byte past len.  A date that parses must format and parse back to
 * the same day; a mismatch aborts, which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[11];
	cm_day d, again;
	int y, m, dd;

	if (cm_date_parse((const char *)data, size, &d) == -1)
		return 0;
	cm_date_to_ymd(d, &y, &m, &dd);
	if (!cm_date_valid(y, m, dd) || cm_date_from_ymd(y, m, dd) != d)
		abort();
	cm_date_format(d, buf);
	if (strlen(buf) != 10)
		abort();
	if (cm_date_parse(buf, strlen(buf), &again) == -1 || again != d)
		abort();
	if (cm_date_weekday(d) < 1 || cm_date_weekday(d) > 7)
		abort();
	return 0;
}

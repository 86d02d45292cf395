/*
 * enc.h: input bytes in any encoding, out as UTF-8 (DESIGN.md §2).
 *
 * A struct cm_in reads a file or standard input in blocks and hands out
 * decoded UTF-8.  Encodings:
 *   "auto" (or NULL): a UTF-8 BOM means UTF-8; a UTF-16LE/BE BOM means
 *     UTF-16 (Excel's "Unicode text").  Otherwise the first 64 KiB (the
 *     window) decide: NUL bytes at every other place (at least 4, in an
 *     eighth of the 16-bit units, hardly any at the other parity) mean
 *     UTF-16LE or UTF-16BE without a BOM; a window that is valid UTF-8 (a
 *     sequence cut by the 64 KiB edge counts as valid), or whose faults
 *     are at most a quarter as many as its valid multibyte characters, or
 *     whose one fault is a character cut by the end of a short input
 *     (a truncated file), means UTF-8, each fault then being a CM_DATA
 *     error at its line; anything else is GB18030 (what Chinese Excel
 *     writes as "CSV"), and a GB18030 error then also tells where UTF-8
 *     failed ("... and not UTF-8 either (0xC6 0xDA at line 1)").
 *   "utf-8"/"utf8": UTF-8, validated; a window that looks like UTF-16
 *     without a BOM is a CM_DATA error at line 1 naming --encoding
 *     utf-16le or utf-16be, rather than "NUL byte in field 1" later.
 *   anything else: an iconv(3) encoding name such as "gb18030" or "gbk".
 * A byte sequence that cannot be decoded is a data error (CM_DATA) naming
 * the physical line of the decoded stream where it stands; there is never
 * a silent substitution.  A leading BOM (UTF-8, or the UTF-16 one) is not
 * part of the output.
 */
#ifndef CM_ENC_H
#define CM_ENC_H

#include <sys/types.h>

#include <stddef.h>
#include "msg.h"

struct cm_in;

/*
 * Open path ("-" or NULL: standard input) with encoding enc.  Returns NULL
 * and fills err on failure: CM_SYSTEM when the file cannot be opened,
 * CM_USAGE when iconv does not know enc.  Nothing is read yet.
 */
struct cm_in *cm_in_open(const char *path, const char *enc,
    struct cm_error *err);

/*
 * The same over fd, which is ours from now on (closed by cm_in_close, or
 * at once when the open fails), read as the file name (for messages)
 * from where it stands, and no further than limit bytes (limit < 0: to
 * its end).  A journal's reader stops at its committed size this way
 * (journal.h), so that a batch in flight is not seen.
 */
struct cm_in *cm_in_open_fd(int fd, const char *name, const char *enc,
    off_t limit, struct cm_error *err);

/*
 * The same over a caller-owned buffer (kept until cm_in_close); name is
 * used in messages.  For tests and fuzzers.
 */
struct cm_in *cm_in_open_mem(const char *name, const void *data, size_t len,
    const char *enc, struct cm_error *err);

/*
 * Next block of decoded UTF-8: sets *buf and *len and returns 1; returns 0
 * at end of input; returns -1 and fills err on an undecodable sequence
 * (CM_DATA, with err->line set) or a read error (CM_SYSTEM).  The block
 * stays valid until the next call.  Blocks split lines and even UTF-8
 * sequences anywhere; the caller must not assume otherwise.
 */
int cm_in_read(struct cm_in *in, const char **buf, size_t *len,
    struct cm_error *err);

/* The name for messages: the path, or "(standard input)". */
const char *cm_in_name(const struct cm_in *in);

/* The encoding in use: "UTF-8", "UTF-16LE", "GB18030", or as given. */
const char *cm_in_encoding(const struct cm_in *in);

void cm_in_close(struct cm_in *in);

/*
 * Length of the longest prefix of s[0..n) that is valid UTF-8 (RFC 3629:
 * no overlongs, no surrogates, nothing above U+10FFFF).  When the invalid
 * part is only an incomplete sequence at the very end, *incomplete is set
 * to 1 (else 0).  incomplete may be NULL.
 */
size_t cm_utf8_valid_prefix(const char *s, size_t n, int *incomplete);

#endif

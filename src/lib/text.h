/*
 * text.h: small helpers for UTF-8 text, once for the whole library.
 */
#ifndef CM_TEXT_H
#define CM_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one UTF-8 sequence at s[0..n) (n > 0): its length (1 for ASCII),
 * with the code point in *cp; or 0 for a sequence that is invalid
 * (overlong, a surrogate, beyond U+10FFFF, cut short by n), which callers
 * take as one byte standing for itself.
 */
size_t cm_utf8_decode(const char *s, size_t n, uint32_t *cp);

/*
 * n, or less so that s[0..n) does not end inside a UTF-8 sequence: a
 * quoted value cut for a message stays valid UTF-8.
 */
size_t cm_utf8_cut(const char *s, size_t n);

/*
 * Trim ASCII white space and the ideographic space U+3000 (which Chinese
 * input methods leave around text) from both ends of s[0..*n): returns
 * the new start and sets *n to the new length.
 */
const char *cm_trim(const char *s, size_t *n);

/*
 * Whether the string s is all ASCII (NULL is): a name with another
 * character is a Chinese one, for the writers of --lang (csvout.h).
 */
int cm_ascii(const char *s);

/*
 * FNV-1a, 64 bits, over p[0..n), going on from h (CM_FNV1A_INIT to
 * start): a fingerprint against accident, not against an attacker (a
 * message's ids, a register's position record).
 */
#define CM_FNV1A_INIT	UINT64_C(0xcbf29ce484222325)
uint64_t cm_fnv1a(uint64_t h, const void *p, size_t n);

#endif

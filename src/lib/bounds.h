/*
 * bounds.h: how much of one input cm holds at once (DESIGN.md §10).
 *
 * Every input is hostile: /dev/zero, `yes x | tr -d '\n'` or a quote
 * that never closes must end in an error naming the file and line, not in
 * memory growing until the machine swaps.  These are the only limits; the
 * readers take them from here, and man/man7/cm.7 (section LIMITS) gives
 * them to users, so change both together.
 *
 * CM_RECORD_MAX	bytes of one CSV record as decoded to UTF-8: its
 *			fields with their delimiters, quotes and line breaks.
 *			A field, being part of a record, is bounded by it.
 *			Past it: CM_DATA (exit 3) naming the line where the
 *			record starts (csvin.h).
 * CM_FIELDS_MAX	fields in one CSV record, the header included.  Each
 *			field costs a few dozen bytes however short it is, so
 *			a record of 64 MiB of commas must not become 64
 *			million of them.  Past it: CM_DATA (exit 3).
 * CM_LINE_MAX		bytes of one line of a settings file (complaint.conf,
 *			causes.category, columns.map, rule and scale files),
 *			its line break not counted.  Past it: CM_USAGE
 *			(exit 2), as any bad settings file (lines.h).
 *
 * Readers take lower limits through their API (struct cm_csv_opts,
 * cm_lines_set_max), for tests that reach a limit with a small input.
 */
#ifndef CM_BOUNDS_H
#define CM_BOUNDS_H

#define CM_RECORD_MAX	((size_t)64 << 20)	/* 64 MiB */
#define CM_FIELDS_MAX	((size_t)1 << 20)	/* 1,048,576 */
#define CM_LINE_MAX	((size_t)1 << 20)	/* 1 MiB */

#endif

/* Reading CSV files people bring: the bytes in their encoding turned into
 * UTF-8, then RFC 4180 records (quotes, doubled quotes, line breaks inside
 * quotes; CRLF or LF), with the delimiter Excel used (comma, semicolon, tab). */
#ifndef CRM_CSV_H
#define CRM_CSV_H

#include "buf.h"

#include <stddef.h>

#define CSV_MAX_FIELDS 64
#define CSV_MAX_FIELD 65536

/* data[0..len) in encoding ("utf-8", "windows-1256", "windows-1254"; "auto":
 * UTF-8 when the bytes are valid UTF-8) as UTF-8 in out, without a BOM.
 * CRM_EINVAL when the bytes are not valid in that encoding (or for "auto",
 * not UTF-8: the user must name the encoding). */
int csv_to_utf8(const char *data, size_t len, const char *encoding, struct buf *out);

/* The delimiter of the first line: the most frequent of , ; and tab outside quotes (',' by default). */
char csv_sniff_delimiter(const char *text, size_t len);

typedef int (*csv_record_fn)(void *ctx, size_t line, const char *const *fields, size_t n);

/* Calls fn for each record (line = where it starts, from 1); blank lines are
 * skipped. CRM_EINVAL for an unterminated quote or text after a closing quote,
 * CRM_ETOOBIG past CSV_MAX_FIELDS or CSV_MAX_FIELD; *bad_line tells where.
 * fn returning non-zero stops with that code. */
int csv_parse(const char *text, size_t len, char delim, csv_record_fn fn, void *ctx, size_t *bad_line);

#endif

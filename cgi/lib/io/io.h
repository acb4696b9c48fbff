/* libcrm area io: Exports (XLSX, Word, XML, TXT, CSV) and CSV reading. */
#ifndef CRM_LIB_IO_H
#define CRM_LIB_IO_H

#include "core/core.h"
#include "http/http.h"
#include "db/db.h"

#include <stdio.h>
#include <stddef.h>

/* ---- export ---- */
/* One export engine for every list: XLSX, Word-compatible HTML, XML, TXT and
 * CSV. A module describes its columns and feeds rows (streamed or in batches, so memory
 * stays flat); the engine writes a temporary file under <var>/tmp, writes the
 * export's audit row, and only then sends the file. An export without its
 * audit row therefore never reaches a user. */
enum export_format { EXPORT_XLSX, EXPORT_DOC, EXPORT_XML, EXPORT_TXT, EXPORT_CSV };

enum export_type {
	EXPORT_TEXT,     /* user text: never a formula, neutralized in CSV/TXT */
	EXPORT_INT,      /* whole number */
	EXPORT_MONEY,    /* decimal amount with two places */
	EXPORT_DATE,     /* ISO date */
	EXPORT_DATETIME  /* stored UTC timestamp, shown in the site's time zone */
};

struct export_column {
	const char *key;   /* the column's name in the query */
	const char *label; /* header in the user's language */
	enum export_type type;
	double width;      /* characters */
};

struct export_filter {
	const char *label;
	const char *value;
};

#define EXPORT_MAX_COLUMNS 48
#define EXPORT_MAX_FILTERS 16

struct export {
	struct req *r;
	enum export_format format;
	const char *list;  /* ASCII name: file name, XML list attribute, audit details */
	const char *title; /* in the user's language: sheet, document title */
	const char *query; /* the list's query string (filters, sort, columns), kept in the audit row */
	const struct export_column *cols[EXPORT_MAX_COLUMNS];
	unsigned ncols;
	struct export_filter filters[EXPORT_MAX_FILTERS];
	unsigned nfilters;
	long long rows;
	long long max_rows;
	/* internal */
	int map[EXPORT_MAX_COLUMNS]; /* query column index per export column, -1 until the first row */
	int mapped;
	char path[600];
	FILE *fp;
	void *w;            /* the writer's state */
};

/* "xlsx", "doc", "xml", "txt", "csv" -> format; CRM_EINVAL otherwise. */
int export_format_parse(const char *name, enum export_format *out);
const char *export_format_name(enum export_format f);
/* The Content-Type a file of format f is sent with. */
const char *export_content_type(enum export_format f);

/* Adds a column or a filter shown in documents and the audit row (value NULL or "" is skipped). */
int export_add_column(struct export *x, const struct export_column *c);
int export_add_filter(struct export *x, const char *label, const char *value);

/* Opens the temporary file and writes the header. */
int export_begin(struct export *x);
/* One row of a query: columns are found by name. CRM_ETOOBIG past max_rows. */
int export_row(struct export *x, const struct db_row *row);
/* Finishes the file, writes the audit row (module, list, format, filters,
 * rows; table name = list) and streams the file to the client. Returns the HTTP status. */
int export_finish(struct export *x);
/* For an export that is kept, not sent (a job's file): finishes the file at
 * x->path (dropped on failure) ... */
int export_close(struct export *x);
/* ... and writes its audit row: call inside the transaction that publishes it. */
int export_audit_write(struct export *x);
/* Drops the temporary file after a failure. */
void export_abort(struct export *x);

/* Whether user text would run as a formula in a spreadsheet: it starts
 * with =, +, -, @, tab or CR (ASVS 5.0 1.2.10; NUL cannot occur in our strings). */
int export_formula_like(const char *s);

/* Helpers the writers share. A value as the user reads it: a date or
 * timestamp in their calendar and digits (timestamps in the site's time
 * zone), numbers in their digits; other text unchanged. */
int export_local_text(const struct export *x, enum export_type t, const char *v, char *out, size_t outlen);
/* A stored UTC timestamp as the site's local Gregorian "YYYY-MM-DD HH:MM". */
int export_local_gregorian(const struct export *x, const char *utc, char *out, size_t outlen);
/* Whether the user's calendar is not Gregorian (dates then get a second,
 * calendar-text column in XLSX and CSV). */
int export_second_calendar(const struct export *x);
/* A column's header for the calendar-text column: "Label (Jalali)". */
int export_calendar_label(const struct export *x, const struct export_column *c, char *out, size_t outlen);
/* Writes s escaped for XML and HTML text and attributes; characters XML 1.0
 * forbids (C0 controls other than tab, LF, CR) are dropped. */
int export_put_escaped(FILE *fp, const char *s);

/* Writers, one file each. */
struct export_writer_ops {
	int (*begin)(struct export *x);
	int (*row)(struct export *x, const char *const *values);
	int (*end)(struct export *x);
	void (*abort)(struct export *x);
};
extern const struct export_writer_ops export_xlsx_ops, export_doc_ops, export_xml_ops, export_txt_ops,
	export_csv_ops;

/* ---- csv ---- */
/* Reading CSV files people bring: the bytes in their encoding turned into
 * UTF-8, then RFC 4180 records (quotes, doubled quotes, line breaks inside
 * quotes; CRLF or LF), with the delimiter Excel used (comma, semicolon, tab). */
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

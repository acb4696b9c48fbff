/* The CSV reader (fuzzed: tests/fuzz/fuzz_csv.c). Pure: no allocation
 * besides the field buffers, never reads outside text[0..len). */
#include "io/io.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

char csv_sniff_delimiter(const char *text, size_t len)
{
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted)
			comma += c == ',', semi += c == ';', tab += c == '\t';
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

struct fields {
	struct buf f[CSV_MAX_FIELDS];
	const char *ptr[CSV_MAX_FIELDS];
	size_t n;
};

static void fields_free(struct fields *fs)
{
	for (size_t i = 0; i < CSV_MAX_FIELDS; i++)
		buf_free(&fs->f[i]);
}

static int emit(struct fields *fs, size_t line, csv_record_fn fn, void *ctx)
{
	/* a blank line is one empty field: skip it */
	if (fs->n == 1 && fs->f[0].len == 0) {
		fs->n = 0;
		buf_reset(&fs->f[0]);
		return CRM_OK;
	}
	for (size_t i = 0; i < fs->n; i++)
		fs->ptr[i] = fs->f[i].p ? fs->f[i].p : "";
	int rc = fn(ctx, line, fs->ptr, fs->n);

	for (size_t i = 0; i < fs->n; i++)
		buf_reset(&fs->f[i]);
	fs->n = 0;
	return rc;
}

int csv_parse(const char *text, size_t len, char delim, csv_record_fn fn, void *ctx, size_t *bad_line)
{
	struct fields *fs = calloc(1, sizeof(*fs));
	size_t i = 0, line = 1, start_line = 1;
	int rc = CRM_OK;

	if (!fs)
		return CRM_ERR;
	*bad_line = 0;
	/* a NUL would end its field as a C string and drop the rest unseen: not CSV text */
	const char *nul = memchr(text, '\0', len);

	if (nul) {
		*bad_line = 1;
		for (const char *s = text; s < nul; s++)
			*bad_line += *s == '\n';
		free(fs);
		return CRM_EINVAL;
	}
	while (rc == CRM_OK && i < len) {
		struct buf *f;

		if (fs->n == 0)
			start_line = line;
		if (fs->n >= CSV_MAX_FIELDS) {
			rc = CRM_ETOOBIG;
			break;
		}
		f = &fs->f[fs->n++];
		buf_reset(f);
		if (text[i] == '"') {
			/* quoted: up to the closing quote; "" is a quote */
			i++;
			for (;;) {
				if (i >= len) {
					rc = CRM_EINVAL;
					break;
				}
				if (text[i] == '"') {
					if (i + 1 < len && text[i + 1] == '"') {
						rc = buf_append(f, "\"", 1);
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (text[i] == '\n')
					line++;
				rc = buf_append(f, &text[i], 1);
				i++;
				if (rc != CRM_OK)
					break;
			}
			if (rc == CRM_OK && i < len && text[i] != delim && text[i] != '\r' && text[i] != '\n')
				rc = CRM_EINVAL; /* text after the closing quote */
		} else {
			size_t s = i;

			while (i < len && text[i] != delim && text[i] != '\r' && text[i] != '\n')
				i++;
			rc = buf_append(f, text + s, i - s);
		}
		if (rc == CRM_OK && f->len > CSV_MAX_FIELD)
			rc = CRM_ETOOBIG;
		if (rc != CRM_OK)
			break;
		if (i < len && text[i] == delim) {
			i++;
			if (i == len) { /* a trailing delimiter ends with an empty field */
				if (fs->n >= CSV_MAX_FIELDS)
					rc = CRM_ETOOBIG;
				else
					buf_reset(&fs->f[fs->n++]);
			}
			continue;
		}
		/* end of record */
		if (i < len && text[i] == '\r')
			i++;
		if (i < len && text[i] == '\n')
			i++;
		line++;
		rc = emit(fs, start_line, fn, ctx);
	}
	if (rc == CRM_OK && fs->n)
		rc = emit(fs, start_line, fn, ctx);
	if (rc == CRM_EINVAL || rc == CRM_ETOOBIG)
		*bad_line = start_line;
	fields_free(fs);
	free(fs);
	return rc;
}

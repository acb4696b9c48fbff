/* TXT: tab-separated, each cell padded with spaces to its column's width so
 * the file reads as a table in any editor, and still splits on tabs. Values
 * are as the user reads them (their calendar and digits). */
#include "core/core.h"
#include "io/io.h"

#include <string.h>

/* Writes s with tabs and line breaks as spaces, then pads to width characters. */
static int put_cell(FILE *fp, const char *s, double width, int user_text, int last)
{
	size_t chars = 0;

	if (user_text && export_formula_like(s)) {
		if (putc('\'', fp) == EOF)
			return CRM_ERR;
		chars++;
	}
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p & 0xC0) != 0x80)
			chars++;
		if (putc(*p == '\t' || *p == '\r' || *p == '\n' ? ' ' : *p, fp) == EOF)
			return CRM_ERR;
	}
	if (last)
		return fputs("\r\n", fp) < 0 ? CRM_ERR : CRM_OK;
	for (; chars < (size_t)width; chars++)
		if (putc(' ', fp) == EOF)
			return CRM_ERR;
	return putc('\t', fp) == EOF ? CRM_ERR : CRM_OK;
}

static int txt_begin(struct export *x)
{
	int rc = CRM_OK;

	for (unsigned c = 0; rc == CRM_OK && c < x->ncols; c++)
		rc = put_cell(x->fp, x->cols[c]->label, x->cols[c]->width, 0, c + 1 == x->ncols);
	return rc;
}

static int txt_row(struct export *x, const char *const *values)
{
	char local[128];
	int rc = CRM_OK;

	for (unsigned c = 0; rc == CRM_OK && c < x->ncols; c++) {
		const struct export_column *col = x->cols[c];
		const char *v = values[c];

		if (col->type != EXPORT_TEXT) {
			rc = export_local_text(x, col->type, v, local, sizeof(local));
			v = local;
		}
		if (rc == CRM_OK)
			rc = put_cell(x->fp, v, col->width, col->type == EXPORT_TEXT, c + 1 == x->ncols);
	}
	return rc;
}

static int txt_end(struct export *x)
{
	(void)x;
	return CRM_OK;
}

static void txt_abort(struct export *x)
{
	(void)x;
}

const struct export_writer_ops export_txt_ops = { txt_begin, txt_row, txt_end, txt_abort };

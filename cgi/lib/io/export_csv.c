/* CSV: UTF-8 with a BOM (Excel then reads Persian text right), RFC 4180
 * quoting and CRLF line ends. Dates are ISO, followed by their text in the
 * user's calendar when that is not Gregorian; user text is neutralized. */
#include "core/core.h"
#include "io/io.h"

#include <string.h>

/* One field; user text that a spreadsheet would run as a formula gets a
 * leading apostrophe (ASVS 5.0 1.2.10). */
static int put_cell(FILE *fp, const char *s, int first, int user_text)
{
	int quote = s && strpbrk(s, ",\"\r\n") != NULL;

	if (!first && putc(',', fp) == EOF)
		return CRM_ERR;
	if (!s)
		return CRM_OK;
	if (quote && putc('"', fp) == EOF)
		return CRM_ERR;
	if (user_text && export_formula_like(s) && putc('\'', fp) == EOF)
		return CRM_ERR;
	if (!quote)
		return fputs(s, fp) < 0 ? CRM_ERR : CRM_OK;
	for (; *s; s++)
		if ((*s == '"' && putc('"', fp) == EOF) || putc(*s, fp) == EOF)
			return CRM_ERR;
	return putc('"', fp) == EOF ? CRM_ERR : CRM_OK;
}

static int csv_begin(struct export *x)
{
	char label[256];
	int rc = fputs("\xEF\xBB\xBF", x->fp) < 0 ? CRM_ERR : CRM_OK;

	for (unsigned c = 0; rc == CRM_OK && c < x->ncols; c++) {
		const struct export_column *col = x->cols[c];

		rc = put_cell(x->fp, col->label, c == 0, 0);
		if (rc == CRM_OK && (col->type == EXPORT_DATE || col->type == EXPORT_DATETIME) && export_second_calendar(x)) {
			rc = export_calendar_label(x, col, label, sizeof(label));
			if (rc == CRM_OK)
				rc = put_cell(x->fp, label, 0, 0);
		}
	}
	if (rc == CRM_OK && fputs("\r\n", x->fp) < 0)
		rc = CRM_ERR;
	return rc;
}

static int csv_row(struct export *x, const char *const *values)
{
	char tmp[4096], local[128];
	int rc = CRM_OK;

	for (unsigned c = 0; rc == CRM_OK && c < x->ncols; c++) {
		const struct export_column *col = x->cols[c];
		const char *v = values[c];

		switch (col->type) {
		case EXPORT_TEXT:
			rc = put_cell(x->fp, v, c == 0, 1);
			break;
		case EXPORT_INT:
		case EXPORT_MONEY:
			rc = put_cell(x->fp, v, c == 0, 0);
			break;
		case EXPORT_DATE:
		case EXPORT_DATETIME:
			if (col->type == EXPORT_DATETIME && v && v[0]) {
				rc = export_local_gregorian(x, v, tmp, sizeof(tmp));
				if (rc == CRM_OK)
					rc = put_cell(x->fp, tmp, c == 0, 0);
			} else {
				rc = put_cell(x->fp, v, c == 0, 0);
			}
			if (rc == CRM_OK && export_second_calendar(x)) {
				rc = export_local_text(x, col->type, v, local, sizeof(local));
				if (rc == CRM_OK)
					rc = put_cell(x->fp, local, 0, 0);
			}
			break;
		}
	}
	if (rc == CRM_OK && fputs("\r\n", x->fp) < 0)
		rc = CRM_ERR;
	return rc;
}

static int csv_end(struct export *x)
{
	(void)x;
	return CRM_OK;
}

static void csv_abort(struct export *x)
{
	(void)x;
}

const struct export_writer_ops export_csv_ops = { csv_begin, csv_row, csv_end, csv_abort };

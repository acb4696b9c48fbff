/* XLSX through libxlsxwriter in constant-memory mode: rows go to disk as they
 * come. Numbers as numbers, money with a number format, dates as Excel dates
 * (plus a text column in the user's calendar when it is not Gregorian), a bold
 * frozen header with an autofilter, column widths, right-to-left for Persian.
 * User text is only ever written with worksheet_write_string. */
#include "core/core.h"
#include "io/io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date, *datetime, *money;
	lxw_col_t col_of[EXPORT_MAX_COLUMNS]; /* sheet column of each export column */
	lxw_col_t ncols;                      /* sheet columns */
	lxw_row_t row;
};

static int has_calendar_column(const struct export *x, const struct export_column *c)
{
	return (c->type == EXPORT_DATE || c->type == EXPORT_DATETIME) && export_second_calendar(x);
}

/* Sheet names: at most 31 characters, none of []:*?/\ . */
static void sheet_name(const char *title, char *out, size_t outlen)
{
	size_t chars = 0, o = 0;

	for (const unsigned char *p = (const unsigned char *)title; *p && o + 5 < outlen; p++) {
		if ((*p & 0xC0) != 0x80 && ++chars > 31)
			break;
		out[o++] = strchr("[]:*?/\\'", *p) ? '_' : (char)*p;
	}
	out[o] = '\0';
	if (!o)
		snprintf(out, outlen, "Sheet1");
}

static int xlsx_begin(struct export *x)
{
	struct xlsx *s = calloc(1, sizeof(*s));
	char tmpdir[600], name[160], label[256];
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };

	if (!s)
		return CRM_ERR;
	x->w = s;
	snprintf(tmpdir, sizeof(tmpdir), "%s/tmp", x->r->cfg->var);
	opt.tmpdir = tmpdir;
	s->wb = workbook_new_opt(x->path, &opt);
	if (!s->wb)
		return CRM_ERR;
	sheet_name(x->title && x->title[0] ? x->title : x->list, name, sizeof(name));
	s->ws = workbook_add_worksheet(s->wb, name);
	s->bold = workbook_add_format(s->wb);
	s->date = workbook_add_format(s->wb);
	s->datetime = workbook_add_format(s->wb);
	s->money = workbook_add_format(s->wb);
	if (!s->ws || !s->bold || !s->date || !s->datetime || !s->money)
		return CRM_ERR;
	format_set_bold(s->bold);
	format_set_num_format(s->date, "yyyy-mm-dd");
	format_set_num_format(s->datetime, "yyyy-mm-dd hh:mm");
	format_set_num_format(s->money, "#,##0.00");
	if (!strcmp(x->r->lang, "fa"))
		worksheet_right_to_left(s->ws);
	for (unsigned c = 0; c < x->ncols; c++) {
		const struct export_column *col = x->cols[c];

		s->col_of[c] = s->ncols;
		if (worksheet_set_column(s->ws, s->ncols, s->ncols, col->width, NULL) != LXW_NO_ERROR ||
		    worksheet_write_string(s->ws, 0, s->ncols, col->label, s->bold) != LXW_NO_ERROR)
			return CRM_ERR;
		s->ncols++;
		if (has_calendar_column(x, col)) {
			if (export_calendar_label(x, col, label, sizeof(label)) != CRM_OK ||
			    worksheet_set_column(s->ws, s->ncols, s->ncols, col->width, NULL) != LXW_NO_ERROR ||
			    worksheet_write_string(s->ws, 0, s->ncols, label, s->bold) != LXW_NO_ERROR)
				return CRM_ERR;
			s->ncols++;
		}
	}
	worksheet_freeze_panes(s->ws, 1, 0);
	return CRM_OK;
}

static int write_date(struct xlsx *s, lxw_col_t col, const char *v, int with_time, const struct export *x)
{
	lxw_datetime dt = { 0 };
	char local[64];

	if (with_time) {
		if (export_local_gregorian(x, v, local, sizeof(local)) != CRM_OK ||
		    sscanf(local, "%d-%d-%d %d:%d", &dt.year, &dt.month, &dt.day, &dt.hour, &dt.min) != 5)
			return CRM_ERR;
	} else if (sscanf(v, "%d-%d-%d", &dt.year, &dt.month, &dt.day) != 3) {
		return CRM_ERR;
	}
	if (dt.year < 1900) /* Excel has no earlier dates: keep the text */
		return worksheet_write_string(s->ws, s->row, col, v, NULL) == LXW_NO_ERROR ? CRM_OK : CRM_ERR;
	return worksheet_write_datetime(s->ws, s->row, col, &dt, with_time ? s->datetime : s->date) == LXW_NO_ERROR
		       ? CRM_OK
		       : CRM_ERR;
}

static int xlsx_row(struct export *x, const char *const *values)
{
	struct xlsx *s = x->w;
	char local[128], *end;
	int rc = CRM_OK;

	s->row++;
	for (unsigned c = 0; rc == CRM_OK && c < x->ncols; c++) {
		const struct export_column *col = x->cols[c];
		const char *v = values[c];
		lxw_col_t sc = s->col_of[c];
		double d;

		if (!v || !v[0])
			continue;
		switch (col->type) {
		case EXPORT_TEXT:
			rc = worksheet_write_string(s->ws, s->row, sc, v, NULL) == LXW_NO_ERROR ? CRM_OK : CRM_ERR;
			break;
		case EXPORT_INT:
		case EXPORT_MONEY:
			d = strtod(v, &end);
			rc = (*end ? worksheet_write_string(s->ws, s->row, sc, v, NULL)
				   : worksheet_write_number(s->ws, s->row, sc, d, col->type == EXPORT_MONEY ? s->money : NULL)) ==
					     LXW_NO_ERROR
				     ? CRM_OK
				     : CRM_ERR;
			break;
		case EXPORT_DATE:
		case EXPORT_DATETIME:
			rc = write_date(s, sc, v, col->type == EXPORT_DATETIME, x);
			if (rc == CRM_OK && has_calendar_column(x, col)) {
				rc = export_local_text(x, col->type, v, local, sizeof(local));
				if (rc == CRM_OK && worksheet_write_string(s->ws, s->row, sc + 1, local, NULL) != LXW_NO_ERROR)
					rc = CRM_ERR;
			}
			break;
		}
	}
	return rc;
}

static int xlsx_end(struct export *x)
{
	struct xlsx *s = x->w;
	lxw_error e;

	if (s->ncols && worksheet_autofilter(s->ws, 0, 0, s->row, s->ncols - 1) != LXW_NO_ERROR)
		crm_log("export: autofilter refused");
	e = workbook_close(s->wb);
	s->wb = NULL;
	free(s);
	x->w = NULL;
	if (e != LXW_NO_ERROR) {
		crm_log("export: workbook_close: %s", lxw_strerror(e));
		return CRM_ERR;
	}
	return CRM_OK;
}

static void xlsx_abort(struct export *x)
{
	struct xlsx *s = x->w;

	/* closing frees the workbook; the caller removes the file */
	if (s && s->wb && workbook_close(s->wb) != LXW_NO_ERROR)
		crm_log("export: closing an aborted workbook failed");
	free(s);
	x->w = NULL;
}

const struct export_writer_ops export_xlsx_ops = { xlsx_begin, xlsx_row, xlsx_end, xlsx_abort };

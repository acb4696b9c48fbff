/* The export engine: temporary file, row mapping, audit row, download. */
#include "io/io.h"
#include "files/files.h"
#include "audit/audit.h"
#include "i18n/i18n.h"
#include "core/core.h"
#include "render/render.h"
#include "db/db.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const format_names[] = { "xlsx", "doc", "xml", "txt", "csv" };
static const char *const content_types[] = {
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/msword",
	"application/xml; charset=utf-8",
	"text/plain; charset=utf-8",
	"text/csv; charset=utf-8",
};
static const struct export_writer_ops *const writers[] = { &export_xlsx_ops, &export_doc_ops, &export_xml_ops,
							    &export_txt_ops, &export_csv_ops };

const char *export_content_type(enum export_format f)
{
	return (unsigned)f < CRM_ARRAY_LEN(content_types) ? content_types[f] : "application/octet-stream";
}

int export_format_parse(const char *name, enum export_format *out)
{
	for (unsigned i = 0; name && i < CRM_ARRAY_LEN(format_names); i++) {
		if (!strcmp(name, format_names[i])) {
			*out = (enum export_format)i;
			return CRM_OK;
		}
	}
	return CRM_EINVAL;
}

const char *export_format_name(enum export_format f)
{
	return format_names[f];
}

int export_add_column(struct export *x, const struct export_column *c)
{
	if (x->ncols >= EXPORT_MAX_COLUMNS)
		return CRM_ETOOBIG;
	x->cols[x->ncols++] = c;
	return CRM_OK;
}

int export_add_filter(struct export *x, const char *label, const char *value)
{
	if (!value || !value[0])
		return CRM_OK;
	if (x->nfilters >= EXPORT_MAX_FILTERS)
		return CRM_ETOOBIG;
	x->filters[x->nfilters].label = label;
	x->filters[x->nfilters].value = value;
	x->nfilters++;
	return CRM_OK;
}

int export_begin(struct export *x)
{
	int fd;

	if (snprintf(x->path, sizeof(x->path), "%s/tmp/export-XXXXXX", x->r->cfg->var) >= (int)sizeof(x->path))
		return CRM_ERR;
	fd = mkstemp(x->path);
	if (fd < 0) {
		crm_log("export: cannot create %s: %s", x->path, strerror(errno));
		x->path[0] = '\0';
		return CRM_ERR;
	}
	if (x->format == EXPORT_XLSX) {
		/* libxlsxwriter opens the file by name itself. */
		close(fd);
	} else {
		x->fp = fdopen(fd, "w");
		if (!x->fp) {
			close(fd);
			export_abort(x);
			return CRM_ERR;
		}
	}
	if (!x->max_rows)
		x->max_rows = 1000000;
	if (writers[x->format]->begin(x) != CRM_OK) {
		export_abort(x);
		return CRM_ERR;
	}
	return CRM_OK;
}

int export_row(struct export *x, const struct db_row *row)
{
	const char *values[EXPORT_MAX_COLUMNS];

	if (x->rows >= x->max_rows)
		return CRM_ETOOBIG;
	if (!x->mapped) {
		for (unsigned c = 0; c < x->ncols; c++) {
			x->map[c] = -1;
			for (unsigned i = 0; i < row->ncols; i++)
				if (!strcmp(row->names[i], x->cols[c]->key))
					x->map[c] = (int)i;
			if (x->map[c] < 0) {
				crm_log("export %s: the query has no column %s", x->list, x->cols[c]->key);
				return CRM_ERR;
			}
		}
		x->mapped = 1;
	}
	for (unsigned c = 0; c < x->ncols; c++)
		values[c] = row->values[x->map[c]];
	x->rows++;
	return writers[x->format]->row(x, values);
}

void export_abort(struct export *x)
{
	if (x->w)
		writers[x->format]->abort(x);
	if (x->fp) {
		fclose(x->fp);
		x->fp = NULL;
	}
	if (x->path[0]) {
		unlink(x->path);
		x->path[0] = '\0';
	}
}

static int audit_details(const struct export *x, struct buf *b)
{
	/* sticky buffer: one check after the last fragment */
	buf_puts(b, "{\"list\":");
	json_str(b, x->list);
	buf_puts(b, ",\"format\":");
	json_str(b, format_names[x->format]);
	buf_puts(b, ",\"query\":");
	json_str(b, x->query ? x->query : "");
	buf_printf(b, ",\"rows\":%lld,\"columns\":[", x->rows);
	for (unsigned i = 0; i < x->ncols; i++) {
		buf_puts(b, i ? "," : "");
		json_str(b, x->cols[i]->key);
	}
	buf_puts(b, "],\"filters\":{");
	for (unsigned i = 0; i < x->nfilters; i++) {
		buf_puts(b, i ? "," : "");
		json_str(b, x->filters[i].label);
		buf_puts(b, ":");
		json_str(b, x->filters[i].value);
	}
	return buf_puts(b, "}}");
}

/* Today in the user's calendar and the site's time zone, Latin digits and dashes so the name sorts and
 * survives every file system: "1405-09-13" for a Jalali user. Falls back to the Gregorian UTC date. */
static void file_date(const struct req *r, char *out, size_t outlen)
{
	char utc[24], local[64];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(utc, sizeof(utc), "%Y-%m-%d %H:%M:%S", &tm);
	if (datetime_format(utc, r->cfg->timezone, (enum calendar)r->user.calendar, DIGITS_LATIN, local, sizeof(local)) == CRM_OK
	    && strlen(local) >= 10 && local[10] == ' ') {
		local[10] = '\0';
		for (char *p = local; *p; p++)
			if (*p == '/')
				*p = '-';
		snprintf(out, outlen, "%.10s", local);
		return;
	}
	strftime(out, outlen, "%Y-%m-%d", &tm);
}

static int send_file(struct export *x)
{
	char name[200], date[16];

	file_date(x->r, date, sizeof(date));
	snprintf(name, sizeof(name), "%s-%s.%s", x->title && x->title[0] ? x->title : x->list, date,
		 format_names[x->format]);
	/* with its length, so the browser shows the download's progress */
	return resp_send_file(x->r, x->path, content_types[x->format], name, 1);
}

int export_audit_write(struct export *x)
{
	struct buf details = { 0 };
	int rc = audit_details(x, &details);

	if (rc == CRM_OK)
		rc = audit_write(x->r, 0, x->list, 0, "export", details.p);
	buf_free(&details);
	return rc;
}

static int audit_tx(struct db *db, void *ctx)
{
	(void)db;
	return export_audit_write(ctx);
}

int export_close(struct export *x)
{
	int rc = writers[x->format]->end(x);

	x->w = NULL;
	if (x->fp) {
		if (fclose(x->fp) != 0)
			rc = CRM_ERR;
		x->fp = NULL;
	}
	if (rc != CRM_OK)
		export_abort(x);
	return rc;
}

int export_finish(struct export *x)
{
	int rc = export_close(x);

	if (rc != CRM_OK)
		return reply_error(x->r, 500);
	rc = db_transaction(x->r->db, audit_tx, x);
	if (rc != CRM_OK) {
		export_abort(x);
		return reply_db_error(x->r, rc);
	}
	rc = send_file(x);
	unlink(x->path);
	x->path[0] = '\0';
	if (rc != CRM_OK) {
		/* Headers may be out already; the client sees a cut download. */
		crm_log("export %s: sending failed", x->list);
		return x->r->headers_sent ? 200 : reply_error(x->r, 500);
	}
	return 200;
}

int export_formula_like(const char *s)
{
	return s && s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

int export_second_calendar(const struct export *x)
{
	return x->r->user.calendar != CAL_GREGORIAN;
}

int export_calendar_label(const struct export *x, const struct export_column *c, char *out, size_t outlen)
{
	char key[64];

	snprintf(key, sizeof(key), "options.calendar.%s", calendar_name((enum calendar)x->r->user.calendar));
	return snprintf(out, outlen, "%s (%s)", c->label, lang_str(x->r, key)) < (int)outlen ? CRM_OK : CRM_ETOOBIG;
}

int export_local_gregorian(const struct export *x, const char *utc, char *out, size_t outlen)
{
	return datetime_format(utc, x->r->cfg->timezone, CAL_GREGORIAN, DIGITS_LATIN, out, outlen);
}

int export_local_text(const struct export *x, enum export_type t, const char *v, char *out, size_t outlen)
{
	enum calendar cal = (enum calendar)x->r->user.calendar;
	enum digits dig = (enum digits)x->r->user.digits;

	if (!v || !v[0]) {
		out[0] = '\0';
		return CRM_OK;
	}
	switch (t) {
	case EXPORT_DATE:
		return date_format(v, cal, dig, out, outlen);
	case EXPORT_DATETIME:
		return datetime_format(v, x->r->cfg->timezone, cal, dig, out, outlen);
	case EXPORT_INT:
	case EXPORT_MONEY:
		return digits_localize(v, dig, out, outlen);
	case EXPORT_TEXT:
		break;
	}
	return snprintf(out, outlen, "%s", v) < (int)outlen ? CRM_OK : CRM_ETOOBIG;
}

int export_put_escaped(FILE *fp, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		const char *e = NULL;

		switch (*p) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default:
			if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				continue;
		}
		if (e ? fputs(e, fp) < 0 : putc(*p, fp) == EOF)
			return CRM_ERR;
	}
	return CRM_OK;
}

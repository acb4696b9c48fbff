/* GET /admin/audit: the audit trail by user, module, action and date range,
 * newest first, 50 a page with keyset paging (before=<id>); and
 * GET /admin/audit/export: the same rows, all pages, as a download. */
#include "core/core.h"
#include "db/db.h"
#include "io/io.h"
#include "render/render.h"
#include "admin.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_PAGE 50
#define AUDIT_BATCH 1000

struct audit_filter {
	long long user_id, before;
	char module[33], action[33], from[11], to[11];
};

/* Each filter is optional; a malformed one is a message, not a silent drop.
 * CRM_EINVAL only for a malformed paging position. */
static int audit_filter_read(struct req *r, struct audit_filter *f)
{
	memset(f, 0, sizeof(*f));
	if (req_int(r, "user", 1, INT64_MAX, &f->user_id) == CRM_EINVAL)
		form_error(r, "user", "admin.err.choice");
	if (req_text(r, "module", 32, f->module, sizeof(f->module)) == CRM_ETOOBIG)
		form_error(r, "module", "admin.err.choice");
	if (req_text(r, "action", 32, f->action, sizeof(f->action)) == CRM_ETOOBIG)
		form_error(r, "action", "admin.err.choice");
	if (req_date(r, "from", f->from) == CRM_EINVAL)
		form_error(r, "from", "admin.err.date");
	if (req_date(r, "to", f->to) == CRM_EINVAL)
		form_error(r, "to", "admin.err.date");
	return req_int(r, "before", 1, INT64_MAX, &f->before) == CRM_EINVAL ? CRM_EINVAL : CRM_OK;
}

/* Fixed fragments only; every value is a bound parameter. */
static int audit_filter_sql(const struct audit_filter *f, int limit, struct buf *sql, struct db_param *p, unsigned *np)
{
	unsigned n = 0;
	int rc = buf_puts(sql, "SELECT a.id, a.at, COALESCE(u.display_name, '') AS user, a.ip, a.module, a.table_name, "
			       "a.record_id, a.action, COALESCE(a.details, '') AS details FROM audit_log a "
			       "LEFT JOIN users u ON u.id = a.user_id WHERE 1 = 1");

	if (f->user_id) {
		buf_puts(sql, " AND a.user_id = ?");
		p[n++] = DB_I(f->user_id);
	}
	if (f->module[0]) {
		buf_puts(sql, " AND a.module = ?");
		p[n++] = DB_S(f->module);
	}
	if (f->action[0]) {
		buf_puts(sql, " AND a.action = ?");
		p[n++] = DB_S(f->action);
	}
	if (f->from[0]) {
		buf_puts(sql, " AND a.at >= ?");
		p[n++] = DB_S(f->from);
	}
	if (f->to[0]) {
		buf_puts(sql, " AND a.at < ? + INTERVAL 1 DAY");
		p[n++] = DB_S(f->to);
	}
	if (f->before) {
		buf_puts(sql, " AND a.id < ?");
		p[n++] = DB_I(f->before);
	}
	buf_printf(sql, " ORDER BY a.id DESC LIMIT %d", limit);
	*np = n;
	/* the buffer's failure is sticky: one check covers every fragment */
	return rc == CRM_OK && !buf_failed(sql) ? CRM_OK : CRM_ERR;
}

int audit_search(struct req *r)
{
	struct audit_filter f;
	struct buf sql = { 0 };
	struct db_param p[8];
	unsigned n = 0;
	int rows = 0, rc;

	if (audit_filter_read(r, &f) != CRM_OK)
		return reply_error(r, 400);
	if (hdf_put(r, "Filter.user", req_param(r, "user")) || hdf_put(r, "Filter.module", f.module) ||
	    hdf_put(r, "Filter.action", f.action) || hdf_put(r, "Filter.from", req_param(r, "from")) ||
	    hdf_put(r, "Filter.to", req_param(r, "to")))
		return reply_error(r, 500);
	rc = db_query_hdf(r->db, "SELECT id, display_name FROM users ORDER BY display_name", NULL, 0, r->hdf, "Users", NULL);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, "SELECT name FROM app_modules ORDER BY sort", NULL, 0, r->hdf, "Modules", NULL);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, "SELECT DISTINCT action FROM audit_log ORDER BY action", NULL, 0, r->hdf, "ActionList", NULL);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (form_failed(r)) {
		r->status = 422;
		return render(r, "admin/audit.cs");
	}
	rc = audit_filter_sql(&f, AUDIT_PAGE + 1, &sql, p, &n);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, sql.p, p, n, r->hdf, "Audit", &rows);
	buf_free(&sql);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (rows > AUDIT_PAGE) {
		/* One row more than a page tells there is a next page. */
		char key[32];

		snprintf(key, sizeof(key), "Audit.%d", AUDIT_PAGE);
		hdf_remove_tree(r->hdf, key);
		rows = AUDIT_PAGE;
		if (hdf_put(r, "Next.before", hdf_get_valuef(r->hdf, "Audit.%d.id", AUDIT_PAGE - 1)))
			return reply_error(r, 500);
	}
	if (hdf_localize_rows(r, "Audit", rows, "at", 't') != CRM_OK)
		return reply_error(r, 500);
	return render(r, "admin/audit.cs");
}

struct audit_export_ctx {
	struct export x;
	struct audit_filter f;
	int batch_rows;
	long long last_id;
	char user_name[4 * 128 + 1]; /* users.display_name: 128 characters of UTF-8 */
};

static int export_one(void *ctx, const struct db_row *row)
{
	struct audit_export_ctx *c = ctx;

	c->batch_rows++;
	c->last_id = strtoll(row->values[0], NULL, 10); /* a.id, first column */
	return export_row(&c->x, row);
}

int audit_export(struct req *r)
{
	static const struct {
		const char *key, *label;
		enum export_type type;
		double width;
	} spec[] = {
		{ "at", "history.when", EXPORT_DATETIME, 17 }, { "user", "history.who", EXPORT_TEXT, 20 },
		{ "ip", "admin.address", EXPORT_TEXT, 15 },    { "module", "admin.module", EXPORT_TEXT, 10 },
		{ "table_name", "admin.table", EXPORT_TEXT, 14 }, { "record_id", "admin.record", EXPORT_INT, 10 },
		{ "action", "history.action", EXPORT_TEXT, 12 }, { "details", "history.details", EXPORT_TEXT, 60 },
	};
	struct audit_export_ctx *c = calloc(1, sizeof(*c));
	struct export_column cols[CRM_ARRAY_LEN(spec)];
	struct buf sql = { 0 };
	struct db_param p[8];
	unsigned n;
	int rc, status;

	if (!c)
		return reply_error(r, 500);
	if (audit_filter_read(r, &c->f) != CRM_OK || form_failed(r) ||
	    export_format_parse(req_param(r, "format"), &c->x.format) != CRM_OK) {
		free(c);
		return reply_error(r, 400);
	}
	c->f.before = 0; /* every page */
	c->x.r = r;
	c->x.list = "audit_log";
	c->x.title = lang_str(r, "admin.audit");
	c->x.query = req_env(r, "QUERY_STRING");
	rc = CRM_OK;
	for (size_t i = 0; rc == CRM_OK && i < CRM_ARRAY_LEN(spec); i++) {
		cols[i] = (struct export_column){ spec[i].key, lang_str(r, spec[i].label), spec[i].type, spec[i].width };
		rc = export_add_column(&c->x, &cols[i]);
	}
	if (rc == CRM_OK && c->f.user_id) {
		struct db_param u[] = { DB_I(c->f.user_id) };

		/* a user since gone is named by id; any other failure is the error page, never an empty name */
		rc = db_query_str(r->db, "SELECT display_name FROM users WHERE id = ?", u, 1, c->user_name, sizeof(c->user_name));
		if (rc == CRM_ENOTFOUND) {
			snprintf(c->user_name, sizeof(c->user_name), "%lld", c->f.user_id);
			rc = CRM_OK;
		}
	}
	if (rc == CRM_OK)
		rc = export_add_filter(&c->x, lang_str(r, "history.who"), c->user_name);
	if (rc == CRM_OK)
		rc = export_add_filter(&c->x, lang_str(r, "admin.module"), c->f.module);
	if (rc == CRM_OK)
		rc = export_add_filter(&c->x, lang_str(r, "history.action"), c->f.action);
	if (rc == CRM_OK)
		rc = export_add_filter(&c->x, lang_str(r, "admin.from"), req_param(r, "from"));
	if (rc == CRM_OK)
		rc = export_add_filter(&c->x, lang_str(r, "admin.to"), req_param(r, "to"));
	if (rc == CRM_OK)
		rc = export_begin(&c->x);
	while (rc == CRM_OK) {
		buf_reset(&sql);
		c->batch_rows = 0;
		rc = audit_filter_sql(&c->f, AUDIT_BATCH, &sql, p, &n);
		if (rc == CRM_OK)
			rc = db_query(r->db, sql.p, p, n, export_one, c);
		if (rc != CRM_OK || c->batch_rows < AUDIT_BATCH)
			break;
		c->f.before = c->last_id;
	}
	buf_free(&sql);
	if (rc != CRM_OK) {
		export_abort(&c->x);
		free(c);
		return rc == CRM_ETOOBIG ? reply_error(r, 413) : reply_db_error(r, rc);
	}
	status = export_finish(&c->x);
	free(c);
	return status;
}

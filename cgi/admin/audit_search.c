/* GET /admin/audit: the audit trail by user, module, action and date range,
 * newest first, 50 a page with keyset paging (before=<id>); and
 * GET /admin/audit/export: the same rows, all pages, as a download. */
#include "core/core.h"
#include "db/db.h"
#include "domain/domain.h"
#include "io/io.h"
#include "render/render.h"
#include "records/records.h"
#include "admin.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_PAGE 50

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
		rc = registry_hdf(r, "Modules");
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

static int count_row(void *ctx, const struct db_row *row)
{
	(void)row;
	(*(long long *)ctx)++;
	return CRM_OK;
}

/* More rows than Jobs.ExportDirectRows: the same export as an audit.export job. */
static int audit_export_large(struct req *r, const struct audit_export *c, int *status)
{
	struct buf sql = { 0 }, params = { 0 };
	struct db_param p[AUDIT_FILTER_PARAMS];
	long long limit = r->cfg->jobs_export_direct_rows, rows = 0;
	unsigned n;
	int rc = audit_filter_sql(&c->f, (int)(limit + 1), &sql, p, &n);

	*status = 0;
	if (rc == CRM_OK)
		rc = db_query(r->db, sql.p, p, n, count_row, &rows);
	buf_free(&sql);
	if (rc != CRM_OK || rows <= limit)
		return rc;
	/* sticky buffer: one check after the last fragment */
	buf_puts(&params, "{\"format\":");
	json_str(&params, export_format_name(c->x.format));
	buf_printf(&params, ",\"user\":%lld,\"module\":", c->f.user_id);
	json_str(&params, c->f.module);
	buf_puts(&params, ",\"action\":");
	json_str(&params, c->f.action);
	buf_puts(&params, ",\"from\":");
	json_str(&params, c->f.from);
	buf_puts(&params, ",\"to\":");
	json_str(&params, c->f.to);
	rc = buf_puts(&params, "}");
	if (rc == CRM_OK)
		*status = job_export_start(r, "audit.export", params.p);
	buf_free(&params);
	return rc;
}

int audit_export(struct req *r)
{
	struct audit_export *c = calloc(1, sizeof(*c));
	int rc, status;

	if (!c)
		return reply_error(r, 500);
	if (audit_filter_read(r, &c->f) != CRM_OK || form_failed(r) ||
	    export_format_parse(req_param(r, "format"), &c->x.format) != CRM_OK) {
		free(c);
		return reply_error(r, 400);
	}
	c->x.query = req_env(r, "QUERY_STRING");
	c->from_text = req_param(r, "from");
	c->to_text = req_param(r, "to");
	rc = audit_export_large(r, c, &status);
	if (rc == CRM_OK && status) {
		free(c);
		return status;
	}
	if (rc == CRM_OK)
		rc = audit_export_write(r, c);
	if (rc != CRM_OK) {
		free(c);
		return rc == CRM_ETOOBIG ? reply_error(r, 413) : reply_db_error(r, rc);
	}
	status = export_finish(&c->x);
	free(c);
	return status;
}

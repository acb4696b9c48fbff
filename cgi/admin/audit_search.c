/* GET /admin/audit: the audit trail by user, module, action and date range,
 * newest first, 50 a page with keyset paging (before=<id>). */
#include "../lib/crm.h"
#include "../lib/form.h"
#include "../lib/render.h"
#include "../lib/render_values.h"
#include "admin.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define AUDIT_PAGE 50

int audit_search(struct req *r)
{
	struct buf sql = { 0 };
	struct db_param p[8];
	unsigned n = 0;
	long long user_id = 0, before = 0;
	char module[33] = "", action[33] = "", from[11] = "", to[11] = "";
	int rows = 0, rc;

	/* Each filter is optional; a malformed one is a message, not a silent drop. */
	if (req_int(r, "user", 1, INT64_MAX, &user_id) == CRM_EINVAL)
		form_error(r, "user", "admin.err.choice");
	if (req_text(r, "module", 32, module, sizeof(module)) == CRM_ETOOBIG)
		form_error(r, "module", "admin.err.choice");
	if (req_text(r, "action", 32, action, sizeof(action)) == CRM_ETOOBIG)
		form_error(r, "action", "admin.err.choice");
	if (req_date(r, "from", from) == CRM_EINVAL)
		form_error(r, "from", "admin.err.date");
	if (req_date(r, "to", to) == CRM_EINVAL)
		form_error(r, "to", "admin.err.date");
	if (req_int(r, "before", 1, INT64_MAX, &before) == CRM_EINVAL)
		return reply_error(r, 400);
	if (hdf_put(r, "Filter.user", req_param(r, "user")) || hdf_put(r, "Filter.module", module) ||
	    hdf_put(r, "Filter.action", action) || hdf_put(r, "Filter.from", req_param(r, "from")) ||
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
	/* Fixed fragments only; every value is a bound parameter. */
	buf_puts(&sql, "SELECT a.id, a.at, COALESCE(u.display_name, '') AS user, a.ip, a.module, a.table_name, "
		       "a.record_id, a.action, COALESCE(a.details, '') AS details FROM audit_log a "
		       "LEFT JOIN users u ON u.id = a.user_id WHERE 1 = 1");
	if (user_id) {
		buf_puts(&sql, " AND a.user_id = ?");
		p[n++] = DB_I(user_id);
	}
	if (module[0]) {
		buf_puts(&sql, " AND a.module = ?");
		p[n++] = DB_S(module);
	}
	if (action[0]) {
		buf_puts(&sql, " AND a.action = ?");
		p[n++] = DB_S(action);
	}
	if (from[0]) {
		buf_puts(&sql, " AND a.at >= ?");
		p[n++] = DB_S(from);
	}
	if (to[0]) {
		buf_puts(&sql, " AND a.at < ? + INTERVAL 1 DAY");
		p[n++] = DB_S(to);
	}
	if (before) {
		buf_puts(&sql, " AND a.id < ?");
		p[n++] = DB_I(before);
	}
	if (buf_printf(&sql, " ORDER BY a.id DESC LIMIT %d", AUDIT_PAGE + 1) != CRM_OK) {
		buf_free(&sql);
		return reply_error(r, 500);
	}
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

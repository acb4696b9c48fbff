#include "audit.h"
#include "audit_diff.h"
#include "crm.h"
#include "render_values.h"

int audit_write(struct req *r, long long user_id, const char *table, long long record_id,
		const char *action, const char *details)
{
	struct db_param p[7];

	if (!user_id && r->logged_in)
		user_id = r->user.id;
	p[0] = user_id ? DB_I(user_id) : DB_NUL;
	p[1] = DB_S(r->remote_addr);
	p[2] = DB_S(r->module);
	p[3] = DB_S(table);
	p[4] = record_id ? DB_I(record_id) : DB_NUL;
	p[5] = DB_S(action);
	p[6] = DB_S(details);
	return db_exec(r->db,
		       "INSERT INTO audit_log (at, user_id, ip, module, table_name, record_id, action, details) "
		       "VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?)",
		       p, 7, NULL, NULL);
}

int audit_history_hdf(struct req *r, const char *table, long long record_id, const char *prefix)
{
	struct db_param p[] = { DB_S(table), DB_I(record_id) };
	int n = 0, rc;

	rc = db_query_hdf(r->db,
			  "SELECT a.id, a.at, COALESCE(u.display_name, '') AS user, a.ip, a.module, a.action, "
			  "COALESCE(a.details, '') AS details FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
			  "WHERE a.table_name = ? AND a.record_id = ? ORDER BY a.at DESC, a.id DESC LIMIT 200",
			  p, 2, r->hdf, prefix, &n);
	if (rc == CRM_OK)
		rc = hdf_localize_rows(r, prefix, n, "at", 't');
	return rc;
}

int audit_write_changes(struct req *r, const char *table, long long record_id, const char *action,
			const struct audit_change *c, unsigned n)
{
	struct buf details = { 0 };
	unsigned changed;
	int rc = audit_diff_json(&details, c, n, &changed);

	if (rc == CRM_OK)
		rc = audit_write(r, 0, table, record_id, action, details.p);
	buf_free(&details);
	return rc;
}

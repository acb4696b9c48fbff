#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"

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

/* The audit trail's search as SQL. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"

/* Fixed fragments only; every value is a bound parameter. */
int audit_filter_sql(const struct audit_filter *f, int limit, struct buf *sql, struct db_param *p, unsigned *np)
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


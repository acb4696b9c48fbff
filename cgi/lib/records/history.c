#include "records/records.h"
#include "db/db.h"

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

#include "auth/auth.h"
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"

int user_password_store(struct req *r, const struct password_store *ps)
{
	struct db_param p[] = { DB_S(ps->hash), DB_I(ps->must_change ? 1 : 0), DB_I(ps->user_id) };
	struct db_param s[] = { DB_I(ps->user_id), DB_I(ps->keep_session) };
	uint64_t n = 0;
	int rc;

	rc = db_exec(r->db,
		     "UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = UTC_TIMESTAMP(), "
		     "version = version + 1 WHERE id = ?",
		     p, 3, &n, NULL);
	if (rc != CRM_OK)
		return rc;
	if (n == 0)
		return CRM_ENOTFOUND;
	/* A changed password locks out whoever else had it: the user's other sessions end. */
	rc = db_exec(r->db, "DELETE FROM sessions WHERE user_id = ? AND id <> ?", s, 2, NULL, NULL);
	if (rc == CRM_OK)
		rc = audit_write(r, 0, "users", ps->user_id, ps->action, ps->details);
	return rc;
}

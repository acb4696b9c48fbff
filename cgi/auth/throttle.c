/* Failed logins are counted per account name (since its last success) and per
 * client address, within Login.WindowSeconds. */
#include "core/core.h"
#include "db/db.h"
#include "auth.h"

#include <stdlib.h>

int throttle_check(struct req *r, const char *username, long long *wait_s)
{
	long long n = 0, wait = 0;
	struct db_param pa[] = { DB_S(username), DB_I(r->cfg->login_window), DB_S(username) };
	struct db_param pb[] = { DB_S(r->remote_addr), DB_I(r->cfg->login_window) };
	char text[64];
	int rc;

	*wait_s = 0;
	rc = db_query_int(r->db,
			  "SELECT COUNT(*) FROM login_attempts WHERE username = ? AND success = 0 "
			  "AND attempted_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND "
			  "AND attempted_at > COALESCE((SELECT MAX(attempted_at) FROM login_attempts "
			  "WHERE username = ? AND success = 1), '1970-01-01')",
			  pa, 3, &n);
	if (rc != CRM_OK)
		return rc;
	if (n < r->cfg->login_max_account) {
		rc = db_query_int(r->db,
				  "SELECT COUNT(*) FROM login_attempts WHERE ip = ? AND success = 0 "
				  "AND attempted_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
				  pb, 2, &n);
		if (rc != CRM_OK || n < r->cfg->login_max_address)
			return rc;
		struct db_param pw[] = { DB_I(r->cfg->login_window), DB_S(r->remote_addr),
					 DB_I(r->cfg->login_window) };
		rc = db_query_str(r->db,
				  "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), MIN(attempted_at) + INTERVAL ? SECOND) "
				  "FROM login_attempts WHERE ip = ? AND success = 0 "
				  "AND attempted_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
				  pw, 3, text, sizeof(text));
	} else {
		struct db_param pw[] = { DB_I(r->cfg->login_window), DB_S(username), DB_I(r->cfg->login_window) };
		rc = db_query_str(r->db,
				  "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), MIN(attempted_at) + INTERVAL ? SECOND) "
				  "FROM login_attempts WHERE username = ? AND success = 0 "
				  "AND attempted_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
				  pw, 3, text, sizeof(text));
	}
	if (rc != CRM_OK)
		return rc;
	wait = strtoll(text, NULL, 10);
	*wait_s = wait > 0 ? wait : 1;
	return CRM_OK;
}

int throttle_record(struct req *r, const char *username, int success)
{
	struct db_param p[] = { DB_S(username), DB_S(r->remote_addr), DB_I(success ? 1 : 0) };

	return db_exec(r->db,
		       "INSERT INTO login_attempts (username, ip, attempted_at, success) "
		       "VALUES (LEFT(?, 64), ?, UTC_TIMESTAMP(6), ?)",
		       p, 3, NULL, NULL);
}

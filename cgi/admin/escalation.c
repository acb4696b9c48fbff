/* Nobody grants more than they hold: the checks behind the user and role forms.
 * The admin rule holds everything, so an admin passes every one of them. */
#include "auth/auth.h"
#include "core/core.h"
#include "db/db.h"
#include "admin.h"

#include <stdlib.h>
#include <string.h>

struct within_ctx {
	const struct user *editor;
	int within;
};

static int grant_within(void *ctx, const struct db_row *row)
{
	struct within_ctx *w = ctx;

	if (row->values[0]) /* the admin role itself */
		w->within = 0;
	else if (scope_parse(row->values[3]) > perm_scope(w->editor, row->values[1], row->values[2]))
		w->within = 0;
	return CRM_OK;
}

/* Whether every role in ids that the user does not hold yet (user_id 0: a new user) grants
 * nothing wider than the editor's own scopes, and is not the admin role. */
int roles_added_within(struct req *r, long long user_id, const long long *ids, size_t n, int *within)
{
	struct within_ctx w = { &r->user, 1 };
	int rc = CRM_OK;

	*within = 1;
	if (r->user.is_admin)
		return CRM_OK;
	for (size_t i = 0; rc == CRM_OK && w.within && i < n; i++) {
		struct db_param p[] = { DB_I(ids[i]), DB_I(user_id), DB_I(ids[i]), DB_I(user_id) };

		rc = db_query(r->db,
			      "SELECT 1, NULL, NULL, NULL FROM roles ro WHERE ro.id = ? AND ro.name = 'admin' "
			      "AND NOT EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = ? AND ur.role_id = ro.id) "
			      "UNION ALL SELECT NULL, rp.module, rp.action, rp.scope FROM role_permissions rp "
			      "WHERE rp.role_id = ? AND rp.scope <> 'none' "
			      "AND NOT EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = ? AND ur.role_id = rp.role_id)",
			      p, 4, grant_within, &w);
	}
	*within = w.within;
	return rc;
}

/* Whether user_id holds the admin role: only an admin may change such a user's password,
 * roles or state (a lesser editor would otherwise take the account over). */
int user_holds_admin(struct req *r, long long user_id, int *holds)
{
	struct db_param p[] = { DB_I(user_id) };
	long long n = 0;
	int rc = db_query_int(r->db,
			      "SELECT COUNT(*) FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id "
			      "WHERE ur.user_id = ? AND ro.name = 'admin'",
			      p, 1, &n);

	*holds = rc == CRM_OK && n > 0;
	return rc;
}

/* Whether every team in ids that the user does not hold yet is one the editor belongs to. */
int teams_added_within(struct req *r, long long user_id, const long long *ids, size_t n, int *within)
{
	int rc = CRM_OK;

	*within = 1;
	for (size_t i = 0; rc == CRM_OK && *within && i < n; i++) {
		struct db_param p[] = { DB_I(ids[i]), DB_I(user_id), DB_I(ids[i]), DB_I(r->user.id) };
		long long bad = 0;

		rc = db_query_int(r->db,
				  "SELECT ? NOT IN (SELECT team_id FROM user_teams WHERE user_id = ?) "
				  "AND ? NOT IN (SELECT team_id FROM user_teams WHERE user_id = ?)",
				  p, 4, &bad);
		*within = !bad;
	}
	return rc;
}

/* Whether every party in ids is in the editor's own customer list. */
int customers_within(struct req *r, const long long *ids, size_t n, int *within)
{
	int rc = CRM_OK;

	*within = 1;
	for (size_t i = 0; rc == CRM_OK && *within && i < n; i++) {
		struct db_param p[] = { DB_I(r->user.id), DB_I(ids[i]) };
		long long in = 0;

		rc = db_query_int(r->db, "SELECT COUNT(*) FROM user_customers WHERE user_id = ? AND party_id = ?", p, 2, &in);
		*within = in > 0;
	}
	return rc;
}

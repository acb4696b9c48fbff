/* Which parties a user may see: those assigned to them (experts), to their team mates, and
 * within their customer list. Every module that lists or links parties uses these. */
#include "domain/domain.h"
#include "auth/auth.h"
#include "db/db.h"
#include "records/records.h"

#include <stdio.h>

/* The scope of parties, over the row alias a: "p" in the module's own queries, "t" in the
 * records engine's. */
#define PARTY_SCOPE(a)                                                                                   \
	{                                                                                                \
		"EXISTS (SELECT 1 FROM party_experts pe WHERE pe.party_id = " a ".id AND pe.user_id = ?)", \
		"EXISTS (SELECT 1 FROM party_experts pe JOIN user_teams a ON a.user_id = pe.user_id "      \
		"JOIN user_teams b ON b.team_id = a.team_id WHERE pe.party_id = " a ".id AND b.user_id = ?)", \
		"EXISTS (SELECT 1 FROM user_customers uc WHERE uc.party_id = " a ".id AND uc.user_id = ?)", \
		"EXISTS (SELECT 1 FROM party_experts pe WHERE pe.party_id = " a ".id AND pe.user_id IN (%s))", \
	}
const struct scope_sql party_scope = PARTY_SCOPE("p");
const struct scope_sql party_scope_t = PARTY_SCOPE("t");
const struct scope_sql party_scope_x = PARTY_SCOPE("x");

int party_visible_sql(struct req *r, const char *id_expr, struct buf *sql, struct db_param *p, unsigned *n)
{
	buf_printf(sql, " AND EXISTS (SELECT 1 FROM parties p WHERE p.id = %s AND p.is_deleted = 0", id_expr);
	if (perm_scope_sql(&r->user, "parties", "view", &party_scope, sql, p, n) != CRM_OK)
		return CRM_ERR;
	return buf_puts(sql, ")");
}

int party_in_scope(struct req *r, long long id, const char *action)
{
	return party_in_scope_db(r, r->db, id, action, 0);
}

int party_in_scope_db(struct req *r, struct db *db, long long id, const char *action, int for_update)
{
	struct db_param p[1 + PERM_SCOPE_PARAMS];
	struct buf sql = { 0 };
	long long found = 0;
	unsigned n = 0;
	int rc;

	p[n++] = DB_I(id);
	buf_puts(&sql, "SELECT p.id FROM parties p WHERE p.id = ? AND p.is_deleted = 0");
	rc = perm_scope_sql(&r->user, "parties", action, &party_scope, &sql, p, &n);
	if (rc == CRM_OK && for_update)
		rc = buf_puts(&sql, " FOR UPDATE");
	if (rc == CRM_OK && buf_failed(&sql))
		rc = CRM_ERR;
	if (rc == CRM_OK)
		rc = db_query_int(db, sql.p, p, n, &found);
	buf_free(&sql);
	return rc;
}

/* A custom field's link to a person or a company (Administration > Fields, type "party"): typed
 * as its code, found and named only within the reader's party scope, picked by type-ahead. */
static const struct rec_link party_custom_link = { .table = "parties", .key = "code", .label = "display_name",
						   .where = "x.is_deleted = 0", .scope = &party_scope_x,
						   .scope_module = "parties", .lookup = "/parties/lookup" };

void domain_init(void)
{
	rec_custom_party_link_set(&party_custom_link);
}

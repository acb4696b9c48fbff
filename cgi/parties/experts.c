/* A party's experts (the staff it is assigned to) one at a time: the lists' bulk actions "assign
 * to" and "take off", each party checked in the user's scope and locked inside the transaction
 * that changes it and writes its audit row (the experts before and after, by name). */
#include "core/core.h"
#include "db/db.h"
#include "audit/audit.h"
#include "domain/domain.h"
#include "parties.h"

#include <stdio.h>

struct expert_tx {
	struct req *r;
	long long party, user;
	int add, changed;
};

static int expert_tx_run(struct db *db, void *ctx)
{
	struct expert_tx *t = ctx;
	struct db_param one[] = { DB_I(t->party) }, p[] = { DB_I(t->party), DB_I(t->user) };
	const char *names = "SELECT COALESCE(GROUP_CONCAT(u.display_name ORDER BY u.display_name SEPARATOR ', '), '') FROM "
			    "party_experts e JOIN users u ON u.id = e.user_id WHERE e.party_id = ?";
	char before[2048], after[2048];
	uint64_t n = 0;
	int rc = party_in_scope_db(t->r, db, t->party, "assign", 1);

	if (rc == CRM_OK)
		rc = db_query_str(db, names, one, 1, before, sizeof(before));
	if (rc == CRM_OK)
		rc = t->add ? db_exec(db, "INSERT IGNORE INTO party_experts (party_id, user_id) VALUES (?, ?)", p, 2, &n, NULL)
			    : db_exec(db, "DELETE FROM party_experts WHERE party_id = ? AND user_id = ?", p, 2, &n, NULL);
	t->changed = rc == CRM_OK && n > 0;
	if (rc == CRM_OK && t->changed)
		rc = db_query_str(db, names, one, 1, after, sizeof(after));
	if (rc == CRM_OK && t->changed) {
		struct audit_change c[] = { { "experts", before, after } };

		rc = audit_write_changes(t->r, "parties", t->party, "update", c, 1);
	}
	return rc;
}

int party_expert_one(struct req *r, long long party, long long user, int add, int *changed)
{
	struct expert_tx t = { .r = r, .party = party, .user = user, .add = add };
	int rc = db_transaction(r->db, expert_tx_run, &t);

	*changed = rc == CRM_OK && t.changed;
	return rc;
}

int party_expert_staff(struct req *r)
{
	return refdata_load(r, "ExpertChoices", "users",
			    "SELECT id, display_name AS name FROM users WHERE is_active = 1 ORDER BY display_name, id");
}

int party_expert_ok(struct req *r, long long user)
{
	struct db_param p[] = { DB_I(user) };
	long long found = 0;

	return db_query_int(r->db, "SELECT id FROM users WHERE id = ? AND is_active = 1", p, 1, &found);
}

/* One-click changes on a party: activate/deactivate, star, delete to the
 * recycle bin, purge. Each checks the record scope for its own action. */
#include "files/files.h"
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>

struct action_tx {
	struct req *r;
	long long id;
	long long value;
	const char *what;
	struct buf files; /* purge: stored names of the party's files, removed once it committed */
};

static int back_to(struct req *r, long long id)
{
	char next[64];

	snprintf(next, sizeof(next), "/parties/party?id=%lld", id);
	return resp_redirect(r, next);
}

static int active_tx(struct db *db, void *ctx)
{
	struct action_tx *t = ctx;
	struct db_param p[] = { DB_I(t->value), DB_I(t->id), DB_I(t->value) };
	uint64_t n = 0;
	int rc = db_exec(db, "UPDATE parties SET is_active = ?, version = version + 1, updated_at = UTC_TIMESTAMP() "
			     "WHERE id = ? AND is_active <> ?", p, 3, &n, NULL);

	if (rc != CRM_OK || n == 0)
		return rc;
	return audit_write(t->r, 0, "parties", t->id, t->value ? "activate" : "deactivate", NULL);
}

int party_set_active(struct req *r)
{
	struct action_tx t = { .r = r };
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK || req_int(r, "active", 0, 1, &t.value) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, t.id, "activate");
	if (rc == CRM_OK)
		rc = db_transaction(r->db, active_tx, &t);
	return rc == CRM_OK ? back_to(r, t.id) : reply_db_error(r, rc);
}

static int star_tx(struct db *db, void *ctx)
{
	struct action_tx *t = ctx;
	struct db_param p[] = { DB_I(t->r->user.id), DB_I(t->id) };
	uint64_t n = 0;
	int rc = t->value ? db_exec(db, "INSERT IGNORE INTO party_stars (user_id, party_id) VALUES (?, ?)", p, 2, &n, NULL)
			  : db_exec(db, "DELETE FROM party_stars WHERE user_id = ? AND party_id = ?", p, 2, &n, NULL);

	if (rc != CRM_OK || n == 0)
		return rc;
	return audit_write(t->r, 0, "parties", t->id, t->value ? "star" : "unstar", NULL);
}

int party_star(struct req *r)
{
	struct action_tx t = { .r = r };
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK || req_int(r, "star", 0, 1, &t.value) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, t.id, "star");
	if (rc == CRM_OK)
		rc = db_transaction(r->db, star_tx, &t);
	return rc == CRM_OK ? back_to(r, t.id) : reply_db_error(r, rc);
}

static int delete_tx(struct db *db, void *ctx)
{
	struct action_tx *t = ctx;
	struct db_param p[] = { DB_I(t->id) };
	uint64_t n = 0;
	int rc = db_exec(db, "UPDATE parties SET is_deleted = 1, version = version + 1, updated_at = UTC_TIMESTAMP() "
			     "WHERE id = ? AND is_deleted = 0", p, 1, &n, NULL);

	if (rc != CRM_OK || n == 0)
		return rc;
	return audit_write(t->r, 0, "parties", t->id, "delete", NULL);
}

int party_delete(struct req *r)
{
	struct action_tx t = { .r = r };
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, t.id, "delete");
	if (rc == CRM_OK)
		rc = db_transaction(r->db, delete_tx, &t);
	return rc == CRM_OK ? resp_redirect(r, "/parties/persons") : reply_db_error(r, rc);
}

/* Only a party already in the recycle bin is purged, with everything that hangs on it. */
static int purge_tx(struct db *db, void *ctx)
{
	static const char *const children[] = {
		"DELETE FROM party_search WHERE party_id = ?",     "DELETE FROM party_channels WHERE party_id = ?",
		"DELETE FROM party_roles WHERE party_id = ?",      "DELETE FROM party_activities WHERE party_id = ?",
		"DELETE FROM person_languages WHERE person_id = ?", "DELETE FROM party_group_members WHERE party_id = ?",
		"DELETE FROM party_rankings WHERE party_id = ?",   "DELETE FROM party_experts WHERE party_id = ?",
		"DELETE FROM party_stars WHERE party_id = ?",      "DELETE FROM user_customers WHERE party_id = ?",
		"DELETE FROM persons WHERE party_id = ?",          "DELETE FROM companies WHERE party_id = ?",
	};
	struct action_tx *t = ctx;
	struct db_param p[] = { DB_I(t->id) };
	struct db_param pp[] = { DB_I(t->id), DB_I(t->id) };
	char name[256];
	uint64_t n = 0;
	int rc = db_query_str(db, "SELECT display_name FROM parties WHERE id = ? AND is_deleted = 1 FOR UPDATE", p, 1, name,
			      sizeof(name));

	if (rc != CRM_OK)
		return rc;
	buf_reset(&t->files); /* a retried transaction starts over */
	rc = attach_purge_rows(t->r, "parties", t->id, &t->files);
	for (size_t i = 0; rc == CRM_OK && i < CRM_ARRAY_LEN(children); i++)
		rc = db_exec(db, children[i], p, 1, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_exec(db, "DELETE FROM party_relations WHERE from_party_id = ? OR to_party_id = ?", pp, 2, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_exec(db, "DELETE FROM employments WHERE person_id = ? OR company_id = ?", pp, 2, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_exec(db, "DELETE FROM parties WHERE id = ?", p, 1, &n, NULL);
	if (rc == CRM_OK) {
		struct buf d = { 0 };

		rc = buf_puts(&d, "{\"name\":");
		if (rc == CRM_OK)
			rc = json_str(&d, name);
		if (rc == CRM_OK)
			rc = buf_puts(&d, "}");
		if (rc == CRM_OK)
			rc = audit_write(t->r, 0, "parties", t->id, "purge", d.p);
		buf_free(&d);
	}
	return rc;
}

int party_purge(struct req *r)
{
	struct action_tx t = { .r = r };
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, t.id, "purge");
	if (rc == CRM_OK && !hdf_get_int_value(r->hdf, "Party.is_deleted", 0))
		return reply_error(r, 409); /* delete first: purge only empties the recycle bin */
	if (rc == CRM_OK)
		rc = db_transaction(r->db, purge_tx, &t);
	if (rc == CRM_OK)
		attach_remove_files(r->cfg, &t.files);
	buf_free(&t.files);
	return rc == CRM_OK ? resp_redirect(r, "/parties/persons") : reply_db_error(r, rc);
}

/* One-click changes on a party: activate/deactivate, star, delete to the
 * recycle bin, purge. Each checks the record scope for its own action. */
#include "files/files.h"
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "records/records.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct action_tx {
	struct req *r;
	long long id;
	long long value;
	int changed;
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

	t->changed = rc == CRM_OK && n > 0; /* a retried transaction starts over */
	if (rc != CRM_OK || n == 0)
		return rc;
	return audit_write(t->r, 0, "parties", t->id, t->value ? "activate" : "deactivate", NULL);
}

/* One party, for its page's button and for a bulk run alike: the scope of activate, then the
 * change with its audit row. */
int party_active_one(struct req *r, long long id, int active, int *changed)
{
	struct action_tx t = { .r = r, .id = id, .value = active };
	int rc = party_db_load(r, id, "activate");

	if (rc == CRM_OK)
		rc = db_transaction(r->db, active_tx, &t);
	*changed = rc == CRM_OK && t.changed;
	return rc;
}

int party_set_active(struct req *r)
{
	long long id, active;
	int changed, rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK || req_int(r, "active", 0, 1, &active) != CRM_OK)
		return reply_error(r, 400);
	rc = party_active_one(r, id, (int)active, &changed);
	return rc == CRM_OK ? back_to(r, id) : reply_db_error(r, rc);
}

static int star_tx(struct db *db, void *ctx)
{
	struct action_tx *t = ctx;
	struct db_param p[] = { DB_I(t->r->user.id), DB_I(t->id) };
	uint64_t n = 0;
	int rc = t->value ? db_exec(db, "INSERT IGNORE INTO party_stars (user_id, party_id) VALUES (?, ?)", p, 2, &n, NULL)
			  : db_exec(db, "DELETE FROM party_stars WHERE user_id = ? AND party_id = ?", p, 2, &n, NULL);

	t->changed = rc == CRM_OK && n > 0;
	if (rc != CRM_OK || n == 0)
		return rc;
	return audit_write(t->r, 0, "parties", t->id, t->value ? "star" : "unstar", NULL);
}

/* A star is the user's own mark, in the scope of star. */
int party_star_one(struct req *r, long long id, int star, int *changed)
{
	struct action_tx t = { .r = r, .id = id, .value = star };
	int rc = party_db_load(r, id, "star");

	if (rc == CRM_OK)
		rc = db_transaction(r->db, star_tx, &t);
	*changed = rc == CRM_OK && t.changed;
	return rc;
}

int party_star(struct req *r)
{
	long long id, star;
	int changed, rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK || req_int(r, "star", 0, 1, &star) != CRM_OK)
		return reply_error(r, 400);
	rc = party_star_one(r, id, (int)star, &changed);
	return rc == CRM_OK ? back_to(r, id) : reply_db_error(r, rc);
}

/* What hangs on a party, removed with it when it is purged (the row itself goes after). */
static int party_purge_rows(struct req *r, struct db *db, long long id, struct buf *files)
{
	static const char *const children[] = {
		"DELETE FROM party_search WHERE party_id = ?",     "DELETE FROM party_channels WHERE party_id = ?",
		"DELETE FROM party_roles WHERE party_id = ?",      "DELETE FROM party_activities WHERE party_id = ?",
		"DELETE FROM person_languages WHERE person_id = ?", "DELETE FROM party_group_members WHERE party_id = ?",
		"DELETE FROM party_rankings WHERE party_id = ?",   "DELETE FROM party_experts WHERE party_id = ?",
		"DELETE FROM party_stars WHERE party_id = ?",
		"DELETE FROM persons WHERE party_id = ?",          "DELETE FROM companies WHERE party_id = ?",
	};
	struct db_param p[] = { DB_I(id) };
	struct db_param pp[] = { DB_I(id), DB_I(id) };
	long long held = 0;
	/* a user limited to this party, or linked to it as their person: purging it would lift the
	 * limit silently or break the link; their account changes first (409) */
	int rc = db_query_int(db,
			      "SELECT (SELECT COUNT(*) FROM user_customers WHERE party_id = ?) + "
			      "(SELECT COUNT(*) FROM users WHERE person_id = ?)",
			      pp, 2, &held);

	if (rc == CRM_OK && held)
		return CRM_ECONFLICT;
	if (rc == CRM_OK)
		rc = attach_purge_rows(r, "parties", id, files);
	if (rc == CRM_OK)
		rc = hierarchy_detach(r, db, id);

	for (size_t i = 0; rc == CRM_OK && i < CRM_ARRAY_LEN(children); i++)
		rc = db_exec(db, children[i], p, 1, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_exec(db, "DELETE FROM party_relations WHERE from_party_id = ? OR to_party_id = ?", pp, 2, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_exec(db, "DELETE FROM employments WHERE person_id = ? OR company_id = ?", pp, 2, NULL, NULL);
	return rc;
}

/* The files of a purged party go once the purge committed. */
static void party_purged(struct req *r, const struct buf *files)
{
	attach_remove_files(r->cfg, files);
}

static const struct rec_field bin_fields[] = {
	{ .name = "display_name", .label = "parties.name", .type = REC_TEXT, .flags = RF_SHOWN | RF_LIST },
	{ .name = "code", .label = "parties.code", .type = REC_TEXT, .flags = RF_SHOWN | RF_LIST | RF_LTR },
};

/* Parties as the records engine's recycle bin sees them (the rest of parties moves onto the
 * engine next; until then its own screens keep their own code). */
const struct rec_entity party_bin_entity = {
	.name = "parties",
	.table = "parties",
	.module = "parties",
	.lang = "parties",
	.title = "parties.bin",
	.list_url = "/parties/bin",
	.record_url = "/parties/party",
	.fields = bin_fields,
	.nfields = CRM_ARRAY_LEN(bin_fields),
	.scope = &party_scope_t,
	.title_field = "display_name",
	.deleted_col = "is_deleted",
	.hooks = { .purge = party_purge_rows, .purged = party_purged },
};

/* Delete moves the party to the recycle bin; the list it came from says so, with Undo. */
int party_delete(struct req *r)
{
	char next[96];
	long long id;
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	rc = rec_delete(r, &party_bin_entity, id);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	snprintf(next, sizeof(next), "/parties/persons?deleted=%lld", id);
	return resp_redirect(r, next);
}

/* Only a party already in the recycle bin is purged, with everything that hangs on it. */
int party_purge(struct req *r)
{
	return rec_page_purge(r, &party_bin_entity, "/parties/bin");
}

int party_bin(struct req *r)
{
	return rec_page_bin(r, &party_bin_entity, "parties/bin.cs");
}

/* From the bin back to the bin; from "Deleted — Undo" back to the record. */
int party_restore(struct req *r)
{
	const char *to = req_param(r, "to");
	char next[96];
	long long id;

	if (to && !strcmp(to, "record") && req_int(r, "id", 1, INT64_MAX, &id) == CRM_OK) {
		snprintf(next, sizeof(next), "/parties/party?id=%lld", id);
		return rec_page_restore(r, &party_bin_entity, next);
	}
	return rec_page_restore(r, &party_bin_entity, "/parties/bin");
}

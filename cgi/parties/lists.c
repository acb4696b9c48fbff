/* Managed lists (titles, sources, activities, roles, relations, ...): each
 * entry with its names in the three languages, an order and an active flag.
 * Entries are never deleted, only deactivated: records keep pointing at them. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const kinds[] = { "title", "source", "activity", "party_role", "relation", "company_type", "premises",
				     "religion", "education_field", "education_degree", "language" };

static const char *kind_param(struct req *r)
{
	const char *k = req_param(r, "kind");

	for (size_t i = 0; k && i < CRM_ARRAY_LEN(kinds); i++)
		if (!strcmp(k, kinds[i]))
			return kinds[i];
	return NULL;
}

int list_kinds_put(struct req *r)
{
	for (size_t i = 0; i < CRM_ARRAY_LEN(kinds); i++) {
		char key[32];

		snprintf(key, sizeof(key), "Kinds.%zu", i);
		if (hdf_put(r, key, kinds[i]) != CRM_OK)
			return CRM_ERR;
	}
	return CRM_OK;
}

static int show(struct req *r, const char *kind, int status)
{
	struct db_param p[] = { DB_S(kind) };
	int rc = db_query_hdf(r->db,
			      "SELECT id, code, name_fa, name_en, name_tr, sort, is_active, version FROM lookups WHERE kind = ? "
			      "ORDER BY sort, id",
			      p, 1, r->hdf, "Entries", NULL);

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (list_kinds_put(r) || hdf_put(r, "Filter.kind", kind) || hdf_put(r, "Page.section", "lists"))
		return reply_error(r, 500);
	r->status = status;
	return render(r, "parties/lists.cs");
}

int lists_page(struct req *r)
{
	const char *kind = req_param(r, "kind") ? kind_param(r) : "title";

	if (!kind)
		return reply_error(r, 400);
	if (req_param(r, "saved") && hdf_put(r, "Form.notice", lang_str(r, "admin.saved")) != CRM_OK)
		return reply_error(r, 500);
	return show(r, kind, 200);
}

struct entry {
	struct req *r;
	const char *kind;
	long long id, version, sort, active;
	char code[65], fa[4 * 128 + 1], en[4 * 128 + 1], tr[4 * 128 + 1]; /* 128 characters of UTF-8 */
};

static int entry_tx(struct db *db, void *ctx)
{
	struct entry *e = ctx;
	char sort[16], active[4];
	int rc;

	snprintf(sort, sizeof(sort), "%lld", e->sort);
	snprintf(active, sizeof(active), "%lld", e->active);
	if (!e->id) {
		struct db_param p[] = { DB_S(e->kind), DB_S(e->code), DB_S(e->fa), DB_S(e->en), DB_S(e->tr), DB_I(e->sort) };
		uint64_t id = 0;
		struct audit_change c[] = { { "kind", NULL, e->kind }, { "code", NULL, e->code }, { "name_fa", NULL, e->fa },
					    { "name_en", NULL, e->en }, { "name_tr", NULL, e->tr }, { "sort", NULL, sort } };

		rc = db_exec(db, "INSERT INTO lookups (kind, code, name_fa, name_en, name_tr, sort) VALUES (?, ?, ?, ?, ?, ?)", p,
			     6, NULL, &id);
		if (rc == CRM_OK)
			rc = audit_write_changes(e->r, "lookups", (long long)id, "insert", c, CRM_ARRAY_LEN(c));
		return rc;
	}
	char ofa[4 * 128 + 1], oen[4 * 128 + 1], otr[4 * 128 + 1], osort[16], oactive[4];
	struct db_param one[] = { DB_I(e->id), DB_S(e->kind) };

	rc = db_query_str(db, "SELECT name_fa FROM lookups WHERE id = ? AND kind = ? FOR UPDATE", one, 2, ofa, sizeof(ofa));
	if (rc == CRM_OK)
		rc = db_query_str(db, "SELECT name_en FROM lookups WHERE id = ? AND kind = ?", one, 2, oen, sizeof(oen));
	if (rc == CRM_OK)
		rc = db_query_str(db, "SELECT name_tr FROM lookups WHERE id = ? AND kind = ?", one, 2, otr, sizeof(otr));
	if (rc == CRM_OK)
		rc = db_query_str(db, "SELECT sort FROM lookups WHERE id = ? AND kind = ?", one, 2, osort, sizeof(osort));
	if (rc == CRM_OK)
		rc = db_query_str(db, "SELECT is_active FROM lookups WHERE id = ? AND kind = ?", one, 2, oactive, sizeof(oactive));
	if (rc != CRM_OK)
		return rc;
	struct db_param p[] = { DB_S(e->fa), DB_S(e->en), DB_S(e->tr), DB_I(e->sort), DB_I(e->active), DB_I(e->id),
				DB_I(e->version) };
	uint64_t n = 0;

	rc = db_exec(db, "UPDATE lookups SET name_fa = ?, name_en = ?, name_tr = ?, sort = ?, is_active = ?, "
			 "version = version + 1 WHERE id = ? AND version = ?",
		     p, 7, &n, NULL);
	if (rc == CRM_OK && n == 0)
		return CRM_ECONFLICT;
	struct audit_change c[] = { { "name_fa", ofa, e->fa }, { "name_en", oen, e->en }, { "name_tr", otr, e->tr },
				    { "sort", osort, sort }, { "is_active", oactive, active } };
	if (rc == CRM_OK)
		rc = audit_write_changes(e->r, "lookups", e->id, "update", c, CRM_ARRAY_LEN(c));
	return rc;
}

/* A name over the limit says so on its own field; a missing one is the three-languages message. */
static int list_name(struct req *r, const char *field, char *out, size_t outlen)
{
	int rc = req_text(r, field, 128, out, outlen);

	if (rc == CRM_ETOOBIG)
		form_too_long(r, field, 128);
	return rc;
}

int list_save(struct req *r)
{
	struct entry e = { r, kind_param(r), 0, 0, 0, 1, "", "", "", "" };
	char next[96];
	int rc, names_ok;

	if (!e.kind || req_int(r, "id", 0, INT64_MAX, &e.id) == CRM_EINVAL)
		return reply_error(r, 400);
	if (e.id && req_int(r, "version", 1, INT64_MAX, &e.version) != CRM_OK)
		return reply_error(r, 400);
	if (!e.id) {
		rc = req_text(r, "code", 64, e.code, sizeof(e.code));
		if (rc != CRM_OK || strspn(e.code, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(e.code))
			form_error(r, "entry", "parties.err.list_code");
	}
	/* each name is read, so every over-long one is marked */
	names_ok = list_name(r, "name_fa", e.fa, sizeof(e.fa)) == CRM_OK;
	names_ok = list_name(r, "name_en", e.en, sizeof(e.en)) == CRM_OK && names_ok;
	names_ok = list_name(r, "name_tr", e.tr, sizeof(e.tr)) == CRM_OK && names_ok;
	if (!names_ok && !form_failed(r))
		form_error(r, "entry", "parties.err.list_names");
	if (req_int(r, "sort", -100000, 100000, &e.sort) == CRM_EINVAL)
		form_error(r, "entry", "parties.err.number");
	e.active = e.id ? req_param(r, "is_active") != NULL : 1;
	if (form_failed(r))
		return show(r, e.kind, 422);
	rc = db_transaction(r->db, entry_tx, &e);
	if (rc == CRM_ECONFLICT) {
		form_error(r, "entry", e.id ? "admin.err.conflict" : "parties.err.list_code_taken");
		return show(r, e.kind, 409);
	}
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	snprintf(next, sizeof(next), "/parties/lists?kind=%s&saved=1", e.kind);
	return resp_redirect(r, next);
}

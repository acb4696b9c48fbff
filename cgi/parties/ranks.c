/* The ranks a party can be given (A, B, C, ...), each with a colour and an
 * order: added and changed on a screen of the managed lists. Ranks are never
 * deleted: a party's ranking history keeps pointing at them. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int show(struct req *r, int status)
{
	int rc = db_query_hdf(r->db, "SELECT id, name, color, sort, version FROM rank_types ORDER BY sort, id", NULL, 0, r->hdf,
			      "RankTypes", NULL);

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (list_kinds_put(r, NULL) || hdf_put(r, "Page.section", "lists") || hdf_put(r, "Filter.kind", "ranks"))
		return reply_error(r, 500);
	r->status = status;
	return render(r, "parties/ranks.cs");
}

int ranks_page(struct req *r)
{
	if (req_param(r, "saved") && hdf_put(r, "Form.notice", lang_str(r, "admin.saved")) != CRM_OK)
		return reply_error(r, 500);
	return show(r, 200);
}

struct rank_tx {
	struct req *r;
	long long id, version, sort;
	char name[65], color[8];
};

struct rank_row {
	int found;
	char name[65], color[8], sort[16];
};

static int rank_row(void *ctx, const struct db_row *row)
{
	struct rank_row *o = ctx;

	o->found = 1;
	snprintf(o->name, sizeof(o->name), "%s", row->values[0]);
	snprintf(o->color, sizeof(o->color), "%s", row->values[1]);
	snprintf(o->sort, sizeof(o->sort), "%s", row->values[2]);
	return CRM_OK;
}

static int rank_tx_run(struct db *db, void *ctx)
{
	struct rank_tx *t = ctx;
	char sort[16];
	uint64_t id = 0, n = 0;
	int rc;

	snprintf(sort, sizeof(sort), "%lld", t->sort);
	if (!t->id) {
		struct db_param p[] = { DB_S(t->name), DB_S(t->color), DB_I(t->sort) };
		struct audit_change c[] = { { "name", NULL, t->name }, { "color", NULL, t->color }, { "sort", NULL, sort } };

		rc = db_exec(db, "INSERT INTO rank_types (name, color, sort) VALUES (?, ?, ?)", p, 3, NULL, &id);
		if (rc == CRM_OK)
			rc = audit_write_changes(t->r, "rank_types", (long long)id, "insert", c, CRM_ARRAY_LEN(c));
		return rc;
	}
	struct db_param one[] = { DB_I(t->id) };
	struct rank_row old = { 0 };

	rc = db_query(db, "SELECT name, color, sort FROM rank_types WHERE id = ? FOR UPDATE", one, 1, rank_row, &old);
	if (rc != CRM_OK)
		return rc;
	if (!old.found)
		return CRM_ENOTFOUND;
	struct db_param p[] = { DB_S(t->name), DB_S(t->color), DB_I(t->sort), DB_I(t->id), DB_I(t->version) };
	struct audit_change c[] = { { "name", old.name, t->name }, { "color", old.color, t->color }, { "sort", old.sort, sort } };

	rc = db_exec(db, "UPDATE rank_types SET name = ?, color = ?, sort = ?, version = version + 1 WHERE id = ? AND version = ?",
		     p, 5, &n, NULL);
	if (rc == CRM_OK && n == 0)
		return CRM_ECONFLICT; /* changed by someone else since it was shown */
	if (rc == CRM_OK)
		rc = audit_write_changes(t->r, "rank_types", t->id, "update", c, CRM_ARRAY_LEN(c));
	return rc;
}

/* POST /parties/rank/save: [id, version,] name, color, sort */
int rank_save(struct req *r)
{
	struct rank_tx t = { r, 0, 0, 0, "", "" };
	int rc;

	if (req_int(r, "id", 0, INT64_MAX, &t.id) == CRM_EINVAL ||
	    (t.id && req_int(r, "version", 1, INT64_MAX, &t.version) != CRM_OK))
		return reply_error(r, 400);
	rc = req_text(r, "name", 64, t.name, sizeof(t.name));
	if (rc != CRM_OK)
		form_error(r, "rank", rc == CRM_ETOOBIG ? "parties.err.too_long" : "parties.err.required");
	if (req_text(r, "color", 7, t.color, sizeof(t.color)) != CRM_OK || t.color[0] != '#' ||
	    strspn(t.color + 1, "0123456789abcdefABCDEF") != 6)
		form_error(r, "rank", "parties.err.color");
	if (req_int(r, "sort", -100000, 100000, &t.sort) == CRM_EINVAL)
		form_error(r, "rank", "parties.err.number");
	if (form_failed(r))
		return show(r, 422);
	rc = db_transaction(r->db, rank_tx_run, &t);
	if (rc == CRM_ECONFLICT) {
		/* a taken name, or a stale version */
		form_error(r, "rank", t.id ? "parties.err.rank_conflict" : "parties.err.rank_taken");
		return show(r, 409);
	}
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return resp_redirect(r, "/parties/ranks?saved=1");
}

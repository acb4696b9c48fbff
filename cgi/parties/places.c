/* Places: countries, their provinces, their cities, their districts; each
 * level added and renamed within its parent. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const levels[] = { "country", "province", "city", "district" };

static int show(struct req *r, long long parent, int status)
{
	struct db_param p[] = { DB_I(parent) };
	int rc, n = 0;

	if (parent) {
		/* the way down from the country, for the breadcrumbs */
		rc = db_query_hdf(r->db,
				  "SELECT a.id, a.name, a.level FROM places a WHERE a.id IN (SELECT ? UNION SELECT parent_id FROM "
				  "places WHERE id = ? UNION SELECT p2.parent_id FROM places p1 JOIN places p2 ON p2.id = p1.parent_id "
				  "WHERE p1.id = ?) ORDER BY FIELD(a.level, 'country', 'province', 'city', 'district')",
				  (struct db_param[]){ p[0], p[0], p[0] }, 3, r->hdf, "Trail", &n);
		if (rc != CRM_OK)
			return reply_db_error(r, rc);
		if (n == 0)
			return reply_error(r, 404);
	}
	rc = parent ? db_query_hdf(r->db, "SELECT id, name, level, version FROM places WHERE parent_id = ? ORDER BY name", p, 1,
				   r->hdf, "Places", NULL)
		    : db_query_hdf(r->db, "SELECT id, name, level, version FROM places WHERE parent_id IS NULL ORDER BY name", NULL,
				   0, r->hdf, "Places", NULL);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (hdf_putf(r, "Filter.parent", "%lld", parent) || hdf_put(r, "Page.section", "places") ||
	    hdf_put(r, "Filter.level", levels[n < 4 ? n : 3]))
		return reply_error(r, 500);
	if (n >= 4 && hdf_put(r, "Filter.leaf", "1"))
		return reply_error(r, 500);
	r->status = status;
	return render(r, "parties/places.cs");
}

int places_page(struct req *r)
{
	long long parent = 0;

	if (req_int(r, "parent", 1, INT64_MAX, &parent) == CRM_EINVAL)
		return reply_error(r, 400);
	if (req_param(r, "saved") && hdf_put(r, "Form.notice", lang_str(r, "admin.saved")) != CRM_OK)
		return reply_error(r, 500);
	return show(r, parent, 200);
}

struct place_tx {
	struct req *r;
	long long id, parent, version;
	char name[4 * 128 + 1];
	int too_deep;
};

static int create_tx(struct db *db, void *ctx)
{
	struct place_tx *t = ctx;
	char level[16] = "";
	uint64_t id = 0;
	int rc = CRM_OK;

	if (t->parent) {
		struct db_param p[] = { DB_I(t->parent) };

		rc = db_query_str(db, "SELECT level FROM places WHERE id = ?", p, 1, level, sizeof(level));
		if (rc != CRM_OK)
			return rc;
	}
	const char *child = !t->parent ? "country" : !strcmp(level, "country") ? "province" : !strcmp(level, "province") ? "city"
			  : !strcmp(level, "city") ? "district" : NULL;

	if (!child) {
		t->too_deep = 1;
		return CRM_EINVAL;
	}
	struct db_param p[] = { t->parent ? DB_I(t->parent) : DB_NUL, DB_S(child), DB_S(t->name) };
	struct audit_change c[] = { { "name", NULL, t->name }, { "level", NULL, child } };

	rc = db_exec(db, "INSERT INTO places (parent_id, level, name) VALUES (?, ?, ?)", p, 3, NULL, &id);
	if (rc == CRM_OK)
		rc = audit_write_changes(t->r, "places", (long long)id, "insert", c, 2);
	return rc;
}

static int rename_tx(struct db *db, void *ctx)
{
	struct place_tx *t = ctx;
	struct db_param one[] = { DB_I(t->id) };
	struct db_param p[] = { DB_S(t->name), DB_I(t->id), DB_I(t->version) };
	char old[4 * 128 + 1];
	uint64_t n = 0;
	int rc = db_query_str(db, "SELECT name FROM places WHERE id = ? FOR UPDATE", one, 1, old, sizeof(old));

	if (rc == CRM_OK)
		rc = db_exec(db, "UPDATE places SET name = ?, version = version + 1 WHERE id = ? AND version = ?", p, 3, &n, NULL);
	if (rc == CRM_OK && n == 0)
		rc = CRM_ECONFLICT;
	struct audit_change c[] = { { "name", old, t->name } };

	if (rc == CRM_OK)
		rc = audit_write_changes(t->r, "places", t->id, "update", c, 1);
	return rc;
}

static int place_save(struct req *r, int creating)
{
	struct place_tx t = { r, 0, 0, 0, "", 0 };
	char next[64];
	int rc;

	if (req_int(r, "parent_id", 1, INT64_MAX, &t.parent) == CRM_EINVAL ||
	    (!creating && (req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK ||
			   req_int(r, "version", 1, INT64_MAX, &t.version) != CRM_OK)))
		return reply_error(r, 400);
	rc = req_text(r, "name", 128, t.name, sizeof(t.name));
	if (rc != CRM_OK) {
		if (rc == CRM_ETOOBIG)
			form_too_long(r, "place", 128);
		else
			form_error(r, "place", "parties.err.required");
		return show(r, t.parent, 422);
	}
	rc = db_transaction(r->db, creating ? create_tx : rename_tx, &t);
	if (rc == CRM_ECONFLICT || rc == CRM_EINVAL) {
		form_error(r, "place", t.too_deep ? "parties.err.choice" : creating ? "parties.err.place_taken" : "admin.err.conflict");
		return show(r, t.parent, t.too_deep ? 422 : 409);
	}
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	snprintf(next, sizeof(next), "/parties/places?parent=%lld&saved=1", t.parent);
	return resp_redirect(r, t.parent ? next : "/parties/places?saved=1");
}

int place_create(struct req *r)
{
	return place_save(r, 1);
}

int place_rename(struct req *r)
{
	return place_save(r, 0);
}

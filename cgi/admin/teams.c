/* Teams: a list with member counts, create and rename. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "admin.h"

#include <stdint.h>
#include <stdio.h>

static int show(struct req *r, int status)
{
	int rc = db_query_hdf(r->db,
			      "SELECT t.id, t.name, t.version, (SELECT COUNT(*) FROM user_teams ut WHERE ut.team_id = t.id) "
			      "AS members FROM teams t ORDER BY t.name",
			      NULL, 0, r->hdf, "Teams", NULL);

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	r->status = status;
	return render(r, "admin/teams.cs");
}

int teams_list(struct req *r)
{
	if (req_param(r, "saved") && hdf_put(r, "Form.notice", lang_str(r, "admin.saved")) != CRM_OK)
		return reply_error(r, 500);
	return show(r, 200);
}

struct team_tx {
	struct req *r;
	long long id, version;
	const char *name;
};

static int team_create_tx(struct db *db, void *ctx)
{
	struct team_tx *t = ctx;
	struct db_param p[] = { DB_S(t->name) };
	struct audit_change c[] = { { "name", NULL, t->name } };
	uint64_t id = 0;
	int rc = db_exec(db, "INSERT INTO teams (name) VALUES (?)", p, 1, NULL, &id);

	if (rc == CRM_OK)
		rc = audit_write_changes(t->r, "teams", (long long)id, "insert", c, 1);
	return rc;
}

static int team_update_tx(struct db *db, void *ctx)
{
	struct team_tx *t = ctx;
	struct db_param id[] = { DB_I(t->id) };
	struct db_param p[] = { DB_S(t->name), DB_I(t->id), DB_I(t->version) };
	struct buf details = { 0 };
	char old[129];
	uint64_t n = 0;
	unsigned changed;
	int rc = db_query_str(db, "SELECT name FROM teams WHERE id = ? FOR UPDATE", id, 1, old, sizeof(old));

	if (rc == CRM_OK)
		rc = db_exec(db, "UPDATE teams SET name = ?, version = version + 1 WHERE id = ? AND version = ?", p, 3, &n, NULL);
	if (rc == CRM_OK && n == 0)
		rc = CRM_ECONFLICT;
	if (rc == CRM_OK) {
		struct audit_change c[] = { { "name", old, t->name } };

		rc = audit_diff_json(&details, c, 1, &changed);
	}
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, "teams", t->id, "update", details.p);
	buf_free(&details);
	return rc;
}

static int team_save(struct req *r, int creating)
{
	char name[129];
	struct team_tx t = { r, 0, 0, name };
	int rc = req_text(r, "name", 128, name, sizeof(name));

	if (!creating && (req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK ||
			  req_int(r, "version", 1, INT64_MAX, &t.version) != CRM_OK))
		return reply_error(r, 400);
	if (rc != CRM_OK) {
		form_error(r, "name", rc == CRM_ETOOBIG ? "admin.err.too_long" : "admin.err.required");
		return show(r, 422);
	}
	rc = db_transaction(r->db, creating ? team_create_tx : team_update_tx, &t);
	if (rc == CRM_ECONFLICT) {
		/* A taken name or a rename that came second: say so, keep the list as stored. */
		form_error(r, "name", creating ? "admin.err.name_taken" : "admin.err.conflict");
		return show(r, 409);
	}
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return resp_redirect(r, "/admin/teams?saved=1");
}

int team_create(struct req *r)
{
	return team_save(r, 1);
}

int team_update(struct req *r)
{
	return team_save(r, 0);
}

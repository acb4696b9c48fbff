/* Roles and the permission matrix: modules by actions, each with a record scope. */
#include "audit/audit.h"
#include "records/records.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "auth/auth.h"
#include "admin.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MATRIX_MAX 32 /* modules */

int roles_list(struct req *r)
{
	int rc = db_query_hdf(r->db,
			      "SELECT ro.id, ro.name, ro.description, "
			      "(SELECT COUNT(*) FROM user_roles ur WHERE ur.role_id = ro.id) AS users "
			      "FROM roles ro ORDER BY ro.name",
			      NULL, 0, r->hdf, "Roles", NULL);

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return render(r, "admin/roles.cs");
}

/* Matrix.N.{module,label,cells.M.{action,scope}} from the stored grants of role_id (0: none). */
static int matrix_load(struct req *r, long long role_id)
{
	struct db_param p[] = { DB_I(role_id) };
	char key[128];
	int nmod = 0, rc;

	for (unsigned a = 0; a < perm_nactions; a++) {
		char k2[64];

		snprintf(key, sizeof(key), "admin.action.%s", perm_actions[a]);
		snprintf(k2, sizeof(k2), "Actions.%u.name", a);
		if (hdf_put(r, k2, perm_actions[a]) != CRM_OK)
			return CRM_ERR;
		snprintf(k2, sizeof(k2), "Actions.%u.label", a);
		if (hdf_put(r, k2, lang_str(r, key)) != CRM_OK)
			return CRM_ERR;
	}
	rc = db_query_hdf(r->db, "SELECT name FROM app_modules ORDER BY sort", NULL, 0, r->hdf, "Mods", &nmod);
	if (rc != CRM_OK)
		return rc;
	rc = db_query_hdf(r->db, "SELECT module, action, scope FROM role_permissions WHERE role_id = ?", p, 1, r->hdf,
			  "Grants", NULL);
	if (rc != CRM_OK)
		return rc;
	for (int m = 0; m < nmod; m++) {
		const char *mod = hdf_get_valuef(r->hdf, "Mods.%d.name", m);
		char k2[96];

		snprintf(key, sizeof(key), "Matrix.%d.module", m);
		snprintf(k2, sizeof(k2), "module.%s", mod);
		if (hdf_put(r, key, mod) != CRM_OK)
			return CRM_ERR;
		snprintf(key, sizeof(key), "Matrix.%d.label", m);
		if (hdf_put(r, key, lang_str(r, k2)) != CRM_OK)
			return CRM_ERR;
		for (unsigned a = 0; a < perm_nactions; a++) {
			const char *scope = "none";
			HDF *g = hdf_get_obj(r->hdf, "Grants");

			for (HDF *c = g ? hdf_obj_child(g) : NULL; c; c = hdf_obj_next(c))
				if (!strcmp(hdf_get_value(c, "module", ""), mod) &&
				    !strcmp(hdf_get_value(c, "action", ""), perm_actions[a]))
					scope = hdf_get_value(c, "scope", "none");
			snprintf(key, sizeof(key), "Matrix.%d.cells.%u.action", m, a);
			if (hdf_put(r, key, perm_actions[a]) != CRM_OK)
				return CRM_ERR;
			snprintf(key, sizeof(key), "Matrix.%d.cells.%u.scope", m, a);
			if (hdf_put(r, key, scope) != CRM_OK)
				return CRM_ERR;
		}
	}
	return CRM_OK;
}

static int role_load(struct req *r, long long id)
{
	struct db_param p[] = { DB_I(id) };
	int n = 0;
	int rc = db_query_hdf(r->db, "SELECT id, name, description, version FROM roles WHERE id = ?", p, 1, r->hdf,
			      "Found", &n);

	if (rc != CRM_OK)
		return rc;
	if (n == 0)
		return CRM_ENOTFOUND;
	NEOERR *err = hdf_copy(r->hdf, "Edit", hdf_get_obj(r->hdf, "Found.0"));

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	/* The built-in admin role keeps every right: nobody can lock everyone out. */
	if (!strcmp(hdf_get_value(r->hdf, "Edit.name", ""), "admin") && hdf_put(r, "Edit.builtin", "1"))
		return CRM_ERR;
	return matrix_load(r, id);
}

int role_form(struct req *r)
{
	long long id;
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	rc = role_load(r, id);
	if (rc == CRM_OK)
		rc = audit_history_hdf(r, "roles", id, "History");
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (req_param(r, "saved") && hdf_put(r, "Form.notice", lang_str(r, "admin.saved")) != CRM_OK)
		return reply_error(r, 500);
	return render(r, "admin/role.cs");
}

int role_new_form(struct req *r)
{
	int rc = matrix_load(r, 0);

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return render(r, "admin/role.cs");
}

struct role_input {
	long long id, version;
	char name[65];
	char description[256];
	/* the matrix as sent: module, action, scope per non-none cell */
	struct grant cells[MATRIX_MAX * 10];
	unsigned ncells;
};

/* Reads name, description and every p_<module>_<action> cell of the matrix
 * shown (Matrix.*, loaded before). A scope that is not one of ours is an error. */
static void role_input_read(struct req *r, struct role_input *in)
{
	HDF *m = hdf_get_obj(r->hdf, "Matrix");
	int rc;

	rc = req_text(r, "name", 64, in->name, sizeof(in->name));
	if (rc != CRM_OK)
		form_error(r, "name", rc == CRM_ETOOBIG ? "admin.err.too_long" : "admin.err.required");
	rc = req_text(r, "description", 255, in->description, sizeof(in->description));
	if (rc == CRM_ETOOBIG)
		form_error(r, "description", "admin.err.too_long");
	for (HDF *row = m ? hdf_obj_child(m) : NULL; row; row = hdf_obj_next(row)) {
		const char *mod = hdf_get_value(row, "module", "");

		for (unsigned a = 0; a < perm_nactions; a++) {
			char field[96];
			const char *v;
			enum scope s;

			snprintf(field, sizeof(field), "p_%s_%s", mod, perm_actions[a]);
			v = req_param(r, field);
			if (!v)
				v = "none";
			s = scope_parse(v);
			if (s == SCOPE_NONE && strcmp(v, "none") != 0) {
				form_error(r, "matrix", "admin.err.choice");
				continue;
			}
			/* What was sent is shown again if the form fails. */
			NEOERR *err = hdf_set_valuef(row, "cells.%u.scope=%s", a, scope_name(s));

			if (err != STATUS_OK) {
				nerr_ignore(&err);
				form_error(r, "matrix", "admin.err.choice");
			}
			if (s != SCOPE_NONE && in->ncells < CRM_ARRAY_LEN(in->cells)) {
				struct grant *g = &in->cells[in->ncells++];

				snprintf(g->module, sizeof(g->module), "%s", mod);
				snprintf(g->action, sizeof(g->action), "%s", perm_actions[a]);
				g->scope = s;
			}
		}
	}
}

/* "module.action=scope; ..." for the audit row. */
static int grants_text(struct db *db, long long role_id, struct buf *out)
{
	struct db_param p[] = { DB_I(role_id) };
	char text[8192];
	int rc = db_query_str(db,
			      "SELECT COALESCE(GROUP_CONCAT(CONCAT(module, '.', action, '=', scope) "
			      "ORDER BY module, action SEPARATOR '; '), '') FROM role_permissions WHERE role_id = ?",
			      p, 1, text, sizeof(text));

	if (rc == CRM_OK)
		rc = buf_puts(out, text);
	return rc;
}

struct role_tx {
	struct req *r;
	struct role_input *in;
	int name_taken;
};

static int grants_replace(struct db *db, const struct role_input *in)
{
	struct db_param id[] = { DB_I(in->id) };
	int rc = db_exec(db, "DELETE FROM role_permissions WHERE role_id = ?", id, 1, NULL, NULL);

	for (unsigned i = 0; rc == CRM_OK && i < in->ncells; i++) {
		struct db_param p[] = { DB_I(in->id), DB_S(in->cells[i].module), DB_S(in->cells[i].action),
					DB_S(scope_name(in->cells[i].scope)) };

		rc = db_exec(db, "INSERT INTO role_permissions (role_id, module, action, scope) VALUES (?, ?, ?, ?)", p, 4,
			     NULL, NULL);
	}
	return rc;
}

static int role_create_tx(struct db *db, void *ctx)
{
	struct role_tx *t = ctx;
	struct db_param p[] = { DB_S(t->in->name), DB_S(t->in->description) };
	struct buf grants = { 0 }, details = { 0 };
	uint64_t id = 0;
	unsigned changed;
	int rc;

	rc = db_exec(db, "INSERT INTO roles (name, description) VALUES (?, ?)", p, 2, NULL, &id);
	if (rc != CRM_OK)
		return rc;
	t->in->id = (long long)id;
	rc = grants_replace(db, t->in);
	if (rc == CRM_OK)
		rc = grants_text(db, t->in->id, &grants);
	if (rc == CRM_OK) {
		struct audit_change c[] = { { "name", NULL, t->in->name },
					    { "description", NULL, t->in->description },
					    { "permissions", NULL, grants.p ? grants.p : "" } };

		rc = audit_diff_json(&details, c, 3, &changed);
	}
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, "roles", t->in->id, "insert", details.p);
	buf_free(&grants);
	buf_free(&details);
	return rc;
}

static int role_update_tx(struct db *db, void *ctx)
{
	struct role_tx *t = ctx;
	struct db_param id[] = { DB_I(t->in->id) };
	struct db_param p[] = { DB_S(t->in->name), DB_S(t->in->description), DB_I(t->in->id), DB_I(t->in->version) };
	struct buf before = { 0 }, after = { 0 }, details = { 0 };
	char old_name[65] = "", old_desc[256] = "";
	uint64_t n = 0;
	unsigned changed;
	int rc;

	struct db_param dup[] = { DB_S(t->in->name), DB_I(t->in->id) };
	long long others = 0;

	rc = db_query_int(db, "SELECT COUNT(*) FROM roles WHERE name = ? AND id <> ?", dup, 2, &others);
	if (rc == CRM_OK && others) {
		t->name_taken = 1;
		return CRM_EINVAL;
	}
	if (rc == CRM_OK)
		rc = db_query_str(db, "SELECT name FROM roles WHERE id = ? FOR UPDATE", id, 1, old_name, sizeof(old_name));
	if (rc == CRM_OK)
		rc = db_query_str(db, "SELECT description FROM roles WHERE id = ?", id, 1, old_desc, sizeof(old_desc));
	if (rc == CRM_OK)
		rc = grants_text(db, t->in->id, &before);
	if (rc == CRM_OK)
		rc = db_exec(db, "UPDATE roles SET name = ?, description = ?, version = version + 1 WHERE id = ? AND version = ?",
			     p, 4, &n, NULL);
	if (rc == CRM_OK && n == 0)
		rc = CRM_ECONFLICT;
	if (rc == CRM_OK)
		rc = grants_replace(db, t->in);
	if (rc == CRM_OK)
		rc = grants_text(db, t->in->id, &after);
	if (rc == CRM_OK) {
		struct audit_change c[] = { { "name", old_name, t->in->name },
					    { "description", old_desc, t->in->description },
					    { "permissions", before.p ? before.p : "", after.p ? after.p : "" } };

		rc = audit_diff_json(&details, c, 3, &changed);
	}
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, "roles", t->in->id, "update", details.p);
	buf_free(&before);
	buf_free(&after);
	buf_free(&details);
	return rc;
}

static int role_save(struct req *r, int creating)
{
	struct role_input *in = calloc(1, sizeof(*in));
	struct role_tx t = { r, in, 0 };
	char next[64];
	int rc;

	if (!in)
		return reply_error(r, 500);
	if (!creating && (req_int(r, "id", 1, INT64_MAX, &in->id) != CRM_OK ||
			  req_int(r, "version", 1, INT64_MAX, &in->version) != CRM_OK)) {
		free(in);
		return reply_error(r, 400);
	}
	rc = creating ? matrix_load(r, 0) : role_load(r, in->id);
	if (rc != CRM_OK) {
		free(in);
		return reply_db_error(r, rc);
	}
	if (hdf_get_int_value(r->hdf, "Edit.builtin", 0)) {
		free(in);
		return reply_error(r, 403);
	}
	role_input_read(r, in);
	if (!form_failed(r))
		rc = db_transaction(r->db, creating ? role_create_tx : role_update_tx, &t);
	if (!form_failed(r) && rc == CRM_OK) {
		snprintf(next, sizeof(next), "/admin/role?id=%lld&saved=1", in->id);
		free(in);
		return resp_redirect(r, next);
	}
	if ((rc == CRM_ECONFLICT && creating) || t.name_taken)
		form_error(r, "name", "admin.err.name_taken");
	else if (rc == CRM_ECONFLICT)
		form_error(r, "name", "admin.err.conflict");
	else if (rc != CRM_OK && !form_failed(r)) {
		free(in);
		return reply_db_error(r, rc);
	}
	if (hdf_put(r, "Edit.name", req_param(r, "name")) || hdf_put(r, "Edit.description", req_param(r, "description"))) {
		free(in);
		return reply_error(r, 500);
	}
	free(in);
	r->status = rc == CRM_ECONFLICT && !creating && !t.name_taken ? 409 : 422;
	return render(r, "admin/role.cs");
}

int role_create(struct req *r)
{
	return role_save(r, 1);
}

int role_update(struct req *r)
{
	return role_save(r, 0);
}

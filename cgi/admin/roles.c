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

/* A role's matrix: a scope per registry module and action. */
struct matrix {
	unsigned char scopes[REGISTRY_MAX_MODULES][REGISTRY_MAX_ACTIONS];
};

static int matrix_row(void *ctx, const struct db_row *row)
{
	struct matrix *mx = ctx;
	int m = registry_module(registry(), row->values[0]), a = registry_action(row->values[1]);

	/* a grant of a module the registry no longer lists is not shown, and goes at the next save */
	if (m >= 0 && a >= 0)
		mx->scopes[m][a] = (unsigned char)scope_parse(row->values[2]);
	return CRM_OK;
}

/* The stored grants of role_id; the built-in admin role holds everything by rule. */
static int matrix_load(struct db *db, long long role_id, int builtin, struct matrix *mx)
{
	struct db_param p[] = { DB_I(role_id) };

	memset(mx, 0, sizeof(*mx));
	if (builtin) {
		memset(mx->scopes, SCOPE_ALL, sizeof(mx->scopes));
		return CRM_OK;
	}
	return db_query(db, "SELECT module, action, scope FROM role_permissions WHERE role_id = ?", p, 1, matrix_row,
			mx);
}

/* Actions.* (the columns) and Matrix.N.{module,label,cells.M.{action,scope,on}} for the form:
 * one row per registry module with actions, a select only where the module has the action. */
static int matrix_put(struct req *r, const struct matrix *mx)
{
	const struct crm_registry *reg = registry();
	char key[128], label[96];
	int row = 0;

	for (unsigned a = 0; a < registry_nactions; a++) {
		snprintf(label, sizeof(label), "admin.action.%s", registry_actions[a]);
		snprintf(key, sizeof(key), "Actions.%u.name", a);
		if (hdf_put(r, key, registry_actions[a]) != CRM_OK)
			return CRM_ERR;
		snprintf(key, sizeof(key), "Actions.%u.label", a);
		if (hdf_put(r, key, lang_str(r, label)) != CRM_OK)
			return CRM_ERR;
	}
	for (unsigned m = 0; m < reg->n; m++) {
		const struct crm_module *mod = &reg->modules[m];

		if (!mod->actions)
			continue;
		snprintf(label, sizeof(label), "module.%s", mod->name);
		snprintf(key, sizeof(key), "Matrix.%d.module", row);
		if (hdf_put(r, key, mod->name) != CRM_OK)
			return CRM_ERR;
		snprintf(key, sizeof(key), "Matrix.%d.label", row);
		if (hdf_put(r, key, lang_str(r, label)) != CRM_OK)
			return CRM_ERR;
		for (unsigned a = 0; a < registry_nactions; a++) {
			int on = (mod->actions >> a) & 1u;

			snprintf(key, sizeof(key), "Matrix.%d.cells.%u.action", row, a);
			if (hdf_put(r, key, registry_actions[a]) != CRM_OK)
				return CRM_ERR;
			snprintf(key, sizeof(key), "Matrix.%d.cells.%u.on", row, a);
			if (hdf_put(r, key, on ? "1" : "0") != CRM_OK)
				return CRM_ERR;
			snprintf(key, sizeof(key), "Matrix.%d.cells.%u.scope", row, a);
			if (hdf_put(r, key, scope_name(on ? (enum scope)mx->scopes[m][a] : SCOPE_NONE)) != CRM_OK)
				return CRM_ERR;
		}
		row++;
	}
	return CRM_OK;
}

struct role {
	long long id, version;
	char name[65];
	char description[256];
	int builtin;       /* the admin role: every right by rule, not editable */
	struct matrix matrix;
};

static int role_row(void *ctx, const struct db_row *row)
{
	struct role *ro = ctx;

	ro->id = strtoll(row->values[0], NULL, 10);
	snprintf(ro->name, sizeof(ro->name), "%s", row->values[1]);
	snprintf(ro->description, sizeof(ro->description), "%s", row->values[2]);
	ro->version = strtoll(row->values[3], NULL, 10);
	/* The built-in admin role keeps every right: nobody can lock everyone out. */
	ro->builtin = !strcmp(ro->name, "admin");
	return CRM_OK;
}

static int role_load(struct db *db, long long id, struct role *ro)
{
	struct db_param p[] = { DB_I(id) };
	int rc;

	memset(ro, 0, sizeof(*ro));
	rc = db_query(db, "SELECT id, name, description, version FROM roles WHERE id = ?", p, 1, role_row, ro);
	if (rc == CRM_OK && !ro->id)
		rc = CRM_ENOTFOUND;
	if (rc == CRM_OK)
		rc = matrix_load(db, id, ro->builtin, &ro->matrix);
	return rc;
}

/* Edit.* and the matrix, once, for the form. */
static int role_put(struct req *r, const struct role *ro)
{
	if (ro->id && (hdf_putf(r, "Edit.id", "%lld", ro->id) || hdf_putf(r, "Edit.version", "%lld", ro->version)))
		return CRM_ERR;
	if (hdf_put(r, "Edit.name", ro->name) || hdf_put(r, "Edit.description", ro->description) ||
	    (ro->builtin && hdf_put(r, "Edit.builtin", "1")))
		return CRM_ERR;
	return matrix_put(r, &ro->matrix);
}

int role_form(struct req *r)
{
	struct role *ro = calloc(1, sizeof(*ro));
	long long id;
	int rc, st;

	if (!ro)
		return reply_error(r, 500);
	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK) {
		st = reply_error(r, 400);
		goto out;
	}
	rc = role_load(r->db, id, ro);
	if (rc == CRM_OK)
		rc = audit_history_hdf(r, "roles", id, "History");
	if (rc != CRM_OK) {
		st = reply_db_error(r, rc);
		goto out;
	}
	if (role_put(r, ro) || (req_param(r, "saved") && hdf_put(r, "Form.notice", lang_str(r, "admin.saved")))) {
		st = reply_error(r, 500);
		goto out;
	}
	st = render(r, "admin/role.cs");
out:
	free(ro);
	return st;
}

int role_new_form(struct req *r)
{
	struct role ro;

	memset(&ro, 0, sizeof(ro));
	if (role_put(r, &ro) != CRM_OK)
		return reply_error(r, 500);
	return render(r, "admin/role.cs");
}

struct role_input {
	long long id, version;
	char name[65];
	char description[256];
	struct matrix matrix;
};

/* Reads name, description and every p_<module>_<action> cell of the registry's matrix.
 * A scope that is not one of ours is an error, and so is one wider than the editor's own
 * (nobody grants more than they hold; the admin rule holds everything). */
static void role_input_read(struct req *r, struct role_input *in)
{
	const struct crm_registry *reg = registry();
	int rc;

	rc = req_text(r, "name", 64, in->name, sizeof(in->name));
	if (rc != CRM_OK)
		form_error(r, "name", rc == CRM_ETOOBIG ? "admin.err.too_long" : "admin.err.required");
	rc = req_text(r, "description", 255, in->description, sizeof(in->description));
	if (rc == CRM_ETOOBIG)
		form_error(r, "description", "admin.err.too_long");
	for (unsigned m = 0; m < reg->n; m++) {
		for (unsigned a = 0; a < registry_nactions; a++) {
			const char *mod = reg->modules[m].name;
			char field[96];
			const char *v;
			enum scope s;

			if (!((reg->modules[m].actions >> a) & 1u))
				continue;
			snprintf(field, sizeof(field), "p_%s_%s", mod, registry_actions[a]);
			v = req_param(r, field);
			if (!v)
				v = "none";
			s = scope_parse(v);
			if (s == SCOPE_NONE && strcmp(v, "none") != 0) {
				form_error(r, "matrix", "admin.err.choice");
				continue;
			}
			if (s > perm_scope(&r->user, mod, registry_actions[a])) {
				form_error(r, "matrix", "admin.err.wider_than_yours");
				s = perm_scope(&r->user, mod, registry_actions[a]);
			}
			in->matrix.scopes[m][a] = (unsigned char)s;
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
	const struct crm_registry *reg = registry();
	int rc = db_exec(db, "DELETE FROM role_permissions WHERE role_id = ?", id, 1, NULL, NULL);

	for (unsigned m = 0; rc == CRM_OK && m < reg->n; m++)
		for (unsigned a = 0; rc == CRM_OK && a < registry_nactions; a++) {
			enum scope sc = (enum scope)in->matrix.scopes[m][a];
			struct db_param p[] = { DB_I(in->id), DB_S(reg->modules[m].name), DB_S(registry_actions[a]),
						DB_S(scope_name(sc)) };

			if (sc != SCOPE_NONE)
				rc = db_exec(db,
					     "INSERT INTO role_permissions (role_id, module, action, scope) VALUES (?, ?, ?, ?)",
					     p, 4, NULL, NULL);
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
	struct role *ro = calloc(1, sizeof(*ro));
	struct role_tx t = { r, in, 0 };
	char next[64];
	int rc = CRM_OK, st;

	if (!in || !ro) {
		st = reply_error(r, 500);
		goto out;
	}
	if (!creating && (req_int(r, "id", 1, INT64_MAX, &in->id) != CRM_OK ||
			  req_int(r, "version", 1, INT64_MAX, &in->version) != CRM_OK)) {
		st = reply_error(r, 400);
		goto out;
	}
	if (!creating && (rc = role_load(r->db, in->id, ro)) != CRM_OK) {
		st = reply_db_error(r, rc);
		goto out;
	}
	if (ro->builtin) {
		st = reply_error(r, 403);
		goto out;
	}
	role_input_read(r, in);
	if (!form_failed(r))
		rc = db_transaction(r->db, creating ? role_create_tx : role_update_tx, &t);
	if (!form_failed(r) && rc == CRM_OK) {
		snprintf(next, sizeof(next), "/admin/role?id=%lld&saved=1", in->id);
		st = resp_redirect(r, next);
		goto out;
	}
	if ((rc == CRM_ECONFLICT && creating) || t.name_taken)
		form_error(r, "name", "admin.err.name_taken");
	else if (rc == CRM_ECONFLICT)
		form_error(r, "name", "admin.err.conflict");
	else if (rc != CRM_OK && !form_failed(r)) {
		st = reply_db_error(r, rc);
		goto out;
	}
	/* The form again with what was sent (the matrix as read, scopes capped to the editor's). */
	ro->id = creating ? 0 : in->id;
	ro->version = in->version;
	snprintf(ro->name, sizeof(ro->name), "%s", req_param(r, "name") ? req_param(r, "name") : "");
	snprintf(ro->description, sizeof(ro->description), "%s",
		 req_param(r, "description") ? req_param(r, "description") : "");
	ro->matrix = in->matrix;
	if (role_put(r, ro) != CRM_OK) {
		st = reply_error(r, 500);
		goto out;
	}
	r->status = rc == CRM_ECONFLICT && !creating && !t.name_taken ? 409 : 422;
	st = render(r, "admin/role.cs");
out:
	free(in);
	free(ro);
	return st;
}

int role_create(struct req *r)
{
	return role_save(r, 1);
}

int role_update(struct req *r)
{
	return role_save(r, 0);
}

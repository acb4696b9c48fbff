/* Groups: an n-level tree kept as materialized paths ('/1/5/9/'), so a branch
 * is one index range. Managed in place: add, rename, move a branch. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "domain/domain.h"
#include "render/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Groups.N.{id,parent_id,name,path,version,depth}, in tree order, and with
 * counts also {direct,total}: counting walks every membership, so only the
 * groups page asks for it. */
int groups_load(struct req *r, int counts)
{
	int n = 0, rc;

	/* the tree alone (lists, record pages) is reference data; its depth comes from the path */
	if (!counts)
		return refdata_load(r, "Groups", "groups",
				    "SELECT g.id, g.parent_id, g.name, g.path, g.version, "
				    "GREATEST(LENGTH(g.path) - LENGTH(REPLACE(g.path, '/', '')) - 2, 0) AS depth "
				    "FROM party_groups g ORDER BY g.path");
	/* members counted only among the live parties the user may see: a count is a leak too */
	struct buf sql = { 0 };
	struct db_param p[PERM_SCOPE_PARAMS];
	unsigned np = 0;

	buf_puts(&sql, "SELECT g.id, g.parent_id, g.name, g.path, g.version, "
		       "(SELECT COUNT(*) FROM party_group_members m WHERE m.group_id = g.id");
	rc = party_visible_sql(r, "m.party_id", &sql, p, &np);
	if (rc == CRM_OK)
		rc = buf_puts(&sql, ") AS direct FROM party_groups g ORDER BY g.path");
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, sql.p, p, np, r->hdf, "Groups", &n);
	buf_free(&sql);
	if (rc != CRM_OK)
		return rc;
	/* a branch's total counts its own members and its descendants' (paths sorted: descendants follow) */
	for (int i = 0; i < n; i++) {
		const char *path = hdf_get_valuef(r->hdf, "Groups.%d.path", i);
		size_t plen = strlen(path);
		long long total = 0;
		int depth = 0;
		char key[48];

		for (const char *c = path; *c; c++)
			depth += *c == '/';
		for (int j = i; j < n; j++) {
			const char *other = hdf_get_valuef(r->hdf, "Groups.%d.path", j);

			if (strncmp(other, path, plen) != 0)
				break;
			total += strtoll(hdf_get_valuef(r->hdf, "Groups.%d.direct", j), NULL, 10);
		}
		snprintf(key, sizeof(key), "Groups.%d.total", i);
		if (hdf_putf(r, key, "%lld", total) != CRM_OK)
			return CRM_ERR;
		snprintf(key, sizeof(key), "Groups.%d.depth", i);
		if (hdf_putf(r, key, "%d", depth > 1 ? depth - 2 : 0) != CRM_OK)
			return CRM_ERR;
	}
	return CRM_OK;
}

int groups_page(struct req *r)
{
	int rc = groups_load(r, 1);

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (req_param(r, "saved") && hdf_put(r, "Form.notice", lang_str(r, "admin.saved")) != CRM_OK)
		return reply_error(r, 500);
	if (hdf_put(r, "Page.section", "groups") != CRM_OK)
		return reply_error(r, 500);
	return render(r, "parties/groups.cs");
}

struct group_tx {
	struct req *r;
	long long id, parent, version;
	const char *name;
	int bad_move;
};

static int audit_group(struct req *r, long long id, const char *action, const char *field, const char *before,
		       const char *after)
{
	struct audit_change c[] = { { field, before, after } };
	struct buf d = { 0 };
	unsigned changed;
	int rc = audit_diff_json(&d, c, 1, &changed);

	if (rc == CRM_OK)
		rc = audit_write(r, 0, "party_groups", id, action, d.p);
	buf_free(&d);
	return rc;
}

static int create_tx(struct db *db, void *ctx)
{
	struct group_tx *t = ctx;
	char parent_path[256] = "/", path[300];
	uint64_t id = 0;
	int rc = CRM_OK;

	if (t->parent) {
		struct db_param p[] = { DB_I(t->parent) };

		rc = db_query_str(db, "SELECT path FROM party_groups WHERE id = ?", p, 1, parent_path, sizeof(parent_path));
		if (rc != CRM_OK)
			return rc;
	}
	struct db_param ins[] = { t->parent ? DB_I(t->parent) : DB_NUL, DB_S(t->name) };

	rc = db_exec(db, "INSERT INTO party_groups (parent_id, name) VALUES (?, ?)", ins, 2, NULL, &id);
	if (rc != CRM_OK)
		return rc;
	snprintf(path, sizeof(path), "%s%llu/", parent_path, (unsigned long long)id);
	if (strlen(path) > 250)
		return CRM_EINVAL; /* deeper than the path column holds */
	struct db_param up[] = { DB_S(path), DB_I((long long)id) };

	rc = db_exec(db, "UPDATE party_groups SET path = ? WHERE id = ?", up, 2, NULL, NULL);
	if (rc == CRM_OK)
		rc = audit_group(t->r, (long long)id, "insert", "name", NULL, t->name);
	return rc;
}

static int rename_tx(struct db *db, void *ctx)
{
	struct group_tx *t = ctx;
	struct db_param id[] = { DB_I(t->id) };
	struct db_param p[] = { DB_S(t->name), DB_I(t->id), DB_I(t->version) };
	char old[4 * 128 + 1];
	uint64_t n = 0;
	int rc = db_query_str(db, "SELECT name FROM party_groups WHERE id = ? FOR UPDATE", id, 1, old, sizeof(old));

	if (rc == CRM_OK)
		rc = db_exec(db, "UPDATE party_groups SET name = ?, version = version + 1 WHERE id = ? AND version = ?", p, 3,
			     &n, NULL);
	if (rc == CRM_OK && n == 0)
		rc = CRM_ECONFLICT;
	if (rc == CRM_OK)
		rc = audit_group(t->r, t->id, "update", "name", old, t->name);
	return rc;
}

/* Moves a branch under another group (or to the top): every path in the
 * branch gets the new prefix. A group never moves under its own branch. */
static int move_tx(struct db *db, void *ctx)
{
	struct group_tx *t = ctx;
	struct db_param id[] = { DB_I(t->id) };
	char old[256], parent_path[256] = "/", fresh[300];
	int rc = db_query_str(db, "SELECT path FROM party_groups WHERE id = ? FOR UPDATE", id, 1, old, sizeof(old));

	if (rc == CRM_OK && t->parent) {
		struct db_param p[] = { DB_I(t->parent) };

		rc = db_query_str(db, "SELECT path FROM party_groups WHERE id = ? FOR UPDATE", p, 1, parent_path,
				  sizeof(parent_path));
	}
	if (rc != CRM_OK)
		return rc;
	if (!strncmp(parent_path, old, strlen(old))) {
		t->bad_move = 1;
		return CRM_EINVAL;
	}
	snprintf(fresh, sizeof(fresh), "%s%lld/", parent_path, t->id);
	if (strlen(fresh) > 250)
		return CRM_EINVAL;
	struct db_param p[] = { DB_S(fresh), DB_I((long long)strlen(old) + 1), DB_S(old) };
	struct db_param par[] = { t->parent ? DB_I(t->parent) : DB_NUL, DB_I(t->id) };

	rc = db_exec(db, "UPDATE party_groups SET path = CONCAT(?, SUBSTRING(path, ?)), version = version + 1 "
			 "WHERE path LIKE CONCAT(REPLACE(?, '_', '\\\\_'), '%')",
		     p, 3, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_exec(db, "UPDATE party_groups SET parent_id = ? WHERE id = ?", par, 2, NULL, NULL);
	if (rc == CRM_OK)
		rc = audit_group(t->r, t->id, "move", "path", old, fresh);
	return rc;
}

static int group_finish(struct req *r, struct group_tx *t, db_tx_fn fn)
{
	int rc = db_transaction(r->db, fn, t), loaded;

	if (rc == CRM_OK)
		return resp_redirect(r, "/parties/groups?saved=1");
	if (rc == CRM_ECONFLICT || t->bad_move || rc == CRM_EINVAL || rc == CRM_ENOTFOUND) {
		form_error(r, "group", t->bad_move ? "parties.err.group_cycle" : rc == CRM_ECONFLICT ? "admin.err.conflict"
												 : "parties.err.choice");
		loaded = groups_load(r, 1);
		if (loaded != CRM_OK)
			return reply_db_error(r, loaded);
		/* only a stale version is a conflict; a cycle or an unknown group is bad input */
		r->status = rc == CRM_ECONFLICT && !t->bad_move ? 409 : 422;
		return render(r, "parties/groups.cs");
	}
	return reply_db_error(r, rc);
}

static int read_name(struct req *r, char *name, size_t len)
{
	int rc = req_text(r, "name", 128, name, len);

	if (rc != CRM_OK) {
		if (rc == CRM_ETOOBIG)
			form_too_long(r, "group", 128);
		else
			form_error(r, "group", "parties.err.required");
		rc = groups_load(r, 1);
		if (rc != CRM_OK)
			return reply_db_error(r, rc);
		r->status = 422;
		return render(r, "parties/groups.cs");
	}
	return 0;
}

int group_create(struct req *r)
{
	char name[4 * 128 + 1];
	struct group_tx t = { r, 0, 0, 0, name, 0 };
	int st;

	if (req_int(r, "parent_id", 1, INT64_MAX, &t.parent) == CRM_EINVAL)
		return reply_error(r, 400);
	st = read_name(r, name, sizeof(name));
	return st ? st : group_finish(r, &t, create_tx);
}

int group_rename(struct req *r)
{
	char name[4 * 128 + 1];
	struct group_tx t = { r, 0, 0, 0, name, 0 };
	int st;

	if (req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK || req_int(r, "version", 1, INT64_MAX, &t.version) != CRM_OK)
		return reply_error(r, 400);
	st = read_name(r, name, sizeof(name));
	return st ? st : group_finish(r, &t, rename_tx);
}

int group_move(struct req *r)
{
	struct group_tx t = { r, 0, 0, 0, NULL, 0 };

	if (req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK || req_int(r, "parent_id", 0, INT64_MAX, &t.parent) != CRM_OK)
		return reply_error(r, 400);
	return group_finish(r, &t, move_tx);
}

/* A party's groups changed: set to groups (the record page's form), or one group added or
 * removed (one: 1 add, -1 remove, the list's bulk actions). */
struct members_tx {
	struct req *r;
	long long party;
	long long groups[64];
	size_t n;
	int one, changed;
	const char *scope; /* checked (and the party locked) first, inside the transaction */
};

static int members_tx_run(struct db *db, void *ctx)
{
	struct members_tx *t = ctx;
	struct db_param one[] = { DB_I(t->party) };
	char before[2048], after[2048];
	const char *names = "SELECT COALESCE(GROUP_CONCAT(g.name ORDER BY g.path SEPARATOR ', '), '') FROM "
			    "party_group_members m JOIN party_groups g ON g.id = m.group_id WHERE m.party_id = ?";
	int rc = t->scope ? party_in_scope_db(t->r, db, t->party, t->scope, 1) : CRM_OK;

	if (rc == CRM_OK)
		rc = db_query_str(db, names, one, 1, before, sizeof(before));

	if (rc == CRM_OK && t->one) {
		struct db_param p[] = { DB_I(t->party), DB_I(t->groups[0]) };
		uint64_t n = 0;

		rc = t->one > 0 ? db_exec(db, "INSERT IGNORE INTO party_group_members (party_id, group_id) VALUES (?, ?)", p, 2, &n, NULL)
				: db_exec(db, "DELETE FROM party_group_members WHERE party_id = ? AND group_id = ?", p, 2, &n, NULL);
		t->changed = rc == CRM_OK && n > 0;
	} else if (rc == CRM_OK)
		rc = db_exec(db, "DELETE FROM party_group_members WHERE party_id = ?", one, 1, NULL, NULL);
	for (size_t i = 0; rc == CRM_OK && !t->one && i < t->n; i++) {
		struct db_param p[] = { DB_I(t->party), DB_I(t->groups[i]) };
		uint64_t n = 0;

		rc = db_exec(db, "INSERT IGNORE INTO party_group_members (group_id, party_id) SELECT id, ? FROM party_groups "
				 "WHERE id = ?",
			     p, 2, &n, NULL);
		if (rc == CRM_OK && n == 0)
			rc = CRM_EINVAL; /* no such group */
	}
	if (rc == CRM_OK)
		rc = db_query_str(db, names, one, 1, after, sizeof(after));
	if (rc == CRM_OK) {
		struct audit_change c[] = { { "groups", before, after } };
		struct buf d = { 0 };
		unsigned changed;

		rc = audit_diff_json(&d, c, 1, &changed);
		if (rc == CRM_OK && changed)
			rc = audit_write(t->r, 0, "parties", t->party, "update", d.p);
		buf_free(&d);
	}
	return rc;
}

int party_group_one(struct req *r, long long party, long long group, int add, int *changed)
{
	struct members_tx t = { .r = r, .party = party, .groups = { group }, .n = 1, .one = add ? 1 : -1,
				.scope = "edit" };
	int rc = db_transaction(r->db, members_tx_run, &t);

	*changed = rc == CRM_OK && t.changed;
	return rc;
}

int party_group_exists(struct req *r, long long group)
{
	struct db_param p[] = { DB_I(group) };
	long long found = 0;

	return db_query_int(r->db, "SELECT id FROM party_groups WHERE id = ?", p, 1, &found);
}

int party_groups_set(struct req *r)
{
	struct members_tx t = { .r = r };
	const char *vals[64];
	size_t k;
	char next[64];
	int rc;

	if (req_int(r, "party_id", 1, INT64_MAX, &t.party) != CRM_OK)
		return reply_error(r, 400);
	k = req_all(r, "group", vals, 64);
	for (size_t i = 0; i < k; i++) {
		char *end;

		long long g = strtoll(vals[i], &end, 10);
		int seen = 0;

		if (*end || g <= 0)
			return reply_error(r, 400);
		for (size_t j = 0; j < t.n; j++)
			seen |= t.groups[j] == g;
		if (!seen)
			t.groups[t.n++] = g;
	}
	rc = party_db_load(r, t.party, "edit");
	if (rc == CRM_OK)
		rc = db_transaction(r->db, members_tx_run, &t);
	if (rc == CRM_EINVAL)
		return reply_error(r, 400);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	snprintf(next, sizeof(next), "/parties/party?id=%lld&saved=1", t.party);
	return resp_redirect(r, next);
}

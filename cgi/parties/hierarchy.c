/* Companies within companies: a company's parent (any depth, never a cycle), the tree its
 * record shows, and the list filters that take in a company's subsidiaries. Out of the
 * user's scope (or in the recycle bin) a company in the tree keeps its place but not its name. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every company below one, as a CTE over companies (the id bound once), deepest first cut at
 * HIERARCHY_MAX_DEPTH: the save refuses a cycle, the cut keeps a damaged tree finite. */
#define BELOW_CTE                                                                                                  \
	"WITH RECURSIVE below (id, depth) AS (SELECT CAST(? AS UNSIGNED), 0 UNION ALL SELECT c.party_id, below.depth + 1 " \
	"FROM companies c JOIN below ON c.parent_id = below.id WHERE below.depth < 32) "

int party_company_in_scope(struct req *r, const char *code, long long *id)
{
	struct db_param p[1 + PERM_SCOPE_PARAMS];
	struct buf sql = { 0 };
	unsigned n = 0;
	int rc = buf_puts(&sql, "SELECT c.id FROM parties c WHERE c.code = ? AND c.kind = 'company' AND c.is_deleted = 0");

	p[n++] = DB_S(code);
	if (rc == CRM_OK)
		rc = party_visible_sql(r, "c.id", &sql, p, &n);
	if (rc == CRM_OK)
		rc = db_query_int(r->db, sql.p, p, n, id);
	buf_free(&sql);
	return rc;
}

int hierarchy_parent_check(struct db *db, long long company, long long parent)
{
	long long at = parent;

	/* Each parent's row is locked as it is read: two saves that would close a loop between
	 * them (A under B, B under A) meet on a lock, and the second sees the first's parent. */
	for (int depth = 0; at; depth++) {
		struct db_param p[] = { DB_I(at) };
		long long up = 0;
		int rc;

		if (at == company)
			return CRM_EINVAL; /* the parent is the company itself or one of its own subsidiaries */
		if (depth >= HIERARCHY_MAX_DEPTH)
			return CRM_ETOOBIG;
		rc = db_query_int(db, "SELECT COALESCE(parent_id, 0) FROM companies WHERE party_id = ? FOR UPDATE", p, 1,
				  &up);
		if (rc != CRM_OK)
			return rc; /* CRM_ENOTFOUND: not a company */
		at = up;
	}
	return CRM_OK;
}

int hierarchy_parent_code(struct db *db, long long company, char *code, size_t codelen)
{
	struct db_param p[] = { DB_I(company) };
	int rc = db_query_str(db, "SELECT COALESCE(par.code, '') FROM companies co LEFT JOIN parties par "
				  "ON par.id = co.parent_id WHERE co.party_id = ?",
			      p, 1, code, codelen);

	if (rc == CRM_ENOTFOUND) {
		code[0] = '\0';
		rc = CRM_OK;
	}
	return rc;
}

/* "(1 = 1 AND EXISTS ...)": whether the user may see the party o, as a value of the row. */
static int visible_expr(struct req *r, struct buf *sql, struct db_param *p, unsigned *n)
{
	int rc = buf_puts(sql, "(1 = 1");

	if (rc == CRM_OK)
		rc = party_visible_sql(r, "o.id", sql, p, n);
	if (rc == CRM_OK)
		rc = buf_puts(sql, ")");
	return rc;
}

struct parent_edit {
	int found, hidden;
	char code[4 * 32 + 1];
};

static int parent_edit_row(void *ctx, const struct db_row *row)
{
	struct parent_edit *e = ctx;

	e->found = 1;
	e->hidden = !row->values[1] || row->values[1][0] != '1';
	snprintf(e->code, sizeof(e->code), "%s", e->hidden || !row->values[0] ? "" : row->values[0]);
	return CRM_OK;
}

int hierarchy_parent_edit(struct req *r, long long id)
{
	struct db_param p[1 + PERM_SCOPE_PARAMS];
	struct parent_edit pe = { 0, 0, "" };
	struct buf sql = { 0 };
	unsigned n = 0;
	int rc = buf_puts(&sql, "SELECT o.code, ");

	if (rc == CRM_OK)
		rc = visible_expr(r, &sql, p, &n);
	p[n++] = DB_I(id);
	if (rc == CRM_OK)
		rc = buf_puts(&sql, " FROM companies co JOIN parties o ON o.id = co.parent_id WHERE co.party_id = ?");
	if (rc == CRM_OK && buf_failed(&sql))
		rc = CRM_ERR;
	if (rc == CRM_OK)
		rc = db_query(r->db, sql.p, p, n, parent_edit_row, &pe);
	buf_free(&sql);
	/* out of scope, its code is not written into the page at all */
	if (rc == CRM_OK && pe.found && (hdf_put(r, "Edit.parent_code", pe.code) != CRM_OK ||
					 hdf_put(r, "Edit.parent_hidden", pe.hidden ? "1" : "0") != CRM_OK))
		rc = CRM_ERR;
	return rc;
}

/* Parents.N (the root first) and Subsidiaries.N (in tree order, with depth), each
 * {id, name, code, visible}; Subsidiaries_more when the tree holds more than is shown. */
int hierarchy_hdf(struct req *r, long long id)
{
	struct db_param p[2 + 2 * PERM_SCOPE_PARAMS];
	struct buf sql = { 0 };
	unsigned n = 0;
	int rows = 0, rc;

	rc = buf_puts(&sql, "WITH RECURSIVE up (id, depth) AS (SELECT c.parent_id, 1 FROM companies c WHERE c.party_id = ? "
			    "AND c.parent_id IS NOT NULL UNION ALL SELECT c.parent_id, up.depth + 1 FROM up JOIN companies c "
			    "ON c.party_id = up.id WHERE c.parent_id IS NOT NULL AND up.depth < 32) "
			    "SELECT v.id, IF(v.visible, v.display_name, '') AS name, IF(v.visible, v.code, '') AS code, v.visible, "
			    "MAX(v.depth) OVER () - v.depth AS level FROM (SELECT o.id, o.display_name, o.code, up.depth, ");
	p[n++] = DB_I(id);
	if (rc == CRM_OK)
		rc = visible_expr(r, &sql, p, &n);
	if (rc == CRM_OK)
		rc = buf_puts(&sql, " AS visible FROM up JOIN parties o ON o.id = up.id) v ORDER BY v.depth DESC");
	if (rc == CRM_OK && buf_failed(&sql))
		rc = CRM_ERR;
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, sql.p, p, n, r->hdf, "Parents", NULL);
	buf_free(&sql);
	if (rc != CRM_OK)
		return rc;
	/* below: in tree order, each branch after its company, siblings by name */
	n = 0;
	/* The path sorts each company after its parent and siblings by name in the names' own
	 * collation: each level is the hex of the name's sort key (its first 40 characters), then
	 * its id; '!' sorts before any hex digit, so a company comes before its branch. Compared
	 * byte by byte (ascii_bin): separators are ignorable in the names' collation. */
	rc = buf_puts(&sql, "WITH RECURSIVE below (id, depth, path) AS (SELECT c.party_id, 1, CAST(CONCAT("
			    "HEX(WEIGHT_STRING(LEFT(o.name_norm, 40))), '!', LPAD(o.id, 20, '0')) AS CHAR(9000) CHARACTER SET ascii) "
			    "COLLATE ascii_bin FROM companies c JOIN parties o ON o.id = c.party_id WHERE c.parent_id = ? "
			    "UNION ALL SELECT c.party_id, below.depth + 1, CONCAT(below.path, '!', HEX(WEIGHT_STRING(LEFT(o.name_norm, "
			    "40))), '!', LPAD(o.id, 20, '0')) FROM below JOIN companies c ON c.parent_id = below.id JOIN parties o "
			    "ON o.id = c.party_id WHERE below.depth < 32) SELECT v.id, v.depth, IF(v.visible, v.display_name, '') AS name, "
			    "IF(v.visible, v.code, '') AS code, v.visible FROM (SELECT o.id, o.display_name, o.code, below.depth, "
			    "below.path, ");
	p[n++] = DB_I(id);
	if (rc == CRM_OK)
		rc = visible_expr(r, &sql, p, &n);
	if (rc == CRM_OK)
		rc = buf_printf(&sql, " AS visible FROM below JOIN parties o ON o.id = below.id) v ORDER BY v.path LIMIT %d",
				HIERARCHY_MAX_SHOWN + 1);
	if (rc == CRM_OK && buf_failed(&sql))
		rc = CRM_ERR;
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, sql.p, p, n, r->hdf, "Subsidiaries", &rows);
	buf_free(&sql);
	if (rc == CRM_OK && rows > HIERARCHY_MAX_SHOWN) {
		char key[48];

		snprintf(key, sizeof(key), "Subsidiaries.%d", HIERARCHY_MAX_SHOWN);
		hdf_remove_tree(r->hdf, key);
		rc = hdf_put(r, "Subsidiaries_more", "1");
	}
	return rc;
}

int hierarchy_filter_sql(const struct party_filter *f, struct buf *sql, struct db_param *p, unsigned *n)
{
	int persons = !strcmp(f->kind, "person");

	if (!f->company_id)
		return CRM_OK;
	if (persons && !f->subs) {
		/* works at the company */
		p[(*n)++] = DB_I(f->company_id);
		return buf_puts(sql, " AND p.id IN (SELECT fe.person_id FROM employments fe WHERE fe.company_id = ?)");
	}
	if (persons) {
		/* works at the company or at any company below it */
		p[(*n)++] = DB_I(f->company_id);
		return buf_puts(sql, " AND p.id IN (SELECT fe.person_id FROM employments fe WHERE fe.company_id IN (" BELOW_CTE
				     "SELECT id FROM below))");
	}
	if (!f->subs) {
		/* the company and the companies right under it */
		p[(*n)++] = DB_I(f->company_id);
		p[(*n)++] = DB_I(f->company_id);
		return buf_puts(sql, " AND (p.id = ? OR p.id IN (SELECT fc.party_id FROM companies fc WHERE fc.parent_id = ?))");
	}
	p[(*n)++] = DB_I(f->company_id);
	return buf_puts(sql, " AND p.id IN (" BELOW_CTE "SELECT id FROM below)");
}

struct children {
	long long *id;
	size_t n, cap;
};

static int child_row(void *ctx, const struct db_row *row)
{
	struct children *c = ctx;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		long long *grown = realloc(c->id, cap * sizeof(*grown));

		if (!grown)
			return CRM_ERR;
		c->id = grown;
		c->cap = cap;
	}
	c->id[c->n++] = strtoll(row->values[0], NULL, 10);
	return CRM_OK;
}

int hierarchy_detach(struct req *r, struct db *db, long long id)
{
	struct db_param p[] = { DB_I(id) };
	struct children c = { 0 };
	char code[33] = "";
	int rc = db_query_str(db, "SELECT code FROM parties WHERE id = ?", p, 1, code, sizeof(code));

	if (rc == CRM_OK)
		rc = db_query(db, "SELECT party_id FROM companies WHERE parent_id = ? FOR UPDATE", p, 1, child_row, &c);
	if (rc == CRM_OK && c.n)
		rc = db_exec(db, "UPDATE companies SET parent_id = NULL WHERE parent_id = ?", p, 1, NULL, NULL);
	for (size_t i = 0; rc == CRM_OK && i < c.n; i++) {
		struct audit_change change[] = { { "parent", code, NULL } };

		rc = audit_write_changes(r, "parties", c.id[i], "update", change, 1);
	}
	free(c.id);
	return rc;
}

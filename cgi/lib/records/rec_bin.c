/* The recycle bin: records never disappear by accident. Delete marks, restore unmarks, and
 * only purge removes rows, of a record already in the bin, with everything that hangs on it. */
#include "records/records.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIN_PAGE 50

struct mark_tx {
	struct req *r;
	const struct rec_entity *e;
	long long id;
	int to;        /* the mark it sets: 1 delete, 0 restore */
	char title[512];
	struct buf files;
};

/* The record in the user's scope for action, and in the bin or out of it as asked; its title. */
static int find(struct req *r, struct db *db, const struct rec_entity *e, long long id, const char *action,
		int deleted, int lock, char *title, size_t tlen)
{
	struct db_param p[2 + PERM_SCOPE_PARAMS];
	struct buf sql = { 0 };
	unsigned n = 0;
	int rc = buf_printf(&sql, "SELECT COALESCE(t.%s, '') FROM %s t WHERE t.id = ? AND t.%s = %d",
			    e->title_field ? e->title_field : "id", e->table, e->deleted_col, deleted ? 1 : 0);

	p[n++] = DB_I(id);
	if (rc == CRM_OK && e->scope)
		rc = perm_scope_sql(&r->user, e->module, action, e->scope, &sql, p, &n);
	if (rc == CRM_OK && lock)
		rc = buf_puts(&sql, " FOR UPDATE");
	if (rc == CRM_OK)
		rc = db_query_str(db, sql.p, p, n, title, tlen);
	buf_free(&sql);
	return rc;
}

static int mark_tx(struct db *db, void *ctx)
{
	struct mark_tx *t = ctx;
	struct db_param p[] = { DB_I(t->to), DB_I(t->id) };
	struct buf sql = { 0 };
	uint64_t n = 0;
	int rc = find(t->r, db, t->e, t->id, "delete", !t->to, 1, t->title, sizeof(t->title));

	if (rc == CRM_OK)
		rc = buf_printf(&sql, "UPDATE %s SET %s = ?, version = version + 1 WHERE id = ?", t->e->table,
				t->e->deleted_col);
	if (rc == CRM_OK)
		rc = db_exec(db, sql.p, p, 2, &n, NULL);
	buf_free(&sql);
	if (rc == CRM_OK && n == 0)
		rc = CRM_ENOTFOUND;
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, t->e->name, t->id, t->to ? "delete" : "restore", NULL);
	return rc;
}

static int purge_tx(struct db *db, void *ctx)
{
	struct mark_tx *t = ctx;
	struct db_param p[] = { DB_I(t->id) };
	struct buf sql = { 0 }, d = { 0 };
	int rc = find(t->r, db, t->e, t->id, "purge", 1, 1, t->title, sizeof(t->title));

	/* a live record is deleted first: purge only empties the bin */
	if (rc == CRM_ENOTFOUND && find(t->r, db, t->e, t->id, "purge", 0, 0, t->title, sizeof(t->title)) == CRM_OK)
		rc = CRM_ECONFLICT;
	buf_reset(&t->files); /* a retried transaction starts over */
	if (rc == CRM_OK && t->e->hooks.purge)
		rc = t->e->hooks.purge(t->r, db, t->id, &t->files);
	if (rc == CRM_OK)
		rc = buf_printf(&sql, "DELETE FROM %s WHERE id = ?", t->e->table);
	if (rc == CRM_OK)
		rc = db_exec(db, sql.p, p, 1, NULL, NULL);
	/* the trail keeps what was purged by name: the row itself is gone */
	if (rc == CRM_OK)
		rc = buf_puts(&d, "{\"name\":");
	if (rc == CRM_OK)
		rc = json_str(&d, t->title);
	if (rc == CRM_OK)
		rc = buf_puts(&d, "}");
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, t->e->name, t->id, "purge", d.p);
	buf_free(&sql);
	buf_free(&d);
	return rc;
}

/* One bin transaction on its own heap state (the files' names outlive the retry); purged's
 * outside work only after a commit. */
static int bin_run(struct req *r, const struct rec_entity *e, long long id, int to, db_tx_fn fn)
{
	struct mark_tx *t;
	int rc;

	/* the bin is not given a fixed column's value: refused rather than crossing into other lists */
	if (!e->deleted_col || e->fixed_col)
		return CRM_EINVAL;
	if (!(t = calloc(1, sizeof(*t))))
		return CRM_ERR;
	*t = (struct mark_tx){ .r = r, .e = e, .id = id, .to = to };
	rc = db_transaction(r->db, fn, t);
	if (rc == CRM_OK && fn == purge_tx && e->hooks.purged)
		e->hooks.purged(r, &t->files);
	buf_free(&t->files);
	free(t);
	return rc;
}

int rec_delete(struct req *r, const struct rec_entity *e, long long id)
{
	return bin_run(r, e, id, 1, mark_tx);
}

int rec_restore(struct req *r, const struct rec_entity *e, long long id)
{
	return bin_run(r, e, id, 0, mark_tx);
}

int rec_purge(struct req *r, const struct rec_entity *e, long long id)
{
	return bin_run(r, e, id, 0, purge_tx);
}

struct bin_ctx {
	struct req *r;
	int n;
	long long last;
	int failed;
};

static int bin_row(void *ctx, const struct db_row *row)
{
	struct bin_ctx *b = ctx;
	static const char *const cols[] = { "id", "title", "code", "at", "who" };
	char key[64];

	if (b->n == BIN_PAGE) { /* one row more than a page: there is a next one */
		b->failed |= hdf_putf(b->r, "Bin.more", "%lld", b->last) != CRM_OK;
		return CRM_OK;
	}
	for (unsigned c = 0; c < CRM_ARRAY_LEN(cols) && c < row->ncols; c++) {
		snprintf(key, sizeof(key), "Bin.rows.%d.%s", b->n, cols[c]);
		if (c == 3)
			b->failed |= hdf_set_datetime(b->r, key, row->values[c] ? row->values[c] : "") != CRM_OK;
		else
			b->failed |= hdf_put(b->r, key, row->values[c] ? row->values[c] : "") != CRM_OK;
	}
	b->last = strtoll(row->values[0], NULL, 10);
	b->n++;
	return CRM_OK;
}

int rec_page_bin(struct req *r, const struct rec_entity *e, const char *template)
{
	struct db_param p[2 + PERM_SCOPE_PARAMS];
	struct bin_ctx b = { r, 0, 0, 0 };
	struct buf sql = { 0 };
	long long before = 0;
	unsigned n = 0;
	int rc;

	if (!e->deleted_col || e->fixed_col)
		return reply_error(r, 404);
	if (req_param(r, "before") && req_int(r, "before", 1, INT64_MAX, &before) != CRM_OK)
		return reply_error(r, 400);
	/* who deleted it and when: the record's latest "delete" row in the trail (its own index) */
	p[n++] = DB_S(e->name);
	rc = buf_printf(&sql,
			"SELECT t.id, COALESCE(t.%s, ''), %s, a.at, COALESCE(u.display_name, '') FROM %s t "
			"LEFT JOIN audit_log a ON a.id = (SELECT MAX(a2.id) FROM audit_log a2 WHERE a2.table_name = ? "
			"AND a2.record_id = t.id AND a2.action = 'delete') LEFT JOIN users u ON u.id = a.user_id "
			"WHERE t.%s = 1",
			e->title_field ? e->title_field : "id", rec_field_index(e, "code") >= 0 ? "t.code" : "''", e->table,
			e->deleted_col);
	if (rc == CRM_OK && before) {
		rc = buf_puts(&sql, " AND t.id < ?");
		p[n++] = DB_I(before);
	}
	if (rc == CRM_OK && e->scope)
		rc = perm_scope_sql(&r->user, e->module, "view", e->scope, &sql, p, &n);
	if (rc == CRM_OK)
		rc = buf_printf(&sql, " ORDER BY t.id DESC LIMIT %d", BIN_PAGE + 1);
	if (rc == CRM_OK)
		rc = db_query(r->db, sql.p, p, n, bin_row, &b);
	buf_free(&sql);
	if (rc == CRM_OK && (b.failed || hdf_put(r, "Bin.url", e->list_url) || hdf_putf(r, "Bin.count", "%d", b.n)))
		rc = CRM_ERR;
	if (rc == CRM_OK && req_param(r, "done"))
		rc = hdf_put(r, "Form.notice", lang_str(r, !strcmp(req_param(r, "done"), "purged") ? "records.purged"
												     : "records.restored"));
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return render(r, template);
}

static int bin_action(struct req *r, const struct rec_entity *e, const char *next, int purge)
{
	char url[600];
	long long id;
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	rc = purge ? rec_purge(r, e, id) : rec_restore(r, e, id);
	if (rc == CRM_ECONFLICT)
		return reply_error(r, 409);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	snprintf(url, sizeof(url), "%s%sdone=%s", next, strchr(next, '?') ? "&" : "?", purge ? "purged" : "restored");
	return resp_redirect(r, url);
}

int rec_page_restore(struct req *r, const struct rec_entity *e, const char *next)
{
	return bin_action(r, e, next, 0);
}

int rec_page_purge(struct req *r, const struct rec_entity *e, const char *next)
{
	return bin_action(r, e, next, 1);
}

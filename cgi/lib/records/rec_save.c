/* Saving a record: the row, its links, the entity's hook and the audit row of every changed
 * field, in one transaction; a stale version changes nothing. */
#include "records/records.h"

#include <stdlib.h>
#include <string.h>

/* Fields the input sets: stored in the row (not links, not shown-only ones). */
static int stored(const struct rec_field *f, int creating)
{
	if (f->type == REC_LINKS || f->type == REC_DATETIME || (f->flags & RF_SHOWN))
		return 0;
	return creating || !(f->flags & RF_CREATE_ONLY);
}

/* Text-like columns keep "" for none (NOT NULL DEFAULT ''); numbers, dates and links NULL. */
static struct db_param value_param(const struct rec_field *f, const char *v)
{
	switch (f->type) {
	case REC_FLAG:
		return DB_I(v && !strcmp(v, "1"));
	case REC_INT:
	case REC_MONEY:
	case REC_LINK:
		return v && *v ? DB_I(strtoll(v, NULL, 10)) : DB_NUL;
	case REC_DATE:
		return v && *v ? DB_S(v) : DB_NUL;
	default:
		return DB_S(v ? v : "");
	}
}

/* A record's link rows: replaced, or only inserted for a new record (it has none to remove). */
static int write_links(struct db *db, const struct rec_entity *e, const struct rec *rec, int creating)
{
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < e->nfields && i < REC_MAX_FIELDS; i++) {
		const struct rec_field *f = &e->fields[i];
		const struct rec_link *k = f->link;
		struct buf del = { 0 }, ins = { 0 };
		struct db_param owner[] = { DB_I(rec->id) };

		if (f->type != REC_LINKS)
			continue;
		rc = buf_printf(&del, "DELETE FROM %s WHERE %s = ?", k->link_table, k->owner_col);
		if (rc == CRM_OK)
			rc = buf_printf(&ins, "INSERT IGNORE INTO %s (%s, %s) VALUES (?, ?)", k->link_table, k->owner_col,
					k->target_col);
		if (rc == CRM_OK && !creating)
			rc = db_exec(db, del.p, owner, 1, NULL, NULL);
		for (unsigned j = 0; rc == CRM_OK && j < rec->nids[i]; j++) {
			struct db_param p[] = { DB_I(rec->id), DB_I(rec->ids[i][j]) };

			rc = db_exec(db, ins.p, p, 2, NULL, NULL);
		}
		buf_free(&del);
		buf_free(&ins);
	}
	return rc;
}

/* The parts' rows: made with the record (insert), else written over; one statement a part. */
static int parts_write(struct db *db, const struct rec_entity *e, const struct rec *rec, int creating, int insert)
{
	int rc = CRM_OK;

	for (unsigned part = 1; rc == CRM_OK && part <= e->nparts; part++) {
		struct db_param p[REC_MAX_FIELDS + 1];
		struct buf cols = { 0 }, vals = { 0 }, sql = { 0 };
		unsigned n = 0;

		if (insert)
			p[n++] = DB_I(rec->id);
		for (unsigned i = 0; rc == CRM_OK && i < e->nfields && i < REC_MAX_FIELDS; i++) {
			const struct rec_field *f = &e->fields[i];

			if (f->part != part || !stored(f, creating))
				continue;
			rc = insert ? buf_printf(&cols, ", %s", f->name) : buf_printf(&cols, "%s%s = ?", n ? ", " : "", f->name);
			if (rc == CRM_OK && insert)
				rc = buf_puts(&vals, ", ?");
			p[n++] = value_param(f, rec->val[i]);
		}
		if (!insert)
			p[n++] = DB_I(rec->id);
		if (rc == CRM_OK && cols.len)
			rc = insert ? buf_printf(&sql, "INSERT INTO %s (%s%s) VALUES (?%s)", e->parts[part - 1].table,
						 e->parts[part - 1].key, cols.p, vals.p)
				    : buf_printf(&sql, "UPDATE %s SET %s WHERE %s = ?", e->parts[part - 1].table, cols.p,
						 e->parts[part - 1].key);
		if (rc == CRM_OK && cols.len)
			rc = db_exec(db, sql.p, p, n, NULL, NULL);
		buf_free(&cols);
		buf_free(&vals);
		buf_free(&sql);
	}
	return rc;
}

static int insert_row(struct db *db, const struct rec_entity *e, struct rec *rec)
{
	struct db_param p[REC_MAX_FIELDS + REC_MAX_EXTRA + 1];
	struct buf cols = { 0 }, vals = { 0 }, sql = { 0 };
	uint64_t id = 0;
	unsigned n = 0;
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < e->nfields && i < REC_MAX_FIELDS; i++) {
		if (!stored(&e->fields[i], 1) || e->fields[i].part)
			continue;
		rc = buf_printf(&cols, "%s%s", n ? ", " : "", e->fields[i].name);
		if (rc == CRM_OK)
			rc = buf_puts(&vals, n ? ", ?" : "?");
		p[n++] = value_param(&e->fields[i], rec->val[i]);
	}
	for (unsigned i = 0; rc == CRM_OK && i < rec->nextra; i++) {
		rc = buf_printf(&cols, "%s%s", n ? ", " : "", rec->extra_col[i]);
		if (rc == CRM_OK)
			rc = buf_puts(&vals, n ? ", ?" : "?");
		p[n++] = rec->extra_val[i];
	}
	if (rc == CRM_OK && e->fixed_col) {
		rc = rec->fixed ? buf_printf(&cols, "%s%s", n ? ", " : "", e->fixed_col) : CRM_EINVAL;
		if (rc == CRM_OK)
			rc = buf_puts(&vals, n ? ", ?" : "?");
		p[n++] = DB_S(rec->fixed ? rec->fixed : "");
	}
	if (rc == CRM_OK)
		rc = buf_printf(&sql, "INSERT INTO %s (%s) VALUES (%s)", e->table, cols.p, vals.p);
	if (rc == CRM_OK)
		rc = db_exec(db, sql.p, p, n, NULL, &id);
	rec->id = (long long)id;
	if (rc == CRM_OK)
		rc = parts_write(db, e, rec, 1, 1);
	buf_free(&cols);
	buf_free(&vals);
	buf_free(&sql);
	return rc;
}

/* The row's own columns; with versioned, the version checked and moved on (a save of its own),
 * else left to the caller whose transaction this is. */
static int update_row(struct db *db, const struct rec_entity *e, const struct rec *rec, int versioned)
{
	struct db_param p[REC_MAX_FIELDS + 2];
	struct buf sql = { 0 };
	uint64_t changed = 0;
	unsigned n = 0;
	int rc = buf_printf(&sql, "UPDATE %s SET %s", e->table, versioned ? "version = version + 1" : "");

	for (unsigned i = 0; rc == CRM_OK && i < e->nfields && i < REC_MAX_FIELDS; i++) {
		if (!stored(&e->fields[i], 0) || e->fields[i].part)
			continue;
		rc = buf_printf(&sql, "%s%s = ?", versioned || n ? ", " : "", e->fields[i].name);
		p[n++] = value_param(&e->fields[i], rec->val[i]);
	}
	if (!versioned && !n) {
		buf_free(&sql);
		return CRM_OK; /* every field is in a part */
	}
	p[n++] = DB_I(rec->id);
	if (versioned)
		p[n++] = DB_I(rec->version);
	if (rc == CRM_OK)
		rc = buf_puts(&sql, versioned ? " WHERE id = ? AND version = ?" : " WHERE id = ?");
	if (rc == CRM_OK)
		rc = db_exec(db, sql.p, p, n, &changed, NULL);
	if (rc == CRM_OK && versioned && !changed)
		rc = CRM_ECONFLICT;
	buf_free(&sql);
	return rc;
}

/* What History shows of a field: a link's label, else the stored value. */
static const char *audited(const struct rec_field *f, const struct rec *rec, unsigned i)
{
	if (f->type == REC_LINK || f->type == REC_LINKS)
		return rec->label[i] ? rec->label[i] : (f->type == REC_LINKS ? "" : NULL);
	return rec->val[i];
}

/* The audit changes of every field a user writes, before (NULL when creating) to after. */
static unsigned changes(const struct rec_entity *e, const struct rec *before, const struct rec *after,
			struct audit_change *c)
{
	unsigned n = 0;

	for (unsigned i = 0; i < e->nfields && i < REC_MAX_FIELDS; i++) {
		const struct rec_field *f = &e->fields[i];

		if (f->type == REC_DATETIME || (f->flags & RF_SHOWN))
			continue;
		c[n++] = (struct audit_change){ f->name, before ? audited(f, before, i) : NULL, audited(f, after, i) };
	}
	return n;
}

struct save_tx {
	struct req *r;
	const struct rec_entity *e;
	struct rec *rec;
	int creating;
};

static int save_tx(struct db *db, void *ctx)
{
	struct save_tx *t = ctx;
	const struct rec_entity *e = t->e;
	struct audit_change c[REC_MAX_FIELDS + 1];
	struct rec before, after;
	unsigned n = 0;
	int rc;

	rec_init(&before, e);
	rec_init(&after, e);
	before.fixed = after.fixed = t->rec->fixed;
	if (t->creating) {
		rc = insert_row(db, e, t->rec);
		if (rc == CRM_ECONFLICT)
			rc = CRM_EDUPLICATE; /* an insert has no version: only a unique key conflicts */
	} else {
		rc = rec_load_db(t->r, db, e, t->rec->id, "edit", 1, &before);
		if (rc == CRM_OK && before.version != t->rec->version)
			rc = CRM_ECONFLICT;
		if (rc == CRM_OK)
			rc = update_row(db, e, t->rec, 1);
		if (rc == CRM_OK)
			rc = parts_write(db, e, t->rec, 0, 0);
		/* the version was checked under the row lock: a conflict now is a unique key */
		if (rc == CRM_ECONFLICT && db_last_errno(db) == 1062)
			rc = CRM_EDUPLICATE;
	}
	if (rc == CRM_OK)
		rc = write_links(db, e, t->rec, t->creating);
	if (rc == CRM_OK && e->hooks.after_write)
		rc = e->hooks.after_write(t->r, db, t->rec, t->creating);
	/* the record as stored now: links named as the page names them */
	if (rc == CRM_OK)
		rc = rec_load_db(t->r, db, e, t->rec->id, "edit", 0, &after);
	if (rc == CRM_OK)
		n = changes(e, t->creating ? NULL : &before, &after, c);
	/* the trail says which of the table's lists a new record joined */
	if (rc == CRM_OK && t->creating && e->fixed_col)
		c[n++] = (struct audit_change){ e->fixed_col, NULL, t->rec->fixed };
	if (rc == CRM_OK)
		rc = audit_write_changes(t->r, e->name, t->rec->id, t->creating ? "insert" : "update", c, n);
	if (rc == CRM_OK)
		t->rec->version = after.version;
	rec_free(&before);
	rec_free(&after);
	return rc;
}

int rec_write_fields(struct req *r, struct db *db, const struct rec_entity *e, struct rec *rec, int creating,
		     struct rec_write *w)
{
	int rc = CRM_OK;

	rec_init(&w->before, e);
	rec_init(&w->after, e);
	w->n = 0;
	if (!creating)
		rc = rec_load_db(r, db, e, rec->id, "edit", 1, &w->before);
	if (rc == CRM_OK)
		rc = update_row(db, e, rec, 0);
	if (rc == CRM_OK)
		rc = parts_write(db, e, rec, creating, 0);
	if (rc == CRM_OK)
		rc = write_links(db, e, rec, creating);
	if (rc == CRM_OK && e->hooks.after_write)
		rc = e->hooks.after_write(r, db, rec, creating);
	if (rc == CRM_OK)
		rc = rec_load_db(r, db, e, rec->id, "edit", 0, &w->after);
	if (rc == CRM_OK)
		w->n = changes(e, creating ? NULL : &w->before, &w->after, w->c);
	return rc;
}

void rec_write_free(struct rec_write *w)
{
	rec_free(&w->before);
	rec_free(&w->after);
	w->n = 0;
}

int rec_save(struct req *r, const struct rec_entity *e, struct rec *rec)
{
	struct save_tx t = { r, e, rec, rec->id == 0 };
	int rc = db_transaction(r->db, save_tx, &t);

	if (rc != CRM_OK && t.creating)
		rec->id = 0; /* a retried or failed insert made nothing */
	if (rc == CRM_OK && e->hooks.committed)
		e->hooks.committed(r, rec, t.creating);
	return rc;
}

struct active_tx {
	struct req *r;
	const struct rec_entity *e;
	long long id;
	int active;
	int (*after)(struct req *r, struct db *db, long long id, int active);
	int changed;
};

static int active_tx(struct db *db, void *ctx)
{
	struct active_tx *t = ctx;
	struct db_param p[] = { DB_I(t->active), DB_I(t->id), DB_I(t->active) };
	struct buf sql = { 0 };
	struct rec found;
	uint64_t n = 0;
	int rc;

	/* in the user's scope for activate, locked: the check and the change are one */
	rec_init(&found, t->e);
	rc = rec_load_db(t->r, db, t->e, t->id, "activate", 1, &found);
	rec_free(&found);
	if (rc == CRM_OK)
		rc = buf_printf(&sql, "UPDATE %s SET %s = ?, version = version + 1 WHERE id = ? AND %s <> ?", t->e->table,
				t->e->active_col, t->e->active_col);
	if (rc == CRM_OK)
		rc = db_exec(db, sql.p, p, 3, &n, NULL);
	buf_free(&sql);
	t->changed = 0; /* a retried transaction starts over */
	if (rc != CRM_OK || n == 0)
		return rc; /* already so: nothing to record */
	t->changed = 1;
	if (t->after)
		rc = t->after(t->r, db, t->id, t->active);
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, t->e->name, t->id, t->active ? "activate" : "deactivate", NULL);
	return rc;
}

int rec_set_active_n(struct req *r, const struct rec_entity *e, long long id, int active,
		     int (*after)(struct req *r, struct db *db, long long id, int active), int *changed)
{
	struct active_tx t = { r, e, id, active, after, 0 };
	int rc;

	if (!e->active_col || e->fixed_col)
		return CRM_EINVAL;
	rc = db_transaction(r->db, active_tx, &t);
	if (changed)
		*changed = rc == CRM_OK && t.changed;
	return rc;
}

int rec_set_active(struct req *r, const struct rec_entity *e, long long id, int active,
		   int (*after)(struct req *r, struct db *db, long long id, int active))
{
	return rec_set_active_n(r, e, id, active, after, NULL);
}

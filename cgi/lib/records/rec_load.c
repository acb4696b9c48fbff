/* One record into C values, with the user's scope inside the query. */
#include "records/records.h"
#include "i18n/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rec_column(const struct rec_entity *e, const struct rec_field *f, char *out, size_t outlen)
{
	if (f->part && f->part <= e->nparts)
		snprintf(out, outlen, "t%u.%s", f->part, f->name);
	else
		snprintf(out, outlen, "t.%s", f->name);
	return out;
}

int rec_parts_join(const struct rec_entity *e, struct buf *sql)
{
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < e->nparts; i++)
		rc = buf_printf(sql, " LEFT JOIN %s t%u ON t%u.%s = t.id", e->parts[i].table, i + 1, i + 1,
				e->parts[i].key);
	return rc;
}

const char *rec_link_label(const struct req *r, const struct rec_link *k, char *out, size_t outlen)
{
	unsigned lang = lang_slot(r->lang);

	if (k->label_sql)
		snprintf(out, outlen, "(%s)", k->label_sql);
	else
		snprintf(out, outlen, "x.%s", k->label_lang[lang] ? k->label_lang[lang] : k->label);
	return out;
}

const char *rec_list_separator(const struct req *r)
{
	return lang_slot(r->lang) == LANG_FA ? "\xd8\x8c " : ", "; /* the Arabic comma in Persian */
}

int rec_link_cell_sql(struct req *r, const struct rec_field *f, const char *alias, struct buf *sql, struct db_param *p,
		      unsigned *n)
{
	const struct rec_link *k = f->link;
	char label[512], order[600];
	int rc;

	rec_link_label(r, k, label, sizeof(label));
	if (f->type == REC_LINK)
		rc = buf_printf(sql, "(SELECT %s FROM %s x WHERE x.id = %s.%s", label, k->table, alias, f->name);
	else if (f->type == REC_LINKS) {
		if (k->sort)
			snprintf(order, sizeof(order), "x.%s, x.id", k->sort);
		else
			snprintf(order, sizeof(order), "%s", label);
		rc = buf_printf(sql,
				"(SELECT GROUP_CONCAT(%s ORDER BY %s SEPARATOR '%s') FROM %s l JOIN %s x ON x.id = l.%s "
				"WHERE l.%s = %s.id",
				label, order, rec_list_separator(r), k->link_table, k->table, k->target_col, k->owner_col, alias);
	} else
		return CRM_EINVAL;
	if (rc == CRM_OK)
		rc = rec_link_scope(r, k, sql, p, n);
	return rc == CRM_OK ? buf_puts(sql, ")") : rc;
}

unsigned rec_link_params(const struct rec_entity *e)
{
	unsigned n = 0;

	for (unsigned i = 0; i < e->nfields; i++)
		if (e->fields[i].link && e->fields[i].link->scope)
			n++;
	return n * PERM_SCOPE_PARAMS;
}

struct load_ctx {
	struct rec *rec;
	int found;
	int failed;
};

/* Columns: id, version, state, then per single-valued field its value (and a link's key, label). */
static int load_row(void *ctx, const struct db_row *row)
{
	struct load_ctx *l = ctx;
	const struct rec_entity *e = l->rec->e;
	unsigned c = 3;

	l->found = 1;
	l->rec->id = strtoll(row->values[0], NULL, 10);
	l->rec->version = strtoll(row->values[1], NULL, 10);
	l->rec->active = !row->values[2] || row->values[2][0] == '1';
	for (unsigned i = 0; i < e->nfields && i < REC_MAX_FIELDS && c < row->ncols; i++) {
		const struct rec_field *f = &e->fields[i];

		if (f->type == REC_LINKS)
			continue;
		l->failed |= rec_set_slot(&l->rec->val[i], row->values[c++]) != CRM_OK;
		if (f->type == REC_LINK && c + 1 < row->ncols) {
			l->failed |= rec_set_slot(&l->rec->key[i], row->values[c++]) != CRM_OK;
			l->failed |= rec_set_slot(&l->rec->label[i], row->values[c++]) != CRM_OK;
		}
	}
	return CRM_OK;
}

struct links_ctx {
	struct rec *rec;
	unsigned i;
	struct buf keys, labels;
	const char *sep;
};

static int links_row(void *ctx, const struct db_row *row)
{
	struct links_ctx *l = ctx;
	struct rec *rec = l->rec;
	long long *grown = realloc(rec->ids[l->i], (rec->nids[l->i] + 1) * sizeof(long long));

	if (!grown)
		return CRM_ERR;
	rec->ids[l->i] = grown;
	grown[rec->nids[l->i]++] = strtoll(row->values[0], NULL, 10);
	/* keys one a line (as they are typed), labels as a reader reads them */
	if (buf_printf(&l->keys, "%s%s", l->keys.len ? "\n" : "", row->values[1] ? row->values[1] : "") != CRM_OK ||
	    buf_printf(&l->labels, "%s%s", l->labels.len ? l->sep : "", row->values[2] ? row->values[2] : "") != CRM_OK)
		return CRM_ERR;
	return CRM_OK;
}

/* The linked rows of a REC_LINKS field, ordered by their label. */
int rec_links_load(struct req *r, struct db *db, const struct rec_field *f, unsigned i, struct rec *rec)
{
	const struct rec_link *k = f->link;
	struct links_ctx l = { rec, i, { 0 }, { 0 }, rec_list_separator(r) };
	struct db_param p[1 + PERM_SCOPE_PARAMS] = { DB_I(rec->id) };
	unsigned np = 1;
	struct buf sql = { 0 };
	char label[512];
	int rc;

	free(rec->ids[i]);
	rec->ids[i] = NULL;
	rec->nids[i] = 0;
	rec_link_label(r, k, label, sizeof(label));
	rc = buf_printf(&sql, "SELECT x.id, %s%s, %s FROM %s l JOIN %s x ON x.id = l.%s WHERE l.%s = ?",
			k->key ? "x." : "", k->key ? k->key : "''", label, k->link_table, k->table, k->target_col,
			k->owner_col);
	if (rc == CRM_OK)
		rc = rec_link_scope(r, k, &sql, p, &np);
	if (rc == CRM_OK)
		rc = k->sort ? buf_printf(&sql, " ORDER BY x.%s, x.id", k->sort) : buf_printf(&sql, " ORDER BY %s", label);
	if (rc == CRM_OK)
		rc = db_query(db, sql.p, p, np, links_row, &l);
	if (rc == CRM_OK)
		rc = rec_set_slot(&rec->key[i], l.keys.p ? l.keys.p : "");
	if (rc == CRM_OK)
		rc = rec_set_slot(&rec->label[i], l.labels.p ? l.labels.p : "");
	buf_free(&sql);
	buf_free(&l.keys);
	buf_free(&l.labels);
	return rc;
}

/* The SELECT of one record by id, its scope appended by the caller: a link's key and label only
 * when the linked row is within the link's scope. */
int rec_select_sql(struct req *r, const struct rec_entity *e, struct buf *sql, struct db_param *p, unsigned *n)
{
	int rc = buf_printf(sql, "SELECT t.id, t.version, %s%s", e->active_col ? "t." : "NULL",
			    e->active_col ? e->active_col : "");

	for (unsigned i = 0; rc == CRM_OK && i < e->nfields && i < REC_MAX_FIELDS; i++) {
		const struct rec_field *f = &e->fields[i];
		const struct rec_link *k = f->link;
		char col[128], label[512];

		if (f->type == REC_LINKS)
			continue;
		rec_column(e, f, col, sizeof(col));
		rc = f->sql ? buf_printf(sql, ", %s AS %s", f->sql, f->name) : buf_printf(sql, ", %s", col);
		for (int part = 0; rc == CRM_OK && f->type == REC_LINK && part < 2; part++) {
			rc = buf_printf(sql, ", (SELECT %s%s FROM %s x WHERE x.id = %s",
					part ? "" : "x.", part ? rec_link_label(r, k, label, sizeof(label)) : k->key ? k->key : "id",
					k->table, col);
			if (rc == CRM_OK)
				rc = rec_link_scope(r, k, sql, p, n);
			if (rc == CRM_OK)
				rc = buf_puts(sql, ")");
		}
	}
	if (rc == CRM_OK)
		rc = buf_printf(sql, " FROM %s t", e->table);
	if (rc == CRM_OK)
		rc = rec_parts_join(e, sql);
	if (rc == CRM_OK)
		rc = buf_puts(sql, " WHERE ");
	/* a record in the recycle bin is found only there (rec_bin.c) */
	if (rc == CRM_OK && e->deleted_col)
		rc = buf_printf(sql, "t.%s = 0 AND ", e->deleted_col);
	return rc == CRM_OK ? buf_puts(sql, "t.id = ?") : rc;
}

int rec_load_db(struct req *r, struct db *db, const struct rec_entity *e, long long id, const char *action,
		int for_update, struct rec *rec)
{
	/* each scoped link names its key and its label in its scope; the record's own scope last */
	struct db_param *p = calloc(2 + 2 * rec_link_params(e) + PERM_SCOPE_PARAMS, sizeof(*p));
	struct load_ctx l = { rec, 0, 0 };
	struct buf sql = { 0 };
	unsigned n = 0;
	int rc;

	if (!p)
		return CRM_ERR;
	rc = rec_select_sql(r, e, &sql, p, &n);
	p[n++] = DB_I(id);
	/* its WHERE ends with the id: the fixed column's condition follows it */
	if (rc == CRM_OK)
		rc = rec_fixed_sql(e, rec->fixed, &sql, p, &n);
	if (rc == CRM_OK && e->scope)
		rc = perm_scope_sql(&r->user, e->module, action, e->scope, &sql, p, &n);
	if (rc == CRM_OK && for_update)
		rc = buf_puts(&sql, " FOR UPDATE");
	if (rc == CRM_OK)
		rc = db_query(db, sql.p, p, n, load_row, &l);
	if (rc == CRM_OK && l.failed)
		rc = CRM_ERR;
	if (rc == CRM_OK && !l.found)
		rc = CRM_ENOTFOUND;
	for (unsigned i = 0; rc == CRM_OK && i < e->nfields && i < REC_MAX_FIELDS; i++)
		if (e->fields[i].type == REC_LINKS)
			rc = rec_links_load(r, db, &e->fields[i], i, rec);
	buf_free(&sql);
	free(p);
	return rc;
}

int rec_load(struct req *r, const struct rec_entity *e, long long id, const char *action, struct rec *rec)
{
	return rec_load_db(r, r->db, e, id, action, 0, rec);
}

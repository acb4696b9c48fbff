/* A record's values in C: made, freed, read and set by field name; errors kept per field. */
#include "records/records.h"
#include "i18n/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rec_init(struct rec *rec, const struct rec_entity *e)
{
	memset(rec, 0, sizeof(*rec));
	rec->e = e;
	rec->active = 1;
}

void rec_free(struct rec *rec)
{
	for (unsigned i = 0; i < REC_MAX_FIELDS; i++) {
		free(rec->val[i]);
		free(rec->key[i]);
		free(rec->label[i]);
		free(rec->ids[i]);
	}
	rec_init(rec, rec->e);
}

const char *rec_field_label(struct req *r, const struct rec_entity *e, const struct rec_field *f)
{
	char key[160];
	unsigned l = lang_slot(r->lang);

	if (f->label_text[l])
		return f->label_text[l];
	if (f->label)
		return lang_str(r, f->label);
	snprintf(key, sizeof(key), "%s.f.%s", e->lang, f->name);
	/* a string of the language tree outlives key; a missing one is the field's name */
	return lang_str(r, key) == key ? f->name : lang_str(r, key);
}

int rec_field_typed(const struct req *r, const struct rec_entity *e, const struct rec_field *f, int creating)
{
	if ((f->flags & RF_SHOWN) || f->type == REC_DATETIME || ((f->flags & RF_CREATE_ONLY) && !creating))
		return 0;
	return !f->perm || perm_allows(&r->user, e->module, f->perm);
}

int rec_field_index(const struct rec_entity *e, const char *name)
{
	for (unsigned i = 0; e && i < e->nfields && i < REC_MAX_FIELDS; i++)
		if (!strcmp(e->fields[i].name, name))
			return (int)i;
	return -1;
}

const char *rec_get(const struct rec *rec, const char *name)
{
	int i = rec_field_index(rec->e, name);

	return i >= 0 && rec->val[i] ? rec->val[i] : "";
}

/* Replaces *slot with a copy of value (NULL: none). */
static int slot_set(char **slot, const char *value)
{
	char *copy = NULL;

	if (value && !(copy = strdup(value)))
		return CRM_ERR;
	free(*slot);
	*slot = copy;
	return CRM_OK;
}

int rec_set(struct rec *rec, const char *name, const char *value)
{
	int i = rec_field_index(rec->e, name);

	return i < 0 ? CRM_ENOTFOUND : slot_set(&rec->val[i], value);
}

int rec_set_slot(char **slot, const char *value)
{
	return slot_set(slot, value);
}

int rec_has_id(const struct rec *rec, const char *name, long long id)
{
	int i = rec_field_index(rec->e, name);

	for (unsigned k = 0; i >= 0 && k < rec->nids[i]; k++)
		if (rec->ids[i][k] == id)
			return 1;
	return 0;
}

int rec_extra(struct rec *rec, const char *column, struct db_param value)
{
	if (rec->nextra == REC_MAX_EXTRA)
		return CRM_ETOOBIG;
	rec->extra_col[rec->nextra] = column;
	rec->extra_val[rec->nextra++] = value;
	return CRM_OK;
}

void rec_error(struct rec_errors *err, const char *field, const char *msg, long long arg)
{
	if (rec_failed(err, field) || err->n == REC_MAX_FIELDS)
		return;
	err->e[err->n++] = (struct rec_error){ field, msg, arg };
}

int rec_failed(const struct rec_errors *err, const char *field)
{
	if (!field)
		return err->n > 0;
	for (unsigned i = 0; i < err->n; i++)
		if (!strcmp(err->e[i].field, field))
			return 1;
	return 0;
}

static const char *req_get(const void *ctx, const char *name)
{
	return req_param(ctx, name);
}

static size_t req_get_all(const void *ctx, const char *name, const char **out, size_t max)
{
	return req_all(ctx, name, out, max);
}

struct rec_input rec_input_req(const struct req *r)
{
	return (struct rec_input){ req_get, req_get_all, r };
}

int rec_link_scope(struct req *r, const struct rec_link *k, struct buf *sql, struct db_param *p, unsigned *n)
{
	if (!k->scope)
		return CRM_OK;
	return perm_scope_sql(&r->user, k->scope_module, "view", k->scope, sql, p, n);
}

int rec_like_prefix(const char *q, char *out, size_t outlen)
{
	size_t o = 0;

	for (; *q; q++) {
		if (o + 3 >= outlen)
			return CRM_ETOOBIG;
		if (*q == '%' || *q == '_' || *q == '\\')
			out[o++] = '\\';
		out[o++] = *q;
	}
	out[o++] = '%';
	out[o] = '\0';
	return CRM_OK;
}

int rec_fixed_sql(const struct rec_entity *e, const char *value, struct buf *sql, struct db_param *p, unsigned *n)
{
	if (!e->fixed_col)
		return CRM_OK;
	if (!value)
		return CRM_EINVAL; /* every row of the table would be the entity's */
	p[(*n)++] = DB_S(value);
	return buf_printf(sql, " AND t.%s = ?", e->fixed_col);
}

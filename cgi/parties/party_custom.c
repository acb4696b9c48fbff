/* The custom fields of persons and companies in their lists: each a column (shown, exported,
 * sorted by value on a small list) and, when searchable, a filter read from its own index. Built
 * per request from the details' description (party_details), so a field made or retired in
 * Administration > Fields shows at once; every SQL fragment is made from the field's id. */
#include "i18n/i18n.h"
#include "parties.h"

#include <cgi/cgi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct custom_col {
	struct party_column col;
	const struct rec_field *field;
	char sql[160], sort[96];
	/* a link's cell: its label in the reader's scope (the engine's SQL) and that scope's parameters */
	struct buf link_sql;
	struct db_param params[PERM_SCOPE_PARAMS];
	unsigned nparams;
};

/* This request's (a worker serves one at a time). */
static struct custom_col cols[REC_MAX_CUSTOM];
static unsigned ncols;

static int is_custom(const struct rec_field *f)
{
	return !strncmp(f->name, "cf_", 3);
}

int party_custom_load(struct req *r, const char *kind)
{
	const struct rec_entity *e = party_details(r, kind);
	unsigned k = !strcmp(kind, "company") ? PC_COMPANY : PC_PERSON;
	int rc = CRM_OK;

	for (unsigned i = 0; i < ncols; i++)
		buf_free(&cols[i].link_sql);
	ncols = 0;
	if (!e)
		return CRM_ERR;
	for (unsigned i = 0; rc == CRM_OK && i < e->nfields && ncols < REC_MAX_CUSTOM; i++) {
		const struct rec_field *f = &e->fields[i];
		struct custom_col *c = &cols[ncols];
		enum export_type type = EXPORT_TEXT;
		const char *low = NULL; /* what an empty value sorts as: before every value */
		const char *sql = c->sql;

		if (!is_custom(f))
			continue;
		memset(c, 0, sizeof(*c));
		snprintf(c->sql, sizeof(c->sql), "p.%s", f->name);
		switch (f->type) {
		case REC_INT:
			type = EXPORT_INT;
			low = "-9223372036854775807";
			break;
		case REC_MONEY:
			type = EXPORT_MONEY;
			low = "-9223372036854775807";
			snprintf(c->sql, sizeof(c->sql), "CAST(p.%s / 100 AS DECIMAL(20, 2))", f->name);
			break;
		case REC_DATE:
			type = EXPORT_DATE;
			low = "'1000-01-01'";
			break;
		case REC_FLAG:
			snprintf(c->sql, sizeof(c->sql), "IF(p.%s = 1, '\xe2\x9c\x93', '')", f->name);
			low = "0";
			break;
		case REC_LINK:
		case REC_LINKS: /* a user, a party (in the reader's scope), a choice or several: by their labels */
			rc = rec_link_cell_sql(r, f, "p", &c->link_sql, c->params, &c->nparams);
			if (rc != CRM_OK)
				buf_free(&c->link_sql); /* not counted: the next load would not free it */
			sql = c->link_sql.p;
			break;
		case REC_TEXT:
			low = "''";
			break;
		default:
			break; /* long text: shown, not sorted */
		}
		if (low)
			snprintf(c->sort, sizeof(c->sort), "COALESCE(p.%s, %s)", f->name, low);
		c->field = f;
		c->col = (struct party_column){ f->name, type, 16, sql, NULL, k, 0,
						f->type != REC_TEXT && f->type != REC_LONGTEXT && !f->link, 0 };
		ncols++;
	}
	return rc;
}

unsigned party_custom_count(void)
{
	return ncols;
}

const struct party_column *party_custom_at(unsigned i)
{
	return i < ncols ? &cols[i].col : NULL;
}

static const struct custom_col *custom_of(const struct party_column *c)
{
	for (unsigned i = 0; i < ncols; i++)
		if (c == &cols[i].col)
			return &cols[i];
	return NULL;
}

unsigned party_custom_params(const struct party_column *c, const struct db_param **p)
{
	const struct custom_col *cc = custom_of(c);

	*p = cc ? cc->params : NULL;
	return cc ? cc->nparams : 0;
}

const struct party_column *party_custom_find(const char *key, size_t len)
{
	for (unsigned i = 0; i < ncols; i++)
		if (strlen(cols[i].col.key) == len && !memcmp(cols[i].col.key, key, len))
			return &cols[i].col;
	return NULL;
}

const char *party_column_label(struct req *r, const struct party_column *c)
{
	const struct custom_col *cc = custom_of(c);
	char key[64];

	if (cc)
		return rec_field_label(r, &person_details, cc->field); /* its own label_text: the entity is not read */
	snprintf(key, sizeof(key), "parties.col.%s", c->key);
	return lang_str(r, key);
}

/* Every kind but a flag (a cell is text, a box is not); a choice by its entry's code or name
 * (party_import_rows.c turns it into the entry the form would post). */
int party_custom_importable(const struct party_column *c)
{
	const struct custom_col *cc = custom_of(c);

	return cc && cc->field->type != REC_FLAG;
}

const struct rec_field *party_custom_field(const struct party_column *c)
{
	const struct custom_col *cc = custom_of(c);

	return cc ? cc->field : NULL;
}

const char *party_custom_label(struct req *r, const struct party_column *c, int lang)
{
	const struct custom_col *cc = custom_of(c);

	(void)r;
	return cc && lang >= 0 && lang < 3 ? cc->field->label_text[lang] : NULL;
}

const char *party_custom_sort(const char *key)
{
	const struct party_column *c = party_custom_find(key, strlen(key));
	const struct custom_col *cc = c ? custom_of(c) : NULL;

	return cc && cc->sort[0] ? cc->sort : NULL;
}

int party_custom_filters_read(struct req *r, struct party_filter *f)
{
	f->ncf = 0;
	for (unsigned i = 0; i < ncols; i++) {
		const struct rec_field *fd = cols[i].field;
		int rc;

		/* only a searchable field has an index to read it from */
		if (!(fd->flags & RF_FILTER))
			continue;
		if (f->ncf == PARTY_MAX_CF_FILTERS)
			return CRM_EINVAL;
		rc = rec_filter_read(r, fd, &f->cf[f->ncf]);
		if (rc == CRM_ENOTFOUND)
			continue;
		if (rc != CRM_OK)
			return rc;
		f->ncf++;
	}
	return CRM_OK;
}

int party_custom_filters_sql(const struct party_filter *f, struct buf *sql, struct db_param *p, unsigned *n)
{
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < f->ncf; i++)
		rc = rec_filter_sql(&f->cf[i], "p", sql, p, n);
	return rc;
}

int party_custom_filters_query(const struct party_filter *f, struct buf *q)
{
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < f->ncf; i++) {
		char *esc = NULL;
		NEOERR *err = cgi_url_escape(f->cf[i].typed, &esc);

		if (err != STATUS_OK) {
			nerr_ignore(&err);
			return CRM_ERR;
		}
		rc = buf_printf(q, "&%s=%s", f->cf[i].name, esc);
		free(esc);
	}
	return rc;
}

int party_custom_filters_hdf(struct req *r, const struct party_filter *f)
{
	const struct rec_entity *e = party_details(r, f->kind);

	return e ? rec_filters_hdf(r, e, f->cf, f->ncf, "CustomFilters") : CRM_ERR;
}

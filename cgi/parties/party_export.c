/* GET /parties/persons/export and /parties/companies/export?format=...: the
 * list exactly as the user sees it (filters, sort, chosen columns), all
 * pages, in one query streamed from MariaDB row by row, so memory stays flat
 * at any size. The export permission's scope limits the rows. */
#include "core/core.h"
#include "i18n/i18n.h"
#include "db/db.h"
#include "domain/domain.h"
#include "io/io.h"
#include "render/render.h"
#include "parties.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct party_export_ctx {
	struct export x;
	struct party_filter f;
	struct export_column cols[PARTY_MAX_COLUMNS];
	char labels[PARTY_MAX_COLUMNS][96];
	char names[8][160]; /* filter values as the user reads them */
	struct buf query;   /* the list's filters, sort and columns, for the audit row */
	int (*on_rows)(void *ctx, long long rows);
	void *on_rows_ctx;
};

static int export_one(void *ctx, const struct db_row *row)
{
	struct party_export_ctx *c = ctx;

	return export_row(&c->x, row);
}

/* The name of a filter's choice, for the document and the audit row. */
static int filter_name(struct req *r, struct party_export_ctx *c, const char *label_key, const char *sql, long long id,
		       int with_lang)
{
	unsigned slot = c->x.nfilters;
	struct db_param p[] = { with_lang ? DB_I(lang_slot(r->lang) + 1) : DB_I(id), DB_I(id) };
	int rc;

	if (!id)
		return CRM_OK;
	if (slot >= CRM_ARRAY_LEN(c->names))
		return CRM_ETOOBIG;
	rc = db_query_str(r->db, sql, p, with_lang ? 2 : 1, c->names[slot], sizeof(c->names[slot]));
	if (rc == CRM_ENOTFOUND)
		rc = snprintf(c->names[slot], sizeof(c->names[slot]), "%lld", id) > 0 ? CRM_OK : CRM_ERR;
	if (rc == CRM_OK)
		rc = export_add_filter(&c->x, lang_str(r, label_key), c->names[slot]);
	return rc;
}

static int describe_filters(struct req *r, struct party_export_ctx *c)
{
	const struct party_filter *f = &c->f;
	char state_key[48];
	int rc;

	snprintf(state_key, sizeof(state_key), "parties.state_%s", f->state);
	rc = export_add_filter(&c->x, lang_str(r, "parties.state"), lang_str(r, state_key));
	if (rc == CRM_OK)
		rc = filter_name(r, c, "parties.role", "SELECT ELT(?, name_fa, name_en, name_tr) FROM lookups WHERE id = ?", f->role, 1);
	if (rc == CRM_OK)
		rc = filter_name(r, c, "parties.group", "SELECT name FROM party_groups WHERE id = ?", f->group, 0);
	if (rc == CRM_OK)
		rc = filter_name(r, c, "parties.f.city_id", "SELECT name FROM places WHERE id = ?", f->city, 0);
	if (rc == CRM_OK)
		rc = filter_name(r, c, "parties.source", "SELECT ELT(?, name_fa, name_en, name_tr) FROM lookups WHERE id = ?", f->source, 1);
	if (rc == CRM_OK)
		rc = filter_name(r, c, "parties.experts", "SELECT display_name FROM users WHERE id = ?", f->expert, 0);
	if (rc == CRM_OK)
		rc = filter_name(r, c, "parties.rank", "SELECT name FROM rank_types WHERE id = ?", f->rank, 0);
	if (rc == CRM_OK && f->priority >= 0 && snprintf(c->names[7], sizeof(c->names[7]), "%lld", f->priority) > 0)
		rc = export_add_filter(&c->x, lang_str(r, "parties.priority"), c->names[7]);
	if (rc == CRM_OK && f->starred)
		rc = export_add_filter(&c->x, lang_str(r, "parties.starred"), "✓");
	return rc;
}

struct party_export_ctx *party_export_new(void)
{
	return calloc(1, sizeof(struct party_export_ctx));
}

void party_export_free(struct party_export_ctx *c)
{
	if (!c)
		return;
	if (c->x.path[0])
		export_abort(&c->x);
	free(c->query.p);
	free(c);
}

struct export *party_export_of(struct party_export_ctx *c)
{
	return &c->x;
}

int party_export_prepare(struct req *r, struct party_export_ctx *c)
{
	int rc = party_filter_read(r, &c->f);

	if (rc == CRM_OK && export_format_parse(req_param(r, "format"), &c->x.format) != CRM_OK)
		rc = CRM_EINVAL;
	if (rc != CRM_OK)
		return rc;
	c->f.after_id = 0; /* every page, from the first */
	c->x.r = r;
	c->x.list = !strcmp(c->f.kind, "company") ? "companies" : "persons";
	c->x.title = lang_str(r, !strcmp(c->f.kind, "company") ? "parties.companies" : "parties.persons");
	for (unsigned i = 0; i < c->f.ncols; i++) {
		snprintf(c->labels[i], sizeof(c->labels[i]), "%s", party_column_label(r, c->f.cols[i]));
		c->cols[i] = (struct export_column){ c->f.cols[i]->key, c->labels[i], c->f.cols[i]->type, c->f.cols[i]->width };
		if (export_add_column(&c->x, &c->cols[i]) != CRM_OK)
			return CRM_EINVAL;
	}
	rc = describe_filters(r, c);
	if (rc == CRM_OK)
		rc = party_filter_query(&c->f, &c->query);
	if (rc == CRM_OK)
		rc = buf_printf(&c->query, "&sort=%s&dir=%s", c->f.sort, c->f.order->desc ? "desc" : "asc");
	c->x.query = c->query.p;
	return rc;
}

static int count_one(void *ctx, const struct db_row *row)
{
	(void)row;
	(*(long long *)ctx)++;
	return CRM_OK;
}

int party_export_count(struct req *r, struct party_export_ctx *c, long long limit, long long *n)
{
	struct buf sql = { 0 };
	struct db_param p[PARTY_FILTER_PARAMS];
	unsigned np;
	int rc = party_filter_export_sql(r, &c->f, limit, 0, &sql, p, &np);

	/* the export's own query, cut at limit: never a COUNT over the whole table */
	*n = 0;
	if (rc == CRM_OK)
		rc = db_query(r->db, sql.p, p, np, count_one, n);
	buf_free(&sql);
	return rc;
}

static int export_counted(void *ctx, const struct db_row *row)
{
	struct party_export_ctx *c = ctx;
	int rc = export_row(&c->x, row);

	if (rc == CRM_OK && c->on_rows && c->x.rows % 500 == 0)
		rc = c->on_rows(c->on_rows_ctx, c->x.rows);
	return rc;
}

int party_export_rows(struct req *r, struct party_export_ctx *c, int (*on_rows)(void *, long long), void *ctx)
{
	struct buf sql = { 0 };
	struct db_param p[PARTY_FILTER_PARAMS];
	unsigned n;
	int rc = export_begin(&c->x);

	c->on_rows = on_rows;
	c->on_rows_ctx = ctx;
	/* one row past the limit, so export_row can tell a list that is too long */
	if (rc == CRM_OK)
		rc = party_filter_export_sql(r, &c->f, c->x.max_rows + 1, 1, &sql, p, &n);
	if (rc == CRM_OK)
		rc = db_query_stream(r->db, sql.p, p, n, on_rows ? export_counted : export_one, c);
	buf_free(&sql);
	if (rc != CRM_OK && c->x.path[0])
		export_abort(&c->x);
	return rc;
}

/* A list of more rows than Jobs.ExportDirectRows becomes a job (the job page
 * shows it and links the file); a smaller one is streamed at once. */
int party_export(struct req *r)
{
	struct party_export_ctx *c = party_export_new();
	struct buf params = { 0 };
	long long limit = r->cfg->jobs_export_direct_rows, rows = 0;
	int rc, status;

	if (!c)
		return reply_error(r, 500);
	rc = party_export_prepare(r, c);
	if (rc == CRM_OK)
		rc = party_export_count(r, c, limit + 1, &rows);
	if (rc != CRM_OK) {
		party_export_free(c);
		return rc == CRM_EINVAL ? reply_error(r, 400) : reply_db_error(r, rc);
	}
	if (rows > limit) {
		rc = job_export_params(r, req_env(r, "QUERY_STRING"), &params);
		status = rc == CRM_OK ? job_export_start(r, PARTY_EXPORT_JOB_KIND, params.p) : reply_error(r, 500);
		buf_free(&params);
		party_export_free(c);
		return status;
	}
	rc = party_export_rows(r, c, NULL, NULL);
	if (rc != CRM_OK) {
		party_export_free(c);
		return rc == CRM_ETOOBIG ? reply_error(r, 413) : reply_db_error(r, rc);
	}
	status = export_finish(&c->x);
	party_export_free(c);
	return status;
}

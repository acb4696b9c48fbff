/* <module>.list_export: a records-engine list too large to stream in a request (more rows
 * than Jobs.ExportDirectRows), written by the engine's own export (records/rec_list.c) from
 * the route's query string, as the user who asked (the module's export permission and its
 * record scope, checked again now), kept as <var>/exports/<job id>-<entity>.<format>.
 * One handler for every entity: the kind's line in handlers.c names the module's entities.
 * params: {"entity":"users","query":"format=csv&sort=name&q=..."}.
 * Idempotent as audit.export: a temporary file renamed once whole, its export audit row
 * committed with the job's done state. */
#include "worker.h"
#include "http/http.h"
#include "io/io.h"
#include "records/records.h"
#include "render/render.h"

#include <stdlib.h>
#include <string.h>

struct rec_export_job {
	struct worker *w;
	struct job *j;
	struct req r;
	struct rec_list l;
	struct rec_export *c;
	struct db *progress_db; /* r.db streams the rows meanwhile */
	long long total;
	char query[JOB_TEXT_MAX * 4];
};

/* The entity the params name, among those of the job's kind. */
static const struct rec_entity *entity_of(const struct job *j)
{
	const struct job_kind *k = job_kind_find(j->kind);
	char name[64];

	if (!k || !k->entities || jobs_param(j->params, "entity", name, sizeof(name)) != CRM_OK)
		return NULL;
	for (const struct rec_entity *const *e = k->entities; *e; e++)
		if (!strcmp((*e)->name, name))
			return *e;
	return NULL;
}

static int progress(void *ctx, long long rows)
{
	struct rec_export_job *a = ctx;

	return jobs_progress(a->progress_db, a->j, rows, a->total);
}

/* The list as the asker saw it: the entity as their request sees it (custom fields), its
 * filters, order and format from the query string. */
static int prepare(struct rec_export_job *a, const struct rec_entity *described, const struct rec_entity **e)
{
	struct req *r = &a->r;

	if (jobs_param(a->j->params, "query", a->query, sizeof(a->query)) != CRM_OK ||
	    urlencoded_parse(a->query, strlen(a->query), &r->query) != CRM_OK)
		return CRM_EINVAL;
	if (!(*e = rec_full(r, described)))
		return CRM_ERR;
	if (rec_list_read(r, *e, &a->l) != CRM_OK || export_format_parse(req_param(r, "format"), &a->c->x.format) != CRM_OK)
		return CRM_EINVAL;
	return CRM_OK;
}

int job_rec_export(struct worker *w, struct job *j)
{
	struct rec_export_job *a = calloc(1, sizeof(*a));
	const struct rec_entity *described = entity_of(j), *e = NULL;
	int rc;

	if (!a)
		return CRM_ERR;
	a->w = w;
	a->j = j;
	rc = described ? job_as_asker(w, j, &a->r, described->module, "export") : CRM_EINVAL;
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "%s", !described ? "params" : rc == CRM_EINVAL ? "denied" : "db");
		goto out;
	}
	a->c = calloc(1, sizeof(*a->c));
	a->progress_db = db_new(w->cfg);
	if (!a->c || !a->progress_db) {
		rc = CRM_ERR;
		snprintf(j->error, sizeof(j->error), "db");
		goto out;
	}
	a->c->on_rows = progress;
	a->c->ctx = a;
	rc = prepare(a, described, &e);
	if (rc == CRM_OK) /* the export's own cap (export_begin's max_rows) */
		rc = rec_export_count(&a->r, e, &a->l, 1000000, &a->total);
	if (rc == CRM_OK)
		rc = progress(a, 0);
	if (rc == CRM_OK)
		rc = rec_export_write(&a->r, e, &a->l, a->c);
	if (rc == CRM_OK)
		rc = progress(a, a->c->x.rows); /* the last rows, under REC_EXPORT_STEP */
	if (rc == CRM_OK)
		rc = export_close(&a->c->x);
	rc = rc == CRM_OK ? job_export_done(w, j, &a->c->x) : job_export_error(j, rc);
out:
	rec_export_free(a->c);
	if (a->progress_db)
		db_free(a->progress_db);
	kv_free(&a->r.query);
	render_release(&a->r);
	free(a);
	return rc;
}

/* parties.export: a persons or companies list too large to stream in a request
 * (more rows than Jobs.ExportDirectRows), written by the parties module's own
 * export code (cgi/parties/party_export.c, linked in) from the route's path
 * and query string, as the user who asked, kept as
 * <var>/exports/<job id>-<persons|companies>.<format>.
 * params: {"path":"/parties/persons/export","query":"format=xlsx&..."}.
 * Idempotent as audit.export: a temporary file renamed once whole, its export
 * audit row committed with the job's done state. */
#include "worker.h"
#include "http/http.h"
#include "io/io.h"
#include "render/render.h"
#include "../parties/parties.h"

#include <stdlib.h>
#include <string.h>

struct party_export_job {
	struct worker *w;
	struct job *j;
	struct req r;
	struct party_export_ctx *c;
	struct db *progress_db; /* r.db streams the rows meanwhile */
	long long total;
	char query[JOB_TEXT_MAX * 4];
};

static int read_params(struct party_export_job *a)
{
	struct req *r = &a->r;

	if (jobs_param(a->j->params, "path", r->path, sizeof(r->path)) != CRM_OK ||
	    (strcmp(r->path, "/parties/persons/export") && strcmp(r->path, "/parties/companies/export")))
		return CRM_EINVAL;
	if (jobs_param(a->j->params, "query", a->query, sizeof(a->query)) != CRM_OK)
		return CRM_EINVAL;
	return urlencoded_parse(a->query, strlen(a->query), &r->query) == CRM_OK ? CRM_OK : CRM_EINVAL;
}

static int progress(void *ctx, long long rows)
{
	struct party_export_job *a = ctx;

	return jobs_progress(a->progress_db, a->j, rows, a->total);
}

int job_party_export(struct worker *w, struct job *j)
{
	struct party_export_job *a = calloc(1, sizeof(*a));
	int rc;

	if (!a)
		return CRM_ERR;
	a->w = w;
	a->j = j;
	rc = read_params(a);
	if (rc == CRM_OK)
		rc = job_as_asker(w, j, &a->r, "parties", "export");
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "%s", rc == CRM_EINVAL ? "denied" : "db");
		goto out;
	}
	a->c = party_export_new();
	a->progress_db = db_new(w->cfg);
	if (!a->c || !a->progress_db) {
		rc = CRM_ERR;
		snprintf(j->error, sizeof(j->error), "db");
		goto out;
	}
	rc = party_export_prepare(&a->r, a->c);
	if (rc == CRM_OK)
		rc = party_export_count(&a->r, a->c, party_export_of(a->c)->max_rows ? party_export_of(a->c)->max_rows : 1000000,
					&a->total);
	if (rc == CRM_OK)
		rc = progress(a, 0);
	if (rc == CRM_OK)
		rc = party_export_rows(&a->r, a->c, progress, a);
	if (rc == CRM_OK)
		rc = progress(a, party_export_of(a->c)->rows); /* the last rows, under 500 */
	if (rc == CRM_OK)
		rc = export_close(party_export_of(a->c));
	rc = rc == CRM_OK ? job_export_done(w, j, party_export_of(a->c)) : job_export_error(j, rc);
out:
	party_export_free(a->c);
	if (a->progress_db)
		db_free(a->progress_db);
	kv_free(&a->r.query);
	render_release(&a->r);
	free(a);
	return rc;
}

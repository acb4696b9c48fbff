/* parties.import: Parties > Import's run step as a job. The worker runs the
 * module's own import code (cgi/parties/party_import*.c, linked in: see the
 * Makefile's WORKER_MODULES), as the user who asked, so every line gets the
 * same validation, outcome, audit rows and revert data as before.
 * params: {"import":id}.
 * Idempotent: each batch of lines commits with the job's progress, and a run
 * after a crash resumes after the last committed line, so no line is saved
 * twice or lost; the import's end (status done, totals, its audit row)
 * commits with the job's done state. */
#include "worker.h"
#include "http/http.h"
#include "render/render.h"
#include "../parties/party_import.h"

#include <stdlib.h>
#include <string.h>

struct import_run {
	struct worker *w;
	struct job *j;
	struct req r;
	struct import_job ij;
	long long total;
};

static int read_params(struct job *j, long long *id)
{
	char v[24], *end;

	if (jobs_param(j->params, "import", v, sizeof(v)) != CRM_OK)
		return CRM_EINVAL;
	*id = strtoll(v, &end, 10);
	return *end || *id <= 0 ? CRM_EINVAL : CRM_OK;
}

static int batch_done(void *ctx, struct db *db, long long lines_done)
{
	struct import_run *a = ctx;

	(void)db; /* the same connection: the progress is in the batch's transaction */
	return jobs_progress(a->w->db, a->j, lines_done, a->total);
}

static int finish_in_done_tx(struct db *db, void *ctx)
{
	struct import_run *a = ctx;

	return import_finish(&a->r, db, &a->ij);
}

int job_party_import(struct worker *w, struct job *j)
{
	struct import_run *a = calloc(1, sizeof(*a));
	struct import_run_opts o = { 0 };
	struct import_totals t;
	long long id = 0;
	int rc, loaded = 0;

	if (!a)
		return CRM_ERR;
	a->w = w;
	a->j = j;
	rc = read_params(j, &id);
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "params");
		goto out;
	}
	snprintf(a->r.path, sizeof(a->r.path), "/parties/import/run");
	rc = job_as_asker(w, j, &a->r, "parties", "create");
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "%s", rc == CRM_EINVAL ? "denied" : "db");
		goto out;
	}
	rc = import_load(&a->r, id, &a->ij); /* the asker's own import only */
	if (rc == CRM_OK)
		loaded = 1;
	if (rc == CRM_OK && strcmp(a->ij.status, "running"))
		rc = CRM_ENOTFOUND;
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "%s", rc == CRM_ENOTFOUND ? "params" : "db");
		if (rc == CRM_ENOTFOUND)
			rc = CRM_EINVAL;
		goto out;
	}
	rc = import_count_lines(&a->ij, &a->total);
	if (rc == CRM_OK)
		rc = import_resume_line(w->db, id, &o.resume_after);
	/* the total from the start; done: the lines an earlier run committed (one row each) */
	if (rc == CRM_OK)
		rc = import_totals_load(w->db, id, &t);
	if (rc == CRM_OK)
		rc = jobs_progress(w->db, j, t.total, a->total);
	o.on_batch = batch_done;
	o.ctx = a;
	if (rc == CRM_OK)
		rc = import_execute(&a->r, &a->ij, &o, &t);
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "%s", rc == CRM_ECONFLICT ? "lease" : "import");
		goto out;
	}
	snprintf(j->result, sizeof(j->result), "/parties/import/view?id=%lld", id);
	rc = job_done(w, j, finish_in_done_tx, a);
out:
	if (loaded)
		import_job_free(&a->ij);
	render_release(&a->r);
	free(a);
	return rc;
}

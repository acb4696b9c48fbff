/* A large export handed to the worker: the job enqueued with its `enqueue` audit row, the
 * worker kicked, the user sent to the job's page. Shared by every module's export route and
 * by the records engine's, which lies below the domain area's page of a job. */
#include "jobs/jobs.h"
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "http/http.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

struct export_start {
	struct req *r;
	const char *kind, *params;
	char key[128];
	long long job;
};

static int export_start_tx(struct db *db, void *ctx)
{
	struct export_start *e = ctx;
	struct job_new n = { .kind = e->kind, .key = e->key, .user_id = e->r->user.id, .params = e->params };
	struct buf d = { 0 };
	int rc = jobs_enqueue(db, e->r->cfg, &n, &e->job);

	if (rc == CRM_OK)
		rc = buf_puts(&d, "{\"kind\":");
	if (rc == CRM_OK)
		rc = json_str(&d, e->kind);
	if (rc == CRM_OK)
		rc = buf_printf(&d, ",\"job\":%lld}", e->job);
	/* the file's own export audit row follows when the job has written it */
	if (rc == CRM_OK)
		rc = audit_write(e->r, 0, "jobs", e->job, "enqueue", d.p);
	buf_free(&d);
	return rc;
}

int jobs_export_enqueue(struct req *r, const char *kind, const char *params, long long *id)
{
	struct export_start e = { .r = r, .kind = kind, .params = params };
	char hash[SHA256_HEX];
	int rc;

	/* the same user asking for the same file in the same second (a double click) gets one job */
	if (sha256_hex(params, strlen(params), hash) != CRM_OK)
		return CRM_ERR;
	snprintf(e.key, sizeof(e.key), "u%lld:%lld:%.32s", r->user.id, (long long)time(NULL), hash);
	rc = db_transaction(r->db, export_start_tx, &e);
	if (rc != CRM_OK)
		return rc;
	jobs_kick(r->cfg);
	*id = e.job;
	return CRM_OK;
}

int jobs_redirect(struct req *r, long long job_id)
{
	char next[64];

	snprintf(next, sizeof(next), "/home/job?id=%lld", job_id);
	return resp_redirect(r, next);
}

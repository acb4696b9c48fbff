/* The page of a background job (jobs/jobs.h) and the download of its file,
 * for every module's jobs: the owner (or an admin) sees state, progress,
 * error and result; anyone else gets the same 404 as for an unknown id. */
#include "domain/domain.h"
#include "auth/auth.h"
#include "db/db.h"
#include "files/files.h"
#include "io/io.h"
#include "jobs/jobs.h"
#include "render/render.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Seconds between reloads of a page whose job is not over (a meta refresh:
 * the CSP allows no inline script, and a reload is all the page needs). */
#define JOB_REFRESH_SECONDS "2"

static int job_of_request(struct req *r, struct job_view *v)
{
	long long id = 0;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return CRM_ENOTFOUND; /* a malformed id names no job either */
	/* an admin sees every job; anyone else only their own (0: nobody's filter) */
	return jobs_get(r->db, id, r->user.is_admin ? 0 : r->user.id, v);
}

/* A result that names a file under <var>/exports: a plain name, never a path. */
static int result_is_file(const struct job_view *v)
{
	return v->result[0] && v->result[0] != '.' && v->result[0] != '/' && !strchr(v->result, '/');
}

int job_page(struct req *r)
{
	struct job_view v;
	char key[JOB_TEXT_MAX + 16];
	const char *label;
	int rc = job_of_request(r, &v), percent = 0;

	if (rc != CRM_OK)
		return rc == CRM_ENOTFOUND ? reply_error(r, 404) : reply_db_error(r, rc);
	if (v.total > 0)
		percent = (int)(v.done >= v.total ? 100 : v.done * 100 / v.total);
	if (!strcmp(v.state, "done"))
		percent = 100;
	snprintf(key, sizeof(key), "job.kind.%s", v.kind);
	label = lang_str(r, key);
	if (hdf_putf(r, "Job.id", "%lld", v.id) || hdf_put(r, "Job.kind", v.kind) ||
	    hdf_put(r, "Job.kind_label", label == key ? v.kind : label) || hdf_put(r, "Job.state", v.state) ||
	    hdf_putf(r, "Job.done", "%lld", v.done) || hdf_putf(r, "Job.total", "%lld", v.total) ||
	    hdf_putf(r, "Job.percent", "%d", percent) || hdf_set_datetime(r, "Job.created_at", v.created_at))
		return reply_error(r, 500);
	if (!strcmp(v.state, "failed")) {
		snprintf(key, sizeof(key), "job.err.%s", v.error);
		label = lang_str(r, key);
		if (hdf_put(r, "Job.error", label == key ? v.error : label))
			return reply_error(r, 500);
	}
	if (!strcmp(v.state, "done") && v.result[0] == '/' && v.result[1] != '/') {
		if (hdf_put(r, "Job.link", v.result)) /* a page of the CRM (an import's result) */
			return reply_error(r, 500);
	} else if (!strcmp(v.state, "done") && result_is_file(&v)) {
		if (hdf_putf(r, "Job.file", "/home/job/file?id=%lld", v.id) || hdf_put(r, "Job.file_name", v.result))
			return reply_error(r, 500);
	}
	if ((!strcmp(v.state, "queued") || !strcmp(v.state, "running")) && hdf_put(r, "Page.refresh", JOB_REFRESH_SECONDS))
		return reply_error(r, 500);
	return render(r, "records/job.cs");
}

int job_file(struct req *r)
{
	struct job_view v;
	enum export_format f;
	const char *ext;
	char path[1200];
	int rc = job_of_request(r, &v);

	if (rc != CRM_OK)
		return rc == CRM_ENOTFOUND ? reply_error(r, 404) : reply_db_error(r, rc);
	if (strcmp(v.state, "done") || !result_is_file(&v))
		return reply_error(r, 404);
	ext = strrchr(v.result, '.');
	if (!ext || export_format_parse(ext + 1, &f) != CRM_OK)
		return reply_error(r, 404);
	if (snprintf(path, sizeof(path), "%s/exports/%s", r->cfg->var, v.result) >= (int)sizeof(path))
		return reply_error(r, 404);
	/* the file's export audit row committed with the job's done state */
	rc = resp_send_file(r, path, export_content_type(f), v.result, 1);
	if (rc == CRM_ENOTFOUND)
		return reply_error(r, 404);
	if (rc != CRM_OK && !r->headers_sent)
		return reply_error(r, 500);
	return 200;
}

int job_export_start(struct req *r, const char *kind, const char *params)
{
	long long job = 0;
	int rc = jobs_export_enqueue(r, kind, params, &job);

	return rc == CRM_OK ? jobs_redirect(r, job) : reply_db_error(r, rc);
}

int job_export_params(struct req *r, const char *query, struct buf *out)
{
	buf_puts(out, "{\"path\":");
	json_str(out, r->path);
	buf_puts(out, ",\"query\":");
	json_str(out, query ? query : "");
	return buf_puts(out, "}");
}

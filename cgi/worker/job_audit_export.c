/* audit.export: the audit trail's download (Administration > Audit trail) as a
 * job, for a search too large to wait for: the same columns and filters
 * (records/audit_export.c), written with the asker's language, calendar and
 * permission, kept as <var>/exports/<job id>-audit_log.<format>.
 * params: {"format":"xlsx|doc|xml|txt|csv","user":id,"module":"","action":"",
 *          "from":"YYYY-MM-DD","to":"YYYY-MM-DD"} (all but format optional).
 * Idempotent: the file is written under <var>/tmp and renamed over its final
 * name, and its audit row is committed with the job's done state, so a run
 * cut short and done again leaves one file, one done, one audit row. */
#include "worker.h"
#include "audit/audit.h"
#include "auth/auth.h"
#include "http/http.h"
#include "io/io.h"
#include "records/records.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct audit_job {
	struct worker *w;
	struct job *j;
	struct req r;
	struct audit_export c;
	char query[64];
};

/* "" or YYYY-MM-DD. */
static int iso_date_ok(const char *s)
{
	if (!s[0])
		return 1;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static int read_params(struct audit_job *a)
{
	const char *p = a->j->params;
	struct audit_filter *f = &a->c.f;
	char format[8], user[24];
	int rc = jobs_param(p, "format", format, sizeof(format));

	if (rc != CRM_OK || export_format_parse(format, &a->c.x.format) != CRM_OK)
		return CRM_EINVAL;
	rc = jobs_param(p, "user", user, sizeof(user));
	if (rc == CRM_OK) {
		char *end;

		f->user_id = strtoll(user, &end, 10);
		if (*end || f->user_id < 0)
			return CRM_EINVAL;
	}
	if (rc == CRM_OK || rc == CRM_ENOTFOUND)
		rc = jobs_param(p, "module", f->module, sizeof(f->module));
	if (rc == CRM_OK || rc == CRM_ENOTFOUND)
		rc = jobs_param(p, "action", f->action, sizeof(f->action));
	if (rc == CRM_OK || rc == CRM_ENOTFOUND)
		rc = jobs_param(p, "from", f->from, sizeof(f->from));
	if (rc == CRM_OK || rc == CRM_ENOTFOUND)
		rc = jobs_param(p, "to", f->to, sizeof(f->to));
	if (rc != CRM_OK && rc != CRM_ENOTFOUND)
		return CRM_EINVAL;
	return iso_date_ok(f->from) && iso_date_ok(f->to) ? CRM_OK : CRM_EINVAL;
}

static int progress(void *ctx, long long rows)
{
	struct audit_job *a = ctx;

	return jobs_progress(a->w->db, a->j, rows, 0);
}

int job_audit_export(struct worker *w, struct job *j)
{
	struct audit_job *a = calloc(1, sizeof(*a));
	int rc;

	if (!a)
		return CRM_ERR;
	a->w = w;
	a->j = j;
	rc = read_params(a);
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "params");
		goto out;
	}
	rc = job_as_asker(w, j, &a->r, "admin", "export");
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "%s", rc == CRM_EINVAL ? "denied" : "db");
		goto out;
	}
	/* the audit row names the job: its details say which run made the file */
	snprintf(a->query, sizeof(a->query), "job=%lld", j->id);
	a->c.x.query = a->query;
	a->c.on_batch = progress;
	a->c.ctx = a;
	rc = audit_export_write(&a->r, &a->c);
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "%s", rc == CRM_ETOOBIG ? "toobig" : "export");
		if (rc == CRM_ETOOBIG)
			rc = CRM_EINVAL;
		goto out;
	}
	rc = export_close(&a->c.x);
	if (rc == CRM_OK)
		rc = job_export_done(w, j, &a->c.x);
	else
		snprintf(j->error, sizeof(j->error), "export");
out:
	if (a->c.x.path[0])
		export_abort(&a->c.x);
	render_release(&a->r);
	free(a);
	return rc;
}

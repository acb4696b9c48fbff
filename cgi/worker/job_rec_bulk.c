/* <module>.bulk: a bulk action over all a list matches (records/rec_bulk.c), run as the user
 * who asked: the action's permission checked again now, the list's ids read REC_BULK_STEP at
 * a time in the asker's scope for the action, each record changed by the function its single
 * action calls, in its own transaction with its own audit row.
 * params: {"list":"persons","do":"deactivate","query":"state=active&role=3"}, and "arg":"<id>" for an
 * action that takes a choice (the group to add to).
 * Idempotent: every action sets a state (active, starred, in the bin); a run taken up again after
 * a crash finds the records already changed so and leaves them (counted as skipped), so nothing
 * is done twice. The result is the list's page with the notice of what was done. */
#include "worker.h"
#include "http/http.h"
#include "records/records.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bulk_job {
	struct req r;
	char list[64], action[64];
	char query[JOB_TEXT_MAX * 4];
	long long ids[REC_BULK_STEP];
};

static const struct rec_bulk *bulk_of(const struct job *j, const char *list)
{
	const struct job_kind *k = job_kind_find(j->kind);

	for (const struct rec_bulk *const *b = k && k->bulks ? k->bulks : NULL; b && *b; b++)
		if (!strcmp((*b)->name, list))
			return *b;
	return NULL;
}

/* The list's page with what was done; without the list's filters when they would not fit. */
static void result_link(struct job *j, const struct rec_bulk *b, const struct rec_bulk_action *a, const char *query,
			long long changed, long long skipped)
{
	int n = snprintf(j->result, sizeof(j->result), "%s?%s%sbulk=%s&changed=%lld&skipped=%lld", b->url, query,
			 query[0] ? "&" : "", a->name, changed, skipped);

	if (n < 0 || (size_t)n >= sizeof(j->result))
		snprintf(j->result, sizeof(j->result), "%s?bulk=%s&changed=%lld&skipped=%lld", b->url, a->name, changed,
			 skipped);
}

int job_rec_bulk(struct worker *w, struct job *j)
{
	struct bulk_job *a = calloc(1, sizeof(*a));
	const struct rec_bulk *b = NULL;
	const struct rec_bulk_action *act = NULL;
	long long after = 0, changed = 0, skipped = 0, arg = 0;
	char arg_text[24] = "";
	unsigned n = 0;
	int rc = CRM_OK;

	if (!a)
		return CRM_ERR;
	if (jobs_param(j->params, "list", a->list, sizeof(a->list)) != CRM_OK ||
	    jobs_param(j->params, "do", a->action, sizeof(a->action)) != CRM_OK ||
	    jobs_param(j->params, "query", a->query, sizeof(a->query)) != CRM_OK || !(b = bulk_of(j, a->list)) ||
	    !(act = rec_bulk_action(b, a->action)))
		rc = CRM_EINVAL;
	/* an action's choice (a group): checked again now, as the request checked it */
	if (rc == CRM_OK && act->choices) {
		char *end = NULL;

		if (jobs_param(j->params, "arg", arg_text, sizeof(arg_text)) != CRM_OK ||
		    (arg = strtoll(arg_text, &end, 10)) <= 0 || *end)
			rc = CRM_EINVAL;
	}
	if (rc == CRM_OK)
		rc = job_as_asker(w, j, &a->r, b->module, act->perm);
	if (rc == CRM_OK && act->choices && act->choice_ok(&a->r, arg) != CRM_OK)
		rc = CRM_EINVAL;
	if (rc == CRM_OK && urlencoded_parse(a->query, strlen(a->query), &a->r.query) != CRM_OK)
		rc = CRM_EINVAL;
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "%s", rc == CRM_EINVAL ? "denied" : "db");
		goto out;
	}
	do {
		rc = rec_bulk_ids(&a->r, b, act->perm, after, a->ids, REC_BULK_STEP, &n);
		if (rc == CRM_OK)
			rc = rec_bulk_run(&a->r, b, act, arg, a->ids, n, &changed, &skipped);
		if (rc == CRM_OK && n)
			after = a->ids[n - 1];
		if (rc == CRM_OK)
			rc = jobs_progress(w->db, j, changed + skipped, 0);
	} while (rc == CRM_OK && n == REC_BULK_STEP && !worker_stopping);
	if (rc == CRM_OK && n == REC_BULK_STEP)
		rc = CRM_ERR; /* stopped by SIGTERM: taken up again by the next run */
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "%s", rc == CRM_EINVAL ? "params" : "db");
		goto out;
	}
	result_link(j, b, act, a->query, changed, skipped);
	rc = job_done(w, j, NULL, NULL);
out:
	kv_free(&a->r.query);
	render_release(&a->r);
	free(a);
	return rc;
}

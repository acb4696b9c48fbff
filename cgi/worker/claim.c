/* Taking a job: the claim's transaction is short (a lock, an update, a read),
 * and the work happens after its commit, outside any transaction. */
#include "worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct claim {
	struct worker *w;
	struct job *j;
	int found;
};

static int claimed_row(void *ctx, const struct db_row *row)
{
	struct claim *c = ctx;
	struct job *j = c->j;

	snprintf(j->kind, sizeof(j->kind), "%s", row->values[0]);
	snprintf(j->key, sizeof(j->key), "%s", row->values[1]);
	j->user_id = row->values[2] ? strtoll(row->values[2], NULL, 10) : 0;
	free(j->params);
	j->params = strdup(row->values[3] ? row->values[3] : "{}");
	j->attempt = strtoll(row->values[4], NULL, 10);
	j->max_attempts = strtoll(row->values[5], NULL, 10);
	c->found = j->params != NULL;
	return j->params ? CRM_OK : CRM_ERR;
}

static int claim_tx(struct db *db, void *ctx)
{
	struct claim *c = ctx;
	struct job *j = c->j;
	long long id = 0;
	int rc;

	c->found = 0;
	/* ix_jobs_claim (state, run_after, id); a row another worker has locked is skipped, not waited for */
	rc = db_query_int(db,
			  "SELECT id FROM jobs WHERE state = 'queued' AND run_after <= UTC_TIMESTAMP(6) "
			  "ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED",
			  NULL, 0, &id);
	if (rc != CRM_OK)
		return rc;
	j->id = id;
	snprintf(j->owner, sizeof(j->owner), "%s:%llu", c->w->owner_base, ++c->w->claims);
	{
		struct db_param p[] = { DB_S(j->owner), DB_I(c->w->cfg->jobs_lease_seconds), DB_I(id) };

		rc = db_exec(db,
			     "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = ?, "
			     "lease_until = UTC_TIMESTAMP(6) + INTERVAL ? SECOND, "
			     "started_at = COALESCE(started_at, UTC_TIMESTAMP(6)) WHERE id = ?",
			     p, 3, NULL, NULL);
	}
	if (rc == CRM_OK) {
		struct db_param q[] = { DB_I(id) };

		rc = db_query(db, "SELECT kind, idem_key, user_id, params, attempts, max_attempts FROM jobs WHERE id = ?",
			      q, 1, claimed_row, c);
	}
	if (rc == CRM_OK && !c->found)
		rc = CRM_ERR;
	return rc;
}

int job_claim(struct worker *w, struct job *j)
{
	struct claim c = { w, j, 0 };

	j->result[0] = j->error[0] = '\0';
	return db_transaction(w->db, claim_tx, &c);
}

void job_release(struct job *j)
{
	free(j->params);
	memset(j, 0, sizeof(*j));
}

long job_next_wait_ms(struct worker *w, long poll_ms)
{
	long long us = -1;
	/* the next retry, lease end or schedule, whichever comes first: a backoff of
	 * 300 ms must not wait for a 5 s poll (ix_jobs_claim, ix_jobs_lease, ix_job_schedule_due) */
	int rc = db_query_int(w->db,
			      "SELECT COALESCE(TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), LEAST("
			      "COALESCE((SELECT MIN(run_after) FROM jobs WHERE state = 'queued'), '9999-01-01'), "
			      "COALESCE((SELECT MIN(lease_until) FROM jobs WHERE state = 'running'), '9999-01-01'), "
			      "COALESCE((SELECT MIN(next_run_at) FROM job_schedule), '9999-01-01'))), -1)",
			      NULL, 0, &us);

	if (rc != CRM_OK || us < 0 || us / 1000 >= poll_ms)
		return rc == CRM_OK && us < 0 ? 10 : poll_ms; /* due now but locked by a claim: look again soon */
	return (long)(us / 1000) + 1;
}

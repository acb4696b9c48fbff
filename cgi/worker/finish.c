/* The end of a run. Every write names the claim's owner and state running, so
 * a worker whose lease was taken back (it stalled, the reaper gave the job to
 * another) can neither complete nor fail a job that is no longer its own. */
#include "worker.h"

#include <string.h>

struct done {
	struct worker *w;
	struct job *j;
	db_tx_fn fn;
	void *ctx;
};

static int done_tx(struct db *db, void *ctx)
{
	struct done *d = ctx;
	struct db_param p[] = { DB_S(d->j->result), DB_I(d->j->id), DB_S(d->j->owner) };
	uint64_t n = 0;
	int rc;

	/* the job row first: it is locked and ours before the handler's rows are written */
	rc = db_exec(db,
		     "UPDATE jobs SET state = 'done', result = LEFT(?, 1024), error = '', lease_until = NULL, "
		     "finished_at = UTC_TIMESTAMP(6) WHERE id = ? AND lease_owner = ? AND state = 'running'",
		     p, 3, &n, NULL);
	if (rc == CRM_OK && n != 1)
		rc = CRM_ECONFLICT;
	if (rc == CRM_OK && d->fn)
		rc = d->fn(db, d->ctx);
	return rc;
}

int job_done(struct worker *w, struct job *j, db_tx_fn fn, void *ctx)
{
	struct done d = { w, j, fn, ctx };

	return db_transaction(w->db, done_tx, &d);
}

int job_failed(struct worker *w, struct job *j, int permanent, int *final, long long *retry_ms)
{
	const struct crm_config *cfg = w->cfg;
	uint64_t n = 0;
	int rc;

	*final = permanent || j->attempt >= j->max_attempts;
	*retry_ms = *final ? 0 : jobs_backoff_ms(cfg->jobs_backoff_base_ms, cfg->jobs_backoff_max_seconds * 1000, j->attempt);
	if (!j->error[0])
		strcpy(j->error, "failed");
	{
		struct db_param p[] = { DB_S(*final ? "failed" : "queued"), DB_S(j->error), DB_I(*retry_ms * 1000),
					DB_I(*final), DB_I(j->id), DB_S(j->owner) };

		rc = db_exec(w->db,
			     "UPDATE jobs SET state = ?, error = LEFT(?, 1024), "
			     "run_after = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND, lease_until = NULL, "
			     "finished_at = IF(?, UTC_TIMESTAMP(6), NULL) "
			     "WHERE id = ? AND lease_owner = ? AND state = 'running'",
			     p, 6, &n, NULL);
	}
	if (rc == CRM_OK && n != 1)
		rc = CRM_ECONFLICT;
	return rc;
}

/* Taking back jobs whose worker died: their lease ran out without renewal.
 * The attempt is counted (it was made when claimed), so a job that kills its
 * worker every time ends failed instead of looping for ever. */
#include "worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REAP_BATCH 100

struct expired {
	long long id[REAP_BATCH];
	char kind[REAP_BATCH][JOB_KIND_MAX + 1];
	int final[REAP_BATCH];
	unsigned n;
};

static int expired_row(void *ctx, const struct db_row *row)
{
	struct expired *e = ctx;

	if (e->n == REAP_BATCH)
		return CRM_OK;
	e->id[e->n] = strtoll(row->values[0], NULL, 10);
	snprintf(e->kind[e->n], sizeof(e->kind[e->n]), "%s", row->values[1]);
	e->final[e->n] = row->values[2][0] == '1';
	e->n++;
	return CRM_OK;
}

static int reap_tx(struct db *db, void *ctx)
{
	struct expired *e = ctx;
	int rc;

	e->n = 0;
	/* ix_jobs_lease (state, lease_until); another reaper's rows are skipped */
	rc = db_query(db,
		      "SELECT id, kind, attempts >= max_attempts FROM jobs "
		      "WHERE state = 'running' AND lease_until < UTC_TIMESTAMP(6) LIMIT 100 FOR UPDATE SKIP LOCKED",
		      NULL, 0, expired_row, e);
	for (unsigned i = 0; rc == CRM_OK && i < e->n; i++) {
		struct db_param p[] = { DB_S(e->final[i] ? "failed" : "queued"), DB_I(e->final[i]), DB_I(e->id[i]) };

		rc = db_exec(db,
			     "UPDATE jobs SET state = ?, error = 'lease expired: its worker stopped', "
			     "run_after = UTC_TIMESTAMP(6), lease_until = NULL, "
			     "finished_at = IF(?, UTC_TIMESTAMP(6), NULL) WHERE id = ?",
			     p, 3, NULL, NULL);
	}
	return rc;
}

int jobs_reap(struct worker *w)
{
	struct expired *e = calloc(1, sizeof(*e));
	int rc;

	if (!e)
		return CRM_ERR;
	rc = db_transaction(w->db, reap_tx, e);
	for (unsigned i = 0; rc == CRM_OK && i < e->n; i++)
		crm_log("job %lld %s %s us=0 reaped: lease expired", e->id[i], e->kind[i], e->final[i] ? "failed" : "queued");
	free(e);
	return rc;
}

/* Recurring jobs. A due job_schedule row enqueues its kind with the key
 * "due:<its due time>" and moves on to its next due time, in one transaction:
 * two workers seeing the same due row enqueue one job (SKIP LOCKED keeps the
 * second away, and the unique key would refuse it anyway). */
#include "worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEDULE_BATCH 32

struct due {
	char kind[SCHEDULE_BATCH][JOB_KIND_MAX + 1];
	long long every[SCHEDULE_BATCH], at[SCHEDULE_BATCH];
	long long now;
	unsigned n;
	const struct crm_config *cfg;
};

static int due_row(void *ctx, const struct db_row *row)
{
	struct due *d = ctx;

	if (d->n == SCHEDULE_BATCH)
		return CRM_OK;
	snprintf(d->kind[d->n], sizeof(d->kind[d->n]), "%s", row->values[0]);
	d->every[d->n] = strtoll(row->values[1], NULL, 10);
	d->at[d->n] = strtoll(row->values[2], NULL, 10);
	d->now = strtoll(row->values[3], NULL, 10);
	d->n++;
	return CRM_OK;
}

static int schedule_tx(struct db *db, void *ctx)
{
	struct due *d = ctx;
	int rc;

	d->n = 0;
	/* ix_job_schedule_due; the session's time zone is UTC, so UNIX_TIMESTAMP reads the stored UTC */
	rc = db_query(db,
		      "SELECT kind, every_seconds, UNIX_TIMESTAMP(next_run_at), UNIX_TIMESTAMP(UTC_TIMESTAMP()) "
		      "FROM job_schedule WHERE next_run_at <= UTC_TIMESTAMP() LIMIT 32 FOR UPDATE SKIP LOCKED",
		      NULL, 0, due_row, d);
	for (unsigned i = 0; rc == CRM_OK && i < d->n; i++) {
		char key[40];
		struct job_new n = { d->kind[i], key, 0, "{}", 0, 0 };
		long long id;

		snprintf(key, sizeof(key), "due:%lld", d->at[i]);
		rc = jobs_enqueue(db, d->cfg, &n, &id);
		if (rc == CRM_OK) {
			struct db_param p[] = { DB_I(jobs_next_due(d->at[i], d->every[i], d->now)), DB_S(d->kind[i]) };

			rc = db_exec(db, "UPDATE job_schedule SET next_run_at = FROM_UNIXTIME(?) WHERE kind = ?", p, 2,
				     NULL, NULL);
		}
	}
	return rc;
}

int schedule_run(struct worker *w)
{
	struct due *d = calloc(1, sizeof(*d));
	int rc;

	if (!d)
		return CRM_ERR;
	d->cfg = w->cfg;
	rc = db_transaction(w->db, schedule_tx, d);
	free(d);
	return rc;
}

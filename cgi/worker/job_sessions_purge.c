/* sessions.purge: deletes sessions that have ended (past their absolute expiry,
 * or idle longer than their idle limit: the two conditions session_load
 * refuses) and login attempts older than Jobs.KeepLoginAttemptsSeconds (never
 * younger than Login.WindowSeconds, so throttling still sees them). Deleting by
 * condition is idempotent; batches keep each statement's locks short. */
#include "worker.h"

#include <stdio.h>

#define PURGE_BATCH 5000

static int purge(struct db *db, const char *sql, const struct db_param *p, unsigned n, long long *total)
{
	uint64_t got;
	int rc;

	do {
		got = 0;
		rc = db_exec(db, sql, p, n, &got, NULL);
		*total += (long long)got;
	} while (rc == CRM_OK && got == PURGE_BATCH && !worker_stopping);
	return rc;
}

int job_sessions_purge(struct worker *w, struct job *j)
{
	struct db_param keep[] = { DB_I(w->cfg->jobs_keep_login_attempts) };
	long long sessions = 0, attempts = 0;
	int rc;

	/* ix_sessions_expires serves the first; idle ones are a scan of the (small) live set */
	rc = purge(w->db, "DELETE FROM sessions WHERE expires_at <= UTC_TIMESTAMP() LIMIT 5000", NULL, 0, &sessions);
	if (rc == CRM_OK)
		rc = purge(w->db,
			   "DELETE FROM sessions WHERE last_seen_at <= UTC_TIMESTAMP() - INTERVAL idle_seconds SECOND "
			   "LIMIT 5000",
			   NULL, 0, &sessions);
	/* ix_login_attempts_at */
	if (rc == CRM_OK)
		rc = purge(w->db,
			   "DELETE FROM login_attempts WHERE attempted_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND LIMIT 5000",
			   keep, 1, &attempts);
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "db: %u", db_last_errno(w->db));
		return rc;
	}
	snprintf(j->result, sizeof(j->result), "sessions=%lld login_attempts=%lld", sessions, attempts);
	return job_done(w, j, NULL, NULL);
}

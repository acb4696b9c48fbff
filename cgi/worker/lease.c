/* Renewing a running job's lease from a thread of its own, on its own
 * connection: the handler may sit in one long query or a slow file write, and
 * its job must not be taken back while it is alive. When the process dies the
 * renewals stop with it, and the reaper gives the job to another run. */
#include "worker.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct lease {
	const struct crm_config *cfg;
	long long id;
	char owner[JOB_OWNER_MAX + 1];
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;
	int lost;
};

static int renew(struct db *db, const struct lease *l)
{
	struct db_param p[] = { DB_I(l->cfg->jobs_lease_seconds), DB_I(l->id), DB_S(l->owner) };
	uint64_t n = 0;
	int rc = db_exec(db,
			 "UPDATE jobs SET lease_until = UTC_TIMESTAMP(6) + INTERVAL ? SECOND "
			 "WHERE id = ? AND lease_owner = ? AND state = 'running'",
			 p, 3, &n, NULL);

	return rc == CRM_OK && n == 0 ? CRM_ECONFLICT : rc;
}

static void *lease_main(void *arg)
{
	struct lease *l = arg;
	struct db *db = db_new(l->cfg);
	long period_ms = l->cfg->jobs_lease_seconds * 1000 / 3;

	pthread_mutex_lock(&l->mu);
	while (!l->stop) {
		struct timespec until;
		int rc;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += period_ms / 1000;
		until.tv_nsec += (period_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (!l->stop && pthread_cond_timedwait(&l->cv, &l->mu, &until) != ETIMEDOUT)
			;
		if (l->stop)
			break;
		pthread_mutex_unlock(&l->mu);
		rc = db ? renew(db, l) : CRM_ERR;
		pthread_mutex_lock(&l->mu);
		if (rc == CRM_ECONFLICT) {
			/* taken back (we stalled past the lease): the end we write will be refused */
			crm_log("job %lld: lease lost", l->id);
			l->lost = 1;
			break;
		}
		if (rc != CRM_OK)
			crm_log("job %lld: lease renewal failed; trying again", l->id);
	}
	pthread_mutex_unlock(&l->mu);
	db_free(db);
	return NULL;
}

struct lease *lease_start(struct worker *w, const struct job *j)
{
	struct lease *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->cfg = w->cfg;
	l->id = j->id;
	memcpy(l->owner, j->owner, sizeof(l->owner));
	pthread_mutex_init(&l->mu, NULL);
	pthread_cond_init(&l->cv, NULL);
	if (pthread_create(&l->thread, NULL, lease_main, l) != 0) {
		pthread_cond_destroy(&l->cv);
		pthread_mutex_destroy(&l->mu);
		free(l);
		return NULL;
	}
	return l;
}

int lease_stop(struct lease *l)
{
	int lost;

	if (!l)
		return 0;
	pthread_mutex_lock(&l->mu);
	l->stop = 1;
	pthread_cond_signal(&l->cv);
	pthread_mutex_unlock(&l->mu);
	pthread_join(l->thread, NULL);
	lost = l->lost;
	pthread_cond_destroy(&l->cv);
	pthread_mutex_destroy(&l->mu);
	free(l);
	return lost;
}

/* crm-worker: the job worker daemon. Loop: take back expired leases, enqueue
 * due schedules, claim a job and run it, and when nothing is due wait for a
 * kick or Jobs.PollSeconds. SIGTERM ends it after the current job. Each run
 * ends with one log line: job <id> <kind> <state> us=<microseconds> ... */
#include "worker.h"
#include "render/render.h"
#include "domain/domain.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

volatile sig_atomic_t worker_stopping;

static void on_term(int sig)
{
	(void)sig;
	worker_stopping = 1;
}

static void run_one(struct worker *w, struct job *j)
{
	const struct job_kind *k = job_kind_find(j->kind);
	long long started = now_us(), retry_ms = 0;
	struct lease *l = NULL;
	int rc, lost = 0, final = 0;

	if (!k) {
		snprintf(j->error, sizeof(j->error), "unknown kind");
		rc = CRM_EINVAL;
	} else {
		l = lease_start(w, j);
		if (!l)
			crm_log("job %lld: no lease thread; the lease runs out after %lds", j->id, w->cfg->jobs_lease_seconds);
		rc = k->run(w, j);
		lost = lease_stop(l);
	}
	if (rc == CRM_OK) {
		crm_log("job %lld %s done us=%lld attempt=%lld result=%s", j->id, j->kind, now_us() - started, j->attempt,
			j->result);
		return;
	}
	if (rc == CRM_ECONFLICT || lost) {
		/* the job is another run's now: whatever we did is theirs to finish */
		crm_log("job %lld %s lost us=%lld attempt=%lld", j->id, j->kind, now_us() - started, j->attempt);
		return;
	}
	rc = job_failed(w, j, rc == CRM_EINVAL, &final, &retry_ms);
	if (rc == CRM_OK)
		crm_log("job %lld %s %s us=%lld attempt=%lld error=%s retry_ms=%lld", j->id, j->kind,
			final ? "failed" : "queued", now_us() - started, j->attempt, j->error, retry_ms);
	else
		crm_log("job %lld %s lost us=%lld attempt=%lld error=%s (its end not written)", j->id, j->kind,
			now_us() - started, j->attempt, j->error);
}

static void loop(struct worker *w)
{
	long poll_ms = w->cfg->jobs_poll_seconds * 1000;

	while (!worker_stopping) {
		struct job j;
		int rc;

		memset(&j, 0, sizeof(j));
		/* the reaper and the schedule are cheap index lookups: every turn */
		if (jobs_reap(w) != CRM_OK || schedule_run(w) != CRM_OK) {
			kick_wait(w, poll_ms); /* the database is away: wait, do not spin */
			continue;
		}
		rc = job_claim(w, &j);
		if (rc == CRM_OK) {
			run_one(w, &j);
			job_release(&j);
			continue; /* drain the queue before sleeping */
		}
		job_release(&j);
		if (!worker_stopping)
			kick_wait(w, rc == CRM_ENOTFOUND ? job_next_wait_ms(w, poll_ms) : poll_ms);
	}
}

int main(void)
{
	struct crm_config cfg;
	struct worker w;
	struct sigaction sa;
	char err[512], host[32];
	int status = 1;

	memset(&w, 0, sizeof(w));
	w.kick_fd = -1;
	crm_log_set_module("worker");
	domain_init();
	if (config_load(&cfg, NULL, err, sizeof(err)) != CRM_OK) {
		crm_log("configuration: %s", err);
		return 1;
	}
	w.cfg = &cfg;
	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "host");
	host[sizeof(host) - 1] = '\0';
	snprintf(w.owner_base, sizeof(w.owner_base), "%s:%ld", host, (long)getpid());
	/* the export engine writes headers in the asker's language */
	if (crypto_init() != CRM_OK || render_init(&cfg) != CRM_OK || !(w.db = db_new(&cfg))) {
		crm_log("start-up failed");
		goto out;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term; /* no SA_RESTART: the wait returns at once */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (kick_open(&w) != CRM_OK) {
		crm_log("cannot open the kick socket");
		goto out;
	}
	crm_log("started as %s (lease %lds, poll %lds)", w.owner_base, cfg.jobs_lease_seconds, cfg.jobs_poll_seconds);
	loop(&w);
	crm_log("stopping");
	status = 0;
out:
	kick_close(&w);
	db_free(w.db);
	render_shutdown();
	config_free(&cfg);
	return status;
}

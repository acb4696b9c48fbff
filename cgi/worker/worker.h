/* crm-worker: runs the jobs of the `jobs` table (sql/020_jobs.sql). One file per part:
 * main.c the loop and signals, claim.c taking a job, finish.c writing its end,
 * lease.c renewing its lease while it runs, reaper.c taking back expired leases,
 * schedule.c recurring jobs, kick.c the wake-up socket, handlers.c the kinds. */
#ifndef CRM_WORKER_H
#define CRM_WORKER_H

#include "core/core.h"
#include "config/config.h"
#include "db/db.h"
#include "jobs/jobs.h"

#include <signal.h>

struct worker {
	const struct crm_config *cfg;
	struct db *db;
	char owner_base[64];          /* host:pid; a claim adds its own number */
	unsigned long long claims;
	int kick_fd;                  /* -1: another worker holds the socket; we poll */
	int kick_bound;               /* we made the socket file (and remove it) */
};

/* Set by SIGTERM/SIGINT: the loop ends after the current job. */
extern volatile sig_atomic_t worker_stopping;

/* ---- handlers.c ---- */
/* A kind's handler does the work and ends with job_done (its result and its
 * own rows in one transaction). It returns job_done's code; CRM_EINVAL for a
 * job that can never succeed (bad params, a user without the permission):
 * it fails at once; any other failure is tried again with backoff. It sets
 * j->error to say why. Handlers must be idempotent: a job whose worker died
 * runs again (write a temporary file and rename it, delete by condition). */
struct rec_entity;
struct rec_bulk;
struct job_kind {
	const char *kind;
	int (*run)(struct worker *w, struct job *j);
	/* <module>.list_export: the module's entities it may export (NULL-ended), else NULL */
	const struct rec_entity *const *entities;
	/* <module>.bulk: the module's lists with bulk actions (NULL-ended), else NULL */
	const struct rec_bulk *const *bulks;
};
const struct job_kind *job_kind_find(const char *kind);

int job_sessions_purge(struct worker *w, struct job *j);
int job_audit_export(struct worker *w, struct job *j);
int job_fields_apply(struct worker *w, struct job *j);
int job_party_import(struct worker *w, struct job *j);
int job_party_export(struct worker *w, struct job *j);
int job_party_search(struct worker *w, struct job *j);
int job_rec_export(struct worker *w, struct job *j);
int job_rec_bulk(struct worker *w, struct job *j);

/* ---- asker.c ---- */
struct req;
/* r as the job's asker (j->user_id) with their language, r->hdf ready (render_release
 * it at the end); CRM_EINVAL when there is no such user or they may not (module, action). */
int job_as_asker(struct worker *w, const struct job *j, struct req *r, const char *module, const char *action);

/* ---- export_file.c ---- */
struct export;
/* Moves x's finished file to <var>/exports/<job id>-<list>.<format> (j->result);
 * CRM_ERR with j->error when the disk fails. */
int job_export_publish(struct worker *w, struct job *j, struct export *x);
/* job_export_publish, then job_done with the file's export audit row in the done transaction. */
int job_export_done(struct worker *w, struct job *j, struct export *x);
/* j->error for an export not written (rc: CRM_EINVAL "params", CRM_ETOOBIG "toobig", else
 * "export"); returns the code to end the run with (a list too long fails at once). */
int job_export_error(struct job *j, int rc);

/* ---- claim.c ---- */
/* Takes the oldest due job (FOR UPDATE SKIP LOCKED), marks it running under a
 * new lease owned by this claim, commits. CRM_ENOTFOUND when none is due. */
int job_claim(struct worker *w, struct job *j);
void job_release(struct job *j);
/* How long to sleep when nothing is due: until the next retry or lease end, at most poll_ms. */
long job_next_wait_ms(struct worker *w, long poll_ms);

/* ---- finish.c ---- */
/* The end of a run, each fenced by the claim's owner, so a run whose lease was
 * taken back changes nothing (CRM_ECONFLICT). */
/* state done + j->result, with fn's rows (may be NULL) in the same transaction. */
int job_done(struct worker *w, struct job *j, db_tx_fn fn, void *ctx);
/* Again after the backoff, or failed for good (permanent, or out of attempts);
 * *final says which, *retry_ms when. */
int job_failed(struct worker *w, struct job *j, int permanent, int *final, long long *retry_ms);

/* ---- lease.c ---- */
/* A thread with its own connection renews the lease every third of
 * Jobs.LeaseSeconds while the handler runs (it may sit in one long query). */
struct lease;
struct lease *lease_start(struct worker *w, const struct job *j);
/* Stops the thread; returns 1 when the lease was lost meanwhile. */
int lease_stop(struct lease *l);

/* ---- reaper.c ---- */
/* Running jobs whose lease ran out (their worker died) go back to the queue,
 * or fail when out of attempts. */
int jobs_reap(struct worker *w);

/* ---- schedule.c ---- */
/* Enqueues the job of every due job_schedule row, keyed by its due time. */
int schedule_run(struct worker *w);

/* ---- kick.c ---- */
int kick_open(struct worker *w);
/* Waits up to ms for a kick (or a signal); drains the socket. */
void kick_wait(struct worker *w, long ms);
void kick_close(struct worker *w);

#endif

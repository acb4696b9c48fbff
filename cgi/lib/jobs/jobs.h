/* libcrm area jobs: Background jobs: enqueue (idempotent), kick the worker, read a job's state, progress. */
#ifndef CRM_LIB_JOBS_H
#define CRM_LIB_JOBS_H

#include "core/core.h"
#include "config/config.h"
#include "db/db.h"

#include <stddef.h>

/* ---- jobs ---- */
/* A job is a row of `jobs` (sql/020_jobs.sql) that crm-worker (cgi/worker/) runs
 * outside any request: enqueue it inside the transaction of the change that asks
 * for it, then kick the worker after the commit. */
#define JOB_KIND_MAX 64
#define JOB_KEY_MAX 255
#define JOB_TEXT_MAX 1024
#define JOB_OWNER_MAX 96

struct job_new {
	const char *kind;   /* a kind in the worker's handler table, e.g. "audit.export" */
	const char *key;    /* idempotency key: the same (kind, key) is the same job */
	long long user_id;  /* who asked (0: the system, e.g. the schedule) */
	const char *params; /* a JSON object (NULL: {}) */
	long long max_attempts; /* 0: Jobs.MaxAttempts */
	long long delay_ms;     /* run no earlier than this from now */
};

/* Call inside the caller's transaction. *id gets the job's id, the existing one
 * when (kind, key) was enqueued before (then nothing changes). */
int jobs_enqueue(struct db *db, const struct crm_config *cfg, const struct job_new *n, long long *id);

/* Wakes the worker (a datagram to <var>/run/worker.sock) so a job just committed
 * starts within a second. A failure is logged, never the user's problem: the
 * worker also polls every Jobs.PollSeconds. */
void jobs_kick(const struct crm_config *cfg);
/* The kick socket's path. */
int jobs_socket_path(const struct crm_config *cfg, char *out, size_t outlen);

/* A job as a page shows it; times are stored UTC ("" when not yet). */
struct job_view {
	long long id;
	char kind[JOB_KIND_MAX + 1];
	char state[8];          /* queued, running, done, failed */
	long long user_id;
	long long attempts, max_attempts;
	long long done, total;  /* progress; total 0: not known */
	char result[JOB_TEXT_MAX + 1];
	char error[JOB_TEXT_MAX + 1];
	char created_at[32], started_at[32], finished_at[32];
};

/* CRM_ENOTFOUND when there is no such job, or (user_id non-zero) it is not that user's. */
int jobs_get(struct db *db, long long id, long long user_id, struct job_view *out);

/* What a running job's handler sees. The worker claims it, renews its lease
 * while the handler runs, and writes its end. */
struct job {
	long long id;
	char kind[JOB_KIND_MAX + 1];
	char key[JOB_KEY_MAX * 4 + 1];
	long long user_id;
	char *params;           /* JSON object text, owned by the job */
	long long attempt;      /* this run's number, from 1 */
	long long max_attempts;
	char owner[JOB_OWNER_MAX + 1]; /* this claim's lease owner: fences every write */
	char result[JOB_TEXT_MAX + 1]; /* the handler's result (a file name, a count) */
	char error[JOB_TEXT_MAX + 1];  /* the handler's error when it fails */
};

/* Records progress (done of total; total 0 when unknown) of a job this worker
 * still holds. CRM_ECONFLICT when its lease was taken back. */
int jobs_progress(struct db *db, const struct job *j, long long done, long long total);

/* ---- jobs_export ---- */
struct req;
/* A large export as a job of kind for the asker (r->user), params a JSON object: enqueued in
 * one transaction with its `enqueue` audit row (the same user asking for the same params in
 * the same second gets the same job: a double click), the worker kicked after the commit.
 * *id gets the job. */
int jobs_export_enqueue(struct req *r, const char *kind, const char *params, long long *id);
/* The answer after a job was enqueued: a redirect to its page, /home/job?id=N (domain/job_page.c). */
int jobs_redirect(struct req *r, long long job_id);

/* ---- jobs_params ---- */
/* Reading a job's params: a flat JSON object of strings and integers. */
/* The value of name as text (a string unescaped, a number as written) into out;
 * CRM_ENOTFOUND when absent or null, CRM_EINVAL when params is not such an
 * object, CRM_ETOOBIG when the value does not fit. */
int jobs_param(const char *params, const char *name, char *out, size_t outlen);

/* ---- jobs_time ---- */
/* Pure timing rules, unit-tested. */
/* Milliseconds before retry number attempt + 1 after attempt failed (from 1):
 * base_ms x 2^(attempt - 1), at most max_ms. */
long long jobs_backoff_ms(long long base_ms, long long max_ms, long long attempt);
/* The next due time of a schedule that was due at due (Unix seconds), every
 * seconds apart, seen at now: the first due + k x every later than now, so a
 * worker that was stopped for days runs the job once, not once per missed time. */
long long jobs_next_due(long long due, long long every, long long now);

#endif

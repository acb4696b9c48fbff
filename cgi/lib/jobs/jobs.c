/* The modules' side of jobs: enqueue, kick, read, progress. */
#include "jobs/jobs.h"
#include "core/core.h"
#include "db/db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int jobs_enqueue(struct db *db, const struct crm_config *cfg, const struct job_new *n, long long *id)
{
	struct db_param p[6];
	uint64_t got = 0;
	int rc;

	if (!n->kind || !n->kind[0] || strlen(n->kind) > JOB_KIND_MAX || !n->key || !n->key[0])
		return CRM_EINVAL;
	p[0] = DB_S(n->kind);
	p[1] = DB_S(n->key);
	p[2] = n->user_id ? DB_I(n->user_id) : DB_NUL;
	p[3] = DB_S(n->params ? n->params : "{}");
	p[4] = DB_I(n->max_attempts > 0 ? n->max_attempts : cfg->jobs_max_attempts);
	p[5] = DB_I(n->delay_ms > 0 ? n->delay_ms * 1000 : 0);
	/* the same key again keeps the first job; LAST_INSERT_ID(id) hands back its id */
	rc = db_exec(db,
		     "INSERT INTO jobs (kind, idem_key, user_id, params, max_attempts, run_after, created_at) "
		     "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND, UTC_TIMESTAMP(6)) "
		     "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)",
		     p, 6, NULL, &got);
	if (rc == CRM_OK)
		*id = (long long)got;
	return rc;
}

int jobs_socket_path(const struct crm_config *cfg, char *out, size_t outlen)
{
	int n = snprintf(out, outlen, "%s/run/worker.sock", cfg->var);

	return (n < 0 || (size_t)n >= outlen) ? CRM_ERR : CRM_OK;
}

void jobs_kick(const struct crm_config *cfg)
{
	struct sockaddr_un a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	if (jobs_socket_path(cfg, a.sun_path, sizeof(a.sun_path)) != CRM_OK) {
		crm_log("jobs: the kick socket's path is too long");
		return;
	}
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		crm_log("jobs: kick: socket: %s", strerror(errno));
		return;
	}
	/* one byte; a full queue (EAGAIN) means the worker is being woken already */
	if (sendto(fd, "k", 1, 0, (const struct sockaddr *)&a, sizeof(a)) != 1 && errno != EAGAIN)
		crm_log("jobs: kick %s: %s (the worker will poll)", a.sun_path, strerror(errno));
	close(fd);
}

static void copy_col(char *dst, size_t n, const char *v)
{
	snprintf(dst, n, "%s", v ? v : "");
}

static int view_row(void *ctx, const struct db_row *row)
{
	struct job_view *v = ctx;

	v->id = strtoll(row->values[0], NULL, 10);
	copy_col(v->kind, sizeof(v->kind), row->values[1]);
	copy_col(v->state, sizeof(v->state), row->values[2]);
	v->user_id = row->values[3] ? strtoll(row->values[3], NULL, 10) : 0;
	v->attempts = strtoll(row->values[4], NULL, 10);
	v->max_attempts = strtoll(row->values[5], NULL, 10);
	v->done = strtoll(row->values[6], NULL, 10);
	v->total = strtoll(row->values[7], NULL, 10);
	copy_col(v->result, sizeof(v->result), row->values[8]);
	copy_col(v->error, sizeof(v->error), row->values[9]);
	copy_col(v->created_at, sizeof(v->created_at), row->values[10]);
	copy_col(v->started_at, sizeof(v->started_at), row->values[11]);
	copy_col(v->finished_at, sizeof(v->finished_at), row->values[12]);
	return CRM_OK;
}

int jobs_get(struct db *db, long long id, long long user_id, struct job_view *out)
{
	struct db_param p[] = { DB_I(id), DB_I(user_id), DB_I(user_id) };
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_query(db,
		      "SELECT id, kind, state, user_id, attempts, max_attempts, progress_done, progress_total, "
		      "result, error, created_at, started_at, finished_at FROM jobs "
		      "WHERE id = ? AND (? = 0 OR user_id = ?)",
		      p, 3, view_row, out);
	if (rc == CRM_OK && !out->id)
		rc = CRM_ENOTFOUND;
	return rc;
}

int jobs_progress(struct db *db, const struct job *j, long long done, long long total)
{
	struct db_param p[] = { DB_I(done), DB_I(total), DB_I(j->id), DB_S(j->owner) };
	uint64_t n = 0;
	int rc = db_exec(db,
			 "UPDATE jobs SET progress_done = ?, progress_total = ? "
			 "WHERE id = ? AND lease_owner = ? AND state = 'running'",
			 p, 4, &n, NULL);

	/* affected rows count changed rows only: the same numbers again are still ours */
	if (rc == CRM_OK && n == 0) {
		long long mine = 0;
		struct db_param q[] = { DB_I(j->id), DB_S(j->owner) };

		rc = db_query_int(db, "SELECT COUNT(*) FROM jobs WHERE id = ? AND lease_owner = ? AND state = 'running'",
				  q, 2, &mine);
		if (rc == CRM_OK && !mine)
			rc = CRM_ECONFLICT;
	}
	return rc;
}

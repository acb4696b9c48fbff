/* crmctl: administration from the shell (first admin, password resets).
 *   crmctl bootstrap-admin        create user "admin" with a random password once,
 *                                 kept in <var>/initial-admin-password (mode 600)
 *   crmctl create-user NAME ROLE  create a user; the password is read from stdin
 *   crmctl set-password NAME      set a user's password from stdin
 *   crmctl enqueue KIND KEY [USER_ID [PARAMS]]
 *                                 enqueue a job (idempotent by KEY; PARAMS a JSON
 *                                 object) and kick the worker; prints its id
 * Every change writes its audit row in the same transaction. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "http/http.h"
#include "auth/auth.h"
#include "jobs/jobs.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct user_tx {
	struct req *r;
	const char *username;
	const char *role;
	const char *hash;
	int must_change;
};

static int create_user_tx(struct db *db, void *ctx)
{
	struct user_tx *t = ctx;
	struct db_param u[] = { DB_S(t->username), DB_S(t->username), DB_S(t->hash), DB_I(t->must_change) };
	struct db_param ro[2];
	uint64_t id = 0;
	int rc;

	rc = db_exec(db,
		     "INSERT INTO users (username, display_name, password_hash, must_change_password, "
		     "password_changed_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
		     u, 4, NULL, &id);
	if (rc != CRM_OK)
		return rc;
	ro[0] = DB_I((long long)id);
	ro[1] = DB_S(t->role);
	rc = db_exec(db, "INSERT INTO user_roles (user_id, role_id) SELECT ?, id FROM roles WHERE name = ?", ro, 2,
		     NULL, &id);
	if (rc != CRM_OK)
		return rc;
	return audit_write(t->r, 0, "users", ro[0].i, "insert", "{\"source\":\"crmctl\"}");
}

static int set_password_tx(struct db *db, void *ctx)
{
	struct user_tx *t = ctx;
	struct db_param q[] = { DB_S(t->username) };
	struct password_store ps = { 0, t->hash, 0, 0, "password_change", "{\"source\":\"crmctl\"}" };
	int rc = db_query_int(db, "SELECT id FROM users WHERE username = ?", q, 1, &ps.user_id);

	return rc == CRM_OK ? user_password_store(t->r, &ps) : rc;
}

static int read_password(char *out, size_t outlen)
{
	if (!fgets(out, (int)outlen, stdin))
		return CRM_ERR;
	out[strcspn(out, "\r\n")] = '\0';
	return CRM_OK;
}

/* A password of 20 characters from an alphabet without look-alikes. */
static int random_password(char *out, size_t len)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	unsigned char raw[64];

	if (len > sizeof(raw) || random_bytes(raw, len - 1) != CRM_OK)
		return CRM_ERR;
	for (size_t i = 0; i < len - 1; i++)
		out[i] = alphabet[raw[i] % (sizeof(alphabet) - 1)]; /* 56 symbols: bias under 1% */
	out[len - 1] = '\0';
	return CRM_OK;
}

static int write_secret_file(const char *path, const char *content)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	size_t n = strlen(content);

	if (fd < 0)
		return CRM_ERR;
	if (write(fd, content, n) != (ssize_t)n || write(fd, "\n", 1) != 1) {
		close(fd);
		return CRM_ERR;
	}
	return close(fd) == 0 ? CRM_OK : CRM_ERR;
}

static int bootstrap_admin(struct req *r)
{
	struct password_params pp = { r->cfg->pw_mem_kib, r->cfg->pw_iterations, r->cfg->pw_parallelism };
	char password[21], hash[PASSWORD_HASH_MAX], path[700];
	struct user_tx t = { r, "admin", "admin", hash, 0 };
	long long n;
	int rc;

	rc = db_query_int(r->db, "SELECT COUNT(*) FROM users WHERE username = 'admin'", NULL, 0, &n);
	if (rc != CRM_OK)
		return rc;
	if (n > 0) {
		printf("admin exists\n");
		return CRM_OK;
	}
	if (random_password(password, sizeof(password)) != CRM_OK || password_hash(password, &pp, hash) != CRM_OK)
		return CRM_ERR;
	snprintf(path, sizeof(path), "%s/initial-admin-password", r->cfg->var);
	/* The file first: a created admin whose password nobody saw would lock us out. */
	if (write_secret_file(path, password) != CRM_OK) {
		fprintf(stderr, "cannot write %s\n", path);
		return CRM_ERR;
	}
	rc = db_transaction(r->db, create_user_tx, &t);
	if (rc != CRM_OK) {
		unlink(path);
		return rc;
	}
	printf("admin created; password in %s\n", path);
	return CRM_OK;
}

struct enqueue_tx {
	const struct crm_config *cfg;
	struct job_new n;
	long long id;
};

static int enqueue_tx(struct db *db, void *ctx)
{
	struct enqueue_tx *t = ctx;

	return jobs_enqueue(db, t->cfg, &t->n, &t->id);
}

static int enqueue(struct req *r, int argc, char **argv)
{
	struct enqueue_tx t = { r->cfg, { argv[2], argv[3], 0, argc > 5 ? argv[5] : "{}", 0, 0 }, 0 };
	char probe[2];
	int rc;

	if (argc > 4) {
		char *end;

		t.n.user_id = strtoll(argv[4], &end, 10);
		if (*end || t.n.user_id < 0)
			return CRM_EINVAL;
	}
	/* refuse what no worker could read */
	rc = jobs_param(t.n.params, "", probe, sizeof(probe));
	if (rc == CRM_EINVAL)
		return CRM_EINVAL;
	rc = db_transaction(r->db, enqueue_tx, &t);
	if (rc != CRM_OK)
		return rc;
	jobs_kick(r->cfg);
	printf("%lld\n", t.id);
	return CRM_OK;
}

int main(int argc, char **argv)
{
	struct crm_config cfg;
	struct req r;
	char err[512], password[1025], hash[PASSWORD_HASH_MAX];
	struct password_params pp;
	int rc = CRM_ERR;

	if (argc < 2) {
		fprintf(stderr, "usage: crmctl bootstrap-admin | create-user NAME ROLE | set-password NAME | "
				"enqueue KIND KEY [USER_ID [PARAMS]]\n");
		return 2;
	}
	crm_log_set_module("crmctl");
	if (config_load(&cfg, NULL, err, sizeof(err)) != CRM_OK) {
		fprintf(stderr, "configuration: %s\n", err);
		return 1;
	}
	memset(&r, 0, sizeof(r));
	r.cfg = &cfg;
	r.module = "cli";
	snprintf(r.remote_addr, sizeof(r.remote_addr), "local");
	if (crypto_init() != CRM_OK || !(r.db = db_new(&cfg)) || db_ensure(r.db) != CRM_OK) {
		fprintf(stderr, "cannot reach the database\n");
		db_free(r.db);
		config_free(&cfg);
		return 1;
	}
	pp = (struct password_params){ cfg.pw_mem_kib, cfg.pw_iterations, cfg.pw_parallelism };
	if (strcmp(argv[1], "bootstrap-admin") == 0) {
		rc = bootstrap_admin(&r);
	} else if ((strcmp(argv[1], "create-user") == 0 && argc == 4) ||
		   (strcmp(argv[1], "set-password") == 0 && argc == 3)) {
		struct user_tx t = { &r, argv[2], argc == 4 ? argv[3] : NULL, hash, 0 };

		if (read_password(password, sizeof(password)) != CRM_OK ||
		    (long)strlen(password) < cfg.pw_min_length) {
			fprintf(stderr, "give a password of at least %ld characters on stdin\n", cfg.pw_min_length);
		} else if (password_hash(password, &pp, hash) == CRM_OK) {
			rc = db_transaction(r.db, argc == 4 ? create_user_tx : set_password_tx, &t);
			if (rc == CRM_ENOTFOUND)
				fprintf(stderr, "no user %s\n", argv[2]);
			else if (rc == CRM_ECONFLICT)
				fprintf(stderr, "user %s exists already\n", argv[2]);
		}
		memset(password, 0, sizeof(password));
	} else if (strcmp(argv[1], "enqueue") == 0 && argc >= 4 && argc <= 6) {
		rc = enqueue(&r, argc, argv);
		if (rc == CRM_EINVAL)
			fprintf(stderr, "give a kind, a key, a user id and a flat JSON object of params\n");
	} else {
		fprintf(stderr, "unknown command %s\n", argv[1]);
	}
	db_free(r.db);
	config_free(&cfg);
	return rc == CRM_OK ? 0 : 1;
}

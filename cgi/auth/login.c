/* GET/POST /auth/login and POST /auth/logout. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "auth/auth.h"
#include "auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASSWORD_MAX_BYTES 1024

void auth_password_params(const struct req *r, struct password_params *pp)
{
	pp->mem_kib = r->cfg->pw_mem_kib;
	pp->iterations = r->cfg->pw_iterations;
	pp->parallelism = r->cfg->pw_parallelism;
}

static const char *next_target(const struct req *r)
{
	const char *next = req_param(r, "next");

	return local_path_safe(next) ? next : "/home/";
}

static int show_form(struct req *r, int status, const char *error_key, const char *username)
{
	NEOERR *err = STATUS_OK;
	const char *next = req_param(r, "next");

	if (local_path_safe(next))
		err = hdf_set_value(r->hdf, "Login.next", next);
	if (err == STATUS_OK && username)
		err = hdf_set_value(r->hdf, "Login.username", username);
	if (err == STATUS_OK && error_key)
		err = hdf_set_value(r->hdf, "Login.error", lang_str(r, error_key));
	if (err == STATUS_OK && req_param(r, "expired"))
		err = hdf_set_value(r->hdf, "Login.notice", lang_str(r, "login.expired"));
	if (err == STATUS_OK && req_param(r, "changed"))
		err = hdf_set_value(r->hdf, "Login.notice", lang_str(r, "password.changed_login"));
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return reply_error(r, 500);
	}
	r->status = status;
	return render(r, "auth/login.cs");
}

int login_form(struct req *r)
{
	const char *lang = kv_get(&r->query, "lang");

	if (r->logged_in)
		return resp_redirect(r, next_target(r));
	/* A language picked on the login page sticks for the next visit. */
	if (lang_known(lang) && resp_cookie(r, "crm_lang", lang, 31536000) != CRM_OK)
		return reply_error(r, 500);
	return show_form(r, 200, NULL, NULL);
}

struct login_tx {
	struct req *r;
	const char *username;
	long long user_id;
	int success;
	const char *new_hash; /* rehash with today's cost, or NULL */
	int remember;
	char token[TOKEN_HEX]; /* the new session's, for the cookie once committed */
};

static int login_tx_run(struct db *db, void *ctx)
{
	struct login_tx *t = ctx;
	struct req *r = t->r;
	int rc;

	(void)db;
	rc = throttle_record(r, t->username, t->success);
	if (rc != CRM_OK)
		return rc;
	if (!t->success)
		return audit_write(r, t->user_id, "users", t->user_id, "login_failed", NULL);
	rc = session_start(r, t->user_id, t->remember, t->token);
	if (rc != CRM_OK)
		return rc;
	struct db_param p[] = { DB_I(t->user_id) };

	rc = db_exec(r->db, "UPDATE users SET last_login_at = UTC_TIMESTAMP() WHERE id = ?", p, 1, NULL, NULL);
	if (rc == CRM_OK && t->new_hash) {
		struct db_param h[] = { DB_S(t->new_hash), DB_I(t->user_id) };

		rc = db_exec(r->db, "UPDATE users SET password_hash = ? WHERE id = ?", h, 2, NULL, NULL);
	}
	if (rc == CRM_OK)
		rc = audit_write(r, t->user_id, "users", t->user_id, "login", NULL);
	return rc;
}

struct user_auth {
	long long id;
	char hash[PASSWORD_HASH_MAX];
	int active;
	int found;
};

static int user_auth_row(void *ctx, const struct db_row *row)
{
	struct user_auth *ua = ctx;

	ua->found = 1;
	ua->id = strtoll(row->values[0], NULL, 10);
	snprintf(ua->hash, sizeof(ua->hash), "%s", row->values[1]);
	ua->active = row->values[2][0] == '1';
	return CRM_OK;
}

/* A hash to verify against when the user does not exist, so that an unknown
 * name takes as long as a wrong password. */
static const char *dummy_hash(const struct password_params *pp)
{
	static char hash[PASSWORD_HASH_MAX];

	if (!hash[0] && password_hash("not a real password", pp, hash) != CRM_OK)
		return NULL;
	return hash;
}

int login_submit(struct req *r)
{
	char username[65];
	const char *password = req_param(r, "password");
	struct password_params pp;
	struct user_auth ua = { 0 };
	struct login_tx t = { r, username, 0, 0, NULL, req_param(r, "remember") != NULL, "" };
	char new_hash[PASSWORD_HASH_MAX];
	long long wait_s;
	int stale = 0, rc;

	rc = req_text(r, "username", 64, username, sizeof(username));
	if (rc == CRM_ETOOBIG || (password && strlen(password) > PASSWORD_MAX_BYTES))
		return show_form(r, 400, "login.too_long", NULL);
	if (rc != CRM_OK || !password || !*password)
		return show_form(r, 400, "login.missing", rc == CRM_OK ? username : NULL);
	rc = throttle_check(r, username, &wait_s);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (wait_s > 0) {
		char minutes[32];

		snprintf(minutes, sizeof(minutes), "%lld", (wait_s + 59) / 60);
		NEOERR *err = hdf_set_value(r->hdf, "Login.wait_minutes", minutes);

		if (err != STATUS_OK) {
			nerr_ignore(&err);
			return reply_error(r, 500);
		}
		return show_form(r, 429, "login.throttled", username);
	}
	struct db_param p[] = { DB_S(username) };

	rc = db_query(r->db, "SELECT id, password_hash, is_active FROM users WHERE username = ?", p, 1,
		      user_auth_row, &ua);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	auth_password_params(r, &pp);
	if (ua.found) {
		rc = password_verify(password, ua.hash, &pp, &stale);
		t.success = rc == CRM_OK && ua.active;
		t.user_id = ua.id;
	} else {
		const char *dummy = dummy_hash(&pp);

		if (dummy)
			password_verify(password, dummy, &pp, &stale);
		rc = CRM_EINVAL;
	}
	if (rc == CRM_ERR)
		crm_log("password verification failed for user %lld", ua.id);
	if (t.success && stale && password_hash(password, &pp, new_hash) == CRM_OK)
		t.new_hash = new_hash;
	rc = db_transaction(r->db, login_tx_run, &t);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (!t.success)
		return show_form(r, 401, "login.failed", username);
	/* after the commit, once, however often the transaction was tried */
	if (session_cookie(r, t.token, t.remember) != CRM_OK)
		return reply_error(r, 500);
	return resp_redirect(r, next_target(r));
}

static int logout_tx_run(struct db *db, void *ctx)
{
	struct req *r = ctx;
	long long uid = r->user.id;
	int rc;

	(void)db;
	rc = audit_write(r, uid, "users", uid, "logout", NULL);
	if (rc == CRM_OK)
		rc = session_end(r);
	return rc;
}

int logout_submit(struct req *r)
{
	int rc = db_transaction(r->db, logout_tx_run, r);

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (session_cookie_clear(r) != CRM_OK)
		return reply_error(r, 500);
	return resp_redirect(r, "/auth/login");
}

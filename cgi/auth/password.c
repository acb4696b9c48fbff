/* GET/POST /auth/password: a user changes their own password. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "auth/auth.h"
#include "render/render.h"
#include "auth.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD_MAX_BYTES 1024

static int show_form(struct req *r, int status, const char *error_key)
{
	NEOERR *err = STATUS_OK;
	char min[16];

	snprintf(min, sizeof(min), "%ld", r->cfg->pw_min_length);
	err = hdf_set_value(r->hdf, "Password.min_length", min);
	if (err == STATUS_OK && error_key)
		err = hdf_set_value(r->hdf, "Password.error", lang_str(r, error_key));
	if (err == STATUS_OK && r->user.must_change_password)
		err = hdf_set_value(r->hdf, "Password.forced", "1");
	if (err == STATUS_OK && req_param(r, "done"))
		err = hdf_set_value(r->hdf, "Password.done", "1");
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return reply_error(r, 500);
	}
	r->status = status;
	return render(r, "auth/password.cs");
}

int password_form(struct req *r)
{
	return show_form(r, 200, NULL);
}

struct password_tx {
	struct req *r;
	struct password_store ps;
};

static int password_tx_run(struct db *db, void *ctx)
{
	struct password_tx *t = ctx;

	(void)db;
	return user_password_store(t->r, &t->ps);
}

struct hash_row {
	char hash[PASSWORD_HASH_MAX];
};

static int hash_row(void *ctx, const struct db_row *row)
{
	snprintf(((struct hash_row *)ctx)->hash, PASSWORD_HASH_MAX, "%s", row->values[0]);
	return CRM_OK;
}

/* The first admin's generated password is kept in a file until it is changed. */
static void forget_initial_password(struct req *r)
{
	char path[700];

	if (strcmp(r->user.username, "admin") != 0)
		return;
	snprintf(path, sizeof(path), "%s/initial-admin-password", r->cfg->var);
	if (unlink(path) != 0 && access(path, F_OK) == 0)
		crm_log("could not remove %s", path);
}

int password_submit(struct req *r)
{
	const char *current = req_param(r, "current");
	const char *fresh = req_param(r, "new");
	const char *confirm = req_param(r, "confirm");
	struct password_params pp;
	struct hash_row hr = { "" };
	struct db_param p[] = { DB_I(r->user.id) };
	char hash[PASSWORD_HASH_MAX];
	int stale, rc;

	if (!current || !fresh || !confirm || !*current || !*fresh)
		return show_form(r, 400, "password.missing");
	if (strlen(fresh) > PASSWORD_MAX_BYTES || strlen(current) > PASSWORD_MAX_BYTES)
		return show_form(r, 400, "password.too_long");
	if (strcmp(fresh, confirm) != 0)
		return show_form(r, 400, "password.mismatch");
	if ((long)strlen(fresh) < r->cfg->pw_min_length)
		return show_form(r, 400, "password.too_short");
	if (strcmp(fresh, current) == 0)
		return show_form(r, 400, "password.same");
	rc = db_query(r->db, "SELECT password_hash FROM users WHERE id = ?", p, 1, hash_row, &hr);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	auth_password_params(r, &pp);
	if (password_verify(current, hr.hash, &pp, &stale) != CRM_OK)
		return show_form(r, 400, "password.wrong_current");
	if (password_hash(fresh, &pp, hash) != CRM_OK)
		return reply_error(r, 500);
	struct password_tx t = { r, { r->user.id, hash, 0, r->session_id, "password_change", "{\"fields\":[\"password\"]}" } };

	rc = db_transaction(r->db, password_tx_run, &t);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	forget_initial_password(r);
	return resp_redirect(r, "/auth/password?done=1");
}

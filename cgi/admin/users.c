/* Screens for users, served by the records engine (users_entity.c): list, form, update,
 * (de)activate and export are the engine's; making a user (its one-time password) and the
 * password reset are the users' own. */
#include "records/records.h"
#include "auth/auth.h"
#include "admin.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int users_list(struct req *r)
{
	return rec_page_list(r, &user_entity, "admin/users.cs");
}

int users_export(struct req *r)
{
	return rec_page_export(r, &user_entity);
}

int user_form(struct req *r)
{
	return rec_page_view(r, &user_entity, "admin/user.cs");
}

/* A new user starts in the site's language, calendar, digits and first day of the week. */
int user_new_form(struct req *r)
{
	struct rec defaults;
	char week[4];
	int st = 500;

	snprintf(week, sizeof(week), "%d", r->cfg->default_week_start);
	rec_init(&defaults, &user_entity);
	if (rec_set(&defaults, "lang", r->cfg->default_lang) == CRM_OK &&
	    rec_set(&defaults, "calendar", r->cfg->default_calendar) == CRM_OK &&
	    rec_set(&defaults, "digits", r->cfg->default_digits) == CRM_OK && rec_set(&defaults, "week_start", week) == CRM_OK)
		st = rec_page_new(r, &user_entity, &defaults, "admin/user.cs");
	else
		st = reply_error(r, 500);
	rec_free(&defaults);
	return st;
}

int temp_password(struct req *r, char *password, size_t len, char *hash)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	struct password_params pp = { r->cfg->pw_mem_kib, r->cfg->pw_iterations, r->cfg->pw_parallelism };
	unsigned char raw[64];

	if (len > sizeof(raw) || random_bytes(raw, len - 1) != CRM_OK)
		return CRM_ERR;
	for (size_t i = 0; i < len - 1; i++)
		password[i] = alphabet[raw[i] % (sizeof(alphabet) - 1)];
	password[len - 1] = '\0';
	return password_hash(password, &pp, hash);
}

/* The one-time password, shown once to whoever made or reset it. */
static int show_password(struct req *r, long long id, const char *username, const char *password)
{
	if (hdf_putf(r, "Temp.user_id", "%lld", id) || hdf_put(r, "Temp.password", password) ||
	    hdf_put(r, "Temp.username", username))
		return reply_error(r, 500);
	return render(r, "admin/password_shown.cs");
}

/* A non-admin editor may not touch an admin's account: CRM_EINVAL (403). */
static int guard_admin_account(struct req *r, long long user_id)
{
	int holds = 0, rc;

	if (r->user.is_admin)
		return CRM_OK;
	rc = user_holds_admin(r, user_id, &holds);
	return rc == CRM_OK && holds ? CRM_EINVAL : rc;
}

int user_create(struct req *r)
{
	const struct rec_entity *e = rec_full(r, &user_entity); /* with its custom fields */
	struct rec_input in = rec_input_req(r);
	struct rec_errors err = { .n = 0 };
	char password[17], hash[PASSWORD_HASH_MAX], now[32];
	struct rec rec;
	time_t t = time(NULL);
	struct tm tm;
	int rc, st, taken = 0;

	if (!e)
		return reply_db_error(r, CRM_ERR);
	rec_init(&rec, e);
	rc = rec_read(r, e, &in, 1, &rec, &err);
	if (rc == CRM_OK && !rec_failed(&err, NULL)) {
		gmtime_r(&t, &tm);
		strftime(now, sizeof(now), "%Y-%m-%d %H:%M:%S", &tm);
		/* a new user chooses their own password at the first login */
		rc = temp_password(r, password, sizeof(password), hash);
		if (rc == CRM_OK)
			rc = rec_set(&rec, "must_change_password", "1");
		if (rc == CRM_OK)
			rc = rec_extra(&rec, "password_hash", DB_S(hash));
		if (rc == CRM_OK)
			rc = rec_extra(&rec, "password_changed_at", DB_S(now));
		if (rc == CRM_OK)
			rc = rec_save(r, e, &rec);
		if (rc == CRM_EDUPLICATE) { /* the unique user name */
			rec_error(&err, "username", "admin.err.username_taken", 0);
			taken = 1;
			rc = CRM_OK;
		}
	}
	if (rc != CRM_OK)
		st = reply_db_error(r, rc);
	else if (rec_failed(&err, NULL))
		st = rec_page_again(r, e, &rec, &err, 1, taken ? 409 : 422, "admin/user.cs");
	else
		st = show_password(r, rec.id, rec_get(&rec, "username"), password);
	rec_free(&rec);
	return st;
}

int user_update(struct req *r)
{
	long long id;
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	rc = guard_admin_account(r, id);
	if (rc != CRM_OK)
		return rc == CRM_EINVAL ? reply_error(r, 403) : reply_db_error(r, rc);
	return rec_page_update(r, &user_entity, "admin/user.cs");
}

/* A deactivated user's sessions end with it, in the same transaction. */
static int end_sessions(struct req *r, struct db *db, long long id, int active)
{
	struct db_param p[] = { DB_I(id) };

	(void)r;
	return active ? CRM_OK : db_exec(db, "DELETE FROM sessions WHERE user_id = ?", p, 1, NULL, NULL);
}

/* One user's state, for the button and a bulk run alike: never oneself off (that would lock the
 * door behind us: CRM_ECONFLICT), never an admin's account by a non-admin (CRM_EINVAL), then the
 * engine's change with its audit row, the sessions ending with it. */
static int user_active_one(struct req *r, long long id, int active, int *changed)
{
	int holds = 0, rc;

	*changed = 0;
	if (id == r->user.id && !active)
		return CRM_ECONFLICT;
	if (!r->user.is_admin) {
		rc = user_holds_admin(r, id, &holds);
		if (rc != CRM_OK)
			return rc;
		if (holds)
			return CRM_EINVAL;
	}
	return rec_set_active_n(r, &user_entity, id, active, end_sessions, changed);
}

int user_set_active(struct req *r)
{
	long long id, active;
	char next[64];
	int changed, rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK || req_int(r, "active", 0, 1, &active) != CRM_OK)
		return reply_error(r, 400);
	rc = user_active_one(r, id, (int)active, &changed);
	if (rc == CRM_ECONFLICT)
		return reply_error(r, 409);
	if (rc == CRM_EINVAL)
		return reply_error(r, 403);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	snprintf(next, sizeof(next), "/admin/user?id=%lld&saved=1", id);
	return resp_redirect(r, next);
}

static int bulk_activate(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)b;
	(void)arg;
	return user_active_one(r, id, 1, changed);
}

/* refused for this account (oneself, an admin's): skipped, as the button would refuse it */
static int bulk_deactivate(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	int rc = user_active_one(r, id, 0, changed);

	(void)b;
	(void)arg;
	return rc == CRM_EINVAL ? CRM_ECONFLICT : rc;
}

static const struct rec_bulk_action user_bulk_actions[] = {
	{ "activate", "activate", 0, 0, bulk_activate, NULL, NULL },
	{ "deactivate", "activate", 0, 0, bulk_deactivate, NULL, NULL },
};

const struct rec_bulk user_bulk = {
	.name = "users",
	.module = "admin",
	.url = "/admin/users",
	.post_url = "/admin/users/bulk",
	.actions = user_bulk_actions,
	.nactions = CRM_ARRAY_LEN(user_bulk_actions),
	.entity = &user_entity,
};

const struct rec_bulk *const admin_bulks[] = { &user_bulk, NULL };

int users_bulk(struct req *r)
{
	return rec_page_bulk(r, &user_bulk);
}

struct password_tx {
	struct req *r;
	long long id;
	const char *hash;
};

static int password_tx_run(struct db *db, void *ctx)
{
	struct password_tx *t = ctx;
	struct password_store ps = { t->id, t->hash, 1, 0, "password_reset", NULL };

	(void)db;
	return user_password_store(t->r, &ps);
}

int user_reset_password(struct req *r)
{
	char password[17], hash[PASSWORD_HASH_MAX];
	struct rec rec;
	long long id;
	int rc, st;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	rc = guard_admin_account(r, id);
	if (rc != CRM_OK)
		return rc == CRM_EINVAL ? reply_error(r, 403) : reply_db_error(r, rc);
	rec_init(&rec, &user_entity);
	rc = rec_load(r, &user_entity, id, "edit", &rec);
	if (rc == CRM_OK)
		rc = temp_password(r, password, sizeof(password), hash);
	if (rc == CRM_OK) {
		struct password_tx t = { r, id, hash };

		rc = db_transaction(r->db, password_tx_run, &t);
	}
	st = rc == CRM_OK ? show_password(r, id, rec_get(&rec, "username"), password) : reply_db_error(r, rc);
	rec_free(&rec);
	return st;
}

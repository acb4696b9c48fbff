/* Screens for users: list, form, create, update, (de)activate, password reset. */
#include "audit/audit.h"
#include "records/records.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "auth/auth.h"
#include "admin.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int users_list(struct req *r)
{
	int rc = users_db_list(r);

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return render(r, "admin/users.cs");
}

int user_form(struct req *r)
{
	long long id;
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	rc = users_db_load(r, id);
	if (rc == CRM_OK)
		rc = users_db_choices(r, id);
	if (rc == CRM_OK)
		rc = audit_history_hdf(r, "users", id, "History");
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (req_param(r, "saved") && hdf_put(r, "Form.notice", lang_str(r, "admin.saved")) != CRM_OK)
		return reply_error(r, 500);
	return render(r, "admin/user.cs");
}

int user_new_form(struct req *r)
{
	int rc = users_db_choices(r, 0);

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (hdf_put(r, "Edit.lang", r->cfg->default_lang) || hdf_put(r, "Edit.calendar", r->cfg->default_calendar) ||
	    hdf_put(r, "Edit.digits", r->cfg->default_digits) || hdf_put(r, "Edit.week_start", "6"))
		return reply_error(r, 500);
	return render(r, "admin/user.cs");
}

static int username_ok(const char *s)
{
	size_t n = strlen(s);

	if (n < 3 || n > 64)
		return 0;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || strchr("._-@", *s)))
			return 0;
	return 1;
}

static int email_ok(const char *s)
{
	const char *at = strchr(s, '@');

	if (!*s)
		return 1; /* optional */
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' || s[strlen(s) - 1] == '.')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ')
			return 0;
	return 1;
}

/* True when id is one of the choices listed under prefix (Roles or Teams). */
static int among_choices(struct req *r, const char *prefix, long long id)
{
	HDF *list = hdf_get_obj(r->hdf, prefix);

	for (HDF *c = list ? hdf_obj_child(list) : NULL; c; c = hdf_obj_next(c))
		if (strtoll(hdf_get_value(c, "id", "0"), NULL, 10) == id)
			return 1;
	return 0;
}

static int read_ids(struct req *r, const char *field, const char *choices, long long *out, size_t *n)
{
	const char *vals[ADMIN_MAX_LINKS];
	size_t k = req_all(r, field, vals, ADMIN_MAX_LINKS);

	*n = 0;
	for (size_t i = 0; i < k; i++) {
		char *end;
		long long id = strtoll(vals[i], &end, 10);

		if (*end || id <= 0 || !among_choices(r, choices, id))
			return CRM_EINVAL;
		out[(*n)++] = id;
	}
	return CRM_OK;
}

/* The party with this code (of kind, or any kind when NULL), or 0. */
static long long party_by_code(struct req *r, const char *code, const char *kind)
{
	struct db_param p[] = { DB_S(code), DB_S(kind ? kind : "") };
	long long id = 0;

	if (db_query_int(r->db,
			 "SELECT id FROM parties WHERE code = ? AND is_deleted = 0 AND (? = '' OR kind = ?)",
			 (struct db_param[]){ p[0], p[1], p[1] }, 3, &id) != CRM_OK)
		return 0;
	return id;
}

/* The customer list: party codes separated by spaces, commas or lines. */
static void read_customers(struct req *r, struct user_input *in)
{
	const char *text = req_param(r, "customers");
	char code[40];

	in->ncustomers = 0;
	while (text && *text) {
		size_t n;

		text += strspn(text, " \t\r\n,;");
		n = strcspn(text, " \t\r\n,;");
		if (!n)
			break;
		if (n >= sizeof(code) || in->ncustomers == ADMIN_MAX_CUSTOMERS) {
			form_error(r, "customers", "admin.err.customers");
			return;
		}
		memcpy(code, text, n);
		code[n] = '\0';
		text += n;
		long long id = party_by_code(r, code, NULL);

		if (!id) {
			form_error(r, "customers", "admin.err.customers");
			return;
		}
		in->customers[in->ncustomers++] = id;
	}
}

/* Reads and checks the form; every problem becomes a message on its field. */
static int user_input_read(struct req *r, struct user_input *in, int creating)
{
	int rc;

	memset(in, 0, sizeof(*in));
	if (creating) {
		rc = req_text(r, "username", 64, in->username, sizeof(in->username));
		if (rc != CRM_OK || !username_ok(in->username))
			form_error(r, "username", "admin.err.username");
	} else if (req_int(r, "id", 1, INT64_MAX, &in->id) != CRM_OK ||
		   req_int(r, "version", 1, INT64_MAX, &in->version) != CRM_OK) {
		return CRM_EINVAL;
	}
	rc = req_text(r, "display_name", 128, in->display_name, sizeof(in->display_name));
	if (rc != CRM_OK)
		form_error(r, "display_name", rc == CRM_ETOOBIG ? "admin.err.too_long" : "admin.err.required");
	rc = req_text(r, "email", 255, in->email, sizeof(in->email));
	if (rc == CRM_ETOOBIG || !email_ok(in->email))
		form_error(r, "email", "admin.err.email");
	prefs_read(r, &in->prefs);
	in->must_change_password = req_param(r, "must_change_password") != NULL;
	if (read_ids(r, "role", "Roles", in->roles, &in->nroles) != CRM_OK)
		form_error(r, "roles", "admin.err.choice");
	if (read_ids(r, "team", "Teams", in->teams, &in->nteams) != CRM_OK)
		form_error(r, "teams", "admin.err.choice");
	char person[33];

	rc = req_text(r, "person_code", 32, person, sizeof(person));
	if (rc == CRM_ETOOBIG || (rc == CRM_OK && !(in->person_id = party_by_code(r, person, "person"))))
		form_error(r, "person_code", "admin.err.person");
	read_customers(r, in);
	return CRM_OK;
}

/* Shows the form again with what was typed, marking the chosen roles and teams. */
static int user_input_show(struct req *r, const struct user_input *in, int status)
{
	static const char *const fields[] = { "username", "display_name", "email", "lang", "calendar", "digits",
					      "person_code", "customers" };
	const char *vals[ADMIN_MAX_LINKS];
	char key[64];

	for (size_t i = 0; i < CRM_ARRAY_LEN(fields); i++) {
		snprintf(key, sizeof(key), "Edit.%s", fields[i]);
		if (hdf_put(r, key, req_param(r, fields[i])) != CRM_OK)
			return reply_error(r, 500);
	}
	if (hdf_put(r, "Edit.week_start", req_param(r, "week_start")) ||
	    hdf_putf(r, "Edit.must_change_password", "%d", in->must_change_password))
		return reply_error(r, 500);
	if (in->id && (hdf_putf(r, "Edit.id", "%lld", in->id) || hdf_putf(r, "Edit.version", "%lld", in->version)))
		return reply_error(r, 500);
	for (const char *const *list = (const char *const[]){ "Roles", "Teams", NULL }; *list; list++) {
		HDF *l = hdf_get_obj(r->hdf, *list);
		size_t k = req_all(r, strcmp(*list, "Roles") == 0 ? "role" : "team", vals, ADMIN_MAX_LINKS);

		for (HDF *c = l ? hdf_obj_child(l) : NULL; c; c = hdf_obj_next(c)) {
			int on = 0;

			for (size_t i = 0; i < k; i++)
				on |= strcmp(vals[i], hdf_get_value(c, "id", "")) == 0;
			if (hdf_set_value(c, "checked", on ? "1" : "0") != STATUS_OK)
				return reply_error(r, 500);
		}
	}
	r->status = status;
	return render(r, "admin/user.cs");
}

/* A password for the user to change at first login, shown once. */
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

static int show_password(struct req *r, long long id, const char *password)
{
	if (hdf_putf(r, "Temp.user_id", "%lld", id) || hdf_put(r, "Temp.password", password) ||
	    users_db_load(r, id) != CRM_OK)
		return reply_error(r, 500);
	return render(r, "admin/password_shown.cs");
}

/* A non-admin editor may not touch an admin's account (CRM_EINVAL: refuse with 403),
 * nor give roles wider than their own (a message on the roles field). */
static int guard_escalation(struct req *r, long long user_id, const struct user_input *in)
{
	int holds = 0, within = 1, rc = CRM_OK;

	if (r->user.is_admin)
		return CRM_OK;
	if (user_id)
		rc = user_holds_admin(r, user_id, &holds);
	if (rc == CRM_OK && holds)
		return CRM_EINVAL;
	if (rc == CRM_OK && in)
		rc = roles_added_within(r, user_id, in->roles, in->nroles, &within);
	if (rc == CRM_OK && !within)
		form_error(r, "roles", "admin.err.wider_than_yours");
	return rc;
}

int user_create(struct req *r)
{
	struct user_input in;
	char password[17], hash[PASSWORD_HASH_MAX];
	long long id;
	int rc;

	rc = users_db_choices(r, 0);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	user_input_read(r, &in, 1);
	rc = guard_escalation(r, 0, &in);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (form_failed(r))
		return user_input_show(r, &in, 422);
	if (temp_password(r, password, sizeof(password), hash) != CRM_OK)
		return reply_error(r, 500);
	rc = users_db_create(r, &in, hash, &id);
	if (rc == CRM_ECONFLICT) {
		form_error(r, "username", "admin.err.username_taken");
		return user_input_show(r, &in, 409);
	}
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return show_password(r, id, password);
}

/* An admin may not lock themselves out by removing their own admin role. */
static int keeps_own_admin(struct req *r, const struct user_input *in)
{
	HDF *l = hdf_get_obj(r->hdf, "Roles");

	if (in->id != r->user.id)
		return 1;
	for (HDF *c = l ? hdf_obj_child(l) : NULL; c; c = hdf_obj_next(c)) {
		if (strcmp(hdf_get_value(c, "name", ""), "admin") != 0)
			continue;
		for (size_t i = 0; i < in->nroles; i++)
			if (in->roles[i] == strtoll(hdf_get_value(c, "id", "0"), NULL, 10))
				return 1;
		return !strcmp(hdf_get_value(c, "checked", "0"), "0"); /* had it: must keep it */
	}
	return 1;
}

int user_update(struct req *r)
{
	struct user_input in;
	char key[64];
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &in.id) != CRM_OK)
		return reply_error(r, 400);
	rc = users_db_choices(r, in.id);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (user_input_read(r, &in, 0) != CRM_OK)
		return reply_error(r, 400);
	if (!keeps_own_admin(r, &in))
		form_error(r, "roles", "admin.err.own_admin");
	rc = guard_escalation(r, in.id, &in);
	if (rc != CRM_OK)
		return rc == CRM_EINVAL ? reply_error(r, 403) : reply_db_error(r, rc);
	if (form_failed(r)) {
		if (users_db_load(r, in.id) != CRM_OK)
			return reply_error(r, 404);
		return user_input_show(r, &in, 422);
	}
	rc = users_db_update(r, &in);
	if (rc == CRM_ECONFLICT) {
		/* Someone saved first: show their values beside ours, lose nothing. */
		if (users_db_load(r, in.id) != CRM_OK || hdf_put(r, "Form.conflict", "1"))
			return reply_error(r, 500);
		in.version = hdf_get_int_value(r->hdf, "Found.0.version", 0);
		return user_input_show(r, &in, 409);
	}
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	snprintf(key, sizeof(key), "/admin/user?id=%lld&saved=1", in.id);
	return resp_redirect(r, key);
}

int user_set_active(struct req *r)
{
	long long id, active;
	char next[64];
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK || req_int(r, "active", 0, 1, &active) != CRM_OK)
		return reply_error(r, 400);
	if (id == r->user.id && !active)
		return reply_error(r, 409); /* deactivating oneself would lock the door behind us */
	rc = guard_escalation(r, id, NULL);
	if (rc != CRM_OK)
		return rc == CRM_EINVAL ? reply_error(r, 403) : reply_db_error(r, rc);
	rc = users_db_set_active(r, id, (int)active);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	snprintf(next, sizeof(next), "/admin/user?id=%lld&saved=1", id);
	return resp_redirect(r, next);
}

int user_reset_password(struct req *r)
{
	char password[17], hash[PASSWORD_HASH_MAX];
	long long id;
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	rc = guard_escalation(r, id, NULL);
	if (rc != CRM_OK)
		return rc == CRM_EINVAL ? reply_error(r, 403) : reply_db_error(r, rc);
	if (temp_password(r, password, sizeof(password), hash) != CRM_OK)
		return reply_error(r, 500);
	rc = users_db_set_password(r, id, hash);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return show_password(r, id, password);
}

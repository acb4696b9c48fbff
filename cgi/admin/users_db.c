/* SQL for users: each change in one transaction with its audit row. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "auth/auth.h"
#include "admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int users_db_list(struct req *r)
{
	int n = 0;
	int rc = db_query_hdf(r->db,
			      "SELECT u.id, u.username, u.display_name, u.is_active, u.last_login_at, "
			      "COALESCE(GROUP_CONCAT(ro.name ORDER BY ro.name SEPARATOR ', '), '') AS roles "
			      "FROM users u LEFT JOIN user_roles ur ON ur.user_id = u.id "
			      "LEFT JOIN roles ro ON ro.id = ur.role_id GROUP BY u.id ORDER BY u.username LIMIT 1000",
			      NULL, 0, r->hdf, "Users", &n);

	if (rc == CRM_OK)
		rc = hdf_localize_rows(r, "Users", n, "last_login_at", 't');
	return rc;
}

int users_db_load(struct req *r, long long id)
{
	struct db_param p[] = { DB_I(id) };
	int n = 0;
	int rc = db_query_hdf(r->db,
			      "SELECT id, username, display_name, email, lang, calendar, digits, week_start, "
			      "must_change_password, is_active, last_login_at, created_at, version FROM users WHERE id = ?",
			      p, 1, r->hdf, "Found", &n);

	if (rc != CRM_OK)
		return rc;
	if (n == 0)
		return CRM_ENOTFOUND;
	rc = db_query_hdf(r->db,
			  "SELECT COALESCE((SELECT code FROM parties WHERE id = u.person_id), '') AS person_code, "
			  "COALESCE((SELECT GROUP_CONCAT(p.code ORDER BY p.code SEPARATOR '\n') FROM user_customers uc "
			  "JOIN parties p ON p.id = uc.party_id WHERE uc.user_id = u.id), '') AS customers "
			  "FROM users u WHERE u.id = ?",
			  p, 1, r->hdf, "Found", NULL);
	if (rc != CRM_OK)
		return rc;
	/* The form reads Edit.*; Found.0 is the stored row. */
	HDF *found = hdf_get_obj(r->hdf, "Found.0");
	NEOERR *err = hdf_copy(r->hdf, "Edit", found);

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	if (hdf_set_datetime(r, "Edit.last_login_at", hdf_get_value(found, "last_login_at", "")) != CRM_OK ||
	    hdf_set_datetime(r, "Edit.created_at", hdf_get_value(found, "created_at", "")) != CRM_OK)
		return CRM_ERR;
	return CRM_OK;
}

/* All roles and teams, each marked when the user has it. */
int users_db_choices(struct req *r, long long user_id)
{
	struct db_param p[] = { DB_I(user_id) };
	int rc;

	rc = db_query_hdf(r->db,
			  "SELECT ro.id, ro.name, ur.user_id IS NOT NULL AS checked FROM roles ro "
			  "LEFT JOIN user_roles ur ON ur.role_id = ro.id AND ur.user_id = ? ORDER BY ro.name",
			  p, 1, r->hdf, "Roles", NULL);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db,
				  "SELECT t.id, t.name, ut.user_id IS NOT NULL AS checked FROM teams t "
				  "LEFT JOIN user_teams ut ON ut.team_id = t.id AND ut.user_id = ? ORDER BY t.name",
				  p, 1, r->hdf, "Teams", NULL);
	return rc;
}

/* Replaces the user's roles and teams (the handler checked the ids exist). */
static int links_replace(struct db *db, long long user_id, const struct user_input *in)
{
	struct db_param u[] = { DB_I(user_id) };
	int rc;

	rc = db_exec(db, "DELETE FROM user_roles WHERE user_id = ?", u, 1, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_exec(db, "DELETE FROM user_teams WHERE user_id = ?", u, 1, NULL, NULL);
	for (size_t i = 0; rc == CRM_OK && i < in->nroles; i++) {
		struct db_param p[] = { DB_I(user_id), DB_I(in->roles[i]) };

		rc = db_exec(db, "INSERT IGNORE INTO user_roles (user_id, role_id) SELECT ?, id FROM roles WHERE id = ?", p,
			     2, NULL, NULL);
	}
	for (size_t i = 0; rc == CRM_OK && i < in->nteams; i++) {
		struct db_param p[] = { DB_I(user_id), DB_I(in->teams[i]) };

		rc = db_exec(db, "INSERT IGNORE INTO user_teams (user_id, team_id) SELECT ?, id FROM teams WHERE id = ?", p,
			     2, NULL, NULL);
	}
	if (rc == CRM_OK)
		rc = db_exec(db, "DELETE FROM user_customers WHERE user_id = ?", u, 1, NULL, NULL);
	for (size_t i = 0; rc == CRM_OK && i < in->ncustomers; i++) {
		struct db_param p[] = { DB_I(user_id), DB_I(in->customers[i]) };

		rc = db_exec(db, "INSERT IGNORE INTO user_customers (user_id, party_id) VALUES (?, ?)", p, 2, NULL, NULL);
	}
	if (rc == CRM_OK) {
		struct db_param p[] = { in->person_id ? DB_I(in->person_id) : DB_NUL, DB_I(user_id) };

		rc = db_exec(db, "UPDATE users SET person_id = ? WHERE id = ?", p, 2, NULL, NULL);
	}
	return rc;
}

/* The names of the user's roles and teams (and customer and person codes), for the audit row. */
static int links_text(struct db *db, long long user_id, char *roles, size_t rlen, char *teams, size_t tlen);
static int links_more(struct db *db, long long user_id, char *customers, size_t clen, char *person, size_t plen)
{
	struct db_param p[] = { DB_I(user_id) };
	int rc = db_query_str(db,
			      "SELECT COALESCE(GROUP_CONCAT(pa.code ORDER BY pa.code SEPARATOR ', '), '') FROM user_customers uc "
			      "JOIN parties pa ON pa.id = uc.party_id WHERE uc.user_id = ?",
			      p, 1, customers, clen);

	if (rc == CRM_OK)
		rc = db_query_str(db, "SELECT COALESCE((SELECT code FROM parties WHERE id = u.person_id), '') FROM users u "
				      "WHERE u.id = ?",
				  p, 1, person, plen);
	return rc;
}

static int links_text(struct db *db, long long user_id, char *roles, size_t rlen, char *teams, size_t tlen)
{
	struct db_param p[] = { DB_I(user_id) };
	int rc = db_query_str(db,
			      "SELECT COALESCE(GROUP_CONCAT(ro.name ORDER BY ro.name SEPARATOR ', '), '') FROM user_roles ur "
			      "JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = ?",
			      p, 1, roles, rlen);

	if (rc == CRM_OK)
		rc = db_query_str(db,
				  "SELECT COALESCE(GROUP_CONCAT(t.name ORDER BY t.name SEPARATOR ', '), '') FROM user_teams ut "
				  "JOIN teams t ON t.id = ut.team_id WHERE ut.user_id = ?",
				  p, 1, teams, tlen);
	return rc;
}

struct user_tx {
	struct req *r;
	const struct user_input *in;
	const char *hash;
	long long id;
};

static int user_create_tx(struct db *db, void *ctx)
{
	struct user_tx *t = ctx;
	const struct user_input *in = t->in;
	char week[8], roles[1024], teams[1024];
	struct db_param p[] = { DB_S(in->username), DB_S(in->display_name), DB_S(in->email), DB_S(t->hash),
				DB_S(in->prefs.lang), DB_S(in->prefs.calendar), DB_S(in->prefs.digits), DB_I(in->prefs.week_start) };
	uint64_t id = 0;
	int rc;

	rc = db_exec(db,
		     "INSERT INTO users (username, display_name, email, password_hash, must_change_password, "
		     "password_changed_at, lang, calendar, digits, week_start) "
		     "VALUES (?, ?, ?, ?, 1, UTC_TIMESTAMP(), ?, ?, ?, ?)",
		     p, 8, NULL, &id);
	if (rc != CRM_OK)
		return rc;
	t->id = (long long)id;
	char customers[8192], person[40];

	rc = links_replace(db, t->id, in);
	if (rc == CRM_OK)
		rc = links_text(db, t->id, roles, sizeof(roles), teams, sizeof(teams));
	if (rc == CRM_OK)
		rc = links_more(db, t->id, customers, sizeof(customers), person, sizeof(person));
	if (rc != CRM_OK)
		return rc;
	snprintf(week, sizeof(week), "%lld", in->prefs.week_start);
	struct audit_change c[] = {
		{ "username", NULL, in->username }, { "display_name", NULL, in->display_name },
		{ "email", NULL, in->email },       { "lang", NULL, in->prefs.lang },
		{ "calendar", NULL, in->prefs.calendar }, { "digits", NULL, in->prefs.digits },
		{ "week_start", NULL, week },       { "roles", NULL, roles },
		{ "teams", NULL, teams },           { "customers", NULL, customers },
		{ "person", NULL, person },
	};
	rc = audit_write_changes(t->r, "users", t->id, "insert", c, CRM_ARRAY_LEN(c));
	return rc;
}

int users_db_create(struct req *r, const struct user_input *in, const char *password_hash, long long *id)
{
	struct user_tx t = { r, in, password_hash, 0 };
	int rc = db_transaction(r->db, user_create_tx, &t);

	*id = t.id;
	return rc;
}

struct stored_user {
	int found;
	long long version;
	char display_name[129], email[256], lang[4], calendar[16], digits[16], week[8], must[4];
};

static int stored_user_row(void *ctx, const struct db_row *row)
{
	struct stored_user *s = ctx;

	s->found = 1;
	s->version = strtoll(row->values[0], NULL, 10);
	snprintf(s->display_name, sizeof(s->display_name), "%s", row->values[1]);
	snprintf(s->email, sizeof(s->email), "%s", row->values[2]);
	snprintf(s->lang, sizeof(s->lang), "%s", row->values[3]);
	snprintf(s->calendar, sizeof(s->calendar), "%s", row->values[4]);
	snprintf(s->digits, sizeof(s->digits), "%s", row->values[5]);
	snprintf(s->week, sizeof(s->week), "%s", row->values[6]);
	snprintf(s->must, sizeof(s->must), "%s", row->values[7]);
	return CRM_OK;
}

static int user_update_tx(struct db *db, void *ctx)
{
	struct user_tx *t = ctx;
	const struct user_input *in = t->in;
	struct stored_user s = { 0 };
	char roles_before[1024], teams_before[1024], roles[1024], teams[1024], week[8], must[4];
	struct db_param id[] = { DB_I(in->id) };
	int rc;

	rc = db_query(db,
		      "SELECT version, display_name, email, lang, calendar, digits, week_start, must_change_password "
		      "FROM users WHERE id = ? FOR UPDATE",
		      id, 1, stored_user_row, &s);
	if (rc != CRM_OK)
		return rc;
	if (!s.found)
		return CRM_ENOTFOUND;
	if (s.version != in->version)
		return CRM_ECONFLICT;
	char customers_before[8192], person_before[40], customers[8192], person[40];

	rc = links_text(db, in->id, roles_before, sizeof(roles_before), teams_before, sizeof(teams_before));
	if (rc == CRM_OK)
		rc = links_more(db, in->id, customers_before, sizeof(customers_before), person_before, sizeof(person_before));
	if (rc != CRM_OK)
		return rc;
	struct db_param p[] = { DB_S(in->display_name), DB_S(in->email), DB_S(in->prefs.lang), DB_S(in->prefs.calendar),
				DB_S(in->prefs.digits), DB_I(in->prefs.week_start), DB_I(in->must_change_password), DB_I(in->id) };
	rc = db_exec(db,
		     "UPDATE users SET display_name = ?, email = ?, lang = ?, calendar = ?, digits = ?, week_start = ?, "
		     "must_change_password = ?, version = version + 1 WHERE id = ?",
		     p, 8, NULL, NULL);
	if (rc == CRM_OK)
		rc = links_replace(db, in->id, in);
	if (rc == CRM_OK)
		rc = links_text(db, in->id, roles, sizeof(roles), teams, sizeof(teams));
	if (rc == CRM_OK)
		rc = links_more(db, in->id, customers, sizeof(customers), person, sizeof(person));
	if (rc != CRM_OK)
		return rc;
	snprintf(week, sizeof(week), "%lld", in->prefs.week_start);
	snprintf(must, sizeof(must), "%d", in->must_change_password);
	struct audit_change c[] = {
		{ "display_name", s.display_name, in->display_name }, { "email", s.email, in->email },
		{ "lang", s.lang, in->prefs.lang },                         { "calendar", s.calendar, in->prefs.calendar },
		{ "digits", s.digits, in->prefs.digits },                   { "week_start", s.week, week },
		{ "must_change_password", s.must, must },             { "roles", roles_before, roles },
		{ "teams", teams_before, teams },                     { "customers", customers_before, customers },
		{ "person", person_before, person },
	};
	rc = audit_write_changes(t->r, "users", in->id, "update", c, CRM_ARRAY_LEN(c));
	return rc;
}

int users_db_update(struct req *r, const struct user_input *in)
{
	struct user_tx t = { r, in, NULL, in->id };

	return db_transaction(r->db, user_update_tx, &t);
}

struct active_tx {
	struct req *r;
	long long id;
	int active;
};

static int active_tx_run(struct db *db, void *ctx)
{
	struct active_tx *t = ctx;
	struct db_param p[] = { DB_I(t->active), DB_I(t->id), DB_I(t->active) };
	struct db_param id[] = { DB_I(t->id) };
	uint64_t n = 0;
	int rc;

	rc = db_exec(db, "UPDATE users SET is_active = ?, version = version + 1 WHERE id = ? AND is_active <> ?", p, 3,
		     &n, NULL);
	if (rc != CRM_OK || n == 0)
		return rc; /* already so: nothing to record */
	if (!t->active)
		rc = db_exec(db, "DELETE FROM sessions WHERE user_id = ?", id, 1, NULL, NULL);
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, "users", t->id, t->active ? "activate" : "deactivate", NULL);
	return rc;
}

int users_db_set_active(struct req *r, long long id, int active)
{
	struct active_tx t = { r, id, active };

	return db_transaction(r->db, active_tx_run, &t);
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

int users_db_set_password(struct req *r, long long id, const char *hash)
{
	struct password_tx t = { r, id, hash };

	return db_transaction(r->db, password_tx_run, &t);
}

#include "auth/auth.h"
#include "i18n/i18n.h"
#include "core/core.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct session_row {
	struct req *r;
	int found;
	int stale; /* last seen over a minute ago: worth a write */
};

/* "3,7,12" -> u->team; the user is always among them, teams or not */
static void team_parse(struct user *u, const char *list)
{
	u->nteam = 0;
	u->team_overflow = 0;
	u->team[u->nteam++] = u->id;
	for (const char *s = list ? list : ""; *s;) {
		char *end;
		long long id = strtoll(s, &end, 10);

		if (end == s)
			break;
		if (id != u->id) {
			if (u->nteam >= USER_TEAM_MAX) {
				u->team_overflow = 1;
				return;
			}
			u->team[u->nteam++] = id;
		}
		s = *end == ',' ? end + 1 : end;
	}
}

/* The user's own columns, from column at of a row: id, username, display_name, lang,
 * must_change_password, calendar, digits, week_start, has a customer list. */
static void user_columns(struct user *u, const struct db_row *row, unsigned at)
{
	char *const *v = row->values + at;

	u->id = strtoll(v[0], NULL, 10);
	snprintf(u->username, sizeof(u->username), "%s", v[1]);
	snprintf(u->display_name, sizeof(u->display_name), "%s", v[2]);
	snprintf(u->lang, sizeof(u->lang), "%s", v[3]);
	u->must_change_password = v[4][0] == '1';
	u->calendar = calendar_parse_name(v[5]);
	if (u->calendar < 0)
		u->calendar = CAL_GREGORIAN;
	u->digits = digits_parse_name(v[6]);
	if (u->digits < 0)
		u->digits = DIGITS_LATIN;
	u->week_start = atoi(v[7]);
	u->has_customer_list = v[8][0] == '1';
}

static int session_row(void *ctx, const struct db_row *row)
{
	struct session_row *sr = ctx;
	struct user *u = &sr->r->user;

	sr->found = 1;
	sr->r->session_id = strtoll(row->values[0], NULL, 10);
	user_columns(u, row, 1);
	sr->stale = row->values[10][0] == '1';
	snprintf(sr->r->ref_versions, sizeof(sr->r->ref_versions), "%s", row->values[11] ? row->values[11] : "");
	sr->r->ref_versions_known = row->values[11] != NULL && strlen(row->values[11]) < sizeof(sr->r->ref_versions);
	team_parse(u, row->values[12]);
	return CRM_OK;
}

int session_load(struct req *r)
{
	const char *token = kv_get(&r->cookies, r->cfg->session_cookie);
	struct session_row sr = { r, 0, 0 };
	struct db_param p[1];
	int rc;

	r->logged_in = 0;
	if (!token)
		return CRM_OK;
	if (!token_well_formed(token)) {
		r->session_expired = 1;
		return CRM_OK;
	}
	sha256_hex(token, strlen(token), r->session_hash);
	p[0] = DB_S(r->session_hash);
	/* Idle and absolute expiry are part of the lookup: an ended session is simply not found. */
	rc = db_query(r->db,
		      "SELECT s.id, u.id, u.username, u.display_name, u.lang, u.must_change_password, "
		      "u.calendar, u.digits, u.week_start, "
		      "EXISTS (SELECT 1 FROM user_customers uc WHERE uc.user_id = u.id), "
		      "s.last_seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND, "
		      /* the versions of reference data come along: no round trip of their own (refdata.c) */
		      "(SELECT GROUP_CONCAT(name, '=', version SEPARATOR ';') FROM ref_versions), "
		      /* and the team mates, so a "my team's" scope is one lookup per row (perm_scope_sql) */
		      "(SELECT GROUP_CONCAT(DISTINCT b.user_id ORDER BY b.user_id) FROM user_teams a "
		      "JOIN user_teams b ON b.team_id = a.team_id WHERE a.user_id = u.id) "
		      "FROM sessions s JOIN users u ON u.id = s.user_id "
		      "WHERE s.token_hash = ? AND u.is_active = 1 AND s.expires_at > UTC_TIMESTAMP() "
		      "AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL s.idle_seconds SECOND",
		      p, 1, session_row, &sr);
	if (rc != CRM_OK)
		return rc;
	if (!sr.found) {
		r->session_expired = 1;
		r->session_hash[0] = '\0';
		return CRM_OK;
	}
	rc = perm_load(r->db, &r->user);
	if (rc != CRM_OK)
		return rc;
	/* Touch at most once a minute: no write (and no round trip) on most requests. */
	if (sr.stale) {
		struct db_param t[] = { DB_I(r->session_id) };

		rc = db_exec(r->db,
			     "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() "
			     "WHERE id = ? AND last_seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND",
			     t, 1, NULL, NULL);
		if (rc != CRM_OK)
			return rc;
	}
	r->logged_in = 1;
	return CRM_OK;
}

static int user_row(void *ctx, const struct db_row *row)
{
	struct user *u = ctx;

	user_columns(u, row, 0);
	team_parse(u, row->values[9]);
	return CRM_OK;
}

int user_load(struct db *db, long long id, struct user *u)
{
	struct db_param p[] = { DB_I(id) };
	int rc;

	memset(u, 0, sizeof(*u));
	/* the same columns the session query reads, so a job sees what a request would */
	rc = db_query(db,
		      "SELECT u.id, u.username, u.display_name, u.lang, u.must_change_password, "
		      "u.calendar, u.digits, u.week_start, "
		      "EXISTS (SELECT 1 FROM user_customers uc WHERE uc.user_id = u.id), "
		      "(SELECT GROUP_CONCAT(DISTINCT b.user_id ORDER BY b.user_id) FROM user_teams a "
		      "JOIN user_teams b ON b.team_id = a.team_id WHERE a.user_id = u.id) "
		      "FROM users u WHERE u.id = ? AND u.is_active = 1",
		      p, 1, user_row, u);
	if (rc != CRM_OK)
		return rc;
	if (!u->id)
		return CRM_ENOTFOUND;
	return perm_load(db, u);
}

int session_start(struct req *r, long long user_id, int remember, char token[TOKEN_HEX])
{
	char hash[SHA256_HEX];
	long idle = remember ? r->cfg->session_remember : r->cfg->session_idle;
	long absolute = remember ? r->cfg->session_remember : r->cfg->session_absolute;
	struct db_param p[7];
	uint64_t id = 0;
	int rc;

	if (token_new(token) != CRM_OK)
		return CRM_ERR;
	sha256_hex(token, strlen(token), hash);
	p[0] = DB_S(hash);
	p[1] = DB_I(user_id);
	p[2] = DB_I(absolute);
	p[3] = DB_I(idle);
	p[4] = DB_I(remember ? 1 : 0);
	p[5] = DB_S(r->remote_addr);
	p[6] = DB_S(r->user_agent);
	rc = db_exec(r->db,
		     "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, "
		     "idle_seconds, remember, ip, user_agent) VALUES (?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), "
		     "UTC_TIMESTAMP() + INTERVAL ? SECOND, ?, ?, ?, LEFT(?, 255))",
		     p, 7, NULL, &id);
	if (rc != CRM_OK)
		return rc;
	r->session_id = (long long)id;
	snprintf(r->session_hash, sizeof(r->session_hash), "%s", hash);
	return CRM_OK;
}

int session_cookie(struct req *r, const char *token, int remember)
{
	/* Without "remember me" the cookie ends with the browser. */
	return resp_cookie(r, r->cfg->session_cookie, token, remember ? r->cfg->session_remember : -1);
}

int session_end(struct req *r)
{
	struct db_param p[] = { DB_S(r->session_hash) };
	int rc = db_exec(r->db, "DELETE FROM sessions WHERE token_hash = ?", p, 1, NULL, NULL);

	if (rc != CRM_OK)
		return rc;
	r->logged_in = 0;
	return CRM_OK;
}

int session_cookie_clear(struct req *r)
{
	return resp_cookie(r, r->cfg->session_cookie, "", 0);
}

int csrf_prepare(struct req *r)
{
	char msg[128];

	if (r->session_hash[0]) {
		snprintf(msg, sizeof(msg), "session:%s", r->session_hash);
	} else {
		const char *anon = kv_get(&r->cookies, ANON_COOKIE);

		if (anon && token_well_formed(anon)) {
			snprintf(r->anon_token, sizeof(r->anon_token), "%s", anon);
		} else {
			if (token_new(r->anon_token) != CRM_OK ||
			    resp_cookie(r, ANON_COOKIE, r->anon_token, -1) != CRM_OK)
				return CRM_ERR;
		}
		snprintf(msg, sizeof(msg), "anon:%s", r->anon_token);
	}
	return hmac_sha256_hex(r->cfg->app_key, r->cfg->app_key_len, msg, strlen(msg), r->csrf);
}

int csrf_valid(const struct req *r)
{
	const char *sent = kv_get(&r->form, "csrf_token");

	if (!sent)
		sent = req_env(r, "HTTP_X_CSRF_TOKEN");
	if (!sent || !r->csrf[0])
		return 0;
	return ct_streq(sent, r->csrf);
}

/* ---- the versions of reference data (sql/013_ref_versions.sql) ---- */

/* "lookups=123;places=456": the session query brings it; else one query here. */
static int versions(struct req *r)
{
	int rc;

	if (r->ref_versions_known)
		return CRM_OK;
	rc = db_query_str(r->db, "SELECT COALESCE(GROUP_CONCAT(name, '=', version SEPARATOR ';'), '') FROM ref_versions",
			  NULL, 0, r->ref_versions, sizeof(r->ref_versions));
	if (rc != CRM_OK)
		return rc;
	r->ref_versions_known = 1;
	return CRM_OK;
}

/* The version of one set, or "" when ref_versions does not know it. */
static void version_of(const struct req *r, const char *set, char *out, size_t outlen)
{
	size_t n = strlen(set);

	out[0] = '\0';
	for (const char *s = r->ref_versions; *s;) {
		size_t len = strcspn(s, ";");

		if (len > n && !strncmp(s, set, n) && s[n] == '=') {
			snprintf(out, outlen, "%.*s", (int)(len - n - 1), s + n + 1);
			return;
		}
		s += len + (s[len] == ';');
	}
}

int ref_version(struct req *r, const char *set, char *out, size_t outlen)
{
	int rc = versions(r);

	out[0] = '\0';
	if (rc == CRM_OK)
		version_of(r, set, out, outlen);
	return rc;
}

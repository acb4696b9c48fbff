/* libcrm area auth: Sessions, CSRF tokens, permissions and record scope, stored passwords. */
#ifndef CRM_LIB_AUTH_H
#define CRM_LIB_AUTH_H

#include "core/core.h"
#include "http/http.h"
#include "db/db.h"

/* ---- session ---- */
/* Sessions: a random token in an HttpOnly cookie; only its SHA-256 is stored. */
/* Looks up the session named by the cookie. Sets r->logged_in and r->user, or
 * r->session_expired when a cookie came for a session that has ended.
 * CRM_EDBDOWN when the database is unreachable. */
int session_load(struct req *r);
/* Loads an active user by id as a session would (preferences, team mates,
 * customer list, grants): a job runs with the scope of the user who asked.
 * CRM_ENOTFOUND when there is no such active user. */
int user_load(struct db *db, long long id, struct user *u);
/* Creates a session for user_id (call inside the login transaction); its token
 * goes to token. The cookie is not set here: a retried transaction runs this
 * twice, and a rolled-back one has no session. */
int session_start(struct req *r, long long user_id, int remember, char token[TOKEN_HEX]);
/* Sets the session cookie: once, after the transaction that made the session committed. */
int session_cookie(struct req *r, const char *token, int remember);
/* Deletes the current session row (inside a transaction); clear the cookie after
 * it committed with session_cookie_clear. */
int session_end(struct req *r);
int session_cookie_clear(struct req *r);
/* Computes r->csrf for this client: signed by the server key and bound to
 * the session, or to the anonymous cookie before login. */
int csrf_prepare(struct req *r);
/* True when the request carries the right CSRF token (form field csrf_token
 * or header X-CSRF-Token). */
int csrf_valid(const struct req *r);

#define ANON_COOKIE "crm_anon"

/* ---- perm ---- */
/* Permissions: roles grant (module, action) with a record scope. */
/* Loads the user's scopes (the widest over all roles) and whether the admin rule applies. */
int perm_load(struct db *db, struct user *u);
enum scope perm_scope(const struct user *u, const char *module, const char *action);
int perm_allows(const struct user *u, const char *module, const char *action);
/* Raises u's scope for (module, action) to s if wider; CRM_ENOTFOUND when the
 * registry has no such module or the module no such action. */
int perm_grant(struct user *u, const char *module, const char *action, enum scope s);

const char *scope_name(enum scope s);
enum scope scope_parse(const char *s);

/* The record-level decision, pure: may a user with scope s act on a record?
 * mine: the record is assigned to the user; team: to someone in one of the
 * user's teams; listed: the record is in the user's customer list, or the
 * user has no such list. */
int perm_decide(enum scope s, int mine, int team, int listed);

/* How a module's rows relate to users, as SQL conditions on the row being
 * listed; own, team and listed take exactly one parameter, the asking user's id. */
struct scope_sql {
	const char *own;     /* assigned to the user */
	const char *team;    /* assigned to someone in one of the user's teams */
	const char *listed;  /* in the user's customer list (NULL: the module has none) */
	const char *members; /* assigned to one of a list of users: its "%s" becomes "?, ?, ..." (NULL: use team) */
};

/* Parameters perm_scope_sql may add. */
#define PERM_SCOPE_PARAMS (USER_TEAM_MAX + 1)

/* Appends " AND (...)" limiting a list query to the rows the user's scope for
 * (module, action) allows, and its parameters to p at *n (room for
 * PERM_SCOPE_PARAMS more). "My team's" binds the user's team mates (loaded with
 * the session) into members when they are few, else joins the teams in SQL.
 * The text comes only from s and fixed fragments, never from input. */
int perm_scope_sql(const struct user *u, const char *module, const char *action, const struct scope_sql *s,
		   struct buf *sql, struct db_param *p, unsigned *n);

/* True when perm_scope_sql would narrow the rows (s NULL: nothing to narrow). */
int perm_scope_narrows(const struct user *u, const char *module, const char *action, const struct scope_sql *s);

/* ---- user_password ---- */
/* Storing a user's new password: one place for the web form, the admin reset and crmctl. */
struct password_store {
	long long user_id;
	const char *hash;         /* from password_hash() */
	int must_change;          /* the user must choose another at next login */
	long long keep_session;   /* this session stays; every other of the user ends (0: all end) */
	const char *action;       /* audit action: password_change, password_reset */
	const char *details;      /* audit details (JSON) or NULL */
};

/* Call inside a transaction. CRM_ENOTFOUND when there is no such user. */
int user_password_store(struct req *r, const struct password_store *ps);

/* The version of a set of reference data ("lookups", "fields", ...): "" when unknown. The session
 * query brings them all; otherwise one query. A cache keyed by it is fresh whoever changed the set. */
int ref_version(struct req *r, const char *set, char *out, size_t outlen);

#endif

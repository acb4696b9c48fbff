/* Sessions: a random token in an HttpOnly cookie; only its SHA-256 is stored. */
#ifndef CRM_SESSION_H
#define CRM_SESSION_H

#include "req.h"

/* Looks up the session named by the cookie. Sets r->logged_in and r->user, or
 * r->session_expired when a cookie came for a session that has ended.
 * CRM_EDBDOWN when the database is unreachable. */
int session_load(struct req *r);
/* Creates a session for user_id (call inside the login transaction) and
 * sets the cookie. */
int session_start(struct req *r, long long user_id, int remember);
/* Deletes the current session row (inside a transaction) and clears the cookie. */
int session_end(struct req *r);
/* Computes r->csrf for this client: signed by the server key and bound to
 * the session, or to the anonymous cookie before login. */
int csrf_prepare(struct req *r);
/* True when the request carries the right CSRF token (form field csrf_token
 * or header X-CSRF-Token). */
int csrf_valid(const struct req *r);

#define ANON_COOKIE "crm_anon"

#endif

/* libcrm area app: A module program: its route table and the main loop with the central checks. */
#ifndef CRM_LIB_APP_H
#define CRM_LIB_APP_H

#include "http/http.h"

/* ---- app ---- */
/* A module program: its route table and the one main loop every module shares.
 * The dispatcher checks the session, the CSRF token and the route's
 * permission before any handler runs, so no handler can forget them. */
enum route_flags {
	ROUTE_PUBLIC = 1 << 0,          /* reachable without a session (login page) */
	ROUTE_ANY_USER = 1 << 1,        /* any logged-in user; no module permission */
	ROUTE_PASSWORD_CHANGE = 1 << 2, /* reachable while a password change is forced */
	ROUTE_NO_DB = 1 << 3,           /* touches no database (health checks) */
	ROUTE_ADMIN = 1 << 4            /* the admin role only, whatever the matrix says (backups hold password hashes) */
};

struct route {
	const char *method;   /* "GET" (HEAD too) or "POST" */
	const char *path;     /* exact path, e.g. "/auth/login" */
	const char *perm_module; /* permission needed, unless ROUTE_PUBLIC/ROUTE_ANY_USER */
	const char *perm_action;
	unsigned flags;
	int (*handler)(struct req *r); /* returns the HTTP status */
};

/* Serves requests: FastCGI when started by a FastCGI manager, else one
 * plain CGI request. routes ends with an entry whose path is NULL. */
int crm_main(const char *module, const struct route *routes);

/* GET /<module>/health: answers "ok" without touching the database. */
int app_health(struct req *r);

/* Exposed for tests: handles one request already read into r. */
int app_handle(struct req *r, const struct route *routes);

#endif

/* Permissions: roles grant (module, action) with a record scope. */
#ifndef CRM_PERM_H
#define CRM_PERM_H

#include "buf.h"
#include "req.h"

/* Loads the user's grants (the widest scope over all roles). */
int perm_load(struct db *db, struct user *u);
enum scope perm_scope(const struct user *u, const char *module, const char *action);
int perm_allows(const struct user *u, const char *module, const char *action);
/* The actions of the permission matrix, in column order. */
extern const char *const perm_actions[];
extern const unsigned perm_nactions;

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

#endif

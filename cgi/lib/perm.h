/* Permissions: roles grant (module, action) with a record scope. */
#ifndef CRM_PERM_H
#define CRM_PERM_H

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

#endif

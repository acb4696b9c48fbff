/* Permissions: roles grant (module, action) with a record scope. */
#ifndef CRM_PERM_H
#define CRM_PERM_H

#include "req.h"

/* Loads the user's grants (the widest scope over all roles). */
int perm_load(struct db *db, struct user *u);
enum scope perm_scope(const struct user *u, const char *module, const char *action);
int perm_allows(const struct user *u, const char *module, const char *action);
const char *scope_name(enum scope s);

#endif

/* Reference data: small tables many pages show and few requests change
 * (managed lists, places, ranks, staff, groups). A worker keeps each set it
 * loaded in its page tree of the request's language, under Ref.*, and loads it
 * again only when the set's version in ref_versions moved (triggers move it in
 * the transaction of any change). The page sees the set under its usual name,
 * read-only: a handler never writes into it. */
#ifndef CRM_REFDATA_H
#define CRM_REFDATA_H

#include "req.h"

/* name: where the page reads it (e.g. "Lookups"); set: its row in ref_versions;
 * sql: a SELECT without parameters, already in the request's language. */
int refdata_load(struct req *r, const char *name, const char *set, const char *sql);

#endif

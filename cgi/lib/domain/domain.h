/* libcrm area domain: What several modules share: reference data, national IDs. */
#ifndef CRM_LIB_DOMAIN_H
#define CRM_LIB_DOMAIN_H

#include "http/http.h"

/* ---- refdata ---- */
/* Reference data: small tables many pages show and few requests change
 * (managed lists, places, ranks, staff, groups). A worker keeps each set it
 * loaded in its page tree of the request's language, under Ref.*, and loads it
 * again only when the set's version in ref_versions moved (triggers move it in
 * the transaction of any change). The page sees the set under its usual name,
 * read-only: a handler never writes into it. */
/* name: where the page reads it (e.g. "Lookups"); set: its row in ref_versions;
 * sql: a SELECT without parameters, already in the request's language. */
int refdata_load(struct req *r, const char *name, const char *set, const char *sql);

/* ---- national_id ---- */
/* Checksums of national identifiers, for validation on input. */
/* Iranian national code (code-e melli): 10 digits, last one a check digit. */
int iran_national_code_valid(const char *s);
/* Iranian legal-entity national ID (shenase-ye melli): 11 digits with check digit. */
int iran_legal_id_valid(const char *s);
/* Turkish identity number (TC Kimlik No): 11 digits, two check digits. */
int turkish_tckn_valid(const char *s);

#endif

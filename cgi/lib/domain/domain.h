/* libcrm area domain: what several modules share: reference data, national IDs, phone keys, party scope. */
#ifndef CRM_LIB_DOMAIN_H
#define CRM_LIB_DOMAIN_H

#include "auth/auth.h"

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

/* ---- phone_keys ---- */
/* Phone digits for search: Persian digits folded, non-digits dropped, leading zeros and '+' removed,
 * reversed so that "ends with" becomes an index prefix. */
int phone_search_key(const char *typed, char *out, size_t outlen);
/* The key a stored number is filed under: its full international digits
 * (country code, area code, number; a national 0-prefix replaced by the
 * default country code), reversed like phone_search_key. */
int phone_stored_key(const char *cc, const char *area, const char *number, const char *default_cc, char *out, size_t outlen);
/* The same number forward, as E.164 is written: '+' and its full international digits. The '+'
 * keeps these keys apart from the reversed ones and from words in the one term index. */
int phone_stored_lead(const char *cc, const char *area, const char *number, const char *default_cc, char *out,
		      size_t outlen);
/* What a typed phone fragment may mean, each a prefix of stored keys: lead[] of phone_stored_lead
 * keys (the international number's start: "+98 912", "0098912", trunk "0912", or "912" either as
 * international or in the default country), tail of phone_stored_key keys (the typed digits
 * reversed, zeros kept: "0198" ends ...0198); unused ones "". CRM_EINVAL when typed is not a
 * phone fragment (other characters than digits, spaces, + - ( ) ., or fewer than
 * PHONE_QUERY_MIN digits). */
#define PHONE_QUERY_MIN 4
#define PHONE_QUERY_MAX 40
struct phone_query {
	char lead[2][PHONE_QUERY_MAX + 16];
	char tail[PHONE_QUERY_MAX];
};
int phone_query_keys(const char *typed, const char *default_cc, struct phone_query *q);

/* ---- search_words ---- */
/* Calls add with the search key (text_search_key) of each word of text, at most max_words
 * words; a word joined by ZWNJ also with each of its tails from a part on. Stops at add's
 * first failure and returns it. */
typedef int (*search_word_fn)(void *ctx, const char *key);
int search_words(const char *text, int max_words, search_word_fn add, void *ctx);

/* ---- party_scope ---- */
/* Which parties a user may see: assigned experts, their teams, the customer list; over the row
 * alias p (the parties module's queries) and t (the records engine's). */
extern const struct scope_sql party_scope;
extern const struct scope_sql party_scope_t;
/* over x: a link from another record to a party (records engine: struct rec_link) */
extern const struct scope_sql party_scope_x;
/* Appends " AND EXISTS (...)": the party whose id is id_expr (a fixed column name, never input)
 * is live and within the user's view scope. Parameters into p at *n (room for PERM_SCOPE_PARAMS). */
int party_visible_sql(struct req *r, const char *id_expr, struct buf *sql, struct db_param *p, unsigned *n);
/* Whether the live party id is within the user's scope for action (of the parties module):
 * CRM_OK, CRM_ENOTFOUND (gone, in the bin, or out of scope), or a database error. */
int party_in_scope(struct req *r, long long id, const char *action);
/* The same on db, inside the caller's transaction when for_update: the party's row stays locked,
 * so it cannot leave the scope (or go to the bin) before the change that checked it commits. */
int party_in_scope_db(struct req *r, struct db *db, long long id, const char *action, int for_update);
/* What the areas below take from the domain, registered once at a program's start: the link of a
 * custom field to a party (records' rec_custom_party_link_set). */
void domain_init(void);

/* ---- job_page ---- */
/* A job as its owner sees it (any module's job: an import, a large export):
 * state, a progress bar that refreshes itself while it runs, the error when
 * it failed, a link to the result or the file when done. Only the user who
 * asked (or an admin) sees it; any other id is a 404. */
/* GET /home/job?id=N */
int job_page(struct req *r);
/* GET /home/job/file?id=N: a done export job's file (under <var>/exports), same check. */
int job_file(struct req *r);
/* A large export as a job of kind for the asker, with params (a JSON object;
 * job_export_params makes {"path":...,"query":...} for a list's export route):
 * jobs_export_enqueue, the answer a redirect to the job's page (jobs_redirect; a module
 * sends a user there the same way after enqueueing any job). Returns the HTTP status. */
int job_export_start(struct req *r, const char *kind, const char *params);
int job_export_params(struct req *r, const char *query, struct buf *out);

#endif

/* The phone book's terms: every searchable piece of a party, normalized, in
 * party_search. Rebuilt inside the transaction that changes the party. */
#include "i18n/i18n.h"
#include "core/core.h"
#include "db/db.h"
#include "parties.h"

#include <stdio.h>
#include <string.h>

static int term_add(struct db *db, long long party_id, const char *kind, const char *term)
{
	struct db_param p[] = { DB_I(party_id), DB_S(kind), DB_S(term) };

	if (!term[0])
		return CRM_OK;
	return db_exec(db, "INSERT IGNORE INTO party_search (party_id, kind, term) VALUES (?, ?, LEFT(?, 191))", p, 3,
		       NULL, NULL);
}

/* Each word of text (after normalization and case folding) as a term. */
static int words_add(struct db *db, long long party_id, const char *kind, const char *text)
{
	char key[1024], *save = NULL;
	int rc = text_search_key(text, key, sizeof(key));

	if (rc == CRM_ETOOBIG)
		return CRM_OK; /* over-long text is simply not searchable by word */
	if (rc != CRM_OK)
		return rc;
	for (char *w = strtok_r(key, " \t\r\n,;()\"'", &save); w && rc == CRM_OK; w = strtok_r(NULL, " \t\r\n,;()\"'", &save))
		rc = term_add(db, party_id, kind, w);
	return rc;
}

struct rebuild {
	struct db *db;
	long long id;
	const char *default_cc;
	int rc;
};

static int channel_terms(void *ctx, const struct db_row *row)
{
	struct rebuild *b = ctx;
	const char *type = row->values[0], *value = row->values[1];
	char key[256];

	if (!strcmp(type, "phone") || !strcmp(type, "mobile") || !strcmp(type, "fax")) {
		/* the whole international number, reversed: any typed tail of it is a prefix */
		if (phone_stored_key(row->values[2], row->values[3], value, b->default_cc, key, sizeof(key)) == CRM_OK)
			b->rc = term_add(b->db, b->id, "p", key);
	} else if (!strcmp(type, "email") || !strcmp(type, "website")) {
		if (text_search_key(value, key, sizeof(key)) == CRM_OK) {
			char *host = strstr(key, "://");

			b->rc = term_add(b->db, b->id, type[0] == 'e' ? "e" : "w", host ? host + 3 : key);
			if (b->rc == CRM_OK && type[0] == 'w' && !strncmp(host ? host + 3 : key, "www.", 4))
				b->rc = term_add(b->db, b->id, "w", (host ? host + 3 : key) + 4);
		}
	} else {
		b->rc = words_add(b->db, b->id, "a", value);
	}
	return b->rc;
}

int party_derived_rebuild(struct db *db, long long party_id, const char *default_cc)
{
	struct db_param id[] = { DB_I(party_id) };
	char name[256], code[40], national[40], key[256];
	struct rebuild b = { db, party_id, default_cc, CRM_OK };
	int rc;

	rc = db_exec(db, "DELETE FROM party_search WHERE party_id = ?", id, 1, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_query_str(db, "SELECT display_name FROM parties WHERE id = ?", id, 1, name, sizeof(name));
	if (rc == CRM_OK)
		rc = db_query_str(db, "SELECT code FROM parties WHERE id = ?", id, 1, code, sizeof(code));
	if (rc == CRM_OK)
		rc = db_query_str(db, "SELECT national_id FROM parties WHERE id = ?", id, 1, national, sizeof(national));
	if (rc == CRM_OK)
		rc = words_add(db, party_id, "n", name);
	if (rc == CRM_OK && text_search_key(code, key, sizeof(key)) == CRM_OK)
		rc = term_add(db, party_id, "c", key);
	if (rc == CRM_OK && text_normalize(national, key, sizeof(key)) == CRM_OK)
		rc = term_add(db, party_id, "i", key);
	if (rc == CRM_OK)
		rc = db_query(db, "SELECT type, value, country_code, area_code FROM party_channels WHERE party_id = ?", id, 1,
			      channel_terms, &b);
	if (rc == CRM_OK)
		rc = db_exec(db, "UPDATE parties p SET "
#define FIRST(cond) "COALESCE((SELECT c.value FROM party_channels c WHERE c.party_id = p.id AND " cond \
		    " ORDER BY c.is_primary DESC, c.id LIMIT 1), '')"
				 "p.primary_phone = " FIRST("c.type IN ('mobile', 'phone')") ", "
				 "p.primary_email = " FIRST("c.type = 'email'") ", "
				 "p.primary_website = " FIRST("c.type = 'website'") ", "
				 "p.primary_address = " FIRST("c.type = 'address'") " WHERE p.id = ?",
#undef FIRST
			     id, 1, NULL, NULL);
	return rc;
}

/* The phone book's terms: every searchable piece of a party, normalized, in
 * party_search. Rebuilt inside the transaction that changes the party; the
 * demo rows (cgi/tools/demo_rows.c) are made by the same term functions.
 * Kinds: n name word, t notes word, c code, i national id, e email, w website,
 * a address word, p phone digits reversed (tails), f '+' and phone digits
 * forward (leading digits). Each lookup is a prefix of term: one range of
 * ix_party_search_term. */
#include "i18n/i18n.h"
#include "core/core.h"
#include "db/db.h"
#include "domain/domain.h"
#include "parties.h"

#include <stdio.h>
#include <string.h>

/* A long note is searchable by its first words: every word is a row written on each save. */
#define NOTES_WORDS 300
#define NAME_WORDS 64

struct words_ctx {
	party_term_fn add;
	void *ctx;
	char kind;
};

static int word_term(void *ctx, const char *key)
{
	struct words_ctx *w = ctx;

	return w->add(w->ctx, w->kind, key);
}

static int words(char kind, const char *text, int max, party_term_fn add, void *ctx)
{
	struct words_ctx w = { add, ctx, kind };

	return search_words(text, max, word_term, &w);
}

int party_field_terms(const char *name, const char *code, const char *national_id, const char *notes,
		      party_term_fn add, void *ctx)
{
	char key[256];
	int rc = words('n', name, NAME_WORDS, add, ctx);

	if (rc == CRM_OK && text_search_key(code, key, sizeof(key)) == CRM_OK)
		rc = add(ctx, 'c', key);
	if (rc == CRM_OK && text_normalize(national_id, key, sizeof(key)) == CRM_OK)
		rc = add(ctx, 'i', key);
	if (rc == CRM_OK && notes)
		rc = words('t', notes, NOTES_WORDS, add, ctx);
	return rc;
}

int party_channel_terms(const char *type, const char *value, const char *cc, const char *area, const char *default_cc,
			party_term_fn add, void *ctx)
{
	char key[256];
	int rc = CRM_OK;

	if (!strcmp(type, "phone") || !strcmp(type, "mobile") || !strcmp(type, "fax")) {
		/* the whole international number twice: reversed, so any typed tail is a prefix, and
		 * forward, so any typed start (0912, +98 912, 912) is a prefix too */
		if (phone_stored_key(cc, area, value, default_cc, key, sizeof(key)) == CRM_OK)
			rc = add(ctx, 'p', key);
		if (rc == CRM_OK && phone_stored_lead(cc, area, value, default_cc, key, sizeof(key)) == CRM_OK)
			rc = add(ctx, 'f', key);
	} else if (!strcmp(type, "email") || !strcmp(type, "website")) {
		if (text_search_key(value, key, sizeof(key)) == CRM_OK) {
			char *host = strstr(key, "://");

			host = host ? host + 3 : key;
			rc = add(ctx, type[0] == 'e' ? 'e' : 'w', host);
			if (rc == CRM_OK && type[0] == 'w' && !strncmp(host, "www.", 4))
				rc = add(ctx, 'w', host + 4);
		}
	} else {
		rc = words('a', value, NAME_WORDS, add, ctx);
	}
	return rc;
}

/* Terms are written in multi-row INSERTs: a note's words would otherwise be a statement each. */
#define BATCH 32

struct writer {
	struct db *db;
	long long id;
	const char *default_cc;
	int n, found;
	char kind[BATCH][2];
	char term[BATCH][1024];
};

static int flush(struct writer *w)
{
	struct db_param p[BATCH * 3];
	struct buf sql = { 0 };
	int rc;

	if (!w->n)
		return CRM_OK;
	rc = buf_puts(&sql, "INSERT IGNORE INTO party_search (party_id, kind, term) VALUES ");
	for (int i = 0; rc == CRM_OK && i < w->n; i++) {
		rc = buf_puts(&sql, i ? ", (?, ?, LEFT(?, 191))" : "(?, ?, LEFT(?, 191))");
		p[i * 3] = DB_I(w->id);
		p[i * 3 + 1] = DB_S(w->kind[i]);
		p[i * 3 + 2] = DB_S(w->term[i]);
	}
	if (rc == CRM_OK)
		rc = db_exec(w->db, sql.p, p, (unsigned)w->n * 3, NULL, NULL);
	buf_free(&sql);
	w->n = 0;
	return rc;
}

static int term_write(void *ctx, char kind, const char *term)
{
	struct writer *w = ctx;

	if (!term[0])
		return CRM_OK;
	if (strlen(term) >= sizeof(w->term[0]))
		return CRM_OK; /* never made: keys are shorter */
	w->kind[w->n][0] = kind;
	w->kind[w->n][1] = '\0';
	snprintf(w->term[w->n], sizeof(w->term[0]), "%s", term);
	return ++w->n == BATCH ? flush(w) : CRM_OK;
}

static int field_row(void *ctx, const struct db_row *row)
{
	struct writer *w = ctx;

	w->found = 1;
	return party_field_terms(row->values[0], row->values[1], row->values[2], row->values[3], term_write, w);
}

static int channel_row(void *ctx, const struct db_row *row)
{
	struct writer *w = ctx;

	return party_channel_terms(row->values[0], row->values[1], row->values[2], row->values[3], w->default_cc,
				   term_write, w);
}

int party_derived_rebuild(struct db *db, long long party_id, const char *default_cc)
{
	struct db_param id[] = { DB_I(party_id) };
	struct writer w = { .db = db, .id = party_id, .default_cc = default_cc };
	int rc;

	rc = db_exec(db, "DELETE FROM party_search WHERE party_id = ?", id, 1, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_query(db, "SELECT display_name, code, national_id, COALESCE(notes, '') FROM parties WHERE id = ?",
			      id, 1, field_row, &w);
	if (rc == CRM_OK && !w.found)
		rc = CRM_ENOTFOUND;
	if (rc == CRM_OK)
		rc = db_query(db, "SELECT type, value, country_code, area_code FROM party_channels WHERE party_id = ?", id, 1,
			      channel_row, &w);
	if (rc == CRM_OK)
		rc = flush(&w);
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

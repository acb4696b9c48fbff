/* GET /parties/search?q=...: the phone book. One box finds a party by any
 * word of its name or notes, its code, national ID, a phone number by its
 * leading digits (0912..., +98 912..., 912..., in any digits) or its tail,
 * email, website or address words.
 * With partial=1 it answers just the result list, for search-as-you-type.
 * GET /parties/lookup?q=...&kind=person|company: the same matches as JSON, for the pickers of
 * links to a party (html/static/js/picker.js). */
#include "i18n/i18n.h"
#include "core/core.h"
#include "db/db.h"
#include "domain/domain.h"
#include "render/render.h"
#include "parties.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEARCH_LIMIT 20
#define SEARCH_WORDS 4

struct results {
	struct req *r;
	int n;
};

/* A result row into Results.N.*, with its phone as a tel: target made by the phone keys' rules
 * (the stored value is as typed: any digits, spaces, a trunk 0). */
static int result_row(void *ctx, const struct db_row *row)
{
	struct results *res = ctx;
	const char *cc = "", *area = "", *phone = "";
	char key[96], tel[80];
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < row->ncols; i++) {
		const char *v = row->values[i] ? row->values[i] : "";

		if (!strcmp(row->names[i], "phone_cc"))
			cc = v;
		else if (!strcmp(row->names[i], "phone_area"))
			area = v;
		else {
			if (!strcmp(row->names[i], "phone"))
				phone = v;
			snprintf(key, sizeof(key), "Results.%d.%s", res->n, row->names[i]);
			rc = hdf_put(res->r, key, v);
		}
	}
	if (rc == CRM_OK && phone[0] &&
	    phone_stored_lead(cc, area, phone, res->r->cfg->default_country_code, tel, sizeof(tel)) == CRM_OK) {
		snprintf(key, sizeof(key), "Results.%d.tel", res->n);
		rc = hdf_put(res->r, key, tel);
	}
	res->n++;
	return rc;
}

/* One search's query and what its parameters point at. */
struct search {
	char key[1024];
	char likes[SEARCH_WORDS][256];
	struct phone_query pq;
	struct buf sql;
	struct db_param p[16 + 2 * PERM_SCOPE_PARAMS];
	unsigned n, words; /* words 0: nothing to search for */
};

/* Each word's matches counted up to this from party_search's term index; with several words the
 * rarest one's first this many (by id) are the candidates, each checked for the other words in
 * its own key range (about 10 index entries each: 25,000 reads at most). The first 500 of one
 * common word read in another index's order (a first name 33,000 persons hold, by name) held
 * none of a common surname's: measured at 1M, "زهرا کریمی" found nothing that way. Two words
 * both common and rarely together can still be missed among the first candidates. */
#define CANDIDATES_FEW 2500
#define CANDIDATES_FEW_SQL "2500"

/* Puts the word with the fewest matches first. */
static int rarest_first(struct req *r, struct search *s)
{
	long long best = -1;
	unsigned at = 0;

	for (unsigned i = 0; i < s->words; i++) {
		struct db_param p[] = { DB_S(s->likes[i]) };
		long long n = 0;
		int rc = db_query_int(r->db,
				      "SELECT COUNT(*) FROM (SELECT 1 FROM party_search WHERE term LIKE ? LIMIT " CANDIDATES_FEW_SQL
				      ") x",
				      p, 1, &n);

		if (rc != CRM_OK)
			return rc;
		if (best < 0 || n < best) {
			best = n;
			at = i;
		}
	}
	if (at) {
		char first[sizeof(s->likes[0])];

		memcpy(first, s->likes[0], sizeof(first));
		memcpy(s->likes[0], s->likes[at], sizeof(first));
		memcpy(s->likes[at], first, sizeof(first));
	}
	return CRM_OK;
}

/* The phone book's query for q: the first limit matches the user may see (kind: NULL for any, or
 * "person", "company"), active first, by priority and name. */
static int search_sql(struct req *r, const char *q, const char *kind, int limit, struct search *s)
{
	char *save = NULL;
	int is_phone, rc;

	s->n = s->words = 0;
	if (text_search_key(q, s->key, sizeof(s->key)) != CRM_OK)
		return CRM_OK;
	is_phone = phone_query_keys(q, r->cfg->default_country_code, &s->pq) == CRM_OK;
	s->p[s->n++] = DB_I(r->user.id);
	/* the shown are chosen from the matches by their sort keys alone; their columns are read for
	 * those only: the first employer the user may see, the primary phone's channel (its codes
	 * make the tel: link) */
	rc = buf_puts(&s->sql, "SELECT p.id, p.kind, p.code, p.display_name, p.is_active, p.primary_phone AS phone, "
			       "p.primary_email AS email, ch.country_code AS phone_cc, ch.area_code AS phone_area, "
			       "EXISTS (SELECT 1 FROM party_stars s WHERE s.party_id = p.id AND s.user_id = ?) AS starred, "
			       "(SELECT co.display_name FROM employments e JOIN parties co ON co.id = e.company_id "
			       "WHERE e.person_id = p.id");
	if (rc == CRM_OK)
		rc = party_visible_sql(r, "co.id", &s->sql, s->p, &s->n);
	if (rc == CRM_OK)
		rc = buf_puts(&s->sql, " ORDER BY e.id LIMIT 1) AS company "
				       "FROM (SELECT p.id, p.is_active AS k1, p.priority AS k2, p.name_norm AS k3 "
				       "FROM parties p JOIN (SELECT DISTINCT party_id FROM party_search ");
	/* words: their candidates by id (the term index), not by name (the lists' indexes) */
	if (rc == CRM_OK)
		rc = buf_puts(&s->sql, is_phone ? "WHERE " : "FORCE INDEX (ix_party_search_term) WHERE ");
	if (rc == CRM_OK && is_phone) {
		rc = party_phone_terms_sql(&s->pq, s->key, s->likes, &s->sql, s->p, &s->n);
		s->words = 1;
	} else if (rc == CRM_OK) {
		/* the rarest word drives the index; every other word must match a term too */
		for (char *w = strtok_r(s->key, " \t", &save); w && s->words < SEARCH_WORDS; w = strtok_r(NULL, " \t", &save))
			party_like_prefix(w, s->likes[s->words++], sizeof(s->likes[0]));
		if (s->words > 1)
			rc = rarest_first(r, s);
		if (rc == CRM_OK)
			rc = buf_puts(&s->sql, "term LIKE ?");
		s->p[s->n++] = DB_S(s->likes[0]);
	}
	/* the candidates: one word's first 500 (the page is 50); with other words to check, up to
	 * CANDIDATES_FEW of the rarest, so two common words (a common first name and surname) still
	 * meet in them */
	if (rc == CRM_OK)
		rc = buf_printf(&s->sql, " LIMIT %d) m ON m.party_id = p.id WHERE p.is_deleted = 0",
				!is_phone && s->words > 1 ? CANDIDATES_FEW : 500);
	for (unsigned i = 1; rc == CRM_OK && !is_phone && i < s->words; i++) {
		/* the party's own key range (as the lists' text box checks its other words): read as a
		 * whole, the word's range cost its 33,000 entries at 1M */
		rc = buf_puts(&s->sql, " AND EXISTS (SELECT 1 FROM party_search s2 FORCE INDEX (PRIMARY) WHERE s2.party_id = p.id "
				       "AND s2.term LIKE ?)");
		s->p[s->n++] = DB_S(s->likes[i]);
	}
	if (rc == CRM_OK && kind) {
		rc = buf_puts(&s->sql, " AND p.kind = ?");
		s->p[s->n++] = DB_S(kind);
	}
	if (rc == CRM_OK)
		rc = perm_scope_sql(&r->user, "parties", "view", &party_scope, &s->sql, s->p, &s->n);
	if (rc == CRM_OK)
		rc = buf_printf(&s->sql, " ORDER BY p.is_active DESC, p.priority DESC, p.name_norm, p.id LIMIT %d) page "
					 "JOIN parties p ON p.id = page.id "
					 "LEFT JOIN party_channels ch ON ch.id = (SELECT c.id FROM party_channels c WHERE "
					 "c.party_id = p.id AND c.type IN ('mobile', 'phone') ORDER BY c.is_primary DESC, c.id LIMIT 1) "
					 "ORDER BY page.k1 DESC, page.k2 DESC, page.k3, page.id",
				limit);
	if (rc == CRM_OK && buf_failed(&s->sql))
		rc = CRM_ERR;
	return rc;
}

int phonebook(struct req *r)
{
	char q[201];
	struct search s = { 0 };
	struct results res = { r, 0 };
	int rc;

	rc = req_text(r, "q", 200, q, sizeof(q));
	if (rc == CRM_ETOOBIG)
		return reply_error(r, 400);
	if (hdf_put(r, "Search.q", rc == CRM_OK ? q : "") != CRM_OK)
		return reply_error(r, 500);
	if (rc == CRM_OK) {
		rc = search_sql(r, q, NULL, SEARCH_LIMIT, &s);
		if (rc == CRM_OK && s.words)
			rc = db_query(r->db, s.sql.p, s.p, s.n, result_row, &res);
		buf_free(&s.sql);
		if (rc != CRM_OK)
			return reply_db_error(r, rc);
		if (s.words && hdf_putf(r, "Search.count", "%d", res.n) != CRM_OK)
			return reply_error(r, 500);
	}
	if (hdf_put(r, "Page.section", "search") != CRM_OK)
		return reply_error(r, 500);
	return render(r, req_param(r, "partial") ? "parties/results.cs" : "parties/search.cs");
}

/* A lookup's matches as JSON objects: what a picker shows and the code it puts in the field. */
static int lookup_row(void *ctx, const struct db_row *row)
{
	json_t *list = ctx, *o = json_object();
	int rc = o ? CRM_OK : CRM_ERR;

	for (unsigned i = 0; rc == CRM_OK && i < row->ncols; i++) {
		static const char *const keep[] = { "kind", "code", "display_name", "is_active", "phone", "email", "company" };
		const char *v = row->values[i] ? row->values[i] : "";

		for (size_t k = 0; rc == CRM_OK && k < CRM_ARRAY_LEN(keep); k++)
			if (!strcmp(row->names[i], keep[k]) && json_object_set_new(o, keep[k], json_string(v)))
				rc = CRM_ERR; /* json_string: NULL for text that is not UTF-8 */
	}
	if (rc == CRM_OK && json_array_append(list, o))
		rc = CRM_ERR;
	json_decref(o);
	return rc;
}

int party_lookup(struct req *r)
{
	char q[201];
	const char *kind = req_param(r, "kind");
	struct search s = { 0 };
	json_t *list = NULL;
	char *body = NULL;
	int rc, status;

	rc = req_text(r, "q", 200, q, sizeof(q));
	if (rc == CRM_ENOTFOUND)
		q[0] = '\0';
	else if (rc != CRM_OK)
		return reply_error(r, 400);
	if (kind && !kind[0])
		kind = NULL;
	if (kind && strcmp(kind, "person") && strcmp(kind, "company"))
		return reply_error(r, 400);
	list = json_array();
	if (!list)
		return reply_error(r, 500);
	rc = search_sql(r, q, kind, SEARCH_LIMIT, &s);
	if (rc == CRM_OK && s.words)
		rc = db_query(r->db, s.sql.p, s.p, s.n, lookup_row, list);
	buf_free(&s.sql);
	if (rc == CRM_OK)
		body = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (!body)
		return reply_error(r, 500);
	status = resp_text(r, 200, "application/json; charset=utf-8", body);
	free(body);
	return status;
}

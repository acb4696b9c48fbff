/* The text box of the persons and companies lists: the phone book's matching (the terms of
 * party_search: name and notes words, code, national ID, a phone by its lead or tail in any digits,
 * email, website) as one more filter of the list, beside the others and in their order.
 *
 * Each word (or a phone's keys, together) is a condition every row must meet. How the list reads
 * them depends on how many rows the rarest holds, counted up to Lists.TextFew (10,000) from its own index:
 * few, and its matches are read first (a derived table of their ids) and the page sorted from
 * them; many, and the page is read in the list's order from each term the longest word starts
 * (its own range of party_search, which carries each party's sort keys: migration 028), the
 * ranges united, the other words checked per row (one range of party_search's key, 027). A
 * word that starts more than PARTY_TEXT_PAIRS terms (one letter, say), or an order or state
 * without such an index, walks the list's own index in order, each row checked. Measured at
 * 1M: reading a common name's 33,000 matches first for every page, or walking the list in
 * name order for a surname (its rows come after a whole first name's block), read
 * 30,000-500,000 index entries a page. */
#include "core/core.h"
#include "db/db.h"
#include "domain/domain.h"
#include "i18n/i18n.h"
#include "parties.h"

#include <cgi/cgi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void party_like_prefix(const char *s, char *out, size_t outlen)
{
	size_t o = 0;

	for (; *s && o + 3 < outlen; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o++] = '%';
	out[o] = '\0';
}

int party_phone_terms_sql(const struct phone_query *pq, const char *key, char likes[][256], struct buf *sql,
			  struct db_param *p, unsigned *n)
{
	const char *keys[] = { pq->lead[0], pq->lead[1], pq->tail, key /* codes and national IDs, from their start */ };
	unsigned k = 0;
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < CRM_ARRAY_LEN(keys); i++) {
		if (!keys[i][0])
			continue;
		party_like_prefix(keys[i], likes[k], sizeof(likes[0]));
		rc = buf_puts(sql, k ? " OR term LIKE ?" : "term LIKE ?");
		p[(*n)++] = DB_S(likes[k]);
		k++;
	}
	return rc;
}

int party_text_read(struct req *r, struct party_text *t)
{
	char key[1024], *save = NULL;
	struct phone_query pq;
	int rc = req_text(r, "q", 100, t->q, sizeof(t->q));

	t->nconds = 0;
	memset(t->nalts, 0, sizeof(t->nalts));
	t->drive = 0;
	t->few = 0;
	t->npairs = 0;
	memset(t->nterms, 0, sizeof(t->nterms));
	t->bound = r->cfg->lists_text_few;
	if (rc == CRM_ENOTFOUND || (rc == CRM_OK && !t->q[0]))
		return CRM_OK;
	if (rc != CRM_OK)
		return CRM_EINVAL;
	if (text_search_key(t->q, key, sizeof(key)) != CRM_OK)
		return CRM_EINVAL;
	if (phone_query_keys(t->q, r->cfg->default_country_code, &pq) == CRM_OK) {
		/* typed as a phone: one condition, any of its keys, or the text for codes and national IDs */
		const char *keys[] = { pq.lead[0], pq.lead[1], pq.tail, key };

		for (unsigned i = 0; i < CRM_ARRAY_LEN(keys); i++)
			if (keys[i][0])
				party_like_prefix(keys[i], t->likes[0][t->nalts[0]++], sizeof(t->likes[0][0]));
		t->nconds = t->nalts[0] ? 1 : 0;
	} else {
		/* each word must start a term of the record (all of them, as the phone book asks) */
		for (char *w = strtok_r(key, " \t", &save); w && t->nconds < PARTY_TEXT_WORDS; w = strtok_r(NULL, " \t", &save)) {
			party_like_prefix(w, t->likes[t->nconds][0], sizeof(t->likes[0][0]));
			t->nalts[t->nconds++] = 1;
		}
	}
	if (!t->nconds)
		t->q[0] = '\0'; /* only spaces: no filter */
	return CRM_OK;
}

/* "term LIKE ? OR ..." of one condition, its column named with prefix (ps. or nothing). */
static int cond_sql(const struct party_text *t, unsigned c, const char *prefix, struct buf *sql, struct db_param *p,
		    unsigned *n)
{
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < t->nalts[c]; i++) {
		rc = buf_printf(sql, "%s%sterm LIKE ?", i ? " OR " : "", prefix);
		p[(*n)++] = DB_S(t->likes[c][i]);
	}
	return rc;
}

struct probe {
	char term[192], kind[2]; /* kind "" when not asked for */
	int found;
};

static int probe_row(void *ctx, const struct db_row *row)
{
	struct probe *pp = ctx;
	const char *kind = row->ncols > 1 ? row->values[1] : "";

	if (!row->values[0] || !kind || strlen(row->values[0]) >= sizeof(pp->term) || strlen(kind) >= sizeof(pp->kind))
		return CRM_ERR;
	strcpy(pp->term, row->values[0]);
	strcpy(pp->kind, kind);
	pp->found = 1;
	return CRM_OK;
}

/* The distinct terms (by_kind: (term, kind) pairs, from ix_ps_list) condition c's prefixes start,
 * each found from the last by one step of an index that leads with the term (a few rows read
 * each; two prefixes of a phone may start the same term). More than PARTY_TEXT_PAIRS: none
 * (*count 0). kind: room for PARTY_TEXT_PAIRS, or NULL without by_kind. */
static int distinct_terms(struct req *r, const struct party_text *t, unsigned c, int by_kind,
			  char term[][192], char kind[][2], unsigned *count)
{
	int rc = CRM_OK;

	*count = 0;
	for (unsigned a = 0; rc == CRM_OK && a < t->nalts[c]; a++) {
		struct probe pp = { "", "", 1 };

		while (rc == CRM_OK && pp.found) {
			char last_term[192], last_kind[2];
			struct db_param p[] = { DB_S(t->likes[c][a]), DB_S(last_term), DB_S(last_term), DB_S(last_kind) };
			int seen = 0;

			strcpy(last_term, pp.term);
			strcpy(last_kind, pp.kind);
			pp.found = 0;
			rc = by_kind ? db_query(r->db,
						"SELECT term, kind FROM party_search FORCE INDEX (ix_ps_list) WHERE term LIKE ? "
						"AND (term > ? OR (term = ? AND kind > ?)) ORDER BY term, kind LIMIT 1",
						p, CRM_ARRAY_LEN(p), probe_row, &pp)
				     : db_query(r->db, "SELECT term FROM party_search WHERE term LIKE ? AND term > ? "
						       "ORDER BY term LIMIT 1", p, 2, probe_row, &pp);
			if (rc != CRM_OK || !pp.found)
				break;
			for (unsigned i = 0; i < *count; i++)
				seen |= !strcmp(term[i], pp.term) && (!by_kind || !strcmp(kind[i], pp.kind));
			if (seen)
				continue;
			if (*count == PARTY_TEXT_PAIRS) {
				*count = 0;
				return CRM_OK;
			}
			strcpy(term[*count], pp.term);
			if (by_kind)
				strcpy(kind[*count], pp.kind);
			(*count)++;
		}
	}
	return rc;
}

int party_text_size(struct req *r, struct party_text *t)
{
	size_t longest[PARTY_TEXT_WORDS];
	unsigned order[PARTY_TEXT_WORDS];
	int rc = CRM_OK;

	t->few = 0;
	t->drive = 0;
	t->npairs = 0;
	memset(t->nterms, 0, sizeof(t->nterms));
	if (!t->q[0])
		return CRM_OK;
	/* the longest word first: the likeliest to be rare, and the first that is few drives */
	for (unsigned i = 0; i < t->nconds; i++) {
		unsigned at = i;

		longest[i] = strlen(t->likes[i][0]);
		while (at > 0 && longest[order[at - 1]] < longest[i]) {
			order[at] = order[at - 1];
			at--;
		}
		order[at] = i;
	}
	for (unsigned k = 0; rc == CRM_OK && !t->few && k < t->nconds; k++) {
		struct db_param p[4];
		struct buf sql = { 0 };
		long long count = 0;
		unsigned n = 0;

		rc = buf_puts(&sql, "SELECT COUNT(*) FROM (SELECT 1 FROM party_search WHERE ");
		if (rc == CRM_OK)
			rc = cond_sql(t, order[k], "", &sql, p, &n);
		if (rc == CRM_OK)
			rc = buf_printf(&sql, " LIMIT %ld) x", t->bound);
		if (rc == CRM_OK && buf_failed(&sql))
			rc = CRM_ERR;
		if (rc == CRM_OK)
			rc = db_query_int(r->db, sql.p, p, n, &count);
		if (rc == CRM_OK && count < t->bound) {
			t->few = 1;
			t->drive = order[k];
		}
		buf_free(&sql);
	}
	/* many: the longest word's terms, each read in the list's order; the others' terms, each
	 * row looked up by them */
	if (rc == CRM_OK && !t->few) {
		t->drive = order[0];
		rc = distinct_terms(r, t, t->drive, 1, t->pair_term, t->pair_kind, &t->npairs);
		for (unsigned c = 0; rc == CRM_OK && c < t->nconds; c++)
			rc = distinct_terms(r, t, c, 0, t->terms[c], NULL, &t->nterms[c]);
	}
	return rc;
}

int party_text_first(const struct party_text *t, int read_first)
{
	return t->q[0] && (t->few || read_first);
}

int party_text_from(const struct party_text *t, long long limit, struct buf *sql, struct db_param *p, unsigned *n)
{
	/* DISTINCT: a party whose several terms start with the word is one row */
	int rc = buf_puts(sql, "(SELECT DISTINCT party_id FROM party_search WHERE ");

	if (rc == CRM_OK)
		rc = cond_sql(t, t->drive, "", sql, p, n);
	if (rc == CRM_OK && limit)
		rc = buf_printf(sql, " LIMIT %lld", limit);
	if (rc == CRM_OK)
		rc = buf_puts(sql, ") m STRAIGHT_JOIN parties p ON p.id = m.party_id");
	return rc;
}

int party_text_sql(const struct party_text *t, int skip_drive, struct buf *sql, struct db_param *p, unsigned *n)
{
	int rc = CRM_OK;

	if (!t->q[0])
		return CRM_OK;
	/* the key's range for this party and word: named, as the optimizer otherwise took the
	 * word's whole range of ix_party_search_term for each row */
	for (unsigned c = 0; rc == CRM_OK && c < t->nconds; c++) {
		if (skip_drive && c == t->drive)
			continue; /* the rows come from its matches */
		if (t->nterms[c]) { /* a lookup of each (term, party): a few rows read, not all its terms */
			rc = buf_puts(sql, " AND EXISTS (SELECT 1 FROM party_search pt FORCE INDEX (ix_party_search_term) WHERE pt.term IN (");
			for (unsigned i = 0; rc == CRM_OK && i < t->nterms[c]; i++) {
				rc = buf_puts(sql, i ? ", ?" : "?");
				p[(*n)++] = DB_S(t->terms[c][i]);
			}
			if (rc == CRM_OK)
				rc = buf_puts(sql, ") AND pt.party_id = p.id)");
			continue;
		}
		rc = buf_puts(sql, " AND EXISTS (SELECT 1 FROM party_search ps FORCE INDEX (PRIMARY) WHERE ps.party_id = p.id AND (");
		if (rc == CRM_OK)
			rc = cond_sql(t, c, "ps.", sql, p, n);
		if (rc == CRM_OK)
			rc = buf_puts(sql, "))");
	}
	return rc;
}

int party_text_query(const struct party_text *t, struct buf *q)
{
	char *esc = NULL;
	NEOERR *err;
	int rc;

	if (!t->q[0])
		return CRM_OK;
	err = cgi_url_escape(t->q, &esc);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	rc = buf_printf(q, "&q=%s", esc);
	free(esc);
	return rc;
}

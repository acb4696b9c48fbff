/* The text box of the persons and companies lists: the phone book's matching (the terms of
 * party_search: name and notes words, code, national ID, a phone by its lead or tail in any digits,
 * email, website) as one more filter of the list, beside the others and in their order. */
#include "core/core.h"
#include "db/db.h"
#include "domain/domain.h"
#include "i18n/i18n.h"
#include "parties.h"

#include <stdio.h>
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
	int rc = req_text(r, "q", 100, t->q, sizeof(t->q));

	t->nwords = 0;
	t->phone = 0;
	if (rc == CRM_ENOTFOUND || (rc == CRM_OK && !t->q[0]))
		return CRM_OK;
	if (rc != CRM_OK)
		return CRM_EINVAL;
	if (text_search_key(t->q, key, sizeof(key)) != CRM_OK)
		return CRM_EINVAL;
	t->phone = phone_query_keys(t->q, r->cfg->default_country_code, &t->pq) == CRM_OK;
	t->nphone = 0;
	if (t->phone) { /* a phone's keys, and the text itself for codes and national IDs */
		const char *keys[] = { t->pq.lead[0], t->pq.lead[1], t->pq.tail, key };

		for (unsigned i = 0; i < CRM_ARRAY_LEN(keys); i++)
			if (keys[i][0])
				party_like_prefix(keys[i], t->phone_likes[t->nphone++], sizeof(t->phone_likes[0]));
	}
	/* each word must start a term of the record (all of them, as the phone book asks) */
	for (char *w = strtok_r(key, " \t", &save); w && t->nwords < PARTY_TEXT_WORDS; w = strtok_r(NULL, " \t", &save))
		party_like_prefix(w, t->likes[t->nwords++], sizeof(t->likes[0]));
	if (!t->nwords)
		t->q[0] = '\0'; /* only spaces: no filter */
	return CRM_OK;
}

/* The first condition's terms: a phone's keys, or the first word. */
static int first_terms(const struct party_text *t, struct buf *sql, struct db_param *p, unsigned *n)
{
	int rc = CRM_OK;

	if (!t->phone) {
		p[(*n)++] = DB_S(t->likes[0]);
		return buf_puts(sql, "term LIKE ?");
	}
	for (unsigned i = 0; rc == CRM_OK && i < t->nphone; i++) {
		rc = buf_puts(sql, i ? " OR term LIKE ?" : "term LIKE ?");
		p[(*n)++] = DB_S(t->phone_likes[i]);
	}
	return rc;
}

int party_text_size(struct req *r, struct party_text *t)
{
	struct db_param p[8];
	struct buf sql = { 0 };
	long long count = 0;
	unsigned n = 0;
	int rc;

	t->few = 0;
	if (!t->q[0])
		return CRM_OK;
	/* as role and group: few matches are read first, many are found walking the list in order */
	rc = buf_puts(&sql, "SELECT COUNT(*) FROM (SELECT 1 FROM party_search WHERE ");
	if (rc == CRM_OK)
		rc = first_terms(t, &sql, p, &n);
	if (rc == CRM_OK)
		rc = buf_printf(&sql, " LIMIT %d) x", PARTY_TEXT_FEW);
	if (rc == CRM_OK && buf_failed(&sql))
		rc = CRM_ERR;
	if (rc == CRM_OK)
		rc = db_query_int(r->db, sql.p, p, n, &count);
	t->few = rc == CRM_OK && count < PARTY_TEXT_FEW;
	buf_free(&sql);
	return rc;
}

int party_text_sql(const struct party_text *t, int read_first, struct buf *sql, struct db_param *p, unsigned *n)
{
	int rc = CRM_OK;

	if (!t->q[0])
		return CRM_OK;
	rc = buf_puts(sql, t->few || read_first
				   ? " AND p.id IN (SELECT ps.party_id FROM party_search ps WHERE ("
				   : " AND EXISTS (SELECT 1 FROM party_search ps WHERE ps.party_id = p.id AND (");
	if (rc == CRM_OK)
		rc = first_terms(t, sql, p, n);
	if (rc == CRM_OK)
		rc = buf_puts(sql, "))");
	for (unsigned i = 1; rc == CRM_OK && !t->phone && i < t->nwords; i++) {
		rc = buf_puts(sql, " AND EXISTS (SELECT 1 FROM party_search s2 WHERE s2.party_id = p.id AND s2.term LIKE ?)");
		p[(*n)++] = DB_S(t->likes[i]);
	}
	return rc;
}

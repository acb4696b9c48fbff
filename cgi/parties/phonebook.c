/* GET /parties/search?q=...: the phone book. One box finds a party by any
 * word of its name, its code, national ID, any phone number (with or without
 * country and area code, in any digits), email, website or address words.
 * With partial=1 it answers just the result list, for search-as-you-type. */
#include "i18n/i18n.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdio.h>
#include <string.h>

#define SEARCH_LIMIT 20
#define SEARCH_WORDS 4

/* Escapes LIKE's wildcards so typed text matches literally, then appends '%'. */
static void like_prefix(const char *s, char *out, size_t outlen)
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

int phonebook(struct req *r)
{
	char q[201], key[1024], phone[64];
	char likes[SEARCH_WORDS][256];
	struct buf sql = { 0 };
	struct db_param p[16 + PERM_SCOPE_PARAMS];
	unsigned n = 0, words = 0;
	int rows = 0, rc;
	char *save = NULL;

	rc = req_text(r, "q", 200, q, sizeof(q));
	if (rc == CRM_ETOOBIG)
		return reply_error(r, 400);
	if (hdf_put(r, "Search.q", rc == CRM_OK ? q : "") != CRM_OK)
		return reply_error(r, 500);
	if (rc == CRM_OK && text_search_key(q, key, sizeof(key)) == CRM_OK) {
		int is_phone = strspn(key, "0123456789+-() ") == strlen(key) && phone_search_key(key, phone, sizeof(phone)) == CRM_OK &&
			       strlen(phone) >= 4;

		p[n++] = DB_I(r->user.id);
		/* the 20 shown are chosen from the matches by their sort keys alone; their
		 * columns are read for those 20 only */
		buf_puts(&sql, "SELECT p.id, p.kind, p.code, p.display_name, p.is_active, p.primary_phone AS phone, "
			       "EXISTS (SELECT 1 FROM party_stars s WHERE s.party_id = p.id AND s.user_id = ?) AS starred "
			       "FROM (SELECT p.id, p.is_active AS k1, p.priority AS k2, p.name_norm AS k3 "
			       "FROM parties p JOIN (SELECT DISTINCT party_id FROM party_search WHERE ");
		if (is_phone) {
			/* phones are stored reversed: "ends with what was typed" is an index prefix;
			 * codes and national IDs are matched from their start */
			like_prefix(phone, likes[0], sizeof(likes[0]));
			like_prefix(key, likes[1], sizeof(likes[1]));
			buf_puts(&sql, "term LIKE ? OR term LIKE ?");
			p[n++] = DB_S(likes[0]);
			p[n++] = DB_S(likes[1]);
			words = 1;
		} else {
			/* the first word drives the index; every other word must match a term too */
			for (char *w = strtok_r(key, " \t", &save); w && words < SEARCH_WORDS; w = strtok_r(NULL, " \t", &save))
				like_prefix(w, likes[words++], sizeof(likes[0]));
			buf_puts(&sql, "term LIKE ?");
			p[n++] = DB_S(likes[0]);
		}
		buf_puts(&sql, " LIMIT 500) m ON m.party_id = p.id WHERE p.is_deleted = 0");
		for (unsigned i = 1; !is_phone && i < words; i++) {
			buf_puts(&sql, " AND EXISTS (SELECT 1 FROM party_search s2 WHERE s2.party_id = p.id AND s2.term LIKE ?)");
			p[n++] = DB_S(likes[i]);
		}
		rc = perm_scope_sql(&r->user, "parties", "view", &party_scope, &sql, p, &n);
		if (rc == CRM_OK)
			rc = buf_printf(&sql, " ORDER BY p.is_active DESC, p.priority DESC, p.name_norm, p.id LIMIT %d) page "
					      "JOIN parties p ON p.id = page.id ORDER BY page.k1 DESC, page.k2 DESC, page.k3, page.id",
					SEARCH_LIMIT);
		if (rc == CRM_OK && words)
			rc = db_query_hdf(r->db, sql.p, p, n, r->hdf, "Results", &rows);
		buf_free(&sql);
		if (rc != CRM_OK)
			return reply_db_error(r, rc);
		if (hdf_putf(r, "Search.count", "%d", rows) != CRM_OK)
			return reply_error(r, 500);
	}
	if (hdf_put(r, "Page.section", "search") != CRM_OK)
		return reply_error(r, 500);
	return render(r, req_param(r, "partial") ? "parties/results.cs" : "parties/search.cs");
}

/* GET /parties/search?q=...: the phone book. One box finds a party by any
 * word of its name or notes, its code, national ID, a phone number by its
 * leading digits (0912..., +98 912..., 912..., in any digits) or its tail,
 * email, website or address words.
 * With partial=1 it answers just the result list, for search-as-you-type. */
#include "i18n/i18n.h"
#include "core/core.h"
#include "db/db.h"
#include "domain/domain.h"
#include "render/render.h"
#include "parties.h"

#include <stdio.h>
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

int phonebook(struct req *r)
{
	char q[201], key[1024];
	char likes[SEARCH_WORDS][256];
	struct phone_query pq;
	struct buf sql = { 0 };
	struct db_param p[16 + 2 * PERM_SCOPE_PARAMS];
	struct results res = { r, 0 };
	unsigned n = 0, words = 0;
	int rc;
	char *save = NULL;

	rc = req_text(r, "q", 200, q, sizeof(q));
	if (rc == CRM_ETOOBIG)
		return reply_error(r, 400);
	if (hdf_put(r, "Search.q", rc == CRM_OK ? q : "") != CRM_OK)
		return reply_error(r, 500);
	if (rc == CRM_OK && text_search_key(q, key, sizeof(key)) == CRM_OK) {
		int is_phone = phone_query_keys(q, r->cfg->default_country_code, &pq) == CRM_OK;

		p[n++] = DB_I(r->user.id);
		/* the 20 shown are chosen from the matches by their sort keys alone; their
		 * columns are read for those 20 only: the first employer the user may see, the
		 * primary phone's channel (its codes make the tel: link) */
		rc = buf_puts(&sql, "SELECT p.id, p.kind, p.code, p.display_name, p.is_active, p.primary_phone AS phone, "
				    "p.primary_email AS email, ch.country_code AS phone_cc, ch.area_code AS phone_area, "
				    "EXISTS (SELECT 1 FROM party_stars s WHERE s.party_id = p.id AND s.user_id = ?) AS starred, "
				    "(SELECT co.display_name FROM employments e JOIN parties co ON co.id = e.company_id "
				    "WHERE e.person_id = p.id");
		if (rc == CRM_OK)
			rc = party_visible_sql(r, "co.id", &sql, p, &n);
		if (rc == CRM_OK)
			rc = buf_puts(&sql, " ORDER BY e.id LIMIT 1) AS company "
					    "FROM (SELECT p.id, p.is_active AS k1, p.priority AS k2, p.name_norm AS k3 "
					    "FROM parties p JOIN (SELECT DISTINCT party_id FROM party_search WHERE ");
		if (rc == CRM_OK && is_phone) {
			rc = party_phone_terms_sql(&pq, key, likes, &sql, p, &n);
			words = 1;
		} else if (rc == CRM_OK) {
			/* the first word drives the index; every other word must match a term too */
			for (char *w = strtok_r(key, " \t", &save); w && words < SEARCH_WORDS; w = strtok_r(NULL, " \t", &save))
				party_like_prefix(w, likes[words++], sizeof(likes[0]));
			rc = buf_puts(&sql, "term LIKE ?");
			p[n++] = DB_S(likes[0]);
		}
		if (rc == CRM_OK)
			rc = buf_puts(&sql, " LIMIT 500) m ON m.party_id = p.id WHERE p.is_deleted = 0");
		for (unsigned i = 1; rc == CRM_OK && !is_phone && i < words; i++) {
			rc = buf_puts(&sql, " AND EXISTS (SELECT 1 FROM party_search s2 WHERE s2.party_id = p.id AND s2.term LIKE ?)");
			p[n++] = DB_S(likes[i]);
		}
		if (rc == CRM_OK)
			rc = perm_scope_sql(&r->user, "parties", "view", &party_scope, &sql, p, &n);
		if (rc == CRM_OK)
			rc = buf_printf(&sql, " ORDER BY p.is_active DESC, p.priority DESC, p.name_norm, p.id LIMIT %d) page "
					      "JOIN parties p ON p.id = page.id "
					      "LEFT JOIN party_channels ch ON ch.id = (SELECT c.id FROM party_channels c WHERE "
					      "c.party_id = p.id AND c.type IN ('mobile', 'phone') ORDER BY c.is_primary DESC, c.id LIMIT 1) "
					      "ORDER BY page.k1 DESC, page.k2 DESC, page.k3, page.id",
					SEARCH_LIMIT);
		if (rc == CRM_OK && words)
			rc = db_query(r->db, sql.p, p, n, result_row, &res);
		buf_free(&sql);
		if (rc != CRM_OK)
			return reply_db_error(r, rc);
		if (hdf_putf(r, "Search.count", "%d", res.n) != CRM_OK)
			return reply_error(r, 500);
	}
	if (hdf_put(r, "Page.section", "search") != CRM_OK)
		return reply_error(r, 500);
	return render(r, req_param(r, "partial") ? "parties/results.cs" : "parties/search.cs");
}

/* GET /home/: the start page. The user's counts, the parties they changed lately and those they
 * starred, all within their view scope of parties; then the panels the registry's modules name
 * (panel=<name>:<path>), each loaded by static/js/panels.js from its own module's route. */
#include "home.h"
#include "auth/auth.h"
#include "core/core.h"
#include "db/db.h"
#include "domain/domain.h"
#include "records/records.h"
#include "render/render.h"

#include <ClearSilver.h>
#include <stdio.h>

/* rows of the recent and starred lists (a literal: it is part of their SQL) */
#define START_ROWS "10"
/* the user's latest audit rows on parties read for "recent": a bounded range of
 * ix_audit_user_table (user_id, table_name, at), whatever the trail's size */
#define RECENT_SCAN 200

/* The user's changes of parties in the last 7 days: their own audit rows, one index range of
 * ix_audit_user_table, made distinct before the parties are joined by primary key (star and
 * unstar change nothing on the record). */
#define CHANGED_BODY                                                                                     \
	"FROM (SELECT DISTINCT a.record_id FROM audit_log a WHERE a.user_id = ? AND a.table_name = 'parties' " \
	"AND a.at >= UTC_TIMESTAMP() - INTERVAL 7 DAY AND a.record_id IS NOT NULL "                      \
	"AND a.action NOT IN ('star', 'unstar')) c JOIN parties p ON p.id = c.record_id WHERE p.is_deleted = 0"

/* One of the counts, by the records engine's count (exact up to Lists.ExactCount, past it an
 * estimate or "more than"), into Home.count.<name> and Home.count.<name>.kind. */
static int count_into(struct req *r, const char *name, const char *body, long long user_param)
{
	struct db_param p[1 + PERM_SCOPE_PARAMS];
	struct buf sql = { 0 };
	unsigned n = 0;
	int rc;

	if (user_param)
		p[n++] = DB_I(user_param);
	buf_puts(&sql, body);
	rc = perm_scope_sql(&r->user, "parties", "view", &party_scope, &sql, p, &n);
	if (rc == CRM_OK)
		rc = rec_count_hdf(r, "parties", sql.p, p, n, perm_scope_narrows(&r->user, "parties", "view", &party_scope));
	if (rc == CRM_OK &&
	    (hdf_set_valuef(r->hdf, "Home.count.%s=%s", name, hdf_get_value(r->hdf, "List.count", "")) != STATUS_OK ||
	     hdf_set_valuef(r->hdf, "Home.count.%s.kind=%s", name, hdf_get_value(r->hdf, "List.count_kind", "")) !=
		     STATUS_OK))
		rc = CRM_ERR;
	hdf_remove_tree(r->hdf, "List");
	buf_free(&sql);
	return rc;
}

static int counts_hdf(struct req *r)
{
	int rc = count_into(r, "persons", "FROM parties p WHERE p.kind = 'person' AND p.is_deleted = 0", 0);

	if (rc == CRM_OK)
		rc = count_into(r, "companies", "FROM parties p WHERE p.kind = 'company' AND p.is_deleted = 0", 0);
	if (rc == CRM_OK)
		rc = count_into(r, "starred",
				"FROM party_stars s JOIN parties p ON p.id = s.party_id WHERE s.user_id = ? AND p.is_deleted = 0",
				r->user.id);
	if (rc == CRM_OK)
		rc = count_into(r, "changed", CHANGED_BODY, r->user.id);
	return rc;
}

/* Rows of parties into prefix: head (with one user parameter), the scope, then tail. */
static int parties_hdf(struct req *r, const char *prefix, const char *head, const char *tail, const char *dates)
{
	struct db_param p[1 + PERM_SCOPE_PARAMS] = { DB_I(r->user.id) };
	struct buf sql = { 0 };
	unsigned n = 1;
	int rows = 0, rc;

	buf_puts(&sql, head);
	rc = perm_scope_sql(&r->user, "parties", "view", &party_scope, &sql, p, &n);
	if (rc == CRM_OK)
		rc = buf_puts(&sql, tail);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, sql.p, p, n, r->hdf, prefix, &rows);
	if (rc == CRM_OK && dates)
		rc = hdf_localize_rows(r, prefix, rows, dates, 't');
	buf_free(&sql);
	return rc;
}

/* Recent: the parties the user changed last, newest first, from their own audit rows (the
 * trail is written with every change anyway, so this costs no write per page; views are not
 * recorded, since a write on every record page would cost more than this list is worth). */
static int recent_hdf(struct req *r)
{
	char head[640];

	snprintf(head, sizeof(head),
		 "SELECT p.id, p.kind, p.code, p.display_name, p.is_active, c.at FROM (SELECT a.record_id, MAX(a.at) AS at "
		 "FROM (SELECT record_id, at FROM audit_log WHERE user_id = ? AND table_name = 'parties' "
		 "AND record_id IS NOT NULL ORDER BY at DESC LIMIT %d) a GROUP BY a.record_id) c "
		 "JOIN parties p ON p.id = c.record_id WHERE p.is_deleted = 0",
		 RECENT_SCAN);
	return parties_hdf(r, "Home.recent", head, " ORDER BY c.at DESC, p.id DESC LIMIT " START_ROWS, "at");
}

/* Starred: the user's own stars (primary key (user_id, party_id)), by name. */
static int starred_hdf(struct req *r)
{
	return parties_hdf(r, "Home.starred",
			   "SELECT p.id, p.kind, p.code, p.display_name, p.is_active FROM party_stars s "
			   "JOIN parties p ON p.id = s.party_id WHERE s.user_id = ? AND p.is_deleted = 0",
			   " ORDER BY p.name_norm, p.id LIMIT " START_ROWS, NULL);
}

/* Panels.N.{name,url,title}: every registry panel of a module the user may view, in registry
 * order. The page holds only their frames; each module answers its own fragment. */
static int panels_hdf(struct req *r)
{
	const struct crm_registry *reg = &r->cfg->registry;
	int n = 0;

	for (unsigned i = 0; i < reg->n; i++) {
		const struct crm_module *m = &reg->modules[i];

		if (!m->npanels || !perm_allows(&r->user, m->name, "view"))
			continue;
		for (unsigned k = 0; k < m->npanels; k++, n++) {
			char key[64];

			snprintf(key, sizeof(key), "panel.%s", m->panels[k].name);
			if (hdf_set_valuef(r->hdf, "Panels.%d.name=%s", n, m->panels[k].name) != STATUS_OK ||
			    hdf_set_valuef(r->hdf, "Panels.%d.url=%s", n, m->panels[k].path) != STATUS_OK ||
			    hdf_set_valuef(r->hdf, "Panels.%d.title=%s", n, lang_str(r, key)) != STATUS_OK)
				return CRM_ERR;
		}
	}
	return CRM_OK;
}

int start_page(struct req *r)
{
	int rc = CRM_OK;

	/* the parties' part only for who may see parties: without it every query would be empty anyway */
	if (perm_allows(&r->user, "parties", "view")) {
		rc = counts_hdf(r);
		if (rc == CRM_OK)
			rc = recent_hdf(r);
		if (rc == CRM_OK)
			rc = starred_hdf(r);
		if (rc == CRM_OK && hdf_put(r, "Home.parties", "1") != CRM_OK)
			rc = CRM_ERR;
	}
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (panels_hdf(r) != CRM_OK)
		return reply_error(r, 500);
	return render(r, "home/start.cs");
}

/* GET /parties/party?id=N: the record page, everything about a party in one place. */
#include "files/files.h"
#include "audit/audit.h"
#include "records/records.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Rows linking this party to others (alias o), the party's id bound nid times, limited to the
 * others the user may see: out of scope, a linked record is not named at all. */
static int related_hdf(struct req *r, long long id, const char *select, unsigned nid, const char *order,
		       const char *prefix)
{
	struct db_param p[4 + PERM_SCOPE_PARAMS];
	struct buf sql = { 0 };
	unsigned n = 0;
	int rc;

	for (unsigned i = 0; i < nid; i++)
		p[n++] = DB_I(id);
	buf_puts(&sql, select);
	rc = party_visible_sql(r, "o.id", &sql, p, &n);
	if (rc == CRM_OK)
		rc = buf_puts(&sql, order);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, sql.p, p, n, r->hdf, prefix, NULL);
	buf_free(&sql);
	return rc;
}

/* The details (Details.*) and History, both read through the details' description: custom fields
 * and amounts shown as the form takes them. */
static int details_hdf(struct req *r, const char *kind, long long id)
{
	struct rec rec;
	int rc = party_details_load(r, kind, id, "view", &rec);

	if (rc == CRM_OK)
		rc = rec_view_hdf(r, rec.e, &rec, "Details");
	if (rc == CRM_OK)
		rc = rec_history_hdf(r, rec.e, "parties", id, "History");
	rec_free(&rec);
	return rc;
}

int party_view(struct req *r)
{
	long long id;
	int rc, n = 0;

	/* forms on the record page send party_id and come back here on bad input */
	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK && req_int(r, "party_id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, id, "view");
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	struct db_param one[] = { DB_I(id) };

	rc = db_query_hdf(r->db,
			  "SELECT id, type, label, value, country_code, area_code, extension, latitude, longitude, is_primary "
			  "FROM party_channels WHERE party_id = ? ORDER BY type, is_primary DESC, id",
			  one, 1, r->hdf, "Channels", NULL);
	/* Relations both ways: "A is a supplier of B" shows on A and on B; only others the user
	 * may see, and never a deleted one as if it were live. */
	if (rc == CRM_OK)
		rc = related_hdf(r, id,
				 "SELECT x.id, x.direction, x.other_id, o.display_name AS other_name, l.code, l.name_fa, "
				 "l.name_en, l.name_tr FROM (SELECT id, 'out' AS direction, to_party_id AS other_id, "
				 "relation_id FROM party_relations WHERE from_party_id = ? UNION ALL SELECT id, 'in', "
				 "from_party_id, relation_id FROM party_relations WHERE to_party_id = ?) x "
				 "JOIN parties o ON o.id = x.other_id JOIN lookups l ON l.id = x.relation_id WHERE 1 = 1",
				 2, " ORDER BY l.sort, o.name_norm", "Relations");
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db,
				  "SELECT rt.name, rt.color, pr.start_date, pr.end_date, pr.start_date <= UTC_DATE() AND "
				  "(pr.end_date IS NULL OR pr.end_date >= UTC_DATE()) AS is_current FROM party_rankings pr "
				  "JOIN rank_types rt ON rt.id = pr.rank_id WHERE pr.party_id = ? ORDER BY pr.start_date DESC",
				  one, 1, r->hdf, "Rankings", &n);
	if (rc == CRM_OK)
		rc = hdf_localize_rows(r, "Rankings", n, "start_date,end_date", 'd');
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, "SELECT group_id FROM party_group_members WHERE party_id = ?", one, 1, r->hdf,
				  "Member", NULL);
	if (rc == CRM_OK)
		rc = groups_load(r, 0);
	if (rc == CRM_OK) {
		HDF *m = hdf_get_obj(r->hdf, "Member");

		for (HDF *c = m ? hdf_obj_child(m) : NULL; c && rc == CRM_OK; c = hdf_obj_next(c)) {
			char key[64];

			snprintf(key, sizeof(key), "InGroup.%s", hdf_get_value(c, "group_id", "0"));
			rc = hdf_put(r, key, "1");
		}
	}
	/* employment both ways: a person's employers, a company's people (those the user may see) */
	if (rc == CRM_OK)
		rc = related_hdf(r, id,
				 "SELECT e.id, e.position, IF(e.person_id = ?, e.company_id, e.person_id) AS other_id, "
				 "o.display_name AS other_name FROM employments e JOIN parties o "
				 "ON o.id = IF(e.person_id = ?, e.company_id, e.person_id) WHERE (e.person_id = ? OR e.company_id = ?)",
				 4, " ORDER BY o.name_norm", "Jobs");
	if (rc == CRM_OK && !strcmp(hdf_get_value(r->hdf, "Party.kind", ""), "company"))
		rc = hierarchy_hdf(r, id);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db,
				  "SELECT pl.language_id, pl.level, l.name_fa, l.name_en, l.name_tr FROM person_languages pl "
				  "JOIN lookups l ON l.id = pl.language_id WHERE pl.person_id = ? ORDER BY l.sort",
				  one, 1, r->hdf, "Languages", NULL);
	if (rc == CRM_OK)
		rc = party_lookups(r);
	if (rc == CRM_OK)
		rc = party_ranks(r);
	/* the files and the logo together: the page tells them apart by purpose */
	if (rc == CRM_OK)
		rc = attach_list_hdf(r, "parties", id, "Attachments", NULL);
	if (rc == CRM_OK)
		rc = details_hdf(r, hdf_get_value(r->hdf, "Party.kind", "person"), id);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (req_param(r, "saved") && hdf_put(r, "Form.notice", lang_str(r, "admin.saved")) != CRM_OK)
		return reply_error(r, 500);
	return render(r, "parties/party.cs");
}

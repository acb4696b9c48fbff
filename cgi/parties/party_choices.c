/* Choices for party forms and filters: managed lists in the user's language. */
#include "../lib/crm.h"
#include "parties.h"

#include <string.h>

int party_lookups(struct req *r)
{
	const char *sql = !strcmp(r->lang, "en")   ? "SELECT id, kind, code, name_en AS name FROM lookups WHERE is_active = 1 ORDER BY kind, sort, id"
			  : !strcmp(r->lang, "tr") ? "SELECT id, kind, code, name_tr AS name FROM lookups WHERE is_active = 1 ORDER BY kind, sort, id"
						   : "SELECT id, kind, code, name_fa AS name FROM lookups WHERE is_active = 1 ORDER BY kind, sort, id";

	return db_query_hdf(r->db, sql, NULL, 0, r->hdf, "Lookups", NULL);
}

int party_choices(struct req *r)
{
	/* the name column in the user's language, chosen from a fixed set */
	const char *sql = !strcmp(r->lang, "en")   ? "SELECT id, kind, code, name_en AS name FROM lookups WHERE is_active = 1 ORDER BY kind, sort, id"
			  : !strcmp(r->lang, "tr") ? "SELECT id, kind, code, name_tr AS name FROM lookups WHERE is_active = 1 ORDER BY kind, sort, id"
						   : "SELECT id, kind, code, name_fa AS name FROM lookups WHERE is_active = 1 ORDER BY kind, sort, id";
	int rc = db_query_hdf(r->db, sql, NULL, 0, r->hdf, "Lookups", NULL);

	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, "SELECT id, display_name FROM users WHERE is_active = 1 ORDER BY display_name", NULL, 0,
				  r->hdf, "Staff", NULL);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, "SELECT id, name, color FROM rank_types ORDER BY sort", NULL, 0, r->hdf, "Ranks", NULL);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db,
				  "SELECT c.id, c.name, pr.name AS province, co.name AS country FROM places c "
				  "JOIN places pr ON pr.id = c.parent_id JOIN places co ON co.id = pr.parent_id "
				  "WHERE c.level = 'city' ORDER BY co.name, pr.name, c.name LIMIT 5000",
				  NULL, 0, r->hdf, "Cities", NULL);
	return rc;
}

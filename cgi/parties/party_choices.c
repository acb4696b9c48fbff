/* Choices for party forms and filters: managed lists in the user's language. */
#include "core/core.h"
#include "i18n/i18n.h"
#include "domain/domain.h"
#include "parties.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int party_lookups(struct req *r)
{
	/* every entry, deactivated ones too: records keep theirs and show its name; not the custom
	 * choice fields' lists (cf_<id>): the engine reads those for their own fields */
	static const char *const sql[LANG_SLOTS] = {
#define LOOKUPS_IN(col) "SELECT id, kind, code, " col " AS name, is_active FROM lookups WHERE kind NOT LIKE 'cf\\_%' ORDER BY kind, sort, id"
		LOOKUPS_IN("name_fa"), LOOKUPS_IN("name_en"), LOOKUPS_IN("name_tr"),
#undef LOOKUPS_IN
	};

	/* each language's copy is kept in that language's page tree (render.c) */
	return refdata_load(r, "Lookups", "lookups", sql[lang_slot(r->lang)]);
}

int party_choices(struct req *r)
{
	int rc = party_lookups(r);

	if (rc == CRM_OK)
		rc = refdata_load(r, "Staff", "users", "SELECT id, display_name FROM users WHERE is_active = 1 ORDER BY display_name");
	if (rc == CRM_OK)
		rc = party_ranks(r);
	if (rc == CRM_OK)
		rc = refdata_load(r, "Cities", "places",
				  "SELECT c.id, c.name, pr.name AS province, co.name AS country FROM places c "
				  "JOIN places pr ON pr.id = c.parent_id JOIN places co ON co.id = pr.parent_id "
				  "WHERE c.level = 'city' ORDER BY co.name, pr.name, c.name LIMIT 5000");
	return rc;
}

int party_ranks(struct req *r)
{
	return refdata_load(r, "Ranks", "ranks", "SELECT id, name, color FROM rank_types ORDER BY sort");
}

int party_form_choices(struct req *r)
{
	int rc = party_choices(r);

	if (rc == CRM_OK)
		rc = refdata_load(r, "Districts", "places",
				  "SELECT d.id, d.name, d.parent_id AS city_id, c.name AS city FROM places d "
				  "JOIN places c ON c.id = d.parent_id WHERE d.level = 'district' ORDER BY c.name, d.name LIMIT 5000");
	return rc;
}

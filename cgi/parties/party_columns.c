/* The columns a party list can show and export. Every expression is fixed
 * text; a request only picks among them by key. Each is a column of the
 * page's row (parties p, persons pe, companies co, the current rank rt), a
 * join of the page's rows to a name, or a subquery for lists of values, so the
 * list's own plan (its index and keyset) never changes. */
#include "core/core.h"
#include "parties.h"

#include <string.h>

/* the list query joins persons pe and companies co to the page's rows */
#define PERSON(col) "pe." col
#define COMPANY(col) "co." col

#define BOTH (PC_PERSON | PC_COMPANY)

const struct party_column party_columns[] = {
	{ "code", EXPORT_TEXT, 12, "p.code", NULL, BOTH, 1, 1, 0 },
	{ "display_name", EXPORT_TEXT, 30, "p.display_name", NULL, BOTH, 1, 0, 0 },
	{ "first_name", EXPORT_TEXT, 16, PERSON("first_name"), NULL, PC_PERSON, 0, 0, 0 },
	{ "last_name", EXPORT_TEXT, 20, PERSON("last_name"), NULL, PC_PERSON, 0, 0, 0 },
	{ "phone", EXPORT_TEXT, 16, "p.primary_phone", NULL, BOTH, 1, 1, 0 },
	{ "national_id", EXPORT_TEXT, 14, "p.national_id", NULL, BOTH, 1, 1, 0 },
	{ "priority", EXPORT_INT, 8, "p.priority", NULL, BOTH, 1, 0, 0 },
	/* the list query joins the current rank of each row as rt */
	{ "rank", EXPORT_TEXT, 12, "rt.name", NULL, BOTH, 1, 0, 0 },
	/* the first of each kind of channel, kept on the row (party_derived_rebuild) */
	{ "email", EXPORT_TEXT, 24, "p.primary_email", NULL, BOTH, 0, 1, 0 },
	{ "website", EXPORT_TEXT, 24, "p.primary_website", NULL, BOTH, 0, 1, 0 },
	{ "address", EXPORT_TEXT, 40, "p.primary_address", NULL, BOTH, 0, 0, 0 },
	/* names of what the row points at: each a join of the query that asks for it */
	{ "source", EXPORT_TEXT, 14, "ELT(?, ls.name_fa, ls.name_en, ls.name_tr)", "LEFT JOIN lookups ls ON ls.id = p.source_id",
	  BOTH, 0, 0, 1 },
	{ "province", EXPORT_TEXT, 14, "ppv.name", "LEFT JOIN places ppv ON ppv.id = p.province_id", BOTH, 0, 0, 0 },
	{ "city", EXPORT_TEXT, 14, "pci.name", "LEFT JOIN places pci ON pci.id = p.city_id", BOTH, 0, 0, 0 },
	{ "district", EXPORT_TEXT, 14, "pdi.name", "LEFT JOIN places pdi ON pdi.id = p.district_id", BOTH, 0, 0, 0 },
	{ "birth_date", EXPORT_DATE, 12, PERSON("birth_date"), NULL, PC_PERSON, 0, 1, 0 },
	{ "brand", EXPORT_TEXT, 16, COMPANY("brand"), NULL, PC_COMPANY, 0, 0, 0 },
	{ "economic_code", EXPORT_TEXT, 14, COMPANY("economic_code"), NULL, PC_COMPANY, 0, 1, 0 },
	{ "registration_no", EXPORT_TEXT, 14, COMPANY("registration_no"), NULL, PC_COMPANY, 0, 1, 0 },
	{ "employees", EXPORT_INT, 10, COMPANY("employees"), NULL, PC_COMPANY, 0, 0, 0 },
	{ "founded_year", EXPORT_INT, 10, COMPANY("founded_year"), NULL, PC_COMPANY, 0, 0, 0 },
	/* kept in minor units (1/100) */
	{ "income", EXPORT_MONEY, 16, "CAST(p.income / 100 AS DECIMAL(20, 2))", NULL, BOTH, 0, 1, 0 },
	{ "credit_limit", EXPORT_MONEY, 16, "CAST(p.credit_limit / 100 AS DECIMAL(20, 2))", NULL, BOTH, 0, 1, 0 },
	{ "experts", EXPORT_TEXT, 24,
	  "(SELECT GROUP_CONCAT(u.display_name ORDER BY u.display_name SEPARATOR ', ') FROM party_experts x "
	  "JOIN users u ON u.id = x.user_id WHERE x.party_id = p.id)",
	  NULL, BOTH, 0, 0, 0 },
	{ "roles", EXPORT_TEXT, 20,
	  "(SELECT GROUP_CONCAT(ELT(?, l.name_fa, l.name_en, l.name_tr) ORDER BY l.sort SEPARATOR ', ') "
	  "FROM party_roles r JOIN lookups l ON l.id = r.role_id WHERE r.party_id = p.id)",
	  NULL, BOTH, 0, 0, 1 },
	{ "groups", EXPORT_TEXT, 24,
	  "(SELECT GROUP_CONCAT(g.name ORDER BY g.path SEPARATOR ', ') FROM party_group_members m "
	  "JOIN party_groups g ON g.id = m.group_id WHERE m.party_id = p.id)",
	  NULL, BOTH, 0, 0, 0 },
	{ "notes", EXPORT_TEXT, 40, "p.notes", NULL, BOTH, 0, 0, 0 },
	{ "created_at", EXPORT_DATETIME, 17, "p.created_at", NULL, BOTH, 0, 1, 0 },
	{ "updated_at", EXPORT_DATETIME, 17, "p.updated_at", NULL, BOTH, 0, 1, 0 },
};
const unsigned party_ncolumns = CRM_ARRAY_LEN(party_columns);

const struct party_column *party_column_find(const char *key, size_t len, unsigned kind)
{
	for (unsigned i = 0; i < party_ncolumns; i++)
		if ((party_columns[i].kinds & kind) && strlen(party_columns[i].key) == len &&
		    !memcmp(party_columns[i].key, key, len))
			return &party_columns[i];
	const struct party_column *c = party_custom_find(key, len); /* an administrator's field */

	return c && (c->kinds & kind) ? c : NULL;
}

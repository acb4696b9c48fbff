/* The columns a party list can show and export. Every expression is fixed
 * text; a request only picks among them by key. Each is a subquery on the
 * page's row (or a column of persons pe / companies co, joined to the page),
 * so the list's own plan (its index and keyset) never changes. */
#include "../lib/crm.h"
#include "party_columns.h"

#include <string.h>

#define CHANNEL(type) \
	"(SELECT c.value FROM party_channels c WHERE c.party_id = p.id AND c.type = '" type \
	"' ORDER BY c.is_primary DESC, c.id LIMIT 1)"
/* the list query joins persons pe and companies co to the page's rows */
#define PERSON(col) "pe." col
#define COMPANY(col) "co." col
#define PLACE(col) "(SELECT pl.name FROM places pl WHERE pl.id = p." col ")"

#define BOTH (PC_PERSON | PC_COMPANY)

const struct party_column party_columns[] = {
	{ "code", EXPORT_TEXT, 12, "p.code", BOTH, 1, 1, 0 },
	{ "display_name", EXPORT_TEXT, 30, "p.display_name", BOTH, 1, 0, 0 },
	{ "first_name", EXPORT_TEXT, 16, PERSON("first_name"), PC_PERSON, 0, 0, 0 },
	{ "last_name", EXPORT_TEXT, 20, PERSON("last_name"), PC_PERSON, 0, 0, 0 },
	{ "phone", EXPORT_TEXT, 16, "p.primary_phone", BOTH, 1, 1, 0 },
	{ "national_id", EXPORT_TEXT, 14, "p.national_id", BOTH, 1, 1, 0 },
	{ "priority", EXPORT_INT, 8, "p.priority", BOTH, 1, 0, 0 },
	/* the list query joins the current rank of each row as rt */
	{ "rank", EXPORT_TEXT, 12, "rt.name", BOTH, 1, 0, 0 },
	{ "email", EXPORT_TEXT, 24, CHANNEL("email"), BOTH, 0, 1, 0 },
	{ "website", EXPORT_TEXT, 24, CHANNEL("website"), BOTH, 0, 1, 0 },
	{ "address", EXPORT_TEXT, 40, CHANNEL("address"), BOTH, 0, 0, 0 },
	{ "source", EXPORT_TEXT, 14, "(SELECT ELT(?, l.name_fa, l.name_en, l.name_tr) FROM lookups l WHERE l.id = p.source_id)",
	  BOTH, 0, 0, 1 },
	{ "province", EXPORT_TEXT, 14, PLACE("province_id"), BOTH, 0, 0, 0 },
	{ "city", EXPORT_TEXT, 14, PLACE("city_id"), BOTH, 0, 0, 0 },
	{ "district", EXPORT_TEXT, 14, PLACE("district_id"), BOTH, 0, 0, 0 },
	{ "birth_date", EXPORT_DATE, 12, PERSON("birth_date"), PC_PERSON, 0, 1, 0 },
	{ "brand", EXPORT_TEXT, 16, COMPANY("brand"), PC_COMPANY, 0, 0, 0 },
	{ "economic_code", EXPORT_TEXT, 14, COMPANY("economic_code"), PC_COMPANY, 0, 1, 0 },
	{ "registration_no", EXPORT_TEXT, 14, COMPANY("registration_no"), PC_COMPANY, 0, 1, 0 },
	{ "employees", EXPORT_INT, 10, COMPANY("employees"), PC_COMPANY, 0, 0, 0 },
	{ "founded_year", EXPORT_INT, 10, COMPANY("founded_year"), PC_COMPANY, 0, 0, 0 },
	{ "income", EXPORT_MONEY, 16, "p.income", BOTH, 0, 1, 0 },
	{ "credit_limit", EXPORT_MONEY, 16, "p.credit_limit", BOTH, 0, 1, 0 },
	{ "experts", EXPORT_TEXT, 24,
	  "(SELECT GROUP_CONCAT(u.display_name ORDER BY u.display_name SEPARATOR ', ') FROM party_experts x "
	  "JOIN users u ON u.id = x.user_id WHERE x.party_id = p.id)",
	  BOTH, 0, 0, 0 },
	{ "roles", EXPORT_TEXT, 20,
	  "(SELECT GROUP_CONCAT(ELT(?, l.name_fa, l.name_en, l.name_tr) ORDER BY l.sort SEPARATOR ', ') "
	  "FROM party_roles r JOIN lookups l ON l.id = r.role_id WHERE r.party_id = p.id)",
	  BOTH, 0, 0, 1 },
	{ "groups", EXPORT_TEXT, 24,
	  "(SELECT GROUP_CONCAT(g.name ORDER BY g.path SEPARATOR ', ') FROM party_group_members m "
	  "JOIN party_groups g ON g.id = m.group_id WHERE m.party_id = p.id)",
	  BOTH, 0, 0, 0 },
	{ "notes", EXPORT_TEXT, 40, "p.notes", BOTH, 0, 0, 0 },
	{ "created_at", EXPORT_DATETIME, 17, "p.created_at", BOTH, 0, 1, 0 },
	{ "updated_at", EXPORT_DATETIME, 17, "p.updated_at", BOTH, 0, 1, 0 },
};
const unsigned party_ncolumns = CRM_ARRAY_LEN(party_columns);

const struct party_column *party_column_find(const char *key, size_t len, unsigned kind)
{
	for (unsigned i = 0; i < party_ncolumns; i++)
		if ((party_columns[i].kinds & kind) && strlen(party_columns[i].key) == len &&
		    !memcmp(party_columns[i].key, key, len))
			return &party_columns[i];
	return NULL;
}

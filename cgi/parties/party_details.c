/* The details of persons and companies beyond their names and codes, described once for the
 * records engine: it reads, validates, writes, audits and shows them, and adds the custom
 * fields an administrator gives persons or companies (Administration > Fields). */
#include "records/records.h"
#include "domain/domain.h"
#include "i18n/i18n.h"
#include "parties.h"

#include <stdlib.h>
#include <string.h>

/* A managed list's entries, named in the reader's language, offered while active, in their order. */
#define LOOKUP_LINK(kind)                                                                                  \
	{                                                                                                  \
		.table = "lookups", .label = "name_fa", .label_lang = { "name_fa", "name_en", "name_tr" }, \
		.where = "x.kind = '" kind "'", .offer = "x.is_active = 1", .sort = "sort"                   \
	}

static const struct rec_link title_link = LOOKUP_LINK("title");
static const struct rec_link source_link = LOOKUP_LINK("source");
static const struct rec_link company_type_link = LOOKUP_LINK("company_type");
static const struct rec_link religion_link = LOOKUP_LINK("religion");
static const struct rec_link education_field_link = LOOKUP_LINK("education_field");
static const struct rec_link education_degree_link = LOOKUP_LINK("education_degree");
static const struct rec_link premises_link = LOOKUP_LINK("premises");

/* A party's roles (customer, supplier, ...) and business activities: entries of their managed lists
 * held in a table of pairs. */
static const struct rec_link role_links = {
	.table = "lookups", .label = "name_fa", .label_lang = { "name_fa", "name_en", "name_tr" },
	.where = "x.kind = 'party_role'", .offer = "x.is_active = 1", .sort = "sort", .link_table = "party_roles",
	.owner_col = "party_id", .target_col = "role_id", .max = PARTY_MAX_ROLES,
};
static const struct rec_link activity_links = {
	.table = "lookups", .label = "name_fa", .label_lang = { "name_fa", "name_en", "name_tr" },
	.where = "x.kind = 'activity'", .offer = "x.is_active = 1", .sort = "sort", .link_table = "party_activities",
	.owner_col = "party_id", .target_col = "activity_id", .max = PARTY_MAX_ROLES * 2,
};

/* The staff a party is assigned to: active users, and whoever it has already. */
static const struct rec_link expert_links = {
	.table = "users", .label = "display_name", .offer = "x.is_active = 1", .sort = "display_name",
	.link_table = "party_experts", .owner_col = "party_id", .target_col = "user_id", .max = PARTY_MAX_EXPERTS,
};

/* A city named with its country and province, a district with its city: names repeat. */
static const struct rec_link city_link = {
	.table = "places", .label = "name", .where = "x.level = 'city'",
	.label_sql = "SELECT CONCAT_WS(' \xe2\x80\xba ', co.name, pr.name, x.name) FROM places pr "
		     "LEFT JOIN places co ON co.id = pr.parent_id WHERE pr.id = x.parent_id",
};
static const struct rec_link district_link = {
	.table = "places", .label = "name", .where = "x.level = 'district'",
	.label_sql = "SELECT CONCAT_WS(' \xe2\x80\xba ', c.name, x.name) FROM places c WHERE c.id = x.parent_id",
};

static int color_ok(const char *v)
{
	return strlen(v) == 7 && v[0] == '#' && strspn(v + 1, "0123456789abcdefABCDEF") == 6;
}

/* What every party has, on the parties row, after its names. */
#define MAIN_FIELDS                                                                                              \
	{ .name = "national_id", .label = "parties.national_id", .type = REC_TEXT, .max = 32, .flags = RF_LTR,  \
	  .section = "main" },                                                                                  \
	{ .name = "source_id", .label = "parties.source", .type = REC_LINK, .flags = RF_CHOICES,                \
	  .link = &source_link, .section = "main" },                                                            \
	{ .name = "priority", .label = "parties.priority", .type = REC_INT, .lo = 0, .hi = 9, .section = "main" }, \
	{ .name = "roles", .input = "role", .label = "parties.roles", .type = REC_LINKS, .flags = RF_CHOICES,      \
	  .link = &role_links, .section = "main" },                                                             \
	{ .name = "activities", .input = "activity", .label = "parties.f.activities", .type = REC_LINKS,        \
	  .flags = RF_CHOICES, .link = &activity_links, .section = "main" },                                    \
	{ .name = "experts", .input = "expert", .label = "parties.experts", .type = REC_LINKS, .flags = RF_CHOICES, \
	  .link = &expert_links, .section = "main", .perm = "assign" }

/* What persons and companies share, on the parties row. */
#define SHARED_FIELDS                                                                                            \
	{ .name = "income", .type = REC_MONEY, .flags = RF_LTR, .section = "details" },                         \
	{ .name = "credit_limit", .type = REC_MONEY, .flags = RF_LTR, .section = "details" },                   \
	{ .name = "city_id", .type = REC_LINK, .flags = RF_CHOICES, .link = &city_link, .section = "details" }, \
	{ .name = "district_id", .type = REC_LINK, .flags = RF_CHOICES, .link = &district_link,                 \
	  .section = "details" },                                                                               \
	{ .name = "color", .type = REC_TEXT, .max = 7, .flags = RF_LTR, .check = color_ok,                      \
	  .check_msg = "parties.err.color", .section = "details" },                                             \
	{ .name = "icon", .type = REC_CHOICE, .arg = PARTY_ICONS, .choices = "parties.icon", .section = "details" }

#define NOTES_FIELD { .name = "notes", .label = "parties.notes", .type = REC_LONGTEXT, .max = 4000, .section = "notes" }

static const struct rec_field person_fields[] = {
	{ .name = "title_id", .label = "parties.title", .type = REC_LINK, .flags = RF_CHOICES, .link = &title_link,
	  .section = "main", .part = 1 },
	{ .name = "first_name", .label = "parties.first_name", .type = REC_TEXT, .max = 100, .section = "main", .part = 1 },
	{ .name = "last_name", .label = "parties.last_name", .type = REC_TEXT, .max = 100, .flags = RF_REQUIRED,
	  .section = "main", .part = 1 },
	{ .name = "birth_date", .label = "parties.birth_date", .type = REC_DATE, .section = "main", .part = 1 },
	MAIN_FIELDS,
	SHARED_FIELDS,
	{ .name = "birth_cert_no", .type = REC_TEXT, .max = 32, .flags = RF_LTR, .section = "details", .part = 1 },
	{ .name = "marital_status", .type = REC_CHOICE, .arg = "single|married|divorced|widowed",
	  .choices = "parties.marital", .section = "details", .part = 1 },
	{ .name = "marriage_date", .type = REC_DATE, .section = "details", .part = 1 },
	{ .name = "religion_id", .type = REC_LINK, .flags = RF_CHOICES, .link = &religion_link, .section = "details",
	  .part = 1 },
	{ .name = "education_field_id", .type = REC_LINK, .flags = RF_CHOICES, .link = &education_field_link,
	  .section = "details", .part = 1 },
	{ .name = "education_degree_id", .type = REC_LINK, .flags = RF_CHOICES, .link = &education_degree_link,
	  .section = "details", .part = 1 },
	{ .name = "favourite_color", .type = REC_TEXT, .max = 32, .section = "details", .part = 1 },
	{ .name = "psychology", .type = REC_LONGTEXT, .max = 4000, .section = "details", .part = 1 },
	{ .name = "certificates", .type = REC_LONGTEXT, .max = 2000, .section = "details", .part = 1 },
	NOTES_FIELD,
};

static const struct rec_field company_fields[] = {
	/* a company's name is the party's display name itself */
	{ .name = "display_name", .input = "company_name", .label = "parties.company_name", .type = REC_TEXT, .max = 255,
	  .flags = RF_REQUIRED, .section = "main" },
	{ .name = "company_type_id", .label = "parties.company_type", .type = REC_LINK, .flags = RF_CHOICES,
	  .link = &company_type_link, .section = "main", .part = 1 },
	{ .name = "economic_code", .label = "parties.economic_code", .type = REC_TEXT, .max = 32, .flags = RF_LTR,
	  .section = "main", .part = 1 },
	{ .name = "registration_no", .label = "parties.registration_no", .type = REC_TEXT, .max = 32, .flags = RF_LTR,
	  .section = "main", .part = 1 },
	MAIN_FIELDS,
	SHARED_FIELDS,
	{ .name = "brand", .type = REC_TEXT, .max = 128, .section = "details", .part = 1 },
	{ .name = "founded_year", .type = REC_INT, .lo = 1200, .hi = 2200, .section = "details", .part = 1 },
	{ .name = "founded_date", .type = REC_DATE, .section = "details", .part = 1 },
	{ .name = "employees", .type = REC_INT, .lo = 0, .hi = 100000000, .section = "details", .part = 1 },
	{ .name = "premises_id", .type = REC_LINK, .flags = RF_CHOICES, .link = &premises_link, .section = "details",
	  .part = 1 },
	{ .name = "certificates", .type = REC_LONGTEXT, .max = 2000, .section = "details", .part = 1 },
	{ .name = "color_from_rank", .type = REC_FLAG, .section = "details", .part = 1 },
	NOTES_FIELD,
};

/* 10 digits: an Iranian national code; 11: a Turkish TCKN for persons, an Iranian legal-entity
 * ID for companies; anything else is another country's. Kept in ASCII digits, as searched. */
static int national_id_check(struct rec *rec, int company, struct rec_errors *err)
{
	const char *typed = rec_get(rec, "national_id");
	char folded[4 * 32 + 8];
	size_t len;

	if (!*typed || rec_failed(err, "national_id"))
		return CRM_OK;
	if (text_normalize(typed, folded, sizeof(folded)) != CRM_OK || strlen(folded) > 32) {
		rec_error(err, "national_id", "records.err.too_long", 32);
		return CRM_OK;
	}
	len = strlen(folded);
	if (strspn(folded, "0123456789") == len) {
		if (len == 10 && !iran_national_code_valid(folded))
			rec_error(err, "national_id", "parties.err.national_ir", 0);
		else if (len == 11 && !company && !turkish_tckn_valid(folded))
			rec_error(err, "national_id", "parties.err.national_tr", 0);
		else if (len == 11 && company && !iran_legal_id_valid(folded))
			rec_error(err, "national_id", "parties.err.national_legal", 0);
	}
	return rec_set(rec, "national_id", folded);
}

/* A new party with no expert belongs to whoever made it, so "assigned to me" users see their own. */
static int experts_default(struct req *r, const struct rec_entity *e, struct rec *rec)
{
	int i = rec_field_index(e, "experts");
	long long *one;

	if (i < 0 || rec->nids[i])
		return CRM_OK;
	one = realloc(rec->ids[i], sizeof(*one));
	if (!one)
		return CRM_ERR;
	one[0] = r->user.id;
	rec->ids[i] = one;
	rec->nids[i] = 1;
	return CRM_OK;
}

/* The rules across fields: a national ID by its country's check digit, no priority is 0, a
 * district within the city chosen beside it. */
static int details_validate(struct req *r, const struct rec_entity *e, struct rec *rec, int creating,
			    struct rec_errors *err)
{
	const char *district = rec_get(rec, "district_id"), *city = rec_get(rec, "city_id");
	long long parent = 0;
	int rc = national_id_check(rec, !strcmp(e->name, "companies"), err); /* e: the description with custom fields */

	if (rc == CRM_OK && !*rec_get(rec, "priority") && !rec_failed(err, "priority"))
		rc = rec_set(rec, "priority", "0");
	if (rc == CRM_OK && creating)
		rc = experts_default(r, e, rec);
	if (rc != CRM_OK || !*district || rec_failed(err, "district_id") || rec_failed(err, "city_id"))
		return rc;
	struct db_param p[] = { DB_I(strtoll(district, NULL, 10)) };

	rc = db_query_int(r->db, "SELECT COALESCE(parent_id, 0) FROM places WHERE id = ?", p, 1, &parent);
	if (rc == CRM_ENOTFOUND || (rc == CRM_OK && (!*city || parent != strtoll(city, NULL, 10)))) {
		rec_error(err, "district_id", "parties.err.district", 0);
		rc = CRM_OK;
	}
	return rc;
}

/* The province and the country follow from the city, for the lists' filters. */
static int details_after_write(struct req *r, struct db *db, const struct rec *rec, int creating)
{
	struct db_param p[] = { DB_I(rec->id) };

	(void)r;
	(void)creating;
	return db_exec(db,
		       "UPDATE parties p LEFT JOIN places c ON c.id = p.city_id LEFT JOIN places pr ON pr.id = c.parent_id "
		       "SET p.province_id = pr.id, p.country_id = pr.parent_id WHERE p.id = ?",
		       p, 1, NULL, NULL);
}

static const struct rec_part person_part[] = { { "persons", "party_id" } };
static const struct rec_part company_part[] = { { "companies", "party_id" } };

/* The party code checks the record's scope and writes its version and audit row; the engine
 * does the fields. The names are those custom_fields.entity holds. */
const struct rec_entity person_details = {
	.name = "persons", .table = "parties", .module = "parties", .lang = "parties", .title = "parties.persons",
	.list_url = "/parties/persons", .record_url = "/parties/party", .fields = person_fields,
	.nfields = CRM_ARRAY_LEN(person_fields), .custom = 1, .parts = person_part, .nparts = 1,
	.hooks = { .validate = details_validate, .after_write = details_after_write },
};

const struct rec_entity company_details = {
	.name = "companies", .table = "parties", .module = "parties", .lang = "parties", .title = "parties.companies",
	.list_url = "/parties/companies", .record_url = "/parties/party", .fields = company_fields,
	.nfields = CRM_ARRAY_LEN(company_fields), .custom = 1, .parts = company_part, .nparts = 1,
	.hooks = { .validate = details_validate, .after_write = details_after_write },
};

const struct rec_entity *party_details(struct req *r, const char *kind)
{
	return rec_full(r, !strcmp(kind, "company") ? &company_details : &person_details);
}

int party_details_load(struct req *r, const char *kind, long long id, const char *action, struct rec *rec)
{
	const struct rec_entity *e = party_details(r, kind);

	rec_init(rec, e);
	if (!e)
		return CRM_ERR;
	return id ? rec_load(r, e, id, action, rec) : CRM_OK;
}

/* Administration > Fields > required: which of the details a person or company may not lack. */
static const struct rec_entity *rules_entity(struct req *r)
{
	const char *name = req_param(r, "entity");

	return !name ? NULL : !strcmp(name, "persons") ? &person_details : !strcmp(name, "companies") ? &company_details : NULL;
}

int party_rules_form(struct req *r)
{
	const struct rec_entity *e = rules_entity(r);

	return e ? rec_page_rules(r, e, "admin/field_rules.cs") : reply_error(r, 404);
}

int party_rules_save(struct req *r)
{
	const struct rec_entity *e = rules_entity(r);

	if (!e)
		return reply_error(r, 404);
	return rec_page_rules_save(r, e, e == &person_details ? "/parties/fields/rules?entity=persons&saved=1"
							     : "/parties/fields/rules?entity=companies&saved=1");
}

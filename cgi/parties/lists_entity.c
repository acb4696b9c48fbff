/* The managed lists (titles, sources, activities, roles, ...), described once for the records
 * engine: the lookups table, one list per kind (its fixed column), each entry with its names in
 * the three languages, an order and an active flag. Entries are never deleted, only deactivated:
 * records keep pointing at them. */
#include "records/records.h"
#include "parties.h"

#include <stdio.h>
#include <string.h>

static const char *const kinds[] = { "title", "source", "activity", "party_role", "relation", "company_type", "premises",
				     "religion", "education_field", "education_degree", "language" };

const char *list_kind(const char *k)
{
	for (size_t i = 0; k && i < CRM_ARRAY_LEN(kinds); i++)
		if (!strcmp(k, kinds[i]))
			return kinds[i];
	return NULL;
}

int list_kinds_put(struct req *r)
{
	for (size_t i = 0; i < CRM_ARRAY_LEN(kinds); i++) {
		char key[32];

		snprintf(key, sizeof(key), "Kinds.%zu", i);
		if (hdf_put(r, key, kinds[i]) != CRM_OK)
			return CRM_ERR;
	}
	return CRM_OK;
}

/* Codes are what imports and code name entries by: lower-case Latin letters, digits and _. */
static int code_ok(const char *s)
{
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

static const struct rec_field lookup_fields[] = {
	{ .name = "code", .label = "parties.code", .type = REC_TEXT,
	  .flags = RF_REQUIRED | RF_CREATE_ONLY | RF_UNIQUE | RF_LIST | RF_LTR, .max = 64, .section = "entry",
	  .check = code_ok, .check_msg = "parties.err.list_code" },
	{ .name = "name_fa", .type = REC_TEXT, .flags = RF_REQUIRED | RF_LIST, .max = 128, .section = "entry" },
	{ .name = "name_en", .type = REC_TEXT, .flags = RF_REQUIRED | RF_LIST | RF_LTR, .max = 128, .section = "entry" },
	{ .name = "name_tr", .type = REC_TEXT, .flags = RF_REQUIRED | RF_LIST | RF_LTR, .max = 128, .section = "entry" },
	{ .name = "sort", .label = "parties.sort", .type = REC_INT, .flags = RF_LIST | RF_LTR, .lo = -100000, .hi = 100000,
	  .section = "entry" },
	{ .name = "is_active", .label = "admin.active", .type = REC_FLAG, .section = "entry" },
};

/* ix_lookups_order is (kind, sort, id): the fixed column first (sql/023) */
static const struct rec_order lookup_orders[] = { { "sort", "sort", "ix_lookups_order" } };

/* A new entry is offered at once; one sent without an order takes the column's default. */
static int lookup_validate(struct req *r, const struct rec_entity *e, struct rec *rec, int creating,
			   struct rec_errors *err)
{
	int rc = creating ? rec_set(rec, "is_active", "1") : CRM_OK;

	(void)r;
	(void)e;
	if (rc == CRM_OK && !*rec_get(rec, "sort") && !rec_failed(err, "sort"))
		rc = rec_set(rec, "sort", "0");
	return rc;
}

const struct rec_entity lookup_entity = {
	.name = "lookups",
	.table = "lookups",
	.module = "parties",
	.lang = "parties",
	.title = "parties.lists",
	.list_url = "/parties/lists",
	.record_url = "/parties/list",
	.fields = lookup_fields,
	.nfields = CRM_ARRAY_LEN(lookup_fields),
	.orders = lookup_orders,
	.norders = CRM_ARRAY_LEN(lookup_orders),
	.active_col = "is_active",
	.title_field = "code",
	.fixed_col = "kind",
	.hooks = { .validate = lookup_validate },
};

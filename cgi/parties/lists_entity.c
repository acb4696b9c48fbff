/* The managed lists (titles, sources, activities, roles, ...), described once for the records
 * engine: the lookups table, one list per kind (its fixed column), each entry with its names in
 * the three languages, an order and an active flag. Entries are never deleted, only deactivated:
 * records keep pointing at them. */
#include "records/records.h"
#include "i18n/i18n.h"
#include "parties.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = { "title", "source", "activity", "party_role", "relation", "company_type", "premises",
				     "religion", "education_field", "education_degree", "language" };

struct kinds_ctx {
	struct req *r;
	const char *kind;
	int n, failed;
};

static int kind_row(void *ctx, const struct db_row *row)
{
	struct kinds_ctx *c = ctx;
	char key[48];

	snprintf(key, sizeof(key), "Kinds.%d", c->n);
	c->failed |= hdf_put(c->r, key, row->values[0]) != CRM_OK;
	snprintf(key, sizeof(key), "Kinds.%d.label", c->n);
	c->failed |= hdf_put(c->r, key, row->values[1]) != CRM_OK;
	if (c->kind && !strcmp(c->kind, row->values[0]))
		c->failed |= hdf_put(c->r, "Filter.kind_label", row->values[1]) != CRM_OK;
	c->n++;
	return CRM_OK;
}

/* A choice custom field's own list: its kind is the field's column name, cf_<id>. */
static char custom_kind[32];

int list_kind(struct req *r, const char *k, const char **kind)
{
	long long id, found = 0;
	char *end;

	*kind = NULL;
	for (size_t i = 0; k && i < CRM_ARRAY_LEN(kinds); i++)
		if (!strcmp(k, kinds[i]))
			*kind = kinds[i];
	if (*kind || !k || strncmp(k, "cf_", 3) || !isdigit((unsigned char)k[3]))
		return CRM_OK;
	id = strtoll(k + 3, &end, 10);
	if (*end || id <= 0)
		return CRM_OK;
	{
		struct db_param p[] = { DB_I(id) };
		int rc = db_query_int(r->db, "SELECT COUNT(*) FROM custom_fields WHERE id = ? AND type IN ('choice', 'multichoice')",
				      p, 1, &found);

		if (rc != CRM_OK)
			return rc;
	}
	if (found) {
		snprintf(custom_kind, sizeof(custom_kind), "cf_%lld", id);
		*kind = custom_kind;
	}
	return CRM_OK;
}

static const char *label_column(const struct req *r)
{
	static const char *const columns[LANG_SLOTS] = { "label_fa", "label_en", "label_tr" };

	return columns[lang_slot(r->lang)];
}

int list_kinds_put(struct req *r, const char *kind)
{
	char key[48], label[64], sql[240];
	int n = (int)CRM_ARRAY_LEN(kinds), rc = CRM_OK;

	for (size_t i = 0; i < CRM_ARRAY_LEN(kinds); i++) {
		snprintf(label, sizeof(label), "parties.list_kind.%s", kinds[i]);
		snprintf(key, sizeof(key), "Kinds.%zu", i);
		if (hdf_put(r, key, kinds[i]) != CRM_OK)
			return CRM_ERR;
		snprintf(key, sizeof(key), "Kinds.%zu.label", i);
		if (hdf_put(r, key, lang_str(r, label)) != CRM_OK ||
		    (kind && !strcmp(kind, kinds[i]) && hdf_put(r, "Filter.kind_label", lang_str(r, label)) != CRM_OK))
			return CRM_ERR;
	}
	/* then each active choice field's list, under the field's label; the one shown always named */
	snprintf(sql, sizeof(sql),
		 "SELECT CONCAT('cf_', id) AS k, %s AS label FROM custom_fields WHERE type IN ('choice', 'multichoice') "
		 "AND (is_active = 1 OR CONCAT('cf_', id) = ?) ORDER BY entity, sort, id",
		 label_column(r));
	{
		struct db_param p[] = { DB_S(kind) };
		struct kinds_ctx c = { r, kind, n, 0 };

		rc = db_query(r->db, sql, p, 1, kind_row, &c);
		if (rc == CRM_OK && c.failed)
			rc = CRM_ERR;
	}
	return rc;
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

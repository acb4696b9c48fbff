/* Administration > Fields: custom fields for any entity that takes them, served by the records
 * engine like any entity. Making one enqueues fields.apply in the same transaction, which adds
 * the column online; the field shows on its entity's form, record, list and History once ready. */
#include "records/records.h"
#include "jobs/jobs.h"
#include "admin.h"

#include <stdio.h>
#include <string.h>

static const struct rec_field field_fields[] = {
	/* the entities of rec_custom_targets (cgi/lib/records/rec_custom.c) */
	{ .name = "entity", .label = "admin.fields.entity", .type = REC_CHOICE,
	  .flags = RF_REQUIRED | RF_CREATE_ONLY | RF_LIST, .arg = "users|teams|persons|companies", .choices = "admin.fields.entities",
	  .section = "field" },
	{ .name = "type", .label = "admin.fields.type", .type = REC_CHOICE, .flags = RF_REQUIRED | RF_CREATE_ONLY | RF_LIST,
	  .arg = "text|longtext|int|money|date|flag|choice|multichoice|party|user", .choices = "admin.fields.types", .section = "field" },
	{ .name = "label_fa", .label = "admin.fields.label_fa", .type = REC_TEXT,
	  .flags = RF_REQUIRED | RF_LIST | RF_SEARCH, .max = 128, .section = "field" },
	{ .name = "label_en", .label = "admin.fields.label_en", .type = REC_TEXT,
	  .flags = RF_REQUIRED | RF_LIST | RF_SEARCH | RF_LTR, .max = 128, .section = "field" },
	{ .name = "label_tr", .label = "admin.fields.label_tr", .type = REC_TEXT,
	  .flags = RF_REQUIRED | RF_LIST | RF_SEARCH | RF_LTR, .max = 128, .section = "field" },
	{ .name = "sort", .label = "admin.fields.sort", .type = REC_INT, .lo = -100000, .hi = 100000, .section = "field" },
	{ .name = "required", .label = "admin.fields.required", .type = REC_FLAG, .section = "field" },
	{ .name = "searchable", .label = "admin.fields.searchable", .type = REC_FLAG, .flags = RF_CREATE_ONLY,
	  .section = "field" },
	{ .name = "state", .label = "admin.fields.state", .type = REC_CHOICE, .flags = RF_SHOWN | RF_LIST,
	  .arg = "pending|ready|failed", .choices = "admin.fields.states", .section = "field" },
	{ .name = "error", .label = "admin.fields.error", .type = REC_TEXT, .flags = RF_SHOWN | RF_LTR, .section = "field" },
};

static const struct rec_order field_orders[] = { { "label", "label_en", "ix_custom_fields_label" } };

/* An index is for what can be searched or sorted; an entity holds at most REC_MAX_CUSTOM. */
static int field_validate(struct req *r, const struct rec_entity *e, struct rec *rec, int creating,
			  struct rec_errors *err)
{
	const char *type = rec_get(rec, "type");
	long long n = 0;
	int rc = CRM_OK;

	(void)e;
	/* the order on the form may be left empty: first among the fields, as 0 sorts */
	if (!*rec_get(rec, "sort") && !rec_failed(err, "sort"))
		rc = rec_set(rec, "sort", "0");
	if (rc != CRM_OK || !creating)
		return rc;
	if (!strcmp(rec_get(rec, "searchable"), "1") &&
	    (!strcmp(type, "longtext") || !strcmp(type, "flag") || !strcmp(type, "multichoice")))
		rec_error(err, "searchable", "admin.fields.not_searchable", 0);
	if (rec_get(rec, "entity")[0]) {
		struct db_param p[] = { DB_S(rec_get(rec, "entity")) };

		rc = db_query_int(r->db, "SELECT COUNT(*) FROM custom_fields WHERE entity = ?", p, 1, &n);
		if (rc == CRM_OK && n >= REC_MAX_CUSTOM)
			rec_error(err, "entity", "admin.fields.too_many", REC_MAX_CUSTOM);
	}
	return rc;
}

/* A new field's column is the worker's: asked for in the transaction that made the field. */
static int field_after_write(struct req *r, struct db *db, const struct rec *rec, int creating)
{
	char key[48], params[64];
	long long job = 0;
	struct job_new n = { .kind = "fields.apply", .key = key, .user_id = r->user.id, .params = params };

	if (!creating)
		return CRM_OK;
	snprintf(key, sizeof(key), "field:%lld", rec->id);
	snprintf(params, sizeof(params), "{\"field\":%lld}", rec->id);
	return jobs_enqueue(db, r->cfg, &n, &job);
}

static void field_committed(struct req *r, const struct rec *rec, int creating)
{
	(void)rec;
	if (creating)
		jobs_kick(r->cfg);
}

const struct rec_entity field_entity = {
	.name = "custom_fields",
	.table = "custom_fields",
	.module = "admin",
	.lang = "admin",
	.title = "admin.fields.title",
	.list_url = "/admin/fields",
	.record_url = "/admin/field",
	.fields = field_fields,
	.nfields = CRM_ARRAY_LEN(field_fields),
	.orders = field_orders,
	.norders = CRM_ARRAY_LEN(field_orders),
	.active_col = "is_active",
	.title_field = "label_en",
	.hooks = { .validate = field_validate, .after_write = field_after_write, .committed = field_committed },
};

int fields_list(struct req *r)
{
	return rec_page_list(r, &field_entity, "admin/fields.cs");
}

int field_form(struct req *r)
{
	return rec_page_view(r, &field_entity, "admin/field.cs");
}

int field_new_form(struct req *r)
{
	return rec_page_new(r, &field_entity, NULL, "admin/field.cs");
}

int field_create(struct req *r)
{
	return rec_page_create(r, &field_entity, "", "admin/field.cs");
}

int field_update(struct req *r)
{
	return rec_page_update(r, &field_entity, "admin/field.cs");
}

int field_set_active(struct req *r)
{
	return rec_page_active(r, &field_entity, NULL);
}

/* The entities of this module whose built-in optional fields a rule may make required. */
static const struct rec_entity *rules_entity(struct req *r)
{
	const char *name = req_param(r, "entity");

	if (name && !strcmp(name, "users"))
		return &user_entity;
	if (name && !strcmp(name, "teams"))
		return &team_entity;
	return NULL;
}

int field_rules_form(struct req *r)
{
	const struct rec_entity *e = rules_entity(r);

	return e ? rec_page_rules(r, e, "admin/field_rules.cs") : reply_error(r, 404);
}

int field_rules_save(struct req *r)
{
	const struct rec_entity *e = rules_entity(r);
	char next[96];

	if (!e)
		return reply_error(r, 404);
	snprintf(next, sizeof(next), "/admin/fields/rules?entity=%s&saved=1", e->name);
	return rec_page_rules_save(r, e, next);
}

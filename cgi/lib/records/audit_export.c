/* The audit trail as an export: one description of its columns for the
 * download on Administration > Audit trail and for the audit.export job. */
#include "records/records.h"
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "io/io.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_BATCH 1000

static const struct {
	const char *key, *label;
	enum export_type type;
	double width;
} spec[AUDIT_EXPORT_COLUMNS] = {
	{ "at", "history.when", EXPORT_DATETIME, 17 }, { "user", "history.who", EXPORT_TEXT, 20 },
	{ "ip", "admin.address", EXPORT_TEXT, 15 },    { "module", "admin.module", EXPORT_TEXT, 10 },
	{ "table_name", "admin.table", EXPORT_TEXT, 14 }, { "record_id", "admin.record", EXPORT_INT, 10 },
	{ "action", "history.action", EXPORT_TEXT, 12 }, { "details", "history.details", EXPORT_TEXT, 60 },
};

static int export_one(void *ctx, const struct db_row *row)
{
	struct audit_export *c = ctx;

	c->batch_rows++;
	c->last_id = strtoll(row->values[0], NULL, 10); /* a.id, first column */
	return export_row(&c->x, row);
}

static int describe(struct req *r, struct audit_export *c)
{
	int rc = CRM_OK;

	c->x.r = r;
	c->x.list = "audit_log";
	c->x.title = lang_str(r, "admin.audit");
	for (size_t i = 0; i < CRM_ARRAY_LEN(spec) && rc == CRM_OK; i++) {
		c->cols[i] = (struct export_column){ spec[i].key, lang_str(r, spec[i].label), spec[i].type, spec[i].width };
		rc = export_add_column(&c->x, &c->cols[i]);
	}
	if (rc == CRM_OK && c->f.user_id) {
		struct db_param u[] = { DB_I(c->f.user_id) };

		rc = db_query_str(r->db, "SELECT display_name FROM users WHERE id = ?", u, 1, c->user_name,
				  sizeof(c->user_name));
		if (rc == CRM_ENOTFOUND) {
			snprintf(c->user_name, sizeof(c->user_name), "%lld", c->f.user_id);
			rc = CRM_OK;
		}
	}
	if (rc == CRM_OK)
		rc = export_add_filter(&c->x, lang_str(r, "history.who"), c->user_name);
	if (rc == CRM_OK)
		rc = export_add_filter(&c->x, lang_str(r, "admin.module"), c->f.module);
	if (rc == CRM_OK)
		rc = export_add_filter(&c->x, lang_str(r, "history.action"), c->f.action);
	if (rc == CRM_OK)
		rc = export_add_filter(&c->x, lang_str(r, "admin.from"), c->from_text ? c->from_text : c->f.from);
	if (rc == CRM_OK)
		rc = export_add_filter(&c->x, lang_str(r, "admin.to"), c->to_text ? c->to_text : c->f.to);
	return rc;
}

int audit_export_write(struct req *r, struct audit_export *c)
{
	struct buf sql = { 0 };
	struct db_param p[AUDIT_FILTER_PARAMS];
	unsigned n;
	int rc = describe(r, c);

	c->f.before = 0; /* every page */
	if (rc == CRM_OK)
		rc = export_begin(&c->x);
	if (rc != CRM_OK)
		return rc;
	/* batches by keyset, not one stream: the connection stays free between them */
	for (;;) {
		buf_reset(&sql);
		c->batch_rows = 0;
		rc = audit_filter_sql(&c->f, AUDIT_BATCH, &sql, p, &n);
		if (rc == CRM_OK)
			rc = db_query(r->db, sql.p, p, n, export_one, c);
		if (rc == CRM_OK && c->on_batch)
			rc = c->on_batch(c->ctx, c->x.rows);
		if (rc != CRM_OK || c->batch_rows < AUDIT_BATCH)
			break;
		c->f.before = c->last_id;
	}
	buf_free(&sql);
	if (rc != CRM_OK)
		export_abort(&c->x);
	return rc;
}

/* fields.apply: gives an entity's table the column of a custom field made on Administration >
 * Fields (and its index when searchable), online, then marks the field ready, so the engine
 * shows it from the next request on (several choices: their table of pairs). params: {"field":id}. Idempotent: ADD ... IF NOT EXISTS,
 * and "ready" is written with the job's done state. The DDL comes from the field's id and type
 * only (records/rec_custom.c), on the tables of rec_custom_targets only. */
#include "worker.h"
#include "records/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct field_row {
	int found;
	char entity[40], type[16], state[16];
	int searchable;
};

static int field_row(void *ctx, const struct db_row *row)
{
	struct field_row *f = ctx;

	f->found = 1;
	snprintf(f->entity, sizeof(f->entity), "%s", row->values[0]);
	snprintf(f->type, sizeof(f->type), "%s", row->values[1]);
	f->searchable = row->values[2][0] == '1';
	snprintf(f->state, sizeof(f->state), "%s", row->values[3]);
	return CRM_OK;
}

static int mark_ready(struct db *db, void *ctx)
{
	struct db_param p[] = { DB_I(*(const long long *)ctx) };

	return db_exec(db, "UPDATE custom_fields SET state = 'ready', error = '' WHERE id = ?", p, 1, NULL, NULL);
}

static void mark_failed(struct worker *w, long long id, const char *why)
{
	struct db_param p[] = { DB_S(why), DB_I(id) };

	if (db_exec(w->db, "UPDATE custom_fields SET state = 'failed', error = LEFT(?, 255) WHERE id = ?", p, 2, NULL,
		    NULL) != CRM_OK)
		crm_log("fields.apply: field %lld could not be marked failed", id);
}

int job_fields_apply(struct worker *w, struct job *j)
{
	struct field_row f = { 0 };
	struct buf column = { 0 }, index = { 0 };
	const struct rec_custom_target *target;
	char idtext[24];
	long long id;
	int rc;

	if (jobs_param(j->params, "field", idtext, sizeof(idtext)) != CRM_OK || (id = strtoll(idtext, NULL, 10)) <= 0) {
		snprintf(j->error, sizeof(j->error), "params");
		return CRM_EINVAL;
	}
	{
		struct db_param p[] = { DB_I(id) };

		rc = db_query(w->db, "SELECT entity, type, searchable, state FROM custom_fields WHERE id = ?", p, 1, field_row,
			      &f);
	}
	if (rc == CRM_OK && (!f.found || !(target = rec_custom_target(f.entity)))) {
		snprintf(j->error, sizeof(j->error), "no such field or entity");
		return CRM_EINVAL;
	}
	if (rc == CRM_OK)
		rc = rec_custom_ddl(target->table, id, f.type, f.searchable, &column, &index);
	/* DDL commits by itself: it runs outside any transaction, and again harmlessly */
	if (rc == CRM_OK)
		rc = db_exec(w->db, column.p, NULL, 0, NULL, NULL);
	if (rc == CRM_OK && index.len)
		rc = db_exec(w->db, index.p, NULL, 0, NULL, NULL);
	buf_free(&column);
	buf_free(&index);
	if (rc == CRM_EINVAL) {
		snprintf(j->error, sizeof(j->error), "type");
		mark_failed(w, id, j->error);
		return rc;
	}
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "db: %u", db_last_errno(w->db));
		mark_failed(w, id, j->error);
		return rc;
	}
	snprintf(j->result, sizeof(j->result), strcmp(f.type, "multichoice") ? "cf_%lld on %s" : "cfv_%lld for %s", id,
		 target->table);
	return job_done(w, j, mark_ready, &id);
}

/* Whole pages the usual way: a record's page, a new record, an update, a list, an export and
 * the state switch, each typed input -> C values -> database -> HDF once -> template. */
#include "records/records.h"
#include "jobs/jobs.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Fields the form does not send (shown-only, create-only after creation, not the user's to set)
 * come from stored. */
static int fill_unread(struct req *r, const struct rec_entity *e, struct rec *rec, const struct rec *stored,
		       int creating)
{
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < e->nfields && i < REC_MAX_FIELDS; i++) {
		const struct rec_field *f = &e->fields[i];

		if (rec_field_typed(r, e, f, creating))
			continue;
		rc = rec_set_slot(&rec->val[i], stored->val[i]);
		if (rc == CRM_OK)
			rc = rec_set_slot(&rec->key[i], stored->key[i]);
		if (rc == CRM_OK)
			rc = rec_set_slot(&rec->label[i], stored->label[i]);
	}
	rec->active = stored->active;
	return rc;
}

/* What was saved meanwhile, beside each field whose stored value differs from the typed one. */
static int conflict_hdf(struct req *r, const struct rec_entity *e, const struct rec *typed, const struct rec *stored)
{
	char key[96];

	if (hdf_put(r, "Form.conflict", "1") != CRM_OK)
		return CRM_ERR;
	for (unsigned i = 0; i < e->nfields && i < REC_MAX_FIELDS; i++) {
		const struct rec_field *f = &e->fields[i];
		/* links are compared as typed (their keys), the rest as stored */
		int link = f->type == REC_LINK || f->type == REC_LINKS;
		const char *a = link ? stored->key[i] : stored->val[i];
		const char *b = link ? typed->key[i] : typed->val[i];

		if (f->type == REC_LINKS && (f->flags & RF_CHOICES))
			continue; /* a choice list shows its own state */
		if (!strcmp(a ? a : "", b ? b : ""))
			continue;
		snprintf(key, sizeof(key), "Form.fields.%u.stored", i);
		if (a && !link && f->type != REC_TEXT && f->type != REC_LONGTEXT && f->type != REC_EMAIL) {
			/* as the page shows it (1,250,000.50 not 125000050; a date in the user's calendar) */
			char shown[256];

			if (rec_value_text(r, f, a, shown, sizeof(shown)) != CRM_OK || hdf_put(r, key, shown) != CRM_OK)
				return CRM_ERR;
		} else if (hdf_put(r, key, a ? a : "") != CRM_OK) {
			return CRM_ERR;
		}
	}
	return CRM_OK;
}

int rec_page_again(struct req *r, const struct rec_entity *e, struct rec *rec, const struct rec_errors *err,
		   int creating, int status, const char *template)
{
	int rc = CRM_OK;

	if (!creating) {
		struct rec stored;

		rec_init(&stored, e);
		stored.fixed = rec->fixed;
		rc = rec_load(r, e, rec->id, "view", &stored);
		if (rc == CRM_OK)
			rc = fill_unread(r, e, rec, &stored, 0);
		if (rc == CRM_OK && status == 409) {
			rec->version = stored.version; /* saving again from here keeps what was typed */
			rc = rec_form_hdf(r, e, rec, err, creating);
			if (rc == CRM_OK)
				rc = conflict_hdf(r, e, rec, &stored);
		} else if (rc == CRM_OK) {
			rc = rec_form_hdf(r, e, rec, err, creating);
		}
		if (rc == CRM_OK)
			rc = rec_history_hdf(r, e, e->name, rec->id, "History");
		rec_free(&stored);
	} else {
		rc = rec_form_hdf(r, e, rec, err, creating);
	}
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	r->status = status;
	return render(r, template);
}

int rec_page_view(struct req *r, const struct rec_entity *described, const char *template)
{
	/* with its custom fields and required rules, as this request sees them */
	const struct rec_entity *e = rec_full(r, described);

	if (!e)
		return reply_db_error(r, CRM_ERR);

	struct rec rec;
	long long id;
	int rc, st;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	rec_init(&rec, e);
	rc = rec_load(r, e, id, "view", &rec);
	if (rc == CRM_OK)
		rc = rec_form_hdf(r, e, &rec, NULL, 0);
	if (rc == CRM_OK)
		rc = rec_history_hdf(r, e, e->name, id, "History");
	if (rc == CRM_OK && req_param(r, "saved"))
		rc = hdf_put(r, "Form.notice", lang_str(r, "records.saved"));
	st = rc == CRM_OK ? render(r, template) : reply_db_error(r, rc);
	rec_free(&rec);
	return st;
}

int rec_page_new(struct req *r, const struct rec_entity *described, const struct rec *defaults, const char *template)
{
	/* with its custom fields and required rules, as this request sees them */
	const struct rec_entity *e = rec_full(r, described);

	if (!e)
		return reply_db_error(r, CRM_ERR);

	struct rec empty;
	int rc;

	rec_init(&empty, e);
	rc = rec_form_hdf(r, e, defaults ? defaults : &empty, NULL, 1);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return render(r, template);
}

/* After a read and a save: the next page, the form again (422 bad input, 409 stale or taken),
 * or the error page; next NULL or "": the record's own page. */
static int saved_or_again(struct req *r, const struct rec_entity *e, struct rec *rec, struct rec_errors *err, int rc,
			  int creating, const char *next, const char *template)
{
	char url[600];

	if (rc == CRM_OK && !rec_failed(err, NULL)) {
		if (next && *next)
			snprintf(url, sizeof(url), "%s", next);
		else
			snprintf(url, sizeof(url), "%s?id=%lld&saved=1", e->record_url, rec->id);
		return resp_redirect(r, url);
	}
	if (rc == CRM_OK || rc == CRM_ECONFLICT || rc == CRM_EDUPLICATE) {
		if (rc == CRM_EDUPLICATE)
			rec_error_taken(e, err);
		return rec_page_again(r, e, rec, err, creating, rc == CRM_OK ? 422 : 409, template);
	}
	return reply_db_error(r, rc);
}

int rec_page_update(struct req *r, const struct rec_entity *described, const char *template)
{
	/* with its custom fields and required rules, as this request sees them */
	const struct rec_entity *e = rec_full(r, described);

	if (!e)
		return reply_db_error(r, CRM_ERR);

	struct rec_input in = rec_input_req(r);
	struct rec_errors err = { .n = 0 };
	struct rec rec;
	int rc, st;

	long long id, version;

	rec_init(&rec, e);
	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK || req_int(r, "version", 1, INT64_MAX, &version) != CRM_OK)
		return reply_error(r, 400);
	/* out of scope or gone: not found, before anything is read; the stored values stay in rec
	 * under what is read, so a link the record holds is kept as it is (rec_read) */
	rc = rec_load(r, e, id, "edit", &rec);
	if (rc != CRM_OK) {
		rec_free(&rec);
		return reply_db_error(r, rc);
	}
	rec.version = version; /* the version the form was read at: a stale one is a conflict */
	rc = rec_read(r, e, &in, 0, &rec, &err);
	if (rc == CRM_OK && !rec_failed(&err, NULL))
		rc = rec_save(r, e, &rec);
	st = saved_or_again(r, e, &rec, &err, rc, 0, NULL, template);
	rec_free(&rec);
	return st;
}

void rec_error_taken(const struct rec_entity *e, struct rec_errors *err)
{
	for (unsigned i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & RF_UNIQUE) {
			rec_error(err, e->fields[i].name, "records.err.taken", 0);
			return;
		}
	rec_error(err, "form", "records.err.taken", 0);
}

int rec_page_create(struct req *r, const struct rec_entity *described, const char *next, const char *template)
{
	/* with its custom fields and required rules, as this request sees them */
	const struct rec_entity *e = rec_full(r, described);

	if (!e)
		return reply_db_error(r, CRM_ERR);

	struct rec_input in = rec_input_req(r);
	struct rec_errors err = { .n = 0 };
	struct rec rec;
	int rc, st;

	rec_init(&rec, e);
	rc = rec_read(r, e, &in, 1, &rec, &err);
	if (rc == CRM_OK && !rec_failed(&err, NULL))
		rc = rec_save(r, e, &rec);
	st = saved_or_again(r, e, &rec, &err, rc, 1, next, template);
	rec_free(&rec);
	return st;
}

int rec_page_list(struct req *r, const struct rec_entity *described, const char *template)
{
	/* with its custom fields and required rules, as this request sees them */
	const struct rec_entity *e = rec_full(r, described);

	if (!e)
		return reply_db_error(r, CRM_ERR);

	struct rec_list l;
	int rc;

	rc = rec_list_read(r, e, &l); /* a filter's link is looked up: the database may fail */
	if (rc != CRM_OK)
		return rc == CRM_EINVAL ? reply_error(r, 400) : reply_db_error(r, rc);
	rc = rec_list_hdf(r, e, &l);
	if (rc == CRM_OK && e->bulk)
		rc = rec_bulk_hdf(r, e->bulk);
	if (rc == CRM_OK && req_param(r, "saved"))
		rc = hdf_put(r, "Form.notice", lang_str(r, "records.saved"));
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return render(r, template);
}

int rec_page_export(struct req *r, const struct rec_entity *described)
{
	/* with its custom fields and required rules, as this request sees them */
	const struct rec_entity *e = rec_full(r, described);

	if (!e)
		return reply_db_error(r, CRM_ERR);

	struct rec_list l;
	long long limit = r->cfg->jobs_export_direct_rows, rows = 0, job = 0;
	enum export_format f;
	char kind[JOB_KIND_MAX + 1];
	struct buf params = { 0 };
	int rc;

	rc = rec_list_read(r, e, &l);
	if (rc != CRM_OK && rc != CRM_EINVAL)
		return reply_db_error(r, rc);
	if (rc != CRM_OK || export_format_parse(req_param(r, "format"), &f) != CRM_OK)
		return reply_error(r, 400);
	rc = rec_export_count(r, e, &l, limit + 1, &rows);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (rows <= limit)
		return rec_export(r, e, &l);
	/* too many to wait for: the worker writes the same list as the asker (README, Jobs) */
	snprintf(kind, sizeof(kind), "%s.%s", e->module, REC_EXPORT_KIND);
	rc = buf_puts(&params, "{\"entity\":");
	if (rc == CRM_OK)
		rc = json_str(&params, described->name);
	if (rc == CRM_OK)
		rc = buf_puts(&params, ",\"query\":");
	if (rc == CRM_OK)
		rc = json_str(&params, req_env(r, "QUERY_STRING") ? req_env(r, "QUERY_STRING") : "");
	if (rc == CRM_OK)
		rc = buf_puts(&params, "}");
	if (rc == CRM_OK)
		rc = jobs_export_enqueue(r, kind, params.p, &job);
	buf_free(&params);
	return rc == CRM_OK ? jobs_redirect(r, job) : reply_db_error(r, rc);
}

int rec_page_active(struct req *r, const struct rec_entity *e,
		    int (*after)(struct req *r, struct db *db, long long id, int active))
{
	long long id, active;
	char next[600];
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK || req_int(r, "active", 0, 1, &active) != CRM_OK)
		return reply_error(r, 400);
	rc = rec_set_active(r, e, id, (int)active, after);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	snprintf(next, sizeof(next), "%s?id=%lld&saved=1", e->record_url, id);
	return resp_redirect(r, next);
}

/* The managed lists' screens, served by the records engine (lists_entity.c): a kind's list with
 * every entry editable in place, an entry's own page with its History, and the save, which makes
 * an entry or changes one with the version it was read at. The kind is the entity's fixed column:
 * an entry of another kind is not found. */
#include "records/records.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* What every page of a list shows around it: the kinds' sub-menu and the kind. */
static int kind_hdf(struct req *r, const char *kind)
{
	if (list_kinds_put(r, kind) || hdf_put(r, "Filter.kind", kind) || hdf_put(r, "Page.section", "lists"))
		return CRM_ERR;
	return CRM_OK;
}

/* A kind's list, then the form of a new entry: empty (its order 100) or as typed with its errors.
 * From a refused save the list starts at its first page in its own order: the POST's fields are
 * no list parameters. */
static int show(struct req *r, const char *kind, const struct rec *typed, const struct rec_errors *err, int status)
{
	const struct rec_entity *e = &lookup_entity;
	struct rec_list l = { .order = &e->orders[0], .state = -1, .limit = REC_PAGE_MAX };
	struct rec fresh;
	int rc = CRM_OK, st;

	rec_init(&fresh, e);
	if (!typed && rec_list_read(r, e, &l) != CRM_OK)
		rc = CRM_EINVAL;
	/* every entry, the deactivated ones too, in pages as long as the engine reads */
	if (!typed && !req_param(r, "state"))
		l.state = -1;
	if (!typed && !req_param(r, "limit"))
		l.limit = REC_PAGE_MAX;
	l.fixed = kind;
	if (rc == CRM_OK)
		rc = rec_list_hdf(r, e, &l);
	if (rc == CRM_OK && !typed)
		rc = rec_set(&fresh, "sort", "100");
	if (rc == CRM_OK)
		rc = rec_form_hdf(r, e, typed ? typed : &fresh, err, 1);
	if (rc == CRM_OK)
		rc = kind_hdf(r, kind);
	if (rc == CRM_OK && req_param(r, "saved"))
		rc = hdf_put(r, "Form.notice", lang_str(r, "records.saved"));
	r->status = status;
	st = rc == CRM_EINVAL ? reply_error(r, 400) : rc != CRM_OK ? reply_db_error(r, rc) : render(r, "parties/lists.cs");
	rec_free(&fresh);
	return st;
}

/* GET /parties/lists?kind= (titles when none) */
int lists_page(struct req *r)
{
	const char *kind = "title";
	int rc = req_param(r, "kind") ? list_kind(r, req_param(r, "kind"), &kind) : CRM_OK;

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (!kind)
		return reply_error(r, 400);
	return show(r, kind, NULL, NULL, 200);
}

/* GET /parties/list?kind=&id= : an entry's form and its History */
int list_entry(struct req *r)
{
	const struct rec_entity *e = &lookup_entity;
	const char *kind;
	struct rec rec;
	long long id;
	int rc = list_kind(r, req_param(r, "kind"), &kind), st;

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (!kind || req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	rec_init(&rec, e);
	rec.fixed = kind;
	rc = rec_load(r, e, id, "view", &rec);
	if (rc == CRM_OK)
		rc = rec_form_hdf(r, e, &rec, NULL, 0);
	if (rc == CRM_OK)
		rc = rec_history_hdf(r, e, e->name, id, "History");
	if (rc == CRM_OK)
		rc = kind_hdf(r, kind);
	st = rc == CRM_OK ? render(r, "parties/list_entry.cs") : reply_db_error(r, rc);
	rec_free(&rec);
	return st;
}

static int saved(struct req *r, const char *kind)
{
	char next[96];

	snprintf(next, sizeof(next), "/parties/lists?kind=%s&saved=1", kind); /* a kind is [a-z0-9_] */
	return resp_redirect(r, next);
}

/* A new entry: refused input is the list again with the form as typed (422; 409 for a code the
 * kind holds already: its unique key is (kind, code)). */
static int entry_create(struct req *r, const char *kind, struct rec *rec, struct rec_errors *err)
{
	struct rec_input in = rec_input_req(r);
	int rc = rec_read(r, &lookup_entity, &in, 1, rec, err), status = 422;

	if (rc == CRM_OK && !rec_failed(err, NULL))
		rc = rec_save(r, &lookup_entity, rec);
	if (rc == CRM_EDUPLICATE) {
		rec_error(err, "code", "parties.err.list_code_taken", 0);
		status = 409;
		rc = CRM_OK;
	}
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return rec_failed(err, NULL) ? show(r, kind, rec, err, status) : saved(r, kind);
}

/* A change with the version the row was read at: refused input or a stale version is the entry's
 * own page, what was typed beside what is stored (422, 409); not in this kind: not found. */
static int entry_update(struct req *r, const char *kind, long long id, struct rec *rec, struct rec_errors *err)
{
	struct rec_input in = rec_input_req(r);
	long long version;
	int rc;

	if (req_int(r, "version", 1, INT64_MAX, &version) != CRM_OK)
		return reply_error(r, 400);
	rc = rec_load(r, &lookup_entity, id, "edit", rec);
	if (rc == CRM_OK) {
		rec->version = version;
		rc = rec_read(r, &lookup_entity, &in, 0, rec, err);
	}
	if (rc == CRM_OK && !rec_failed(err, NULL))
		rc = rec_save(r, &lookup_entity, rec);
	if (rc == CRM_OK && !rec_failed(err, NULL))
		return saved(r, kind);
	if (rc != CRM_OK && rc != CRM_ECONFLICT)
		return reply_db_error(r, rc);
	if (kind_hdf(r, kind) != CRM_OK)
		return reply_error(r, 500);
	return rec_page_again(r, &lookup_entity, rec, err, 0, rc == CRM_OK ? 422 : 409, "parties/list_entry.cs");
}

/* POST /parties/list/save: kind, and id with version for a change (none: a new entry). */
int list_save(struct req *r)
{
	const char *kind;
	struct rec_errors err = { .n = 0 };
	struct rec rec;
	long long id = 0;
	int st = list_kind(r, req_param(r, "kind"), &kind);

	if (st != CRM_OK)
		return reply_db_error(r, st);
	if (!kind || req_int(r, "id", 0, INT64_MAX, &id) == CRM_EINVAL)
		return reply_error(r, 400);
	rec_init(&rec, &lookup_entity);
	rec.fixed = kind;
	st = id ? entry_update(r, kind, id, &rec, &err) : entry_create(r, kind, &rec, &err);
	rec_free(&rec);
	return st;
}

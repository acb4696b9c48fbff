/* A user's saved list filters: the filter fields of a list, under a name. The
 * query is rebuilt from known fields only, so nothing else rides along. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <cgi/cgi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const filter_fields[] = { "state", "role", "group", "city", "source", "rank", "expert", "priority",
					     "starred", "company", "subs", "cols" };

int saved_filters_load(struct req *r, const char *list)
{
	struct db_param p[] = { DB_I(r->user.id), DB_S(list) };

	return db_query_hdf(r->db, "SELECT id, name, query FROM saved_filters WHERE user_id = ? AND list = ? ORDER BY name", p,
			    2, r->hdf, "SavedFilters", NULL);
}

/* field=value&... of the known filter fields the form sent, URL-escaped. */
static int filter_query(struct req *r, struct buf *q)
{
	for (size_t i = 0; i < CRM_ARRAY_LEN(filter_fields); i++) {
		const char *v = req_param(r, filter_fields[i]);
		char *esc = NULL;
		NEOERR *err;

		if (!v || !*v)
			continue;
		err = cgi_url_escape(v, &esc);
		if (err != STATUS_OK) {
			nerr_ignore(&err);
			return CRM_ERR;
		}
		buf_printf(q, "%s%s=%s", q->len ? "&" : "", filter_fields[i], esc);
		free(esc);
	}
	/* and the custom fields' filters (cf_<id>), checked again whenever the list is read */
	for (size_t i = 0; i < r->form.n; i++) {
		const char *k = r->form.items[i].name;
		char *esc = NULL;
		NEOERR *err;

		if (strncmp(k, "cf_", 3) || !k[3] || strspn(k + 3, "0123456789") != strlen(k + 3) || !r->form.items[i].value[0])
			continue;
		err = cgi_url_escape(r->form.items[i].value, &esc);
		if (err != STATUS_OK) {
			nerr_ignore(&err);
			return CRM_ERR;
		}
		buf_printf(q, "%s%s=%s", q->len ? "&" : "", k, esc);
		free(esc);
	}
	return q->len < 1000 ? CRM_OK : CRM_ETOOBIG;
}

struct filter_tx {
	struct req *r;
	const char *list, *name, *query;
	long long id;
};

static int save_tx(struct db *db, void *ctx)
{
	struct filter_tx *t = ctx;
	struct db_param p[] = { DB_I(t->r->user.id), DB_S(t->list), DB_S(t->name), DB_S(t->query), DB_S(t->query) };
	struct audit_change c[] = { { "name", NULL, t->name }, { "query", NULL, t->query } };
	uint64_t id = 0;
	int rc = db_exec(db, "INSERT INTO saved_filters (user_id, list, name, query) VALUES (?, ?, ?, ?) "
			     "ON DUPLICATE KEY UPDATE query = ?", p, 5, NULL, &id);

	if (rc == CRM_OK)
		rc = audit_write_changes(t->r, "saved_filters", (long long)id, "insert", c, 2);
	return rc;
}

static int delete_tx(struct db *db, void *ctx)
{
	struct filter_tx *t = ctx;
	struct db_param p[] = { DB_I(t->id), DB_I(t->r->user.id) };
	uint64_t n = 0;
	int rc = db_exec(db, "DELETE FROM saved_filters WHERE id = ? AND user_id = ?", p, 2, &n, NULL);

	if (rc == CRM_OK && n == 0)
		return CRM_ENOTFOUND; /* not yours, or gone */
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, "saved_filters", t->id, "delete", NULL);
	return rc;
}

static const char *list_param(struct req *r)
{
	const char *l = req_param(r, "list");

	return l && (!strcmp(l, "persons") || !strcmp(l, "companies")) ? l : NULL;
}

int saved_filter_save(struct req *r)
{
	struct filter_tx t = { r, list_param(r), NULL, NULL, 0 };
	struct buf q = { 0 }, next = { 0 };
	char name[4 * 128 + 1];
	int rc;

	if (!t.list)
		return reply_error(r, 400);
	rc = req_text(r, "filter_name", 128, name, sizeof(name));
	if (rc == CRM_ETOOBIG) {
		/* the list comes back as it was, the message on the name; nothing saved */
		if (form_too_long(r, "filter_name", 128) != CRM_OK ||
		    hdf_put(r, "Filter.filter_name", req_param(r, "filter_name")) != CRM_OK)
			return reply_error(r, 500);
		r->status = 422;
		return party_list(r);
	}
	if (rc != CRM_OK || filter_query(r, &q) != CRM_OK) {
		buf_free(&q);
		return reply_error(r, 400);
	}
	t.name = name;
	t.query = q.p ? q.p : "";
	rc = db_transaction(r->db, save_tx, &t);
	if (rc == CRM_OK)
		rc = buf_printf(&next, "/parties/%s?%s", t.list, t.query);
	buf_free(&q);
	if (rc != CRM_OK) {
		buf_free(&next);
		return reply_db_error(r, rc);
	}
	rc = resp_redirect(r, next.p);
	buf_free(&next);
	return rc;
}

int saved_filter_delete(struct req *r)
{
	struct filter_tx t = { r, list_param(r), NULL, NULL, 0 };
	char next[64];
	int rc;

	if (!t.list || req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK)
		return reply_error(r, 400);
	rc = db_transaction(r->db, delete_tx, &t);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	snprintf(next, sizeof(next), "/parties/%s", t.list);
	return resp_redirect(r, next);
}

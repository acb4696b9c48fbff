/* Bulk actions on a list: the rows chosen on its page, or all it matches. No code of their own
 * for changing a record: each goes through the function its single action calls (its scope
 * check, its transaction, its audit row), so a bulk run can do nothing a click could not. */
#include "records/records.h"
#include "jobs/jobs.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct rec_bulk_action *rec_bulk_action(const struct rec_bulk *b, const char *name)
{
	for (unsigned i = 0; name && i < b->nactions; i++)
		if (!strcmp(b->actions[i].name, name))
			return &b->actions[i];
	return NULL;
}

int rec_bulk_activate(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)arg;
	return rec_set_active_n(r, b->entity, id, 1, b->after_active, changed);
}

int rec_bulk_deactivate(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)arg;
	return rec_set_active_n(r, b->entity, id, 0, b->after_active, changed);
}

/* A record already in the bin (or already out of it) is not there to move: skipped. */
int rec_bulk_delete(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)arg;
	int rc = rec_delete(r, b->entity, id);

	*changed = rc == CRM_OK;
	return rc;
}

int rec_bulk_restore(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)arg;
	int rc = rec_restore(r, b->entity, id);

	*changed = rc == CRM_OK;
	return rc;
}

int rec_bulk_run(struct req *r, const struct rec_bulk *b, const struct rec_bulk_action *a, long long arg,
		 const long long *ids, unsigned n, long long *changed, long long *skipped)
{
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < n; i++) {
		int did = 0;

		rc = a->one(r, b, ids[i], arg, &did);
		if (rc == CRM_ENOTFOUND || rc == CRM_ECONFLICT) {
			(*skipped)++;
			rc = CRM_OK;
		} else if (rc == CRM_OK) {
			*changed += did;
			*skipped += !did; /* already so */
		}
	}
	return rc;
}

int rec_bulk_ids(struct req *r, const struct rec_bulk *b, const char *action, long long after, long long *out,
		 unsigned max, unsigned *n)
{
	if (b->ids)
		return b->ids(r, b, action, after, out, max, n);
	if (!b->entity)
		return CRM_EINVAL;
	return rec_list_ids(r, b->entity, action, after, out, max, n);
}

/* ---- the list page's part ---- */

/* key: the count in the user's digits; key_raw: as a number, for the template to test */
static int put_count(struct req *r, const char *key, const char *raw)
{
	char raw_key[96];

	char num[32], local[128];
	long long v = 0;

	/* only digits reach the page: the counts come back in a redirect's query string */
	if (req_int(r, raw, 0, INT64_MAX, &v) != CRM_OK)
		v = 0;
	snprintf(num, sizeof(num), "%lld", v);
	snprintf(raw_key, sizeof(raw_key), "%s_raw", key);
	if (digits_localize(num, (enum digits)r->user.digits, local, sizeof(local)) != CRM_OK || hdf_put(r, key, local))
		return CRM_ERR;
	return hdf_putf(r, raw_key, "%lld", v);
}

/* undo=1,2,3: the ids a delete just moved to the bin, offered back (at most a page of them). */
static int undo_hdf(struct req *r, const struct rec_bulk *b)
{
	const char *s = req_param(r, "undo");
	char key[64];
	unsigned n = 0;

	if (!s || !rec_bulk_action(b, "restore"))
		return CRM_OK;
	while (*s && n < REC_BULK_MAX) {
		char *end;
		long long id = strtoll(s, &end, 10);

		if (end == s || id <= 0 || (*end && *end != ','))
			return CRM_OK; /* not ours: no Undo rather than a wrong one */
		snprintf(key, sizeof(key), "List.bulk.undo.%u", n++);
		if (hdf_putf(r, key, "%lld", id) != CRM_OK)
			return CRM_ERR;
		s = *end ? end + 1 : end;
	}
	return CRM_OK;
}

int rec_bulk_hdf(struct req *r, const struct rec_bulk *b)
{
	const struct rec_bulk_action *done = rec_bulk_action(b, req_param(r, "bulk"));
	char key[96], label[96];
	unsigned k = 0;

	if (hdf_put(r, "List.bulk.url", b->post_url) || hdf_put(r, "List.bulk.list", b->name))
		return CRM_ERR;
	for (unsigned i = 0; i < b->nactions; i++) {
		const struct rec_bulk_action *a = &b->actions[i];
		int choices = 0;

		if (a->hidden || !perm_allows(&r->user, b->module, a->perm))
			continue;
		/* its choices first: one with nothing to choose from (no group yet) is not offered,
		 * as applying it could only be refused */
		snprintf(key, sizeof(key), "List.bulk.actions.%u.choices", k);
		if (a->choices && a->choices(r, key, &choices) != CRM_OK)
			return CRM_ERR;
		if (a->choices && choices <= 0)
			continue;
		snprintf(label, sizeof(label), "bulk.do.%s", a->name);
		snprintf(key, sizeof(key), "List.bulk.actions.%u.name", k);
		if (hdf_put(r, key, a->name) != CRM_OK)
			return CRM_ERR;
		snprintf(key, sizeof(key), "List.bulk.actions.%u.label", k);
		if (hdf_put(r, key, lang_str(r, label)) != CRM_OK)
			return CRM_ERR;
		snprintf(key, sizeof(key), "List.bulk.actions.%u.confirm", k);
		if (hdf_put(r, key, a->confirm ? "1" : "0") != CRM_OK)
			return CRM_ERR;
		k++;
	}
	if (!done)
		return CRM_OK;
	snprintf(label, sizeof(label), "bulk.done.%s", done->name);
	if (hdf_put(r, "List.bulk.notice.do", done->name) || hdf_put(r, "List.bulk.notice.label", lang_str(r, label)) ||
	    put_count(r, "List.bulk.notice.changed", "changed") || put_count(r, "List.bulk.notice.skipped", "skipped"))
		return CRM_ERR;
	return strcmp(done->name, "delete") ? CRM_OK : undo_hdf(r, b);
}

/* ---- the POST ---- */

/* The list's query string as its page gave it, carried back: URL-safe characters only, so it
 * can neither end the header it goes into nor point anywhere but the list. */
static int query_ok(const char *q)
{
	size_t len = strlen(q);

	if (len > 2000)
		return 0;
	for (const char *s = q; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%&=_.,~+-", *s))
			return 0;
	return 1;
}

/* Back to the list with what happened, and for a delete of chosen rows their Undo. */
static int back_to_list(struct req *r, const struct rec_bulk *b, const struct rec_bulk_action *a, const char *query,
			long long changed, long long skipped, const long long *ids, unsigned n)
{
	struct buf url = { 0 };
	int rc = buf_printf(&url, "%s?%s%sbulk=%s&changed=%lld&skipped=%lld", b->url, query, query[0] ? "&" : "", a->name,
			    changed, skipped);

	if (rc == CRM_OK && n && !strcmp(a->name, "delete") && rec_bulk_action(b, "restore")) {
		rc = buf_puts(&url, "&undo=");
		for (unsigned i = 0; rc == CRM_OK && i < n; i++)
			rc = buf_printf(&url, "%s%lld", i ? "," : "", ids[i]);
	}
	if (rc == CRM_OK && buf_failed(&url))
		rc = CRM_ERR;
	rc = rc == CRM_OK ? resp_redirect(r, url.p) : reply_error(r, 500);
	buf_free(&url);
	return rc;
}

/* "All N matching": the worker walks the list as the asker. */
static int bulk_job(struct req *r, const struct rec_bulk *b, const struct rec_bulk_action *a, long long arg,
		    const char *query)
{
	char kind[JOB_KIND_MAX + 1];
	struct buf params = { 0 };
	long long job = 0;
	int rc = buf_puts(&params, "{\"list\":");

	snprintf(kind, sizeof(kind), "%s.%s", b->module, REC_BULK_KIND);
	if (rc == CRM_OK)
		rc = json_str(&params, b->name);
	if (rc == CRM_OK)
		rc = buf_puts(&params, ",\"do\":");
	if (rc == CRM_OK)
		rc = json_str(&params, a->name);
	if (rc == CRM_OK && arg)
		rc = buf_printf(&params, ",\"arg\":\"%lld\"", arg);
	if (rc == CRM_OK)
		rc = buf_puts(&params, ",\"query\":");
	if (rc == CRM_OK)
		rc = json_str(&params, query);
	if (rc == CRM_OK)
		rc = buf_puts(&params, "}");
	if (rc == CRM_OK)
		rc = jobs_export_enqueue(r, kind, params.p, &job);
	buf_free(&params);
	return rc == CRM_OK ? jobs_redirect(r, job) : reply_db_error(r, rc);
}

/* An action that asks first: what it will change, and the same POST again with confirm=1. */
static int confirm_page(struct req *r, const struct rec_bulk *b, const struct rec_bulk_action *a, long long arg,
			const char *query, const long long *ids, unsigned n, int all)
{
	char key[96];

	if (arg && hdf_putf(r, "Bulk.arg", "%lld", arg) != CRM_OK)
		return reply_error(r, 500);
	snprintf(key, sizeof(key), "bulk.do.%s", a->name);
	if (hdf_put(r, "Bulk.url", b->post_url) || hdf_put(r, "Bulk.list", b->name) || hdf_put(r, "Bulk.do", a->name) || hdf_put(r, "Bulk.label", lang_str(r, key)) ||
	    hdf_put(r, "Bulk.query", query) || hdf_put(r, "Bulk.all", all ? "1" : "0") || hdf_put(r, "Bulk.back", b->url) ||
	    (all && put_count(r, "Bulk.count", "count")))
		return reply_error(r, 500);
	for (unsigned i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "Bulk.ids.%u", i);
		if (hdf_putf(r, key, "%lld", ids[i]) != CRM_OK)
			return reply_error(r, 500);
	}
	if (!all) {
		char num[32], local[128];

		snprintf(num, sizeof(num), "%u", n);
		if (digits_localize(num, (enum digits)r->user.digits, local, sizeof(local)) != CRM_OK ||
		    hdf_put(r, "Bulk.count", local) != CRM_OK)
			return reply_error(r, 500);
	}
	return render(r, "records/bulk_confirm.cs");
}

int rec_page_bulk(struct req *r, const struct rec_bulk *b)
{
	const struct rec_bulk_action *a = rec_bulk_action(b, req_param(r, "do"));
	const char *query = req_param(r, "query"), *each[REC_BULK_MAX + 1];
	long long ids[REC_BULK_MAX], changed = 0, skipped = 0, all = 0, confirmed = 0, arg = 0;
	size_t n;
	int rc;

	if (!query)
		query = "";
	if (!a || !query_ok(query) || req_int(r, "all", 0, 1, &all) == CRM_EINVAL ||
	    req_int(r, "confirm", 0, 1, &confirmed) == CRM_EINVAL)
		return reply_error(r, 400);
	/* the route let the user in to the list; the action asks its own permission */
	if (!perm_allows(&r->user, b->module, a->perm))
		return reply_error(r, 403);
	if (a->choices) { /* its choice, one of those the bar offered (a group gone since: said so) */
		char name[96];

		snprintf(name, sizeof(name), "arg_%s", a->name);
		if (req_int(r, name, 1, INT64_MAX, &arg) != CRM_OK)
			return reply_error(r, 400);
		rc = a->choice_ok(r, arg);
		if (rc != CRM_OK)
			return rc == CRM_ENOTFOUND ? reply_error(r, 422) : reply_db_error(r, rc);
	}
	n = all ? 0 : req_all(r, "id", each, REC_BULK_MAX + 1);
	if (n > REC_BULK_MAX)
		return reply_error(r, 413);
	for (size_t i = 0; i < n; i++) {
		char *end;

		ids[i] = strtoll(each[i], &end, 10);
		if (end == each[i] || *end || ids[i] <= 0)
			return reply_error(r, 400);
	}
	if (!all && !n) /* nothing chosen: the list again, saying so */
		return back_to_list(r, b, a, query, 0, 0, NULL, 0);
	if (a->confirm && !confirmed)
		return confirm_page(r, b, a, arg, query, ids, (unsigned)n, (int)all);
	if (all)
		return bulk_job(r, b, a, arg, query);
	rc = rec_bulk_run(r, b, a, arg, ids, (unsigned)n, &changed, &skipped);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return back_to_list(r, b, a, query, changed, skipped, ids, (unsigned)n);
}

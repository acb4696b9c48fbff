/* GET /parties/persons and /parties/companies: lists with filters, chosen
 * columns and keyset paging. Every query runs from an index; the count is the records
 * engine's (exact up to a bound, else an estimate): no COUNT(*) over the list. */
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "records/records.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>


static int put_col(struct req *r, const char *list, int i, const char *field, const char *value)
{
	char key[64];

	snprintf(key, sizeof(key), "%s.%d.%s", list, i, field);
	return hdf_put(r, key, value);
}

/* Columns.* (the chosen ones) and ColumnChoices.* (all, with checked: built-in ones, then the
 * custom fields). */
static int columns_hdf(struct req *r, const struct party_filter *f)
{
	unsigned kind = !strcmp(f->kind, "company") ? PC_COMPANY : PC_PERSON;
	int k = 0;

	for (unsigned i = 0; i < f->ncols; i++) {
		const char *sort = party_column_sort(f->cols[i]);

		if (put_col(r, "Columns", (int)i, "key", f->cols[i]->key) ||
		    put_col(r, "Columns", (int)i, "sort", sort ? sort : "") ||
		    put_col(r, "Columns", (int)i, "label", party_column_label(r, f->cols[i])) ||
		    put_col(r, "Columns", (int)i, "ltr", f->cols[i]->ltr ? "1" : "0"))
			return CRM_ERR;
	}
	for (unsigned i = 0; i < party_ncolumns + party_custom_count(); i++) {
		const struct party_column *c = i < party_ncolumns ? &party_columns[i] : party_custom_at(i - party_ncolumns);
		int checked = 0;

		if (!(c->kinds & kind))
			continue;
		for (unsigned j = 0; j < f->ncols; j++)
			checked |= f->cols[j] == c;
		if (put_col(r, "ColumnChoices", k, "key", c->key) ||
		    put_col(r, "ColumnChoices", k, "label", party_column_label(r, c)) ||
		    put_col(r, "ColumnChoices", k, "checked", checked ? "1" : "0"))
			return CRM_ERR;
		k++;
	}
	return party_custom_filters_hdf(r, f);
}

/* Dates, times and numbers of the chosen columns in the user's calendar and digits. */
static int localize(struct req *r, const struct party_filter *f, int rows)
{
	struct buf d = { 0 }, t = { 0 }, n = { 0 };
	int rc = CRM_OK;

	for (unsigned i = 0; i < f->ncols; i++) {
		enum export_type ty = f->cols[i]->type;
		struct buf *b = ty == EXPORT_DATE ? &d : ty == EXPORT_DATETIME ? &t : ty == EXPORT_TEXT ? NULL : &n;

		if (b)
			buf_printf(b, "%s%s", b->len ? "," : "", f->cols[i]->key);
	}
	if (buf_failed(&d) || buf_failed(&t) || buf_failed(&n))
		rc = CRM_ERR; /* sticky: any failed append shows here */
	if (rc == CRM_OK && d.len)
		rc = hdf_localize_rows(r, "Rows", rows, d.p, 'd');
	if (rc == CRM_OK && t.len)
		rc = hdf_localize_rows(r, "Rows", rows, t.p, 't');
	if (rc == CRM_OK && n.len)
		rc = hdf_localize_rows(r, "Rows", rows, n.p, 'n');
	buf_free(&d);
	buf_free(&t);
	buf_free(&n);
	return rc;
}

/* "N persons" or "about N persons": the engine's count over the list's filters and scope. */
static int count_hdf(struct req *r, const struct party_filter *f)
{
	struct party_filter whole = *f;
	struct db_param p[PARTY_FILTER_PARAMS];
	struct buf sql = { 0 };
	unsigned n = 0;
	int rc = party_filter_count_sql(r, &whole, &sql, p, &n);

	if (rc == CRM_OK)
		rc = rec_count_hdf(r, "parties", sql.p, p, n,
				   (perm_scope_narrows(&r->user, "parties", "view", &party_scope) ? REC_COUNT_SCOPED : 0) |
					   (f->text.q[0] && !f->text.few ? REC_COUNT_PART : 0));
	buf_free(&sql);
	return rc;
}

/* The page's rows in the other order: read backwards for "previous", shown forwards. */
static int reverse_rows(struct req *r, int rows)
{
	HDF *from = hdf_get_obj(r->hdf, "Rows");
	NEOERR *err = STATUS_OK;
	char key[32];

	if (!from || rows < 2)
		return CRM_OK;
	for (int i = 0; err == STATUS_OK && i < rows; i++) {
		HDF *row;

		snprintf(key, sizeof(key), "Rows.%d", rows - 1 - i);
		row = hdf_get_obj(r->hdf, key);
		snprintf(key, sizeof(key), "Turned.%d", i);
		if (row)
			err = hdf_copy(r->hdf, key, row);
	}
	if (err == STATUS_OK)
		err = hdf_remove_tree(r->hdf, "Rows");
	if (err == STATUS_OK)
		err = hdf_copy(r->hdf, "Rows", hdf_get_obj(r->hdf, "Turned"));
	if (err == STATUS_OK)
		err = hdf_remove_tree(r->hdf, "Turned");
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	return CRM_OK;
}

/* The extra row read to know there is more. */
static int drop_row(struct req *r, int at)
{
	char key[32];
	NEOERR *err;

	snprintf(key, sizeof(key), "Rows.%d", at);
	err = hdf_remove_tree(r->hdf, key);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	return CRM_OK;
}

/* prefix.after_prio, after_name, after_id: the keyset position of row i of the page. */
static int position_hdf(struct req *r, const char *prefix, int i)
{
	char key[32], out[48];
	HDF *row;

	snprintf(key, sizeof(key), "Rows.%d", i);
	row = hdf_get_obj(r->hdf, key);
	if (!row)
		return CRM_ERR;
	snprintf(out, sizeof(out), "%s.after_prio", prefix);
	if (hdf_put(r, out, hdf_get_value(row, "sort_priority", "0")))
		return CRM_ERR;
	snprintf(out, sizeof(out), "%s.after_name", prefix);
	if (hdf_put(r, out, hdf_get_value(row, "sort_key", "")))
		return CRM_ERR;
	snprintf(out, sizeof(out), "%s.after_id", prefix);
	return hdf_put(r, out, hdf_get_value(row, "id", "0"));
}

int party_list(struct req *r)
{
	struct party_filter f;
	struct buf sql = { 0 }, q = { 0 };
	struct db_param p[PARTY_FILTER_PARAMS];
	unsigned n = 0;
	int rows = 0, page, rc;

	rc = party_filter_read(r, &f);
	if (rc != CRM_OK)
		return rc == CRM_EINVAL ? reply_error(r, 400) : reply_db_error(r, rc);
	if (f.value_sort) {
		/* by a column's value only when the list is small enough to sort for every page */
		int small = 0;

		rc = party_filter_small(r, &f, &small);
		if (rc != CRM_OK)
			return reply_db_error(r, rc);
		if (!small) {
			party_filter_default_order(&f);
			if (hdf_put(r, "Filter.sort_refused", "1") != CRM_OK)
				return reply_error(r, 500);
		}
	}
	/* just deleted from its page: "Deleted — Undo" */
	if (req_param(r, "deleted")) {
		long long gone;

		if (req_int(r, "deleted", 1, INT64_MAX, &gone) != CRM_OK)
			return reply_error(r, 400);
		if (hdf_putf(r, "Deleted.id", "%lld", gone) != CRM_OK)
			return reply_error(r, 500);
	}
	rc = party_choices(r);
	if (rc == CRM_OK)
		rc = groups_load(r, 0);
	if (rc == CRM_OK)
		rc = saved_filters_load(r, !strcmp(f.kind, "company") ? "companies" : "persons");
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	f.decorate = 1;
	page = f.limit ? (int)f.limit : PARTY_LIST_PAGE;
	rc = party_filter_sql(r, &f, "view", page + 1, &sql, p, &n);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, sql.p, p, n, r->hdf, "Rows", &rows);
	buf_free(&sql);
	if (rc == CRM_OK)
		rc = count_hdf(r, &f);
	if (rc == CRM_OK)
		rc = rec_bulk_hdf(r, !strcmp(f.kind, "company") ? &party_bulk_companies : &party_bulk_persons);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	{
		int more = rows > page;

		/* a row more than a page was read: there is more that way (forwards, or back: the rows
		 * are read in the order turned round, the farthest back last); shown the right way */
		if (more)
			rc = drop_row(r, page);
		rows = more ? page : rows;
		if (rc == CRM_OK && f.back)
			rc = reverse_rows(r, rows);
		if (rc != CRM_OK)
			return reply_error(r, 500);
		/* next after the last row shown; previous before the first (from a deep page, or when
		 * reading back found more) */
		if (rows && (f.back || more) && position_hdf(r, "Next", rows - 1) != CRM_OK)
			return reply_error(r, 500);
		if (rows && (f.back ? more : f.after_id != 0) && f.order->index && position_hdf(r, "Prev", 0) != CRM_OK)
			return reply_error(r, 500);
	}
	if (localize(r, &f, rows) != CRM_OK || columns_hdf(r, &f) != CRM_OK || party_filter_query(&f, &q) != CRM_OK) {
		buf_free(&q);
		return reply_error(r, 500);
	}
	rc = hdf_put(r, "Filter.query", q.p);
	buf_free(&q);
	if (rc || hdf_put(r, "Filter.kind", f.kind) || hdf_put(r, "Filter.state", f.state) || hdf_put(r, "Filter.sort", f.sort) ||
	    hdf_put(r, "Filter.dir", f.order->desc != f.back ? "desc" : "asc") ||
	    hdf_put(r, "Filter.cols", f.cols_text) ||
	    hdf_put(r, "Filter.role", req_param(r, "role")) || hdf_put(r, "Filter.group", req_param(r, "group")) || hdf_put(r, "Filter.city", req_param(r, "city")) ||
	    hdf_put(r, "Filter.source", req_param(r, "source")) || hdf_put(r, "Filter.expert", req_param(r, "expert")) ||
	    hdf_put(r, "Filter.rank", req_param(r, "rank")) || hdf_put(r, "Filter.priority", req_param(r, "priority")) || hdf_putf(r, "Filter.starred", "%lld", f.starred) ||
	    hdf_put(r, "Filter.deep", f.after_id ? "1" : "0") || hdf_put(r, "Filter.company", f.company_code) ||
	    hdf_put(r, "Filter.q", f.text.q) || hdf_putf(r, "Filter.limit", "%d", page) || rec_page_sizes(r, (unsigned)page) != CRM_OK || hdf_put(r, "Filter.subs", f.subs ? "1" : "0") || hdf_put(r, "Filter.company_unknown", f.company_unknown ? "1" : "0") ||
	    hdf_put(r, "Page.section", !strcmp(f.kind, "company") ? "companies" : "persons"))
		return reply_error(r, 500);
	return render(r, "parties/list.cs");
}

/* An entity's list: the text box, the state, an order read from its own index by keyset both
 * ways (previous and next), a count that never walks a big table, and the export of it all. */
#include "records/records.h"

#include <cgi/cgi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rec_list_read(struct req *r, const struct rec_entity *e, struct rec_list *l)
{
	const char *sort = req_param(r, "sort"), *state = req_param(r, "state"), *dir = req_param(r, "dir");
	long long v;
	int rc;

	memset(l, 0, sizeof(*l));
	l->order = &e->orders[0];
	for (unsigned i = 0; sort && i < e->norders; i++)
		if (!strcmp(e->orders[i].name, sort))
			l->order = &e->orders[i];
	if (sort && strcmp(l->order->name, sort))
		return CRM_EINVAL;
	l->desc = dir && !strcmp(dir, "desc");
	l->state = e->active_col ? 1 : -1;
	if (state && e->active_col)
		l->state = !strcmp(state, "inactive") ? 0 : !strcmp(state, "all") ? -1 : 1;
	rc = req_text(r, "q", 100, l->q, sizeof(l->q));
	if (rc == CRM_ETOOBIG)
		return CRM_EINVAL;
	l->limit = 50;
	if (req_int(r, "limit", 10, REC_PAGE_MAX, &v) == CRM_OK)
		l->limit = (unsigned)v;
	else if (req_param(r, "limit"))
		return CRM_EINVAL;
	if (req_int(r, "kid", 1, INT64_MAX, &l->after_id) == CRM_OK) {
		const char *k = req_param(r, "k");

		/* no k: the row's key is NULL (a custom field left empty), which "" is not */
		if (k && strlen(k) >= sizeof(l->after_key))
			return CRM_EINVAL;
		snprintf(l->after_key, sizeof(l->after_key), "%s", k ? k : "");
		l->after_null = !k;
		l->back = req_param(r, "back") != NULL;
	} else if (req_param(r, "kid")) {
		return CRM_EINVAL;
	}
	/* a filter per field that has an index of its own (a searchable custom field) */
	for (unsigned i = 0; i < e->nfields; i++) {
		if (!(e->fields[i].flags & RF_FILTER))
			continue;
		if (l->nfilters == REC_LIST_FILTERS)
			return CRM_EINVAL;
		rc = rec_filter_read(r, &e->fields[i], &l->filters[l->nfilters]);
		if (rc == CRM_OK)
			l->nfilters++;
		else if (rc != CRM_ENOTFOUND)
			return rc;
	}
	return CRM_OK;
}

/* The text box's pattern: what was typed, folded as stored searchable text is (yeh/kaf,
 * ZWNJ, digits, case: text_search_key), as a prefix. Case folding may lengthen the text. */
#define LIKE_MAX (2 * 1024 + 2)

/* The text box: a field's start, typed and stored text folded alike. No stored normalized copy:
 * the list filters rows as it reads the order's own index, never a search index, so a folded
 * expression over the column reads as much as the column would. */
static int text_box_sql(const struct rec_entity *e, const char *q, char *like, struct buf *sql, struct db_param *p,
			unsigned *n)
{
	char folded[1024], col[80];
	int rc = text_search_key(q, folded, sizeof(folded));

	if (rc == CRM_OK)
		rc = rec_like_prefix(folded, like, LIKE_MAX);
	if (rc == CRM_OK)
		rc = buf_puts(sql, " AND (1 = 0");
	for (unsigned i = 0; rc == CRM_OK && i < e->nfields; i++)
		if ((e->fields[i].flags & RF_SEARCH) && e->fields[i].type != REC_LINKS) {
			snprintf(col, sizeof(col), "t.%s", e->fields[i].name);
			rc = buf_puts(sql, " OR ");
			if (rc == CRM_OK)
				rc = text_fold_sql(sql, col);
			if (rc == CRM_OK)
				rc = buf_puts(sql, " LIKE ?");
			p[(*n)++] = DB_S(like);
		}
	if (rc == CRM_OK)
		rc = buf_puts(sql, ")");
	return rc;
}

/* The conditions every query of the list shares: the fixed column, state, text box, scope. */
static int list_where(struct req *r, const struct rec_entity *e, const struct rec_list *l, const char *action,
		      char *like, struct buf *sql, struct db_param *p, unsigned *n)
{
	int rc = buf_puts(sql, " WHERE 1 = 1");

	if (rc == CRM_OK && e->deleted_col)
		rc = buf_printf(sql, " AND t.%s = 0", e->deleted_col); /* the bin is its own list */
	if (rc == CRM_OK)
		rc = rec_fixed_sql(e, l->fixed, sql, p, n);
	if (rc == CRM_OK && l->state >= 0)
		rc = buf_printf(sql, " AND t.%s = %d", e->active_col, l->state ? 1 : 0);
	if (rc == CRM_OK && l->q[0])
		rc = text_box_sql(e, l->q, like, sql, p, n);
	for (unsigned i = 0; rc == CRM_OK && i < l->nfilters; i++)
		rc = rec_filter_sql(&l->filters[i], "t", sql, p, n);
	if (rc == CRM_OK && e->scope)
		rc = perm_scope_sql(&r->user, e->module, action, e->scope, sql, p, n);
	return rc;
}

/* The select list: id, the order's key, then each list column as the page shows it (links named
 * only within their scope: parameters into p at *n), the state, and for the page each row's version. */
static int list_select(struct req *r, const struct rec_entity *e, const struct rec_list *l, int versions,
		       struct buf *sql, struct db_param *p, unsigned *n)
{
	int rc = buf_printf(sql, "SELECT t.id, t.%s AS sort_key", l->order->column);

	for (unsigned i = 0; rc == CRM_OK && i < e->nfields; i++) {
		const struct rec_field *f = &e->fields[i];

		if (!(f->flags & RF_LIST))
			continue;
		if (f->type == REC_LINK || f->type == REC_LINKS) {
			rc = buf_puts(sql, ", ");
			if (rc == CRM_OK)
				rc = rec_link_cell_sql(r, f, "t", sql, p, n);
			if (rc == CRM_OK)
				rc = buf_printf(sql, " AS %s", f->name);
		} else if (f->sql)
			rc = buf_printf(sql, ", %s AS %s", f->sql, f->name);
		else
			rc = buf_printf(sql, ", t.%s", f->name);
	}
	/* the state last, so the page and the export can show it */
	if (rc == CRM_OK && e->active_col)
		rc = buf_printf(sql, ", t.%s AS rec_state", e->active_col);
	if (rc == CRM_OK && versions)
		rc = buf_puts(sql, ", t.version");
	if (rc == CRM_OK)
		rc = buf_printf(sql, " FROM %s t", e->table);
	return rc;
}

/* A cell as the page shows it. */
static int cell_text(struct req *r, const struct rec_field *f, const char *v, char *out, size_t outlen)
{
	enum digits d = (enum digits)r->user.digits;
	char key[160];

	out[0] = '\0';
	if (!v)
		return CRM_OK;
	switch (f->type) {
	case REC_INT:
		return digits_localize(v, d, out, outlen);
	case REC_MONEY:
		return rec_money_format(strtoll(v, NULL, 10), d, out, outlen);
	case REC_DATE:
		return *v ? date_format(v, (enum calendar)r->user.calendar, d, out, outlen) : CRM_OK;
	case REC_DATETIME:
		return *v ? datetime_format(v, r->cfg->timezone, (enum calendar)r->user.calendar, d, out, outlen) : CRM_OK;
	case REC_FLAG:
		return snprintf(out, outlen, "%s", lang_str(r, v[0] == '1' ? "records.yes" : "records.no")) < (int)outlen
			       ? CRM_OK
			       : CRM_ETOOBIG;
	case REC_CHOICE:
		snprintf(key, sizeof(key), "%s.%s", f->choices ? f->choices : "", v);
		return snprintf(out, outlen, "%s", f->choices ? lang_str(r, key) : v) < (int)outlen ? CRM_OK : CRM_ETOOBIG;
	default:
		snprintf(out, outlen, "%s", v); /* a long text is cut for the list */
		return CRM_OK;
	}
}

#define ROW_CELLS (REC_MAX_FIELDS + 2)

struct page_rows {
	char **cells; /* row-major: ncols per row */
	unsigned ncols, n, cap;
};

static int page_row(void *ctx, const struct db_row *row)
{
	struct page_rows *pr = ctx;

	if (pr->n == pr->cap)
		return CRM_OK;
	for (unsigned c = 0; c < pr->ncols; c++) {
		const char *v = c < row->ncols ? row->values[c] : NULL;
		char **slot = &pr->cells[pr->n * pr->ncols + c];

		if (v && !(*slot = strdup(v)))
			return CRM_ERR;
	}
	pr->n++;
	return CRM_OK;
}

/* "&name=value" with the value escaped for a URL. */
static int url_param(struct buf *q, const char *name, const char *value)
{
	char *esc = NULL;
	NEOERR *err = cgi_url_escape(value, &esc);
	int rc;

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	rc = buf_printf(q, "%s%s=%s", q->len ? "&" : "", name, esc);
	free(esc);
	return rc;
}

/* The list's query string without the position: for paging, headers and exports. */
static int list_query(const struct rec_entity *e, const struct rec_list *l, struct buf *q)
{
	int rc = url_param(q, "sort", l->order->name);

	if (rc == CRM_OK && e->fixed_col && l->fixed)
		rc = url_param(q, e->fixed_col, l->fixed);
	if (rc == CRM_OK && l->desc)
		rc = url_param(q, "dir", "desc");
	if (rc == CRM_OK && l->q[0])
		rc = url_param(q, "q", l->q);
	if (rc == CRM_OK && l->state != 1)
		rc = url_param(q, "state", l->state == 0 ? "inactive" : "all");
	for (unsigned i = 0; rc == CRM_OK && i < l->nfilters; i++)
		rc = url_param(q, l->filters[i].name, l->filters[i].typed);
	if (rc == CRM_OK && l->limit != 50) {
		char lim[16];

		snprintf(lim, sizeof(lim), "%u", l->limit);
		rc = url_param(q, "limit", lim);
	}
	return rc;
}

static int paging_url(struct req *r, const struct rec_entity *e, const struct rec_list *l, const char *key,
		      const char *id, int back, const char *name)
{
	struct buf q = { 0 }, url = { 0 };
	int rc = list_query(e, l, &q);

	if (rc == CRM_OK && key) /* a NULL key: none (rec_list_read) */
		rc = url_param(&q, "k", key);
	if (rc == CRM_OK)
		rc = url_param(&q, "kid", id);
	if (rc == CRM_OK && back)
		rc = url_param(&q, "back", "1");
	if (rc == CRM_OK)
		rc = buf_printf(&url, "%s?%s", e->list_url, q.p);
	if (rc == CRM_OK)
		rc = hdf_put(r, name, url.p);
	buf_free(&q);
	buf_free(&url);
	return rc;
}

/* "About N" is read as a size, not a figure: two significant digits (1,234,567 -> 1,200,000). */
static long long round_about(long long n)
{
	long long unit = 1;

	while (n / unit >= 100)
		unit *= 10;
	return (n + unit / 2) / unit * unit;
}

struct plan {
	long long rows; /* the first table's estimated rows */
	unsigned steps; /* the plan's rows: more than one when a subquery or join narrows it */
};

/* EXPLAIN's rows (column 9) of the statement's first table: the optimizer's estimate of the
 * range it reads (index dives on the range, or the index's statistics for a ref). */
static int explain_rows(void *ctx, const struct db_row *row)
{
	struct plan *pl = ctx;

	if (!pl->steps++ && row->ncols > 8 && row->values[8])
		pl->rows = strtoll(row->values[8], NULL, 10);
	return CRM_OK;
}

/* Past the bound: the optimizer's estimate of the list, or -1 when it has none. InnoDB caps a
 * range's estimate at half the table (btr_estimate_n_rows_in_range): an estimate there means
 * "half or more", so the table's own size (TABLE_ROWS) is nearer. A plan of several steps (an
 * EXISTS, a scope, a join) is estimated as its first table alone, which can be far too many:
 * no estimate then. Measured at 1M persons + 200k companies, MariaDB 10.11, ANALYZEd: active
 * persons 941,177 estimated 594,589 (the cap; TABLE_ROWS 1,189,178), companies 200,000 as
 * 258,742, inactive persons 58,823 as 128,010, a name prefix 62,745 as 138,144; EXPLAIN 0.9 ms
 * and TABLE_ROWS 0.2 ms, against 191 ms for the COUNT(*) and 4.7 ms for a LIMIT 10001. */
static int count_estimate(struct req *r, const char *table, const char *body, const struct db_param *p, unsigned n,
			  long long *about)
{
	struct db_param t[] = { DB_S(table) };
	struct plan pl = { -1, 0 };
	struct buf sql = { 0 };
	long long rows = 0;
	int rc = buf_printf(&sql, "EXPLAIN SELECT 1 %s", body);

	*about = -1;
	if (rc == CRM_OK)
		rc = db_query(r->db, sql.p, p, n, explain_rows, &pl);
	buf_free(&sql);
	if (rc != CRM_OK || pl.steps != 1)
		return rc;
	*about = pl.rows;
	rc = db_query_int(r->db,
			  "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
			  "AND TABLE_NAME = ?",
			  t, 1, &rows);
	if (rc == CRM_ENOTFOUND)
		return CRM_OK; /* no statistics: the estimate alone */
	if (rc == CRM_OK && rows > 0 && *about >= rows / 2)
		*about = rows;
	return rc;
}

static int count_put(struct req *r, long long count, const char *kind);

int rec_count_hdf(struct req *r, const char *table, const char *body, const struct db_param *p, unsigned n,
		  int flags)
{
	int scoped = flags & REC_COUNT_SCOPED;
	long long bound = r->cfg->lists_exact_count, count = 0, about = -1;
	const char *kind = "exact";
	struct buf sql = { 0 };
	uint64_t key = rec_count_key(table, body, p, n);
	int more = 0, rc;

	/* counted a moment ago past the bound: as approximate now as then */
	if (rec_count_cached(key, r->started_us, &count, &more))
		return count_put(r, count, more ? "more" : "about");
	rc = buf_printf(&sql, "SELECT COUNT(*) FROM (SELECT 1 %s LIMIT %lld) x", body, bound + 1);
	/* exact while the list is small: at most bound + 1 index entries read */
	if (rc == CRM_OK)
		rc = db_query_int(r->db, sql.p, p, n, &count);
	/* an estimate would count rows out of the user's scope too: how many, they may not learn */
	if (rc == CRM_OK && count > bound && !scoped && !(flags & REC_COUNT_PART))
		rc = count_estimate(r, table, body, p, n, &about);
	/* an estimate under what was just counted says only "more than"; a part's count is no
	 * estimate of the whole (and a small one is just "at least") */
	if (count > bound) {
		kind = about > bound ? "about" : "more";
		count = about > bound ? round_about(about) : bound;
	} else if (flags & REC_COUNT_PART)
		kind = "least";
	buf_free(&sql);
	if (rc != CRM_OK)
		return rc;
	if (!strcmp(kind, "about") || !strcmp(kind, "more")) /* a count past the bound, kept a moment */
		rec_count_keep(key, r->started_us, count, !strcmp(kind, "more"));
	return count_put(r, count, kind);
}

/* List.count (the user's digits, grouped), List.count_raw and List.count_kind. */
static int count_put(struct req *r, long long count, const char *kind)
{
	char num[32], local[64];

	snprintf(num, sizeof(num), "%lld", count);
	if (rec_money_format(count * 100, (enum digits)r->user.digits, local, sizeof(local)) != CRM_OK)
		return CRM_ERR;
	if (hdf_put(r, "List.count", local) || hdf_put(r, "List.count_raw", num) || hdf_put(r, "List.count_kind", kind))
		return CRM_ERR;
	return CRM_OK;
}

/* "FROM <table> t WHERE ...": the list over its filters, without position or order. */
static int list_body(struct req *r, const struct rec_entity *e, const struct rec_list *l, const char *action,
		     char *like, struct buf *sql, struct db_param *p, unsigned *n)
{
	int rc = buf_printf(sql, "FROM %s t", e->table);

	return rc == CRM_OK ? list_where(r, e, l, action, like, sql, p, n) : rc;
}

/* The list's count over its filters, without the page's position or order. */
static int list_count(struct req *r, const struct rec_entity *e, const struct rec_list *l)
{
	struct db_param p[REC_MAX_FIELDS + REC_LIST_FILTERS + PERM_SCOPE_PARAMS + 1]; /* the fixed column too */
	struct buf sql = { 0 };
	char like[LIKE_MAX];
	unsigned n = 0;
	int rc = list_body(r, e, l, "view", like, &sql, p, &n);

	if (rc == CRM_OK)
		rc = rec_count_hdf(r, e->table, sql.p, p, n, perm_scope_narrows(&r->user, e->module, "view", e->scope));
	buf_free(&sql);
	return rc;
}

/* The rows past the position (key, id) in the reading direction. A custom field's key may be
 * NULL, which its index and ORDER BY put before every value: reading up from a NULL key passes
 * the other NULLs of larger id, then every value; reading down from a value ends with the NULLs.
 * (For a NOT NULL column "IS NULL" is false and the optimizer drops it.) */
static int keyset_sql(const struct rec_list *l, int down, struct buf *sql, struct db_param *p, unsigned *n)
{
	const char *col = l->order->column, *cmp = down ? "<" : ">";
	int rc;

	if (l->after_null && down)
		rc = buf_printf(sql, " AND t.%s IS NULL AND t.id < ?", col);
	else if (l->after_null)
		rc = buf_printf(sql, " AND ((t.%s IS NULL AND t.id > ?) OR t.%s IS NOT NULL)", col, col);
	else
		rc = buf_printf(sql, " AND (t.%s %s ? OR (t.%s = ? AND t.id %s ?)%s%s%s)", col, cmp, col, cmp,
				down ? " OR t." : "", down ? col : "", down ? " IS NULL" : "");
	if (!l->after_null) {
		p[(*n)++] = DB_S(l->after_key);
		p[(*n)++] = DB_S(l->after_key);
	}
	p[(*n)++] = DB_I(l->after_id);
	return rc;
}

/* The page's query: the keyset position in the order's direction (the other way for "back"). */
static int page_sql(struct req *r, const struct rec_entity *e, const struct rec_list *l, char *like, struct buf *sql,
		    struct db_param *p, unsigned *n)
{
	int down = l->desc != l->back; /* read towards smaller keys */
	const char *dir = down ? "DESC" : "ASC";
	int rc = list_select(r, e, l, 1, sql, p, n);

	if (rc == CRM_OK && l->order->index)
		rc = buf_printf(sql, " FORCE INDEX (%s)", l->order->index);
	if (rc == CRM_OK)
		rc = list_where(r, e, l, "view", like, sql, p, n);
	if (rc == CRM_OK && l->after_id)
		rc = keyset_sql(l, down, sql, p, n);
	if (rc == CRM_OK)
		rc = buf_printf(sql, " ORDER BY t.%s %s, t.id %s LIMIT %u", l->order->column, dir, dir, l->limit + 1);
	return rc;
}

static int rows_hdf(struct req *r, const struct rec_entity *e, const struct page_rows *pr, unsigned shown, int back)
{
	char key[96], text[1024];

	for (unsigned s = 0; s < shown; s++) {
		/* read backwards for "previous": shown in the list's own order */
		unsigned row = back ? shown - 1 - s : s, c = 2, cell = 0;
		char **cells = &pr->cells[row * pr->ncols];

		snprintf(key, sizeof(key), "List.rows.%u.id", s);
		if (hdf_put(r, key, cells[0]) != CRM_OK)
			return CRM_ERR;
		for (unsigned i = 0; i < e->nfields; i++) {
			const struct rec_field *f = &e->fields[i];

			if (!(f->flags & RF_LIST))
				continue;
			if (cell_text(r, f, cells[c++], text, sizeof(text)) != CRM_OK)
				return CRM_ERR;
			snprintf(key, sizeof(key), "List.rows.%u.cells.%u.value", s, cell);
			if (hdf_put(r, key, text) != CRM_OK)
				return CRM_ERR;
			snprintf(key, sizeof(key), "List.rows.%u.cells.%u.ltr", s, cell);
			if (hdf_put(r, key, (f->flags & RF_LTR) ? "1" : "0") != CRM_OK)
				return CRM_ERR;
			snprintf(key, sizeof(key), "List.rows.%u.cells.%u.name", s, cell++);
			if (hdf_put(r, key, f->name) != CRM_OK)
				return CRM_ERR;
		}
		if (e->active_col) {
			const char *state = cells[c++];

			snprintf(key, sizeof(key), "List.rows.%u.active", s);
			if (hdf_put(r, key, state && state[0] == '1' ? "1" : "0") != CRM_OK)
				return CRM_ERR;
		}
		snprintf(key, sizeof(key), "List.rows.%u.version", s);
		if (hdf_put(r, key, cells[c] ? cells[c] : "") != CRM_OK)
			return CRM_ERR;
	}
	return CRM_OK;
}

static int columns_hdf(struct req *r, const struct rec_entity *e, const struct rec_list *l)
{
	char key[96];
	unsigned c = 0;

	for (unsigned i = 0; i < e->nfields; i++) {
		const struct rec_field *f = &e->fields[i];

		if (!(f->flags & RF_LIST))
			continue;
		snprintf(key, sizeof(key), "List.columns.%u.name", c);
		if (hdf_put(r, key, f->name) != CRM_OK)
			return CRM_ERR;
		snprintf(key, sizeof(key), "List.columns.%u.label", c);
		if (hdf_put(r, key, rec_field_label(r, e, f)) != CRM_OK)
			return CRM_ERR;
		/* a header sorts when an order reads this column */
		for (unsigned o = 0; o < e->norders; o++)
			if (!strcmp(e->orders[o].column, f->name)) {
				snprintf(key, sizeof(key), "List.columns.%u.sort", c);
				if (hdf_put(r, key, e->orders[o].name) != CRM_OK)
					return CRM_ERR;
				snprintf(key, sizeof(key), "List.columns.%u.sorted", c);
				if (hdf_put(r, key, l->order == &e->orders[o] ? (l->desc ? "desc" : "asc") : "") != CRM_OK)
					return CRM_ERR;
			}
		c++;
	}
	return CRM_OK;
}

/* The list's filters (List.filters.N) and what the headers' sort links carry of them
 * (List.filter_query: "&cf_3=GOLD"). */
static int filters_hdf(struct req *r, const struct rec_entity *e, const struct rec_list *l)
{
	struct buf q = { 0 };
	int rc = rec_filters_hdf(r, e, l->filters, l->nfilters, "List.filters");

	for (unsigned i = 0; rc == CRM_OK && i < l->nfilters; i++)
		rc = url_param(&q, l->filters[i].name, l->filters[i].typed);
	if (rc == CRM_OK && q.len)
		rc = hdf_putf(r, "List.filter_query", "&%s", q.p);
	buf_free(&q);
	return rc;
}

int rec_list_hdf(struct req *r, const struct rec_entity *e, const struct rec_list *l)
{
	/* the text box's, each link column's scope once, the list's own scope, the fixed column, the position */
	struct db_param *p =
		calloc(REC_MAX_FIELDS + REC_LIST_FILTERS + rec_link_params(e) + PERM_SCOPE_PARAMS + 4, sizeof(*p));
	struct page_rows pr = { NULL, 2, 0, l->limit + 1 };
	struct buf sql = { 0 }, q = { 0 };
	char like[LIKE_MAX];
	unsigned n = 0, shown;
	int rc;

	for (unsigned i = 0; i < e->nfields; i++)
		pr.ncols += (e->fields[i].flags & RF_LIST) != 0;
	pr.ncols += (e->active_col != NULL) + 1; /* the state, the version */
	pr.cells = calloc((size_t)pr.cap * pr.ncols, sizeof(char *));
	if (!pr.cells || !p) {
		free(pr.cells);
		free(p);
		return CRM_ERR;
	}
	rc = page_sql(r, e, l, like, &sql, p, &n);
	if (rc == CRM_OK)
		rc = db_query(r->db, sql.p, p, n, page_row, &pr);
	shown = pr.n > l->limit ? l->limit : pr.n;
	if (rc == CRM_OK)
		rc = rows_hdf(r, e, &pr, shown, l->back);
	if (rc == CRM_OK)
		rc = columns_hdf(r, e, l);
	if (rc == CRM_OK)
		rc = filters_hdf(r, e, l);
	if (rc == CRM_OK)
		rc = list_count(r, e, l);
	/* next: after the last row shown; previous: before the first */
	if (rc == CRM_OK && shown) {
		unsigned first = l->back ? shown - 1 : 0, last = l->back ? 0 : shown - 1;
		int more_after = l->back ? 1 : pr.n > l->limit, more_before = l->back ? pr.n > l->limit : l->after_id != 0;

		if (more_after)
			rc = paging_url(r, e, l, pr.cells[last * pr.ncols + 1], pr.cells[last * pr.ncols], 0, "List.next_url");
		if (rc == CRM_OK && more_before)
			rc = paging_url(r, e, l, pr.cells[first * pr.ncols + 1], pr.cells[first * pr.ncols], 1, "List.prev_url");
	}
	if (rc == CRM_OK)
		rc = list_query(e, l, &q);
	if (rc == CRM_OK && l->fixed && (hdf_put(r, "List.fixed_col", e->fixed_col) || hdf_put(r, "List.fixed", l->fixed)))
		rc = CRM_ERR;
	if (rc == CRM_OK && (hdf_put(r, "List.query", q.p) || hdf_put(r, "List.q", l->q) ||
			     hdf_put(r, "List.sort", l->order->name) || hdf_put(r, "List.dir", l->desc ? "desc" : "asc") ||
			     hdf_put(r, "List.state", l->state == 1 ? "active" : l->state == 0 ? "inactive" : "all") ||
			     hdf_put(r, "List.url", e->list_url) || hdf_put(r, "List.record_url", e->record_url) ||
			     hdf_put(r, "List.has_state", e->active_col ? "1" : "0") ||
			     hdf_putf(r, "List.shown", "%u", shown) || hdf_putf(r, "List.limit", "%u", l->limit) ||
			     rec_page_sizes(r, l->limit) != CRM_OK))
		rc = CRM_ERR;
	for (unsigned i = 0; i < pr.cap * pr.ncols; i++)
		free(pr.cells[i]);
	free(pr.cells);
	free(p);
	buf_free(&sql);
	buf_free(&q);
	return rc;
}

/* ---- export ---- */

static enum export_type export_type_of(const struct rec_field *f)
{
	switch (f->type) {
	case REC_INT:
		return EXPORT_INT;
	case REC_MONEY:
		return EXPORT_MONEY;
	case REC_DATE:
		return EXPORT_DATE;
	case REC_DATETIME:
		return EXPORT_DATETIME;
	default:
		return EXPORT_TEXT;
	}
}

/* A row as the export engine takes it: choices and flags named, money as a decimal. */
static int export_one(void *ctx, const struct db_row *row)
{
	struct rec_export *c = ctx;
	char texts[REC_MAX_FIELDS][160];
	const char *values[REC_MAX_FIELDS + 3];
	struct db_row out = { row->ncols, row->names, NULL };
	union {
		const char **c;
		char **m;
	} v = { values };
	int rc;

	for (unsigned i = 0; i < row->ncols && i < REC_MAX_FIELDS + 3; i++) {
		const struct rec_field *f = i >= 2 ? c->fields[i - 2] : NULL;
		const char *val = row->values[i];

		values[i] = val;
		if (i >= 2 && !f && val && c->e->active_col) { /* the state */
			values[i] = lang_str(c->r, val[0] == '1' ? "records.active" : "records.inactive");
			continue;
		}
		if (!f || !val)
			continue;
		if (f->type == REC_MONEY) {
			long long minor = strtoll(val, NULL, 10);

			snprintf(texts[i - 2], sizeof(texts[i - 2]), "%s%lld.%02lld", minor < 0 ? "-" : "",
				 (minor < 0 ? -minor : minor) / 100, (minor < 0 ? -minor : minor) % 100);
			values[i] = texts[i - 2];
		} else if (f->type == REC_FLAG || f->type == REC_CHOICE) {
			if (cell_text(c->r, f, val, texts[i - 2], sizeof(texts[i - 2])) != CRM_OK)
				return CRM_ERR;
			values[i] = texts[i - 2];
		}
	}
	out.values = v.m; /* the row is only read */
	rc = export_row(&c->x, &out);
	if (rc == CRM_OK && c->on_rows && c->x.rows % REC_EXPORT_STEP == 0)
		rc = c->on_rows(c->ctx, c->x.rows);
	return rc;
}

/* The file's columns: the list's, then the state. */
static int export_columns(struct req *r, const struct rec_entity *e, struct rec_export *c)
{
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < e->nfields; i++) {
		const struct rec_field *f = &e->fields[i];

		if (!(f->flags & RF_LIST))
			continue;
		c->fields[c->ncols] = f;
		c->cols[c->ncols] = (struct export_column){ f->name, rec_field_label(r, e, f), export_type_of(f),
							    f->type == REC_LONGTEXT ? 40 : 20 };
		rc = export_add_column(&c->x, &c->cols[c->ncols++]);
	}
	if (rc == CRM_OK && e->active_col) {
		c->cols[c->ncols] = (struct export_column){ "rec_state", lang_str(r, "records.state"), EXPORT_TEXT, 10 };
		c->fields[c->ncols] = NULL;
		rc = export_add_column(&c->x, &c->cols[c->ncols++]);
	}
	return rc;
}

int rec_export_count(struct req *r, const struct rec_entity *e, const struct rec_list *l, long long limit,
		     long long *rows)
{
	struct db_param p[REC_MAX_FIELDS + REC_LIST_FILTERS + PERM_SCOPE_PARAMS + 1];
	struct buf body = { 0 }, sql = { 0 };
	char like[LIKE_MAX];
	unsigned n = 0;
	int rc = list_body(r, e, l, "export", like, &body, p, &n);

	/* the export's own rows, cut at limit: never a COUNT over the whole table */
	if (rc == CRM_OK)
		rc = buf_printf(&sql, "SELECT COUNT(*) FROM (SELECT 1 %s LIMIT %lld) x", body.p, limit);
	if (rc == CRM_OK)
		rc = db_query_int(r->db, sql.p, p, n, rows);
	buf_free(&body);
	buf_free(&sql);
	return rc;
}

int rec_export_write(struct req *r, const struct rec_entity *e, const struct rec_list *l, struct rec_export *c)
{
	struct db_param *p =
		calloc(REC_MAX_FIELDS + REC_LIST_FILTERS + rec_link_params(e) + PERM_SCOPE_PARAMS + 1, sizeof(*p));
	struct buf sql = { 0 };
	char like[LIKE_MAX];
	unsigned n = 0;
	int rc;

	if (!p)
		return CRM_ERR;
	c->r = r;
	c->e = e;
	c->x.r = r;
	c->x.list = e->name;
	c->x.title = lang_str(r, e->title);
	rc = export_columns(r, e, c);
	if (rc == CRM_OK)
		rc = list_query(e, l, &c->query);
	c->x.query = c->query.p;
	if (rc == CRM_OK)
		rc = list_select(r, e, l, 0, &sql, p, &n);
	if (rc == CRM_OK)
		rc = list_where(r, e, l, "export", like, &sql, p, &n);
	/* the list's order from the first row (NULL keys first, as on its pages) */
	if (rc == CRM_OK)
		rc = buf_printf(&sql, " ORDER BY t.%s %s, t.id %s", l->order->column, l->desc ? "DESC" : "ASC",
				l->desc ? "DESC" : "ASC");
	if (rc == CRM_OK)
		rc = export_begin(&c->x);
	if (rc == CRM_OK)
		rc = db_query_stream(r->db, sql.p, p, n, export_one, c);
	if (rc != CRM_OK && c->x.path[0])
		export_abort(&c->x);
	buf_free(&sql);
	free(p);
	return rc;
}

void rec_export_free(struct rec_export *c)
{
	if (!c)
		return;
	if (c->x.path[0])
		export_abort(&c->x);
	buf_free(&c->query);
	free(c);
}

int rec_export(struct req *r, const struct rec_entity *e, const struct rec_list *l)
{
	struct rec_export *c = calloc(1, sizeof(*c));
	int rc, status;

	if (!c)
		return reply_error(r, 500);
	if (export_format_parse(req_param(r, "format"), &c->x.format) != CRM_OK) {
		rec_export_free(c);
		return reply_error(r, 400);
	}
	rc = rec_export_write(r, e, l, c);
	status = rc == CRM_OK ? export_finish(&c->x) : rc == CRM_ETOOBIG ? reply_error(r, 413) : reply_db_error(r, rc);
	rec_export_free(c);
	return status;
}

/* ---- bulk ---- */

int rec_list_ids(struct req *r, const struct rec_entity *e, const char *action, long long after, long long *out,
		 unsigned max, unsigned *n)
{
	struct db_param p[REC_MAX_FIELDS + REC_LIST_FILTERS + PERM_SCOPE_PARAMS + 2];
	struct buf sql = { 0 };
	struct rec_list l;
	char like[LIKE_MAX];
	unsigned np = 0;
	int rc = rec_list_read(r, e, &l);

	*n = 0;
	/* by id, not the list's order: a change that moves a row in that order (a rename, a state)
	 * neither skips it nor meets it twice, and a run taken up again starts where it stopped */
	if (rc == CRM_OK)
		rc = buf_printf(&sql, "SELECT t.id FROM %s t", e->table);
	if (rc == CRM_OK)
		rc = list_where(r, e, &l, action, like, &sql, p, &np);
	if (rc == CRM_OK)
		rc = buf_printf(&sql, " AND t.id > ? ORDER BY t.id LIMIT %u", max);
	p[np++] = DB_I(after);
	if (rc == CRM_OK && buf_failed(&sql))
		rc = CRM_ERR;
	if (rc == CRM_OK)
		rc = db_query_ids(r->db, sql.p, p, np, out, max, n);
	buf_free(&sql);
	return rc;
}

int rec_page_sizes(struct req *r, unsigned current)
{
	static const unsigned sizes[] = { 25, 50, 100, 200 };
	unsigned all[CRM_ARRAY_LEN(sizes) + 1], n = 0;
	char key[32], num[16], shown[64];

	for (size_t i = 0; i < CRM_ARRAY_LEN(sizes); i++) {
		if (current && current < sizes[i] && (!n || all[n - 1] < current))
			all[n++] = current;
		all[n++] = sizes[i];
	}
	if (current > all[n - 1])
		all[n++] = current;
	for (unsigned i = 0; i < n; i++) {
		if (i && all[i] == all[i - 1])
			continue;
		snprintf(num, sizeof(num), "%u", all[i]);
		snprintf(key, sizeof(key), "PageSizes.%u", i);
		if (hdf_put(r, key, num) != CRM_OK ||
		    digits_localize(num, (enum digits)r->user.digits, shown, sizeof(shown)) != CRM_OK)
			return CRM_ERR;
		snprintf(key, sizeof(key), "PageSizes.%u.shown", i);
		if (hdf_put(r, key, shown) != CRM_OK)
			return CRM_ERR;
	}
	return CRM_OK;
}

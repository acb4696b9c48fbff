/* A party list's filters, sort, keyset position and chosen columns: read from
 * the request once, turned into one query for the list page and its exports. */
#include "core/core.h"
#include "db/db.h"
#include "i18n/i18n.h"
#include "parties.h"

#include <cgi/cgi.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The orders a list is read in, each from an index of its own (migrations
 * 009, 015), so any page is a range read: the page query's ORDER BY, the order
 * of the page's carried keys, and the keyset condition that starts after the
 * last row shown (params: p priority, n the key column's value, i id). */
static const struct party_order orders[] = {
	{ "priority", 0, "p.name_norm", "ix_parties_list", "ix_parties_list_all", "p.priority DESC, p.name_norm, p.id",
	  "page.sort_k1 DESC, page.sort_k2, page.id",
	  " AND (p.priority < ? OR (p.priority = ? AND (p.name_norm > ? OR (p.name_norm = ? AND p.id > ?))))", "ppnni" },
	{ "priority", 1, "p.name_norm", "ix_parties_list", "ix_parties_list_all", "p.priority, p.name_norm DESC, p.id DESC",
	  "page.sort_k1, page.sort_k2 DESC, page.id DESC",
	  " AND (p.priority > ? OR (p.priority = ? AND (p.name_norm < ? OR (p.name_norm = ? AND p.id < ?))))", "ppnni" },
	{ "name", 0, "p.name_norm", "ix_parties_by_name", "ix_parties_by_name_all", "p.name_norm, p.id", "page.sort_k2, page.id",
	  " AND (p.name_norm > ? OR (p.name_norm = ? AND p.id > ?))", "nni" },
	{ "name", 1, "p.name_norm", "ix_parties_by_name", "ix_parties_by_name_all", "p.name_norm DESC, p.id DESC",
	  "page.sort_k2 DESC, page.id DESC", " AND (p.name_norm < ? OR (p.name_norm = ? AND p.id < ?))", "nni" },
	{ "code", 0, "p.code", "ix_parties_by_code", "ix_parties_by_code_all", "p.code, p.id", "page.sort_k2, page.id",
	  " AND (p.code > ? OR (p.code = ? AND p.id > ?))", "nni" },
	{ "code", 1, "p.code", "ix_parties_by_code", "ix_parties_by_code_all", "p.code DESC, p.id DESC",
	  "page.sort_k2 DESC, page.id DESC", " AND (p.code < ? OR (p.code = ? AND p.id < ?))", "nni" },
	{ "updated", 0, "p.updated_at", "ix_parties_by_updated", "ix_parties_by_updated_all", "p.updated_at, p.id",
	  "page.sort_k2, page.id", " AND (p.updated_at > ? OR (p.updated_at = ? AND p.id > ?))", "nni" },
	{ "updated", 1, "p.updated_at", "ix_parties_by_updated", "ix_parties_by_updated_all", "p.updated_at DESC, p.id DESC",
	  "page.sort_k2 DESC, page.id DESC", " AND (p.updated_at < ? OR (p.updated_at = ? AND p.id < ?))", "nni" },
	/* ids grow with time: the order records were made in */
	{ "created", 0, "p.name_norm", "ix_parties_by_id", "ix_parties_by_id_all", "p.id", "page.id", " AND p.id > ?", "i" },
	{ "created", 1, "p.name_norm", "ix_parties_by_id", "ix_parties_by_id_all", "p.id DESC", "page.id DESC", " AND p.id < ?",
	  "i" },
};

/* The same orders read from a group's own copy of its members' sort keys (migration 026,
 * party_group_keys gk, kept by triggers): a list filtered by a group, its sub-groups included,
 * is then a range of one index however few of the list's rows the group holds (walking the
 * list's order and checking each row read about 50 rows per row shown for a group of 2%).
 * Same positions as orders[]. */
static const struct party_order group_orders[] = {
	{ "priority", 0, "gk.name_norm", "ix_gk_list", "ix_gk_list_all", "gk.priority DESC, gk.name_norm, gk.party_id",
	  "page.sort_k1 DESC, page.sort_k2, page.id",
	  " AND (gk.priority < ? OR (gk.priority = ? AND (gk.name_norm > ? OR (gk.name_norm = ? AND gk.party_id > ?))))",
	  "ppnni" },
	{ "priority", 1, "gk.name_norm", "ix_gk_list", "ix_gk_list_all", "gk.priority, gk.name_norm DESC, gk.party_id DESC",
	  "page.sort_k1, page.sort_k2 DESC, page.id DESC",
	  " AND (gk.priority > ? OR (gk.priority = ? AND (gk.name_norm < ? OR (gk.name_norm = ? AND gk.party_id < ?))))",
	  "ppnni" },
	{ "name", 0, "gk.name_norm", "ix_gk_by_name", "ix_gk_by_name_all", "gk.name_norm, gk.party_id", "page.sort_k2, page.id",
	  " AND (gk.name_norm > ? OR (gk.name_norm = ? AND gk.party_id > ?))", "nni" },
	{ "name", 1, "gk.name_norm", "ix_gk_by_name", "ix_gk_by_name_all", "gk.name_norm DESC, gk.party_id DESC",
	  "page.sort_k2 DESC, page.id DESC", " AND (gk.name_norm < ? OR (gk.name_norm = ? AND gk.party_id < ?))", "nni" },
	{ "code", 0, "gk.code", "ix_gk_by_code", "ix_gk_by_code_all", "gk.code, gk.party_id", "page.sort_k2, page.id",
	  " AND (gk.code > ? OR (gk.code = ? AND gk.party_id > ?))", "nni" },
	{ "code", 1, "gk.code", "ix_gk_by_code", "ix_gk_by_code_all", "gk.code DESC, gk.party_id DESC",
	  "page.sort_k2 DESC, page.id DESC", " AND (gk.code < ? OR (gk.code = ? AND gk.party_id < ?))", "nni" },
	{ "updated", 0, "gk.updated_at", "ix_gk_by_updated", "ix_gk_by_updated_all", "gk.updated_at, gk.party_id",
	  "page.sort_k2, page.id", " AND (gk.updated_at > ? OR (gk.updated_at = ? AND gk.party_id > ?))", "nni" },
	{ "updated", 1, "gk.updated_at", "ix_gk_by_updated", "ix_gk_by_updated_all", "gk.updated_at DESC, gk.party_id DESC",
	  "page.sort_k2 DESC, page.id DESC", " AND (gk.updated_at < ? OR (gk.updated_at = ? AND gk.party_id < ?))", "nni" },
	{ "created", 0, "gk.name_norm", "ix_gk_by_id", "ix_gk_by_id_all", "gk.party_id", "page.id", " AND gk.party_id > ?", "i" },
	{ "created", 1, "gk.name_norm", "ix_gk_by_id", "ix_gk_by_id_all", "gk.party_id DESC", "page.id DESC",
	  " AND gk.party_id < ?", "i" },
};

/* The order a group-filtered list is read in from party_group_keys, or NULL: no group, a
 * sort by a column's value (a small list, its rows read first and sorted), or a text box
 * read first (read_first: an export's, or few matches). */
static const struct party_order *group_order(const struct party_filter *f, int read_first)
{
	if (!f->group || f->value_sort || f->order < orders || f->order >= orders + CRM_ARRAY_LEN(orders) ||
	    party_text_first(&f->text, read_first))
		return NULL;
	return &group_orders[f->order - orders];
}

/* Whether no other filter narrows the list to fewer rows than its own index would give:
 * then the order's index is the only plan and is named (see party_filter_sql). */
static int only_wide_filters(const struct party_filter *f)
{
	return !(f->city || f->source || f->priority >= 0 || f->rank || f->starred || f->role_few || f->expert_few ||
		 f->company_id || f->cf_few || f->text.few);
}

/* The default order and the order by name read from one (term, kind)'s range of party_search,
 * which carries each party's sort keys (migration 028, ps): the text box's word that many rows
 * hold, in the list's order. Same positions as orders[0..3]. */
static const struct party_order text_orders[] = {
	{ "priority", 0, "ps.p_name", "ix_ps_list", NULL, "ps.p_priority DESC, ps.p_name, ps.party_id",
	  "page.sort_k1 DESC, page.sort_k2, page.id",
	  " AND (ps.p_priority < ? OR (ps.p_priority = ? AND (ps.p_name > ? OR (ps.p_name = ? AND ps.party_id > ?))))",
	  "ppnni" },
	{ "priority", 1, "ps.p_name", "ix_ps_list", NULL, "ps.p_priority, ps.p_name DESC, ps.party_id DESC",
	  "page.sort_k1, page.sort_k2 DESC, page.id DESC",
	  " AND (ps.p_priority > ? OR (ps.p_priority = ? AND (ps.p_name < ? OR (ps.p_name = ? AND ps.party_id < ?))))",
	  "ppnni" },
	{ "name", 0, "ps.p_name", "ix_ps_by_name", NULL, "ps.p_name, ps.party_id", "page.sort_k2, page.id",
	  " AND (ps.p_name > ? OR (ps.p_name = ? AND ps.party_id > ?))", "nni" },
	{ "name", 1, "ps.p_name", "ix_ps_by_name", NULL, "ps.p_name DESC, ps.party_id DESC", "page.sort_k2 DESC, page.id DESC",
	  " AND (ps.p_name < ? OR (ps.p_name = ? AND ps.party_id < ?))", "nni" },
};

/* How many ranges of party_search a page with many text matches unites: one per term, or two
 * (the active, the inactive) for a list of both, merged in the order they share. */
static unsigned text_ranges(const struct party_filter *f)
{
	return f->text.npairs * (strcmp(f->state, "all") ? 1 : 2);
}

/* The order a list with many text matches is read in from the drive word's terms, or NULL:
 * few matches (read first), too many ranges, a group (its own index), a sort by value,
 * another order, or a filter narrow enough to lead. */
static const struct party_order *text_order(const struct party_filter *f)
{
	if (!f->text.q[0] || f->text.few || !f->text.npairs || f->group || f->value_sort ||
	    text_ranges(f) > PARTY_TEXT_PAIRS || !only_wide_filters(f) || f->order < orders ||
	    f->order >= orders + CRM_ARRAY_LEN(text_orders))
		return NULL;
	return &text_orders[f->order - orders];
}

/* Where a list's rows are read from: its kind and state in that table's columns. */
struct list_src {
	const char *alias, *kind, *deleted, *active;
};
static const struct list_src src_parties = { "p", "p.kind", "p.is_deleted", "p.is_active" };
static const struct list_src src_group = { "gk", "gk.kind", "gk.is_deleted", "gk.is_active" };
static const struct list_src src_term = { "ps", "ps.p_kind", "ps.p_deleted", "ps.p_active" };

/* the party's current rank: its period holds today */
#define CURRENT_RANK                                                                                              \
	"(SELECT pr.rank_id FROM party_rankings pr WHERE pr.party_id = p.id AND pr.start_date <= UTC_DATE() AND " \
	"(pr.end_date IS NULL OR pr.end_date >= UTC_DATE()) ORDER BY pr.start_date DESC LIMIT 1)"

/* Columns a list can also be sorted by when it is small (SORT_SMALL rows at
 * most, after its filters): by value, the page sorted from the filtered rows.
 * A larger list would be sorted whole for every page; it keeps its order and
 * the page says to narrow it first. Each needs what its join names in the page query. */
#define PERSON_JOIN "LEFT JOIN persons pe ON pe.party_id = p.id"
#define COMPANY_JOIN "LEFT JOIN companies co ON co.party_id = p.id"
static const struct value_sort {
	const char *key, *expr, *join;
} value_sorts[] = {
	{ "national_id", "p.national_id", NULL },
	{ "phone", "p.primary_phone", NULL },
	{ "email", "p.primary_email", NULL },
	{ "website", "p.primary_website", NULL },
	{ "address", "p.primary_address", NULL },
	{ "first_name", "pe.first_name", PERSON_JOIN },
	{ "last_name", "pe.last_name", PERSON_JOIN },
	{ "birth_date", "COALESCE(pe.birth_date, '1000-01-01')", PERSON_JOIN },
	{ "income", "COALESCE(p.income, -1)", NULL },
	{ "credit_limit", "COALESCE(p.credit_limit, -1)", NULL },
	{ "brand", "co.brand", COMPANY_JOIN },
	{ "economic_code", "co.economic_code", COMPANY_JOIN },
	{ "registration_no", "co.registration_no", COMPANY_JOIN },
	{ "employees", "COALESCE(co.employees, -1)", COMPANY_JOIN },
	{ "founded_year", "COALESCE(co.founded_year, -1)", COMPANY_JOIN },
	{ "province", "COALESCE(ppv.name, '')", "LEFT JOIN places ppv ON ppv.id = p.province_id" },
	{ "city", "COALESCE(pci.name, '')", "LEFT JOIN places pci ON pci.id = p.city_id" },
	{ "district", "COALESCE(pdi.name, '')", "LEFT JOIN places pdi ON pdi.id = p.district_id" },
};

/* Columns whose header sorts by an order read from an index. */
static const char *const indexed_sorts[][2] = {
	{ "code", "code" }, { "display_name", "name" }, { "priority", "priority" },
	{ "created_at", "created" }, { "updated_at", "updated" },
};

const char *party_column_sort(const struct party_column *c)
{
	for (size_t i = 0; i < CRM_ARRAY_LEN(indexed_sorts); i++)
		if (!strcmp(indexed_sorts[i][0], c->key))
			return indexed_sorts[i][1];
	for (size_t i = 0; i < CRM_ARRAY_LEN(value_sorts); i++)
		if (!strcmp(value_sorts[i].key, c->key))
			return c->key;
	return party_custom_sort(c->key) ? c->key : NULL;
}

/* The order by one column's value, built into the filter. */
static int value_order(struct party_filter *f, const char *sort, int desc, unsigned kind)
{
	const struct value_sort *v = NULL;
	struct party_order *o = &f->value_order;
	const struct party_column *custom = party_custom_find(sort, strlen(sort));
	struct value_sort cv;

	for (size_t i = 0; i < CRM_ARRAY_LEN(value_sorts); i++)
		if (!strcmp(value_sorts[i].key, sort))
			v = &value_sorts[i];
	if (!v && custom && party_custom_sort(sort)) {
		cv = (struct value_sort){ custom->key, party_custom_sort(sort), NULL }; /* both last the request */
		v = &cv;
	}
	if (!v || !party_column_find(v->key, strlen(v->key), kind))
		return CRM_ENOTFOUND;
	snprintf(f->value_inner, sizeof(f->value_inner), desc ? "%s DESC, p.id DESC" : "%s, p.id", v->expr);
	snprintf(f->value_after, sizeof(f->value_after), desc ? " AND (%s < ? OR (%s = ? AND p.id < ?))"
							       : " AND (%s > ? OR (%s = ? AND p.id > ?))",
		 v->expr, v->expr);
	*o = (struct party_order){ v->key, desc, v->expr, NULL, NULL, f->value_inner,
				   desc ? "page.sort_k2 DESC, page.id DESC" : "page.sort_k2, page.id", f->value_after, "nni" };
	f->order = o;
	f->sort_join = v->join;
	return CRM_OK;
}

static const struct party_order *order_find(const char *sort, const char *dir)
{
	int desc = dir && !strcmp(dir, "desc");

	for (size_t i = 0; sort && i < CRM_ARRAY_LEN(orders); i++)
		if (!strcmp(orders[i].sort, sort) && orders[i].desc == desc)
			return &orders[i];
	return &orders[0]; /* higher priority first, then by name */
}

/* A column asked for twice is shown once (each may bring a join of its own). */
static int column_add(struct party_filter *f, const struct party_column *c)
{
	for (unsigned i = 0; i < f->ncols; i++)
		if (f->cols[i] == c)
			return CRM_OK;
	if (f->ncols >= PARTY_MAX_COLUMNS)
		return CRM_EINVAL;
	f->cols[f->ncols++] = c;
	return CRM_OK;
}

static int read_columns(struct req *r, struct party_filter *f, unsigned kind)
{
	const char *list = req_param(r, "cols");
	const char *each[PARTY_MAX_COLUMNS];
	size_t n = req_all(r, "col", each, PARTY_MAX_COLUMNS);

	f->ncols = 0;
	if (n) { /* the column chooser's checkboxes */
		for (size_t i = 0; i < n; i++) {
			const struct party_column *c = party_column_find(each[i], strlen(each[i]), kind);

			if (!c || column_add(f, c) != CRM_OK)
				return CRM_EINVAL;
		}
	} else if (list && list[0]) { /* links and saved filters: cols=a,b,c */
		for (const char *s = list; *s;) {
			size_t len = strcspn(s, ",");
			const struct party_column *c = party_column_find(s, len, kind);

			if (!c || column_add(f, c) != CRM_OK)
				return CRM_EINVAL;
			s += len + (s[len] == ',');
		}
	} else {
		for (unsigned i = 0; i < party_ncolumns; i++)
			if (party_columns[i].shown && (party_columns[i].kinds & kind))
				f->cols[f->ncols++] = &party_columns[i];
	}
	/* the name is always there: it is the record's link */
	for (unsigned i = 0; i < f->ncols; i++)
		if (!strcmp(f->cols[i]->key, "display_name"))
			return CRM_OK;
	if (f->ncols >= PARTY_MAX_COLUMNS)
		return CRM_EINVAL;
	memmove(&f->cols[1], &f->cols[0], f->ncols * sizeof(f->cols[0]));
	f->cols[0] = party_column_find("display_name", 12, kind);
	f->ncols++;
	return CRM_OK;
}

/* How a filter on a linked table is best read. Walking the list index in order
 * and checking each row (EXISTS) costs about (page size / share of rows that
 * match): cheap for a filter that holds many rows, a walk of the whole list for
 * one that holds few (a rare role, a small group, an expert with a handful).
 * Those few are read first (IN) and their page sorted. Counting up to
 * FILTER_FEW tells which, from the filter's own index. */
#define FILTER_FEW 5000

static int filter_few(struct req *r, const char *sql, struct db_param p, int *few)
{
	long long n = 0;
	int rc = db_query_int(r->db, sql, &p, 1, &n);

	*few = rc == CRM_OK && n < FILTER_FEW;
	return rc;
}

static int filters_size(struct req *r, struct party_filter *f)
{
	int rc = CRM_OK;

	if (f->role)
		rc = filter_few(r, "SELECT COUNT(*) FROM (SELECT 1 FROM party_roles WHERE role_id = ? LIMIT 5000) x",
				DB_I(f->role), &f->role_few);
	if (rc == CRM_OK && f->expert)
		rc = filter_few(r, "SELECT COUNT(*) FROM (SELECT 1 FROM party_experts WHERE user_id = ? LIMIT 5000) x",
				DB_I(f->expert), &f->expert_few);
	/* a custom field's value from its own index (cf_<id>, id): few rows are read first, many are
	 * checked row by row as the order's index is walked (a million rows are never sorted) */
	for (unsigned i = 0; rc == CRM_OK && i < f->ncf && !f->cf_few; i++) {
		struct buf sql = { 0 };

		rc = buf_printf(&sql, "SELECT COUNT(*) FROM (SELECT 1 FROM parties p WHERE p.%s %s ? LIMIT %d) x", f->cf[i].name,
				f->cf[i].like ? "LIKE" : "=", FILTER_FEW);
		if (rc == CRM_OK)
			rc = filter_few(r, sql.p, DB_S(f->cf[i].value), &f->cf_few);
		buf_free(&sql);
	}
	/* a group is read from its own index in the list's order (party_group_keys), whatever it holds */
	return rc;
}

int party_filter_read(struct req *r, struct party_filter *f)
{
	const char *after_name = req_param(r, "after_name");
	long long subs = 0;
	unsigned kind;
	int rc;

	memset(f, 0, sizeof(*f));
	/* a refused saved filter shows its list again from the form's list=companies|persons */
	f->kind = strstr(r->path, "companies") || (!strcmp(r->path, "/parties/filter/save") && req_param(r, "list") &&
						   !strcmp(req_param(r, "list"), "companies"))
			  ? "company"
			  : "person";
	kind = !strcmp(f->kind, "company") ? PC_COMPANY : PC_PERSON;
	rc = party_custom_load(r, f->kind); /* its custom fields: columns, sorts, filters */
	if (rc != CRM_OK)
		return rc;
	f->state = req_param(r, "state"); /* active (default), inactive, all */
	f->order = order_find(req_param(r, "sort"), req_param(r, "dir"));
	if (req_param(r, "sort") && strcmp(f->order->sort, req_param(r, "sort")) &&
	    value_order(f, req_param(r, "sort"), req_param(r, "dir") && !strcmp(req_param(r, "dir"), "desc"), kind) == CRM_OK)
		f->value_sort = 1;
	f->sort = f->order->sort;
	f->priority = -1;
	if (!f->state || (strcmp(f->state, "inactive") && strcmp(f->state, "all")))
		f->state = "active";
	if (req_int(r, "role", 1, INT64_MAX, &f->role) == CRM_EINVAL || req_int(r, "starred", 0, 1, &f->starred) == CRM_EINVAL ||
	    req_int(r, "after_prio", -128, 127, &f->after_prio) == CRM_EINVAL ||
	    req_int(r, "after_id", 1, INT64_MAX, &f->after_id) == CRM_EINVAL ||
	    req_int(r, "limit", 10, REC_PAGE_MAX, &f->limit) == CRM_EINVAL ||
	    req_int(r, "group", 1, INT64_MAX, &f->group) == CRM_EINVAL || req_int(r, "city", 1, INT64_MAX, &f->city) == CRM_EINVAL ||
	    req_int(r, "source", 1, INT64_MAX, &f->source) == CRM_EINVAL ||
	    req_int(r, "expert", 1, INT64_MAX, &f->expert) == CRM_EINVAL ||
	    req_int(r, "rank", 1, INT64_MAX, &f->rank) == CRM_EINVAL || req_int(r, "priority", 0, 9, &f->priority) == CRM_EINVAL)
		return CRM_EINVAL;
	if (f->after_id) {
		if (!after_name || strlen(after_name) >= sizeof(f->after_name))
			return CRM_EINVAL;
		strcpy(f->after_name, after_name);
	}
	{
		long long back = 0;

		if (req_int(r, "back", 0, 1, &back) == CRM_EINVAL)
			return CRM_EINVAL;
		/* the page before: the rows before the position are the rows after it in the other
		 * direction, read from the same index (a sort by value pages forward only) */
		if (back && f->after_id && !f->value_sort) {
			f->order = order_find(f->order->sort, f->order->desc ? "asc" : "desc");
			f->back = 1;
		}
	}
	if (read_columns(r, f, kind) != CRM_OK)
		return CRM_EINVAL;
	for (unsigned i = 0; i < f->ncols; i++) {
		size_t used = strlen(f->cols_text);

		snprintf(f->cols_text + used, sizeof(f->cols_text) - used, "%s%s", i ? "," : "", f->cols[i]->key);
	}
	rc = party_custom_filters_read(r, f); /* a link's key is looked up: the database may fail */
	if (rc != CRM_OK)
		return rc;
	if (req_int(r, "subs", 0, 1, &subs) == CRM_EINVAL || party_text_read(r, &f->text) != CRM_OK)
		return CRM_EINVAL;
	f->subs = (int)subs;
	if (req_param(r, "company") && req_param(r, "company")[0]) {
		char typed[33];

		if (req_text(r, "company", 32, typed, sizeof(typed)) != CRM_OK ||
		    text_normalize(typed, f->company_code, sizeof(f->company_code)) != CRM_OK)
			return CRM_EINVAL;
		rc = party_company_in_scope(r, f->company_code, &f->company_id);
		if (rc == CRM_ENOTFOUND)
			f->company_unknown = 1; /* the list says so and shows nothing */
		else if (rc != CRM_OK)
			return rc;
	}
	if (f->group) { /* an unknown group is bad input, not an empty list */
		struct db_param g[] = { DB_I(f->group) };
		long long found = 0;

		rc = db_query_int(r->db, "SELECT id FROM party_groups WHERE id = ?", g, 1, &found);
		if (rc != CRM_OK)
			return rc == CRM_ENOTFOUND ? CRM_EINVAL : rc;
	}
	rc = filters_size(r, f);
	return rc == CRM_OK ? party_text_size(r, &f->text) : rc;
}

/* " WHERE ..." of a list: its kind and state, its filters, the keyset position
 * and the user's record scope for action. read_first: role and expert as IN,
 * whatever they hold (an export reads them all). src: where the rows are read
 * from, in order so (NULL: f->order), its kind, state and position taken from
 * there: parties; the group's party_group_keys (gk); or the text's pair-th
 * (term, kind) range of party_search (ps). */
static int filter_where(struct req *r, const struct party_filter *f, const struct party_order *so,
			const struct list_src *src, unsigned range, const char *action, int read_first, struct buf *sql,
			struct db_param *p, unsigned *np)
{
	const struct party_order *o = so ? so : f->order;
	unsigned n = *np;
	int rc;

	if (src == &src_group) {
		buf_puts(sql, " WHERE gk.group_id = ? AND");
		p[n++] = DB_I(f->group);
	} else if (src == &src_term) {
		/* range: the pair's, and for a list of both states, which of them (even: active) */
		unsigned both = !strcmp(f->state, "all"), pair = both ? range / 2 : range;

		buf_puts(sql, " WHERE ps.term = ? AND ps.kind = ? AND");
		p[n++] = DB_S(f->text.pair_term[pair]);
		p[n++] = DB_S(f->text.pair_kind[pair]);
		if (both)
			buf_puts(sql, range % 2 ? " ps.p_active = 0 AND" : " ps.p_active = 1 AND");
	} else
		buf_puts(sql, " WHERE");
	buf_printf(sql, " %s = ? AND %s = 0", src->kind, src->deleted);
	p[n++] = DB_S(f->kind);
	if (!strcmp(f->state, "active"))
		buf_printf(sql, " AND %s = 1", src->active);
	else if (!strcmp(f->state, "inactive"))
		buf_printf(sql, " AND %s = 0", src->active);
	/* role and expert: walked (EXISTS) when they hold many rows, read first (IN) when few */
	if (f->role) {
		buf_puts(sql, f->role_few || read_first
				      ? " AND p.id IN (SELECT pr.party_id FROM party_roles pr WHERE pr.role_id = ?)"
				      : " AND EXISTS (SELECT 1 FROM party_roles pr WHERE pr.party_id = p.id AND pr.role_id = ?)");
		p[n++] = DB_I(f->role);
	}
	if (f->group && src != &src_group) {
		/* its rows (sub-groups included) from its own range of party_group_keys: a list sorted by value */
		buf_puts(sql, " AND p.id IN (SELECT gm.party_id FROM party_group_keys gm WHERE gm.group_id = ?)");
		p[n++] = DB_I(f->group);
	}
	if (f->city) {
		buf_puts(sql, " AND p.city_id = ?");
		p[n++] = DB_I(f->city);
	}
	if (f->source) {
		buf_puts(sql, " AND p.source_id = ?");
		p[n++] = DB_I(f->source);
	}
	if (f->priority >= 0) {
		buf_puts(sql, " AND p.priority = ?");
		p[n++] = DB_I(f->priority);
	}
	if (f->expert) {
		buf_puts(sql, f->expert_few || read_first
				      ? " AND p.id IN (SELECT fx.party_id FROM party_experts fx WHERE fx.user_id = ?)"
				      : " AND EXISTS (SELECT 1 FROM party_experts fx WHERE fx.party_id = p.id AND fx.user_id = ?)");
		p[n++] = DB_I(f->expert);
	}
	if (f->rank) {
		/* the current rank: its period holds today */
		buf_puts(sql, " AND p.id IN (SELECT fr.party_id FROM party_rankings fr WHERE fr.rank_id = ? "
			      "AND fr.start_date <= UTC_DATE() AND (fr.end_date IS NULL OR fr.end_date >= UTC_DATE()))");
		p[n++] = DB_I(f->rank);
	}
	if (f->starred) {
		buf_puts(sql, " AND p.id IN (SELECT s2.party_id FROM party_stars s2 WHERE s2.user_id = ?)");
		p[n++] = DB_I(r->user.id);
	}
	if (party_custom_filters_sql(f, sql, p, &n) != CRM_OK || party_text_sql(&f->text, party_text_first(&f->text, read_first) || src == &src_term, sql, p, &n) != CRM_OK)
		return CRM_ERR;
	if (f->company_unknown)
		buf_puts(sql, " AND 1 = 0");
	else if (hierarchy_filter_sql(f, sql, p, &n) != CRM_OK)
		return CRM_ERR;
	/* An EXISTS is a per-row check while the list index is walked in order (db.c
	 * turns exists_to_in off): measured at 1M, an IN over many rows was
	 * materialized whole for every page. Filters that usually hold few (stars, a
	 * rank) are IN, so the optimizer may start from them. The record scope is an
	 * EXISTS too. */
	/* the next page starts after the last row shown, in the order of the sort keys */
	if (f->after_id) {
		buf_puts(sql, o->after);
		for (const char *k = o->after_params; *k; k++)
			p[n++] = *k == 'p' ? DB_I(f->after_prio) : *k == 'n' ? DB_S(f->after_name) : DB_I(f->after_id);
	}
	rc = perm_scope_sql(&r->user, "parties", action, &party_scope, sql, p, &n);
	if (rc == CRM_OK && buf_failed(sql))
		rc = CRM_ERR; /* a condition that did not fit must not become a wider query */
	*np = n;
	return rc;
}

/* ", <column> AS <key>" for each chosen column, with the language parameters they take. */
static void select_columns(struct req *r, const struct party_filter *f, struct buf *sql, struct db_param *p, unsigned *n)
{
	for (unsigned i = 0; i < f->ncols; i++) {
		buf_printf(sql, ", %s AS %s", f->cols[i]->sql, f->cols[i]->key);
		if (f->cols[i]->lang_param)
			p[(*n)++] = DB_I(lang_slot(r->lang) + 1);
		const struct db_param *own;
		unsigned nown = party_custom_params(f->cols[i], &own);

		for (unsigned k = 0; k < nown; k++)
			p[(*n)++] = own[k];
	}
}

static int column_joins(const struct party_filter *f, struct buf *sql)
{
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < f->ncols; i++)
		if (f->cols[i]->join)
			rc = buf_printf(sql, " %s", f->cols[i]->join);
	return rc;
}

int party_filter_sql(struct req *r, const struct party_filter *f, const char *action, int limit, struct buf *sql,
		     struct db_param *p, unsigned *np)
{
	const struct party_order *o = f->order, *gk = group_order(f, 0), *to = gk ? NULL : text_order(f);
	unsigned n = 0;
	int rc = CRM_OK;

	/* A deferred join: the page's ids come from the list index alone (a range
	 * that starts at the keyset position), then the columns for those rows.
	 * Asked for the columns directly, MariaDB walks the index from its start
	 * and filters: a deep page then costs its depth. */
	buf_puts(sql, "SELECT p.id, p.name_norm, page.sort_k1 AS sort_priority, page.sort_k2 AS sort_key, p.is_active, "
		      "EXISTS (SELECT 1 FROM party_stars s WHERE s.party_id = p.id AND s.user_id = ?) AS starred");
	p[n++] = DB_I(r->user.id);
	if (f->decorate) /* the page draws each row's icon, colour and current rank's colour */
		buf_puts(sql, ", p.icon AS party_icon, p.color AS party_color, COALESCE(co.color_from_rank, 0) AS color_from_rank, "
			      "rt.color AS rank_color");
	select_columns(r, f, sql, p, &n);
	/* the page carries its sort keys: the outer order then sorts the page alone, no temporary table */
	/* ... and the current rank of each of its rows, once: the rank column and its colour join it */
	if (to) {
		/* each term's first rows after the position, in the order, from its own range; the
		 * page is the first of them all (a party two terms hold is one row: UNION) */
		buf_puts(sql, " FROM (SELECT * FROM (");
		for (unsigned i = 0; rc == CRM_OK && i < text_ranges(f); i++) {
			buf_printf(sql, "%s(SELECT p.id, p.priority AS sort_k1, ps.p_name AS sort_k2, " CURRENT_RANK
					" AS current_rank FROM party_search ps FORCE INDEX (%s) STRAIGHT_JOIN parties p "
					"ON p.id = ps.party_id",
				   i ? " UNION " : "", to->index);
			rc = filter_where(r, f, to, &src_term, i, action, 0, sql, p, &n);
			if (rc == CRM_OK)
				rc = buf_printf(sql, " ORDER BY %s LIMIT %d)", to->inner, limit);
		}
		if (rc == CRM_OK)
			rc = buf_printf(sql, ") page ORDER BY %s LIMIT %d", o->outer, limit);
	} else {
		buf_printf(sql, " FROM (SELECT p.id, p.priority AS sort_k1, %s AS sort_k2, " CURRENT_RANK
				" AS current_rank FROM ",
			   gk ? gk->key : o->key);
		if (gk) {
			/* the group's range in the list's order, each row's party by its key; named as below */
			if (only_wide_filters(f))
				buf_printf(sql, "party_group_keys gk FORCE INDEX (%s) STRAIGHT_JOIN parties p ON p.id = gk.party_id",
					   !strcmp(f->state, "all") ? gk->index_all : gk->index);
			else
				buf_puts(sql, "party_group_keys gk JOIN parties p ON p.id = gk.party_id");
		} else if (party_text_first(&f->text, 0)) /* few matches: from them, the page sorted */
			party_text_from(&f->text, f->text.bound, sql, p, &n);
		else
			buf_puts(sql, "parties p");
		if (f->sort_join)
			buf_printf(sql, " %s", f->sort_join);
		/* Without a filter that has an index of its own, the order's index is the
		 * only plan: named, because measured at 1M with two connections at once,
		 * MariaDB now and then read a deep page by walking that index from its
		 * start (130 ms instead of 2 ms). A filter with its own index (a rare city,
		 * say) is left to the optimizer. */
		if (!gk && o->index && only_wide_filters(f))
			buf_printf(sql, " FORCE INDEX (%s)", !strcmp(f->state, "all") ? o->index_all : o->index);
		rc = filter_where(r, f, gk, gk ? &src_group : &src_parties, 0, action, 0, sql, p, &n);
		if (rc == CRM_OK)
			rc = buf_printf(sql, " ORDER BY %s LIMIT %d", gk ? gk->inner : o->inner, limit);
	}
	if (rc == CRM_OK)
		rc = buf_puts(sql, ") page JOIN parties p ON p.id = page.id "
				   "LEFT JOIN persons pe ON pe.party_id = p.id LEFT JOIN companies co ON co.party_id = p.id "
				   "LEFT JOIN rank_types rt ON rt.id = page.current_rank");
	if (rc == CRM_OK)
		rc = column_joins(f, sql);
	if (rc == CRM_OK)
		rc = buf_printf(sql, " ORDER BY %s", o->outer);
	if (rc == CRM_OK && buf_failed(sql))
		rc = CRM_ERR;
	*np = n;
	return rc;
}

int party_filter_export_sql(struct req *r, const struct party_filter *f, long long limit, int columns, struct buf *sql,
			    struct db_param *p, unsigned *np)
{
	const struct party_order *gk = group_order(f, 1);
	unsigned n = 0;
	int rc;

	/* All of it in one pass, streamed: each row read once in the list's order
	 * (a filter that holds many rows is read first and its rows sorted, not the
	 * whole list walked for them), columns joined to it as it is read. */
	buf_puts(sql, "SELECT p.id");
	if (columns) /* counted, the rows need none: each list-valued column is a lookup per row */
		select_columns(r, f, sql, p, &n);
	/* a group's rows in the list's order from its own index (party_group_keys), none sorted */
	if (gk)
		buf_puts(sql, only_wide_filters(f) ? " FROM party_group_keys gk STRAIGHT_JOIN parties p ON p.id = gk.party_id"
						   : " FROM party_group_keys gk JOIN parties p ON p.id = gk.party_id");
	else if (party_text_first(&f->text, 1)) { /* every match, sorted */
		buf_puts(sql, " FROM ");
		party_text_from(&f->text, 0, sql, p, &n);
	} else
		buf_puts(sql, " FROM parties p");
	buf_puts(sql, " LEFT JOIN persons pe ON pe.party_id = p.id LEFT JOIN companies co ON co.party_id = p.id "
		      "LEFT JOIN rank_types rt ON rt.id = " CURRENT_RANK);
	rc = columns ? column_joins(f, sql) : CRM_OK;
	if (rc == CRM_OK && f->sort_join && strcmp(f->sort_join, PERSON_JOIN) && strcmp(f->sort_join, COMPANY_JOIN)) {
		int joined = 0;

		for (unsigned i = 0; columns && i < f->ncols; i++)
			joined |= f->cols[i]->join && !strcmp(f->cols[i]->join, f->sort_join);
		if (!joined)
			rc = buf_printf(sql, " %s", f->sort_join);
	}
	if (rc == CRM_OK)
		rc = filter_where(r, f, gk, gk ? &src_group : &src_parties, 0, "export", 1, sql, p, &n);
	if (rc == CRM_OK)
		rc = buf_printf(sql, " ORDER BY %s LIMIT %lld", gk ? gk->inner : f->order->inner, limit);
	if (rc == CRM_OK && buf_failed(sql))
		rc = CRM_ERR;
	*np = n;
	return rc;
}

int party_filter_count_sql(struct req *r, struct party_filter *whole, struct buf *sql, struct db_param *p,
			   unsigned *np)
{
	/* any order of the group's index holds the same rows: counted from the first */
	const struct party_order *gk =
		whole->group && only_wide_filters(whole) && !party_text_first(&whole->text, 1) ? &group_orders[0] : NULL;

	whole->after_id = 0; /* the whole list, not what follows the page */
	/* Role and expert read first (IN), a group from its own range of party_group_keys: counting up
	 * to the bound from the filter's own index rather than walking the list's index and checking
	 * each row (EXISTS: up to 150,000 rows read, 110 ms at 1M) as a page, which stops after 50, may.
	 * The group leads where nothing narrows the list more (its range, then each row's party). */
	/* the text box from its rarest condition's first Lists.TextFew matches: when it has more
	 * (party_filter_count_partial), what is counted is a part */
	if (party_text_first(&whole->text, 1)) {
		buf_puts(sql, "FROM ");
		party_text_from(&whole->text, whole->text.bound, sql, p, np);
	} else
		buf_puts(sql, gk ? "FROM party_group_keys gk STRAIGHT_JOIN parties p ON p.id = gk.party_id"
				 : "FROM parties p");
	return filter_where(r, whole, gk, gk ? &src_group : &src_parties, 0, "view", 1, sql, p, np);
}

int party_filter_small(struct req *r, const struct party_filter *f, int *small)
{
	struct party_filter whole = *f;
	struct buf sql = { 0 };
	struct db_param p[PARTY_FILTER_PARAMS];
	unsigned n = 0;
	long long count = 0;
	int rc;

	buf_puts(&sql, "SELECT COUNT(*) FROM (SELECT 1 ");
	rc = party_filter_count_sql(r, &whole, &sql, p, &n);
	if (rc == CRM_OK)
		rc = buf_printf(&sql, " LIMIT %d) x", PARTY_SORT_SMALL + 1);
	if (rc == CRM_OK)
		rc = db_query_int(r->db, sql.p, p, n, &count);
	buf_free(&sql);
	*small = rc == CRM_OK && count <= PARTY_SORT_SMALL;
	return rc;
}

void party_filter_default_order(struct party_filter *f)
{
	f->order = &orders[0];
	f->sort = f->order->sort;
	f->sort_join = NULL;
	f->value_sort = 0;
}

int party_filter_next(struct party_filter *f, const char *prio, const char *key, const char *id)
{
	if (!prio || !key || !id || strlen(key) >= sizeof(f->after_name))
		return CRM_ERR;
	f->after_prio = strtoll(prio, NULL, 10);
	f->after_id = strtoll(id, NULL, 10);
	strcpy(f->after_name, key);
	return CRM_OK;
}

/* state=...&...&cols=...: the list as it stands (without sort and position), for links. */
int party_filter_query(const struct party_filter *f, struct buf *q)
{
	const struct {
		const char *name;
		long long v;
	} ids[] = { { "role", f->role },     { "group", f->group },   { "city", f->city },
		    { "source", f->source }, { "expert", f->expert }, { "rank", f->rank } };
	int rc = buf_printf(q, "state=%s&cols=%s", f->state, f->cols_text);

	for (size_t i = 0; rc == CRM_OK && i < CRM_ARRAY_LEN(ids); i++)
		if (ids[i].v)
			rc = buf_printf(q, "&%s=%lld", ids[i].name, ids[i].v);
	if (rc == CRM_OK && f->priority >= 0)
		rc = buf_printf(q, "&priority=%lld", f->priority);
	if (rc == CRM_OK && f->starred)
		rc = buf_puts(q, "&starred=1");
	if (rc == CRM_OK && f->limit && f->limit != PARTY_LIST_PAGE)
		rc = buf_printf(q, "&limit=%lld", f->limit);
	if (rc == CRM_OK && f->company_code[0]) {
		char *esc = NULL;
		NEOERR *err = cgi_url_escape(f->company_code, &esc);

		if (err != STATUS_OK) {
			nerr_ignore(&err);
			return CRM_ERR;
		}
		rc = buf_printf(q, "&company=%s%s", esc, f->subs ? "&subs=1" : "");
		free(esc);
	}
	if (rc == CRM_OK)
		rc = party_custom_filters_query(f, q);
	if (rc == CRM_OK)
		rc = party_text_query(&f->text, q);
	return rc;
}

int party_filter_ids_sql(struct req *r, struct party_filter *f, const char *action, long long after, unsigned limit,
			 struct buf *sql, struct db_param *p, unsigned *np)
{
	unsigned n = 0;
	int rc;

	/* by id (the order "created", its keyset p.id > ?): a change that moves a row in the list's
	 * own order neither skips it nor meets it twice, and a run taken up again starts where it
	 * stopped; filters read first (IN), as an export reads them */
	f->order = order_find("created", NULL);
	f->sort = f->order->sort;
	f->sort_join = NULL;
	f->value_sort = 0;
	f->after_id = after;
	if (party_text_first(&f->text, 1)) {
		buf_puts(sql, "SELECT p.id FROM ");
		party_text_from(&f->text, 0, sql, p, &n);
	} else
		buf_puts(sql, "SELECT p.id FROM parties p");
	rc = filter_where(r, f, NULL, &src_parties, 0, action, 1, sql, p, &n);
	if (rc == CRM_OK)
		rc = buf_printf(sql, " ORDER BY p.id LIMIT %u", limit);
	if (rc == CRM_OK && buf_failed(sql))
		rc = CRM_ERR;
	*np = n;
	return rc;
}

/* A list's filter by one field (?<name>=): what was typed read into what the column holds — a
 * text by its start, a number, an amount, a date in the user's calendar, a link typed as its key
 * (a user name, a party's code, found in the reader's scope) or chosen by its id (a choice). The
 * engine's lists take one per field marked RF_FILTER (a searchable custom field, read from its
 * own index); the parties' lists take the same for their custom fields. */
#include "records/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The typed value into what its column holds; CRM_EINVAL when it cannot be one. */
static int filter_value(struct req *r, const struct rec_field *f, const char *typed, struct rec_list_filter *out)
{
	long long minor, id = 0;
	char iso[11];

	switch (f->type) {
	case REC_TEXT:
		out->like = 1;
		return rec_like_prefix(typed, out->value, sizeof(out->value)) == CRM_OK ? CRM_OK : CRM_EINVAL;
	case REC_INT:
	case REC_MONEY:
		if (rec_money_parse(typed, &minor) != CRM_OK || (f->type == REC_INT && minor % 100))
			return CRM_EINVAL;
		snprintf(out->value, sizeof(out->value), "%lld", f->type == REC_INT ? minor / 100 : minor);
		return CRM_OK;
	case REC_DATE:
		if (date_parse(typed, (enum calendar)r->user.calendar, iso) != CRM_OK)
			return CRM_EINVAL;
		snprintf(out->value, sizeof(out->value), "%s", iso);
		return CRM_OK;
	case REC_LINK:
		if (f->link->key && rec_link_find(r, f->link, typed, &id) != CRM_OK)
			return CRM_ERR;
		if (!f->link->key && (strspn(typed, "0123456789") != strlen(typed) || (id = strtoll(typed, NULL, 10)) <= 0))
			return CRM_EINVAL;
		snprintf(out->value, sizeof(out->value), "%lld", id); /* none found: 0, which no row holds */
		return CRM_OK;
	default:
		return CRM_EINVAL;
	}
}

int rec_filter_read(struct req *r, const struct rec_field *f, struct rec_list_filter *out)
{
	const char *sent = req_param(r, f->name);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!sent || !sent[0])
		return CRM_ENOTFOUND;
	if (req_text(r, f->name, REC_FILTER_TYPED, out->typed, sizeof(out->typed)) != CRM_OK)
		return CRM_EINVAL;
	out->name = f->name;
	rc = filter_value(r, f, out->typed, out);
	if (rc != CRM_OK)
		out->name = NULL;
	return rc;
}

int rec_filter_sql(const struct rec_list_filter *cf, const char *alias, struct buf *sql, struct db_param *p, unsigned *n)
{
	p[(*n)++] = DB_S(cf->value);
	return buf_printf(sql, " AND %s.%s %s ?", alias, cf->name, cf->like ? "LIKE" : "=");
}

int rec_filter_options(struct req *r, const struct rec_field *f, const char *prefix)
{
	const struct rec_link *k = f->link;
	struct db_param p[PERM_SCOPE_PARAMS];
	struct buf sql = { 0 };
	char label[512];
	unsigned n = 0;
	int rows = 0, rc;

	if (f->type != REC_LINK || !k || k->key)
		return CRM_OK; /* typed, not chosen */
	/* every row, retired ones too: a record may hold one */
	rc = buf_printf(&sql, "SELECT x.id AS value, %s AS label FROM %s x WHERE %s", rec_link_label(r, k, label, sizeof(label)),
			k->table, k->where ? k->where : "1 = 1");
	if (rc == CRM_OK)
		rc = rec_link_scope(r, k, &sql, p, &n);
	if (rc == CRM_OK)
		rc = k->sort ? buf_printf(&sql, " ORDER BY x.%s, x.id", k->sort) : buf_printf(&sql, " ORDER BY %s", label);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, sql.p, p, n, r->hdf, prefix, &rows);
	buf_free(&sql);
	return rc;
}

int rec_filters_hdf(struct req *r, const struct rec_entity *e, const struct rec_list_filter *given, unsigned ngiven,
		    const char *prefix)
{
	char key[96];
	int n = 0, rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < e->nfields; i++) {
		const struct rec_field *f = &e->fields[i];
		const char *typed = "";

		if (!(f->flags & RF_FILTER))
			continue;
		for (unsigned j = 0; j < ngiven; j++)
			if (!strcmp(given[j].name, f->name))
				typed = given[j].typed;
#define PUT(k, v)                                                      \
	do {                                                           \
		snprintf(key, sizeof(key), "%s.%d.%s", prefix, n, (k)); \
		if ((rc = hdf_put(r, key, (v))) != CRM_OK)             \
			return rc;                                     \
	} while (0)
		PUT("name", f->name);
		PUT("label", rec_field_label(r, e, f));
		PUT("value", typed);
		PUT("date", f->type == REC_DATE ? "1" : "0");
		PUT("ltr", (f->flags & RF_LTR) ? "1" : "0");
#undef PUT
		snprintf(key, sizeof(key), "%s.%d.options", prefix, n++);
		rc = rec_filter_options(r, f, key);
	}
	return rc;
}

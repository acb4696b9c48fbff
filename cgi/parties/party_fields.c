#include "party_fields.h"
#include "core/core.h"
#include "i18n/i18n.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct party_field party_fields[] = {
	{ "income", "parties", F_MONEY, 0, NULL, 0, 0 },
	{ "credit_limit", "parties", F_MONEY, 0, NULL, 0, 0 },
	{ "color", "parties", F_COLOR, 0, NULL, 0, 0 },
	{ "city_id", "parties", F_CITY, 0, NULL, 0, 0 },
	{ "district_id", "parties", F_DISTRICT, 0, NULL, 0, 0 },
	{ "icon", "parties", F_CHOICE, 0, PARTY_ICONS, 0, 0 },
	{ "birth_cert_no", "persons", F_TEXT, 32, NULL, 0, 0 },
	{ "marital_status", "persons", F_CHOICE, 0, "single|married|divorced|widowed", 0, 0 },
	{ "marriage_date", "persons", F_DATE, 0, NULL, 0, 0 },
	{ "religion_id", "persons", F_LOOKUP, 0, "religion", 0, 0 },
	{ "education_field_id", "persons", F_LOOKUP, 0, "education_field", 0, 0 },
	{ "education_degree_id", "persons", F_LOOKUP, 0, "education_degree", 0, 0 },
	{ "favourite_color", "persons", F_TEXT, 32, NULL, 0, 0 },
	{ "psychology", "persons", F_TEXT, 4000, NULL, 0, 0 },
	{ "certificates", "persons", F_TEXT, 2000, NULL, 0, 0 },
	{ "brand", "companies", F_TEXT, 128, NULL, 0, 0 },
	{ "founded_year", "companies", F_INT, 0, NULL, 1200, 2200 },
	{ "founded_date", "companies", F_DATE, 0, NULL, 0, 0 },
	{ "employees", "companies", F_INT, 0, NULL, 0, 100000000 },
	{ "premises_id", "companies", F_LOOKUP, 0, "premises", 0, 0 },
	{ "certificates", "companies", F_TEXT, 2000, NULL, 0, 0 },
	{ "color_from_rank", "companies", F_FLAG, 0, NULL, 0, 0 },
};
const unsigned party_nfields = CRM_ARRAY_LEN(party_fields);

/* A field applies to parties of every kind, or to one kind's own table. */
static int applies(const struct party_field *f, const char *kind)
{
	return !strcmp(f->table, "parties") || (!strcmp(kind, "person") && !strcmp(f->table, "persons")) ||
	       (!strcmp(kind, "company") && !strcmp(f->table, "companies"));
}

static const char *alias(const struct party_field *f)
{
	return !strcmp(f->table, "parties") ? "p" : !strcmp(f->table, "persons") ? "pe" : "co";
}

/* "1,250,000.50" or "۱٬۲۵۰٬۰۰۰" -> "1250000.50"; NULL when not an amount. */
static int money_parse(const char *typed, char *out, size_t outlen)
{
	char folded[128];
	size_t o = 0;
	int dot = 0, decimals = 0;

	if (text_normalize(typed, folded, sizeof(folded)) != CRM_OK)
		return CRM_EINVAL;
	for (const char *p = folded; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (dot && ++decimals > 2)
				return CRM_EINVAL;
			out[o++] = *p;
		} else if (*p == '.' && !dot) {
			dot = 1;
			out[o++] = '.';
		} else if (*p == ',' || *p == ' ' || !strncmp(p, "\xd9\xac", 2)) { /* , space, Arabic thousands sep */
			if (*p == '\xd9')
				p++;
		} else {
			return CRM_EINVAL;
		}
		if (o + 1 >= outlen || o > 16)
			return CRM_EINVAL;
	}
	out[o] = '\0';
	return o && out[0] != '.' && out[o - 1] != '.' ? CRM_OK : CRM_EINVAL;
}

static int choice_ok(const char *choices, const char *v)
{
	size_t n = strlen(v);

	for (const char *c = choices; *c;) {
		size_t k = strcspn(c, "|");

		if (k == n && !strncmp(c, v, n))
			return 1;
		c += k + (c[k] == '|');
	}
	return 0;
}

static int city_ok(struct req *r, const char *id)
{
	HDF *l = hdf_get_obj(r->hdf, "Cities");

	for (HDF *c = l ? hdf_obj_child(l) : NULL; c; c = hdf_obj_next(c))
		if (!strcmp(hdf_get_value(c, "id", ""), id))
			return 1;
	return 0;
}

/* A district within the city chosen on the same form. */
static int district_ok(struct req *r, const char *id, const char *city_id)
{
	HDF *l = hdf_get_obj(r->hdf, "Districts");

	for (HDF *c = l ? hdf_obj_child(l) : NULL; c; c = hdf_obj_next(c))
		if (!strcmp(hdf_get_value(c, "id", ""), id))
			return city_id && !strcmp(hdf_get_value(c, "city_id", ""), city_id);
	return 0;
}

static const char *value_of(const struct party_extra *x, const char *name)
{
	for (unsigned i = 0; i < party_nfields; i++)
		if (!strcmp(party_fields[i].name, name))
			return x->val[i];
	return NULL;
}

void party_extra_read(struct req *r, const char *kind, struct party_extra *x)
{
	for (unsigned i = 0; i < party_nfields; i++) {
		const struct party_field *f = &party_fields[i];
		char text[4 * 4001], value[64] = "";
		const char *store = "";
		int rc;

		x->val[i] = NULL;
		if (!applies(f, kind))
			continue;
		if (f->kind == F_FLAG) { /* a checkbox: absent is off */
			x->val[i] = strdup(req_param(r, f->name) ? "1" : "0");
			continue;
		}
		rc = req_text(r, f->name, f->kind == F_TEXT ? f->max : 64, text, sizeof(text));
		if (rc == CRM_ETOOBIG) {
			form_too_long(r, f->name, f->kind == F_TEXT ? f->max : 64);
			continue;
		}
		if (rc == CRM_OK) {
			long long n;
			char *end;

			switch (f->kind) {
			case F_TEXT:
				store = text;
				break;
			case F_DATE:
				/* a rejected value leaves value unfinished: keep nothing, the form comes back */
				if (req_date(r, f->name, value) != CRM_OK)
					form_error(r, f->name, "parties.err.date");
				else
					store = value;
				break;
			case F_INT:
				if (money_parse(text, value, sizeof(value)) != CRM_OK || strchr(value, '.') ||
				    (n = strtoll(value, &end, 10)) < f->lo || n > f->hi)
					form_error(r, f->name, "parties.err.number");
				else
					store = value;
				break;
			case F_MONEY:
				if (money_parse(text, value, sizeof(value)) != CRM_OK)
					form_error(r, f->name, "parties.err.number");
				else
					store = value;
				break;
			case F_LOOKUP:
				if (!party_lookup_ok(r, strtoll(text, &end, 10), f->arg) || *end)
					form_error(r, f->name, "parties.err.choice");
				store = text;
				break;
			case F_COLOR:
				if (strlen(text) != 7 || text[0] != '#' || strspn(text + 1, "0123456789abcdefABCDEF") != 6)
					form_error(r, f->name, "parties.err.color");
				store = text;
				break;
			case F_CITY:
				if (!city_ok(r, text))
					form_error(r, f->name, "parties.err.choice");
				store = text;
				break;
			case F_DISTRICT:
				if (!district_ok(r, text, value_of(x, "city_id")))
					form_error(r, f->name, "parties.err.district");
				store = text;
				break;
			case F_CHOICE:
				if (!choice_ok(f->arg, text))
					form_error(r, f->name, "parties.err.choice");
				store = text;
				break;
			case F_FLAG:
				break;
			}
		}
		x->val[i] = strdup(store);
	}
}

void party_extra_free(struct party_extra *x)
{
	for (unsigned i = 0; i < party_nfields; i++) {
		free(x->val[i]);
		x->val[i] = NULL;
	}
}

/* Text-like columns keep an empty string; numbers, dates and lookups are NULL when empty. */
static struct db_param value_param(const struct party_field *f, const char *v)
{
	int textual = f->kind == F_TEXT || f->kind == F_COLOR || f->kind == F_CHOICE;

	if (f->kind == F_FLAG)
		return DB_I(v && !strcmp(v, "1"));

	if (!v)
		v = "";
	if (!*v && !textual)
		return DB_NUL;
	return DB_S(v);
}

int party_extra_save(struct db *db, long long id, const char *kind, const struct party_extra *x)
{
	static const char *const tables[] = { "parties", "persons", "companies" };
	int rc = CRM_OK;

	for (size_t t = 0; rc == CRM_OK && t < CRM_ARRAY_LEN(tables); t++) {
		struct buf sql = { 0 };
		struct db_param p[33];
		unsigned n = 0;

		for (unsigned i = 0; i < party_nfields; i++) {
			const struct party_field *f = &party_fields[i];

			if (strcmp(f->table, tables[t]) || !applies(f, kind))
				continue;
			buf_printf(&sql, "%s%s = ?", n ? ", " : "", f->name);
			p[n++] = value_param(f, x->val[i]);
		}
		if (n) {
			struct buf full = { 0 };

			p[n++] = DB_I(id);
			rc = buf_printf(&full, "UPDATE %s SET %s WHERE %s = ?", tables[t], sql.p,
					t == 0 ? "id" : "party_id");
			if (rc == CRM_OK)
				rc = db_exec(db, full.p, p, n, NULL, NULL);
			buf_free(&full);
			/* the province and country follow from the city */
			if (rc == CRM_OK && t == 0)
				rc = db_exec(db, "UPDATE parties p LEFT JOIN places c ON c.id = p.city_id "
						 "LEFT JOIN places pr ON pr.id = c.parent_id "
						 "SET p.province_id = pr.id, p.country_id = pr.parent_id WHERE p.id = ?",
					     &p[n - 1], 1, NULL, NULL);
		}
		buf_free(&sql);
	}
	return rc;
}

struct load_ctx {
	const char *kind;
	struct party_extra *x;
};

static int load_row(void *ctx, const struct db_row *row)
{
	struct load_ctx *l = ctx;

	for (unsigned i = 0; i < party_nfields && i < row->ncols; i++)
		if (applies(&party_fields[i], l->kind))
			l->x->val[i] = strdup(row->values[i] ? row->values[i] : "");
	return CRM_OK;
}

int party_extra_load(struct db *db, long long id, const char *kind, struct party_extra *x)
{
	struct buf sql = { 0 };
	struct db_param p[] = { DB_I(id) };
	struct load_ctx l = { kind, x };
	int rc;

	memset(x, 0, sizeof(*x));
	rc = buf_printf(&sql, "SELECT %s FROM parties p LEFT JOIN persons pe ON pe.party_id = p.id "
			      "LEFT JOIN companies co ON co.party_id = p.id WHERE p.id = ?",
			party_extra_columns());
	if (rc == CRM_OK)
		rc = db_query(db, sql.p, p, 1, load_row, &l);
	buf_free(&sql);
	return rc;
}

/* Money comes back from the database as 1250000.00: compare amounts, not text. */
static const char *canonical(const struct party_field *f, const char *v, char *buf, size_t len)
{
	if (v && *v && f->kind == F_MONEY) {
		snprintf(buf, len, "%.2f", strtod(v, NULL));
		return buf;
	}
	return v;
}

unsigned party_extra_changes(const char *kind, const struct party_extra *before, const struct party_extra *after,
			     struct audit_change *c)
{
	static char bufs[2][32][32];
	unsigned n = 0;

	for (unsigned i = 0; i < party_nfields; i++) {
		const struct party_field *f = &party_fields[i];

		if (!applies(f, kind))
			continue;
		c[n].field = f->name;
		c[n].before = canonical(f, before->val[i], bufs[0][i], sizeof(bufs[0][i]));
		c[n].after = canonical(f, after->val[i], bufs[1][i], sizeof(bufs[1][i]));
		n++;
	}
	return n;
}

const char *party_extra_columns(void)
{
	static char cols[1024];

	if (!cols[0]) {
		size_t o = 0;

		for (unsigned i = 0; i < party_nfields; i++)
			o += (size_t)snprintf(cols + o, sizeof(cols) - o, "%s%s.%s", i ? ", " : "", alias(&party_fields[i]),
					      party_fields[i].name);
	}
	return cols;
}

int party_extra_dates(struct req *r, const char *kind)
{
	char key[96], from[96];

	for (unsigned i = 0; i < party_nfields; i++) {
		const struct party_field *f = &party_fields[i];

		if (!applies(f, kind) || f->kind != F_DATE)
			continue;
		snprintf(from, sizeof(from), "Party.%s", f->name);
		snprintf(key, sizeof(key), "Party.%s_text", f->name);
		if (hdf_set_date(r, key, hdf_get_value(r->hdf, from, "")) != CRM_OK)
			return CRM_ERR;
	}
	return CRM_OK;
}

int party_extra_to_edit(struct req *r, const char *kind)
{
	char key[96], from[96];

	for (unsigned i = 0; i < party_nfields; i++) {
		const struct party_field *f = &party_fields[i];

		if (!applies(f, kind))
			continue;
		snprintf(key, sizeof(key), "Edit.%s", f->name);
		snprintf(from, sizeof(from), f->kind == F_DATE ? "Party.%s_text" : "Party.%s", f->name);
		if (hdf_put(r, key, hdf_get_value(r->hdf, from, "")) != CRM_OK)
			return CRM_ERR;
	}
	return CRM_OK;
}

int party_extra_keep(struct req *r, const char *kind)
{
	char key[96];

	for (unsigned i = 0; i < party_nfields; i++) {
		const struct party_field *f = &party_fields[i];

		if (!applies(f, kind))
			continue;
		snprintf(key, sizeof(key), "Edit.%s", f->name);
		if (hdf_put(r, key, req_param(r, f->name)) != CRM_OK)
			return CRM_ERR;
	}
	return CRM_OK;
}

/* A record's form for records/fields.cs: every field with its label, value as the user types
 * it, choices, required marker, section and message, written to HDF once. */
#include "records/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rec_money_format(long long minor, enum digits d, char *out, size_t outlen)
{
	char plain[48], grouped[64];
	int neg = minor < 0;
	unsigned long long v = neg ? 0ULL - (unsigned long long)minor : (unsigned long long)minor;
	size_t len, o = 0;

	snprintf(plain, sizeof(plain), "%llu", v / 100);
	len = strlen(plain);
	if (neg)
		grouped[o++] = '-';
	for (size_t i = 0; i < len; i++) {
		/* a separator before every group of three from the right; digits_localize keeps ',' */
		if (i && (len - i) % 3 == 0)
			grouped[o++] = ',';
		grouped[o++] = plain[i];
	}
	grouped[o] = '\0';
	if (v % 100)
		snprintf(grouped + o, sizeof(grouped) - o, ".%02llu", v % 100);
	if (d == DIGITS_PERSIAN) {
		char local[128];
		size_t w = 0;
		int rc = digits_localize(grouped, d, local, sizeof(local));

		if (rc != CRM_OK)
			return rc;
		/* the Arabic thousands and decimal separators go with Persian digits */
		for (const char *s = local; *s; s++) {
			int sep = *s == ',' || *s == '.';

			if (w + (sep ? 2 : 1) >= outlen)
				return CRM_ETOOBIG;
			if (sep) {
				memcpy(out + w, *s == ',' ? "\xd9\xac" : "\xd9\xab", 2);
				w += 2;
			} else {
				out[w++] = *s;
			}
		}
		out[w] = '\0';
		return CRM_OK;
	}
	return snprintf(out, outlen, "%s", grouped) < (int)outlen ? CRM_OK : CRM_ETOOBIG;
}

/* A value as the form shows it for typing (dates in the user's calendar, digits localized). */
static int typed_form(struct req *r, const struct rec_field *f, const char *v, char *out, size_t outlen)
{
	enum digits d = (enum digits)r->user.digits;

	out[0] = '\0';
	if (!v || !*v)
		return CRM_OK;
	switch (f->type) {
	case REC_INT:
		return digits_localize(v, d, out, outlen);
	case REC_MONEY: {
		long long minor = strtoll(v, NULL, 10), a = minor < 0 ? -minor : minor;
		char plain[48];

		/* the sign apart: -50 minor units is -0.50, not 0.50 */
		if (a % 100)
			snprintf(plain, sizeof(plain), "%s%lld.%02lld", minor < 0 ? "-" : "", a / 100, a % 100);
		else
			snprintf(plain, sizeof(plain), "%s%lld", minor < 0 ? "-" : "", a / 100);
		return digits_localize(plain, d, out, outlen);
	}
	case REC_DATE:
		return date_format(v, (enum calendar)r->user.calendar, d, out, outlen);
	case REC_DATETIME:
		return datetime_format(v, r->cfg->timezone, (enum calendar)r->user.calendar, d, out, outlen);
	default:
		return snprintf(out, outlen, "%s", v) < (int)outlen ? CRM_OK : CRM_ETOOBIG;
	}
}

static const char *type_name(enum rec_type t)
{
	static const char *const names[] = { "text", "longtext", "int", "money", "date", "datetime",
					     "flag", "choice", "email", "link", "links" };

	return (unsigned)t < CRM_ARRAY_LEN(names) ? names[t] : "text";
}

/* A message with its number ("{n}") in the user's digits. */
int rec_error_text(struct req *r, const struct rec_error *e, char *out, size_t outlen)
{
	const char *msg = lang_str(r, e->msg), *at = strstr(msg, "{n}");
	char num[32], local[96];

	if (!at)
		return snprintf(out, outlen, "%s", msg) < (int)outlen ? CRM_OK : CRM_ETOOBIG;
	snprintf(num, sizeof(num), "%lld", e->arg);
	if (digits_localize(num, (enum digits)r->user.digits, local, sizeof(local)) != CRM_OK)
		return CRM_ERR;
	return snprintf(out, outlen, "%.*s%s%s", (int)(at - msg), msg, local, at + 3) < (int)outlen ? CRM_OK
												 : CRM_ETOOBIG;
}

/* Up to this many rows a several-links field offers a box each; more, a type-ahead list. */
#define REC_BOXES_MAX 12

struct options_ctx {
	struct req *r;
	const struct rec *rec;
	unsigned field;
	const char *prefix;
	int n;
	int failed;
};

static int option_row(void *ctx, const struct db_row *row)
{
	struct options_ctx *o = ctx;
	char key[160];
	long long id = strtoll(row->values[0], NULL, 10);
	int checked = 0;

	for (unsigned k = 0; k < o->rec->nids[o->field]; k++)
		checked |= o->rec->ids[o->field][k] == id;
	if (o->rec->e->fields[o->field].type == REC_LINK)
		checked = o->rec->val[o->field] && strtoll(o->rec->val[o->field], NULL, 10) == id;
	snprintf(key, sizeof(key), "%s.options.%d.value", o->prefix, o->n);
	o->failed |= hdf_put(o->r, key, row->values[0]) != CRM_OK;
	snprintf(key, sizeof(key), "%s.options.%d.label", o->prefix, o->n);
	o->failed |= hdf_put(o->r, key, row->values[1]) != CRM_OK;
	snprintf(key, sizeof(key), "%s.options.%d.selected", o->prefix, o->n);
	o->failed |= hdf_put(o->r, key, checked ? "1" : "0") != CRM_OK;
	o->n++;
	return CRM_OK;
}

/* Every row a link field may point at (those offered, and those the record holds), each marked
 * when the record holds it. */
static int link_options(struct req *r, const struct rec_field *f, const struct rec *rec, unsigned i,
			const char *prefix)
{
	const struct rec_link *k = f->link;
	struct options_ctx o = { r, rec, i, prefix, 0, 0 };
	struct buf sql = { 0 };
	struct db_param p[PERM_SCOPE_PARAMS + 1];
	unsigned n = 0;
	char label[512];
	int rc = buf_printf(&sql, "SELECT x.id, %s FROM %s x WHERE %s", rec_link_label(r, k, label, sizeof(label)),
			    k->table, k->where ? k->where : "1 = 1");

	if (rc == CRM_OK && k->offer) {
		rc = buf_printf(&sql, " AND (%s OR x.id IN (0", k->offer);
		for (unsigned j = 0; rc == CRM_OK && j < rec->nids[i]; j++)
			rc = buf_printf(&sql, ", %lld", rec->ids[i][j]); /* ids as numbers, never text */
		if (rc == CRM_OK && f->type == REC_LINK && rec->val[i] && rec->val[i][0])
			rc = buf_printf(&sql, ", %lld", strtoll(rec->val[i], NULL, 10));
		if (rc == CRM_OK)
			rc = buf_puts(&sql, "))");
	}
	if (rc == CRM_OK)
		rc = rec_link_scope(r, k, &sql, p, &n);
	if (rc == CRM_OK)
		rc = k->sort ? buf_printf(&sql, " ORDER BY x.%s, x.id", k->sort) : buf_printf(&sql, " ORDER BY %s", label);
	if (rc == CRM_OK)
		rc = db_query(r->db, sql.p, p, n, option_row, &o);
	buf_free(&sql);
	if (rc == CRM_OK && !o.failed && f->type == REC_LINKS && o.n > REC_BOXES_MAX) {
		char key[160];

		/* too many for a box each (a party's experts among all the staff): a list the user types
		 * into (picker.js), still a plain multiple select that posts the same ids */
		snprintf(key, sizeof(key), "%s.picker", prefix);
		rc = hdf_put(r, key, "1");
	}
	return rc == CRM_OK && o.failed ? CRM_ERR : rc;
}

static int choice_options(struct req *r, const struct rec_field *f, const char *value, const char *prefix)
{
	char key[160], label[160];
	int n = 0;

	for (const char *c = f->arg ? f->arg : ""; *c; n++) {
		size_t k = strcspn(c, "|");
		char v[64];

		snprintf(v, sizeof(v), "%.*s", (int)k, c);
		snprintf(label, sizeof(label), "%s.%s", f->choices ? f->choices : "", v);
		snprintf(key, sizeof(key), "%s.options.%d.value", prefix, n);
		if (hdf_put(r, key, v) != CRM_OK)
			return CRM_ERR;
		snprintf(key, sizeof(key), "%s.options.%d.label", prefix, n);
		if (hdf_put(r, key, f->choices ? lang_str(r, label) : v) != CRM_OK)
			return CRM_ERR;
		snprintf(key, sizeof(key), "%s.options.%d.selected", prefix, n);
		if (hdf_put(r, key, value && !strcmp(value, v) ? "1" : "0") != CRM_OK)
			return CRM_ERR;
		c += k + (c[k] == '|');
	}
	return CRM_OK;
}

static int field_hdf(struct req *r, const struct rec_entity *e, const struct rec *rec, unsigned i, int creating,
		     const struct rec_errors *err, int n)
{
	const struct rec_field *f = &e->fields[i];
	char prefix[64], key[128], value[512];
	const char *v = rec->val[i];
	int fixed = !rec_field_typed(r, e, f, creating);
	int rc;

	snprintf(prefix, sizeof(prefix), "Form.fields.%d", n);
#define PUT(k, val)                                                   \
	do {                                                          \
		snprintf(key, sizeof(key), "%s.%s", prefix, (k));     \
		if (hdf_put(r, key, (val)) != CRM_OK)                 \
			return CRM_ERR;                               \
	} while (0)
	PUT("name", f->name);
	PUT("input", f->input ? f->input : f->name);
	PUT("type", type_name(f->type));
	PUT("label", rec_field_label(r, e, f));
	PUT("required", (f->flags & RF_REQUIRED) ? "1" : "0");
	PUT("readonly", fixed ? "1" : "0");
	PUT("ltr", (f->flags & RF_LTR) ? "1" : "0");
	if (f->section) {
		snprintf(value, sizeof(value), "%s.section.%s", e->lang, f->section);
		PUT("section", f->section);
		PUT("section_label", lang_str(r, value));
	}
	if (f->max) {
		snprintf(value, sizeof(value), "%u", f->max);
		PUT("max", value);
	}
	if (f->type == REC_LINK && (f->flags & RF_CHOICES)) {
		PUT("value", v ? v : "");
		PUT("choices", "1");
		if (link_options(r, f, rec, i, prefix) != CRM_OK)
			return CRM_ERR;
	} else if (f->type == REC_LINK || (f->type == REC_LINKS && !(f->flags & RF_CHOICES))) {
		PUT("value", rec->key[i] ? rec->key[i] : "");
		PUT("shown", rec->label[i] ? rec->label[i] : "");
		if (f->link && f->link->lookup) /* a type-ahead picker asks it (picker.js) */
			PUT("lookup", f->link->lookup);
	} else if (f->type == REC_LINKS) {
		PUT("choices", "1");
		if (link_options(r, f, rec, i, prefix) != CRM_OK)
			return CRM_ERR;
	} else if (f->type == REC_TEXT || f->type == REC_LONGTEXT || f->type == REC_EMAIL || f->type == REC_CHOICE ||
		   f->type == REC_FLAG) {
		PUT("value", v ? v : ""); /* as stored, whatever its length */
		if (f->type == REC_CHOICE && choice_options(r, f, v, prefix) != CRM_OK)
			return CRM_ERR;
		if (f->type == REC_CHOICE && f->choices && v && *v) {
			snprintf(value, sizeof(value), "%s.%s", f->choices, v);
			PUT("shown", lang_str(r, value));
		}
	} else if (err && rec_failed(err, f->name)) {
		PUT("value", v ? v : ""); /* refused: shown again as it was typed */
	} else {
		rc = typed_form(r, f, v, value, sizeof(value));
		if (rc != CRM_OK)
			return rc;
		PUT("value", value);
		if (f->type == REC_CHOICE && choice_options(r, f, v, prefix) != CRM_OK)
			return CRM_ERR;
		if (f->type == REC_CHOICE && f->choices && v && *v) {
			snprintf(value, sizeof(value), "%s.%s", f->choices, v);
			PUT("shown", lang_str(r, value));
		}
	}
#undef PUT
	return CRM_OK;
}

int rec_form_hdf(struct req *r, const struct rec_entity *e, const struct rec *rec, const struct rec_errors *err,
		 int creating)
{
	char key[128], text[512];
	int n = 0;

	if (!creating && (hdf_putf(r, "Form.id", "%lld", rec->id) || hdf_putf(r, "Form.version", "%lld", rec->version) ||
			  hdf_put(r, "Form.active", rec->active ? "1" : "0")))
		return CRM_ERR;
	if (hdf_put(r, "Form.creating", creating ? "1" : "0"))
		return CRM_ERR;
	if (e->title_field && rec_field_index(e, e->title_field) >= 0 &&
	    hdf_put(r, "Form.title", rec_get(rec, e->title_field)) != CRM_OK)
		return CRM_ERR;
	for (unsigned i = 0; i < e->nfields && i < REC_MAX_FIELDS; i++, n++)
		if (field_hdf(r, e, rec, i, creating, err, n) != CRM_OK)
			return CRM_ERR;
	/* the sections in the order they first appear: the form shows each once, all its fields in it */
	for (unsigned i = 0, ns = 0; i < e->nfields && i < REC_MAX_FIELDS; i++) {
		const char *s = e->fields[i].section ? e->fields[i].section : "";
		int seen = 0;

		for (unsigned j = 0; j < i && !seen; j++)
			seen = !strcmp(e->fields[j].section ? e->fields[j].section : "", s);
		if (seen)
			continue;
		snprintf(key, sizeof(key), "Form.sections.%u.name", ns);
		if (hdf_put(r, key, s) != CRM_OK)
			return CRM_ERR;
		snprintf(text, sizeof(text), "%s.section.%s", e->lang, s);
		snprintf(key, sizeof(key), "Form.sections.%u.label", ns++);
		if (hdf_put(r, key, *s ? lang_str(r, text) : "") != CRM_OK)
			return CRM_ERR;
	}
	return rec_errors_hdf(r, e, err);
}

int rec_errors_hdf(struct req *r, const struct rec_entity *e, const struct rec_errors *err)
{
	char key[128], text[512];

	for (unsigned i = 0; err && i < err->n; i++) {
		int idx = rec_field_index(e, err->e[i].field);

		if (rec_error_text(r, &err->e[i], text, sizeof(text)) != CRM_OK)
			return CRM_ERR;
		snprintf(key, sizeof(key), "Form.errors.%s", err->e[i].field);
		if (hdf_put(r, key, text) != CRM_OK)
			return CRM_ERR;
		if (idx >= 0) {
			snprintf(key, sizeof(key), "Form.fields.%d.error", idx);
			if (hdf_put(r, key, text) != CRM_OK)
				return CRM_ERR;
		}
	}
	if (err && err->n && hdf_put(r, "Form.failed", "1"))
		return CRM_ERR;
	return CRM_OK;
}

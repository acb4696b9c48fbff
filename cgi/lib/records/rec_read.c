/* Typed input into a record's C values: each field by its type, errors on the field. */
#include "records/records.h"
#include "i18n/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define REC_TEXT_MAX 16000 /* characters of a long text when the field names no max */

/* Surrounding white space off; "" when nothing is left. */
static char *trimmed(const char *v)
{
	size_t len;

	if (!v)
		v = "";
	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	len = strlen(v);
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\r' || v[len - 1] == '\n'))
		len--;
	return strndup(v, len);
}

int rec_money_parse(const char *typed, long long *minor)
{
	char folded[128];
	long long units = 0, cents = 0;
	int dot = 0, decimals = 0, digits = 0, neg = 0;
	const char *p = folded;

	if (text_normalize(typed, folded, sizeof(folded)) != CRM_OK)
		return CRM_EINVAL;
	if (*p == '-' || !strncmp(p, "\xe2\x88\x92", 3)) { /* a minus, ASCII or U+2212 */
		neg = 1;
		p += *p == '-' ? 1 : 3;
	}
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (dot) {
				if (++decimals > 2)
					return CRM_EINVAL;
				cents = cents * 10 + (*p - '0');
			} else {
				if (units > 9999999999999LL) /* 10^13: far beyond any amount, far below overflow */
					return CRM_EINVAL;
				units = units * 10 + (*p - '0');
			}
			digits++;
		} else if ((*p == '.' || !strncmp(p, "\xd9\xab", 2)) && !dot && digits) {
			dot = 1; /* '.' or the Arabic decimal separator the Persian keyboard types */
			p += *p == '.' ? 0 : 1;
		} else if (*p == ',' || *p == ' ') {
			/* thousands separators as typed */
		} else if (!strncmp(p, "\xd9\xac", 2)) { /* the Arabic thousands separator */
			p++;
		} else {
			return CRM_EINVAL;
		}
	}
	if (!digits || (dot && !decimals))
		return CRM_EINVAL;
	if (decimals == 1)
		cents *= 10;
	*minor = (units * 100 + cents) * (neg ? -1 : 1);
	return CRM_OK;
}

static int choice_ok(const char *choices, const char *v)
{
	size_t n = strlen(v);

	for (const char *c = choices ? choices : ""; *c;) {
		size_t k = strcspn(c, "|");

		if (k == n && !strncmp(c, v, n))
			return 1;
		c += k + (c[k] == '|');
	}
	return 0;
}

static int email_ok(const char *s)
{
	const char *at = strchr(s, '@');

	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' || s[strlen(s) - 1] == '.')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ')
			return 0;
	return 1;
}

/* "SELECT id, key, label FROM <table> x WHERE <where> AND ": the fixed start of a link lookup. */
static int link_sql(const struct rec_link *k, struct buf *sql)
{
	/* "x.id" twice when there is no key: the id is what is typed (a choice from a list) */
	return buf_printf(sql, "SELECT x.id, x.%s FROM %s x WHERE %s AND ", k->key ? k->key : "id", k->table,
			  k->where ? k->where : "1 = 1");
}

struct found_rows {
	long long *ids;
	char **keys;
	unsigned n, max;
};

static int found_row(void *ctx, const struct db_row *row)
{
	struct found_rows *f = ctx;

	if (f->n < f->max) {
		f->ids[f->n] = strtoll(row->values[0], NULL, 10);
		if (!(f->keys[f->n] = strdup(row->values[1] ? row->values[1] : "")))
			return CRM_ERR;
		f->n++;
	}
	return CRM_OK;
}

/* The ids of the linked rows named by values (keys, or ids when the link has no key), in the
 * order given, in one query; *missing counts those that name no row. */
static int link_resolve(struct req *r, const struct rec_link *k, const char *const *values, unsigned n,
			int offered, const long long *held, unsigned nheld, long long *ids, unsigned *missing)
{
	struct db_param *p = calloc(n + nheld + PERM_SCOPE_PARAMS + 1, sizeof(*p));
	unsigned np = n;
	struct found_rows f = { calloc(n ? n : 1, sizeof(long long)), calloc(n ? n : 1, sizeof(char *)), 0, n };
	struct buf sql = { 0 };
	int rc = p && f.ids && f.keys ? CRM_OK : CRM_ERR;

	*missing = 0;
	if (rc == CRM_OK)
		rc = link_sql(k, &sql);
	if (rc == CRM_OK)
		rc = buf_printf(&sql, "x.%s IN (", k->key ? k->key : "id");
	for (unsigned i = 0; rc == CRM_OK && i < n; i++) {
		p[i] = DB_S(values[i]);
		rc = buf_puts(&sql, i ? ", ?" : "?");
	}
	if (rc == CRM_OK)
		rc = buf_puts(&sql, ")");
	/* a choice not offered (deactivated) is no choice, unless the record holds it already */
	if (rc == CRM_OK && offered && k->offer) {
		rc = buf_printf(&sql, " AND (%s OR x.id IN (0", k->offer);
		for (unsigned i = 0; rc == CRM_OK && i < nheld; i++) {
			p[np++] = DB_I(held[i]);
			rc = buf_puts(&sql, ", ?");
		}
		if (rc == CRM_OK)
			rc = buf_puts(&sql, "))");
	}
	/* out of the user's scope is not found: it can neither be chosen nor confirmed to exist */
	if (rc == CRM_OK)
		rc = rec_link_scope(r, k, &sql, p, &np);
	if (rc == CRM_OK && n)
		rc = db_query(r->db, sql.p, p, np, found_row, &f);
	/* each value to its row, as the database matched it (codes without regard to case) */
	for (unsigned i = 0; rc == CRM_OK && i < n; i++) {
		ids[i] = 0;
		for (unsigned j = 0; j < f.n && !ids[i]; j++)
			if (k->key ? !strcasecmp(values[i], f.keys[j]) : strtoll(values[i], NULL, 10) == f.ids[j])
				ids[i] = f.ids[j];
		if (!ids[i])
			(*missing)++;
	}
	for (unsigned j = 0; j < f.n; j++)
		free(f.keys[j]);
	free(f.keys);
	free(f.ids);
	buf_free(&sql);
	free(p);
	return rc;
}

int rec_link_find(struct req *r, const struct rec_link *k, const char *typed, long long *id)
{
	const char *one[] = { typed };
	unsigned missing = 0;

	*id = 0;
	return link_resolve(r, k, one, 1, 0, NULL, 0, id, &missing);
}

int rec_choice_named(struct req *r, const struct rec_link *k, const char *text, long long *id)
{
	const char *cols[LANG_SLOTS + 1] = { k->label_lang[0] ? k->label_lang[0] : k->label, k->label_lang[1],
					     k->label_lang[2], k->code };
	struct db_param p[LANG_SLOTS + 1 + PERM_SCOPE_PARAMS];
	struct buf sql = { 0 };
	char folded[512], col[64];
	unsigned n = 0;
	int rc = text_search_key(text, folded, sizeof(folded));

	*id = 0;
	if (rc == CRM_OK)
		rc = buf_printf(&sql, "SELECT x.id FROM %s x WHERE %s AND (0", k->table, k->where ? k->where : "1 = 1");
	/* folded as the phone book folds (yeh and kaf, ZWNJ, digits, case): a file typed elsewhere still names it */
	for (unsigned c = 0; rc == CRM_OK && c < CRM_ARRAY_LEN(cols); c++) {
		if (!cols[c])
			continue;
		snprintf(col, sizeof(col), "x.%s", cols[c]);
		rc = buf_puts(&sql, " OR ");
		if (rc == CRM_OK)
			rc = text_fold_sql(&sql, col);
		if (rc == CRM_OK)
			rc = buf_puts(&sql, " = ?");
		p[n++] = DB_S(folded);
	}
	if (rc == CRM_OK)
		rc = buf_puts(&sql, ")");
	if (rc == CRM_OK)
		rc = rec_link_scope(r, k, &sql, p, &n);
	if (rc == CRM_OK)
		rc = buf_printf(&sql, " ORDER BY %s%s x.id LIMIT 1", k->offer ? k->offer : "", k->offer ? " DESC," : "");
	if (rc == CRM_OK)
		rc = db_query_int(r->db, sql.p, p, n, id);
	buf_free(&sql);
	if (rc == CRM_ENOTFOUND) {
		*id = 0;
		rc = CRM_OK;
	}
	return rc;
}

int rec_link_name(struct req *r, const struct rec_link *k, long long id, char *out, size_t outlen)
{
	struct db_param p[] = { DB_I(id) };
	struct buf sql = { 0 };
	char label[512];
	int rc = buf_printf(&sql, "SELECT %s FROM %s x WHERE x.id = ?", rec_link_label(r, k, label, sizeof(label)), k->table);

	out[0] = '\0';
	if (rc == CRM_OK)
		rc = db_query_str(r->db, sql.p, p, 1, out, outlen);
	buf_free(&sql);
	return rc == CRM_ENOTFOUND ? CRM_OK : rc;
}

/* Codes typed in one box: separated by spaces, commas, semicolons or lines. */
static unsigned split_codes(char *text, const char **out, unsigned max, int *too_many)
{
	unsigned n = 0;
	char *save = NULL;

	*too_many = 0;
	for (char *tok = strtok_r(text, " \t\r\n,;", &save); tok; tok = strtok_r(NULL, " \t\r\n,;", &save)) {
		if (n == max) {
			*too_many = 1;
			break;
		}
		out[n++] = tok;
	}
	return n;
}

static int read_links(struct req *r, const struct rec_field *f, unsigned i, const struct rec_input *in,
		      struct rec *rec, struct rec_errors *err)
{
	const struct rec_link *k = f->link;
	unsigned max = k->max ? k->max : 64, n, missing = 0;
	const char **vals = calloc(max, sizeof(*vals));
	char *text = NULL;
	long long *held = NULL;
	unsigned nheld = 0;
	int too_many = 0, rc = CRM_OK;

	if (!vals)
		return CRM_ERR;
	if (f->flags & RF_CHOICES) {
		n = (unsigned)in->all(in->ctx, f->input ? f->input : f->name, vals, max);
	} else {
		text = strdup(in->get(in->ctx, f->input ? f->input : f->name) ? in->get(in->ctx, f->input ? f->input : f->name) : "");
		if (!text) {
			free(vals);
			return CRM_ERR;
		}
		n = split_codes(text, vals, max, &too_many);
	}
	if (too_many) {
		rec_error(err, f->name, "records.err.too_many", max);
		goto out;
	}
	/* what the record holds now (an update reads over it) stays choosable though no longer offered */
	held = rec->ids[i];
	nheld = rec->nids[i];
	rec->ids[i] = calloc(n ? n : 1, sizeof(long long));
	rec->nids[i] = 0;
	if (!rec->ids[i]) {
		rc = CRM_ERR;
		goto out;
	}
	rc = link_resolve(r, k, vals, n, (f->flags & RF_CHOICES) != 0, held, nheld, rec->ids[i], &missing);
	if (rc != CRM_OK)
		goto out;
	rec->nids[i] = n;
	if (missing)
		rec_error(err, f->name, f->flags & RF_CHOICES ? "records.err.choice" : "records.err.unknown_codes",
			  missing);
	else if (!n && (f->flags & RF_REQUIRED))
		rec_error(err, f->name, "records.err.required", 0);
	/* what was sent is shown again as typed */
	if (!(f->flags & RF_CHOICES))
		rc = rec_set_slot(&rec->key[i], in->get(in->ctx, f->input ? f->input : f->name));
out:
	free(held);
	free(text);
	free(vals);
	return rc;
}

/* One field of a single value: its canonical text into rec->val[i], or an error. */
static int read_one(struct req *r, const struct rec_field *f, unsigned i, const struct rec_input *in,
		    struct rec *rec, struct rec_errors *err)
{
	const char *name = f->input ? f->input : f->name;
	char *v = trimmed(in->get(in->ctx, name));
	char canon[64];
	const char *store = v;
	size_t chars;
	int rc = CRM_OK;

	if (!v)
		return CRM_ERR;
	chars = utf8_chars(v);
	if (f->type == REC_FLAG) {
		store = in->get(in->ctx, name) ? "1" : "0"; /* a checkbox: absent is off */
		goto keep;
	}
	/* An update reads over the stored record: a link it holds stays as it is when the form sends
	 * it back unchanged (its row may no longer be chosen: deactivated, deleted) or could not show
	 * it (out of the editor's scope: no key), rather than being refused or dropped unseen. */
	if (f->type == REC_LINK && rec->val[i] && rec->val[i][0] &&
	    ((!rec->key[i] && !*v) || (rec->key[i] && !strcasecmp(rec->key[i], v)))) {
		snprintf(canon, sizeof(canon), "%s", rec->val[i]);
		store = canon;
		goto keep;
	}
	if (!*v) {
		if (f->flags & RF_REQUIRED)
			rec_error(err, f->name, "records.err.required", 0);
		store = NULL;
		goto keep;
	}
	switch (f->type) {
	case REC_TEXT:
	case REC_LONGTEXT:
	case REC_EMAIL: {
		size_t max = f->max ? f->max : REC_TEXT_MAX;

		if (chars > max)
			rec_error(err, f->name, "records.err.too_long", (long long)max);
		else if (f->type == REC_TEXT && strpbrk(v, "\r\n"))
			rec_error(err, f->name, "records.err.one_line", 0);
		else if (f->type == REC_EMAIL && !email_ok(v))
			rec_error(err, f->name, "records.err.email", 0);
		else if (f->check && !f->check(v))
			rec_error(err, f->name, f->check_msg ? f->check_msg : "records.err.invalid", 0);
		break;
	}
	case REC_INT: {
		long long minor, n;

		if (chars > 24 || rec_money_parse(v, &minor) != CRM_OK || minor % 100 ||
		    (n = minor / 100) < f->lo || n > f->hi) {
			rec_error(err, f->name, "records.err.number", 0);
			break;
		}
		snprintf(canon, sizeof(canon), "%lld", n);
		store = canon;
		break;
	}
	case REC_MONEY: {
		long long minor;

		if (chars > 32 || rec_money_parse(v, &minor) != CRM_OK) {
			rec_error(err, f->name, "records.err.amount", 0);
			break;
		}
		snprintf(canon, sizeof(canon), "%lld", minor);
		store = canon;
		break;
	}
	case REC_DATE: {
		char iso[11];

		if (chars > 32 || date_parse(v, (enum calendar)r->user.calendar, iso) != CRM_OK) {
			rec_error(err, f->name, "records.err.date", 0);
			break;
		}
		snprintf(canon, sizeof(canon), "%s", iso);
		store = canon;
		break;
	}
	case REC_CHOICE:
		if (!choice_ok(f->arg, v))
			rec_error(err, f->name, "records.err.choice", 0);
		break;
	case REC_LINK: {
		const char *one[] = { v };
		long long id = 0;
		unsigned missing = 0;

		if (chars > 128) {
			rec_error(err, f->name, "records.err.too_long", 128);
			break;
		}
		rc = link_resolve(r, f->link, one, 1, 1, NULL, 0, &id, &missing);
		if (rc == CRM_OK && missing)
			rec_error(err, f->name, (f->flags & RF_CHOICES) ? "records.err.choice" : "records.err.unknown_code", 0);
		snprintf(canon, sizeof(canon), "%lld", id);
		store = canon;
		if (rc == CRM_OK)
			rc = rec_set_slot(&rec->key[i], v); /* shown again as typed */
		break;
	}
	case REC_FLAG:
	case REC_DATETIME:
	case REC_LINKS:
		break;
	}
keep:
	if (rc == CRM_OK)
		rc = rec_set_slot(&rec->val[i], store);
	free(v);
	return rc;
}

int rec_read(struct req *r, const struct rec_entity *e, const struct rec_input *in, int creating, struct rec *rec,
	     struct rec_errors *err)
{
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && i < e->nfields && i < REC_MAX_FIELDS; i++) {
		const struct rec_field *f = &e->fields[i];

		if (!rec_field_typed(r, e, f, creating))
			continue;
		rc = f->type == REC_LINKS ? read_links(r, f, i, in, rec, err) : read_one(r, f, i, in, rec, err);
	}
	if (rc == CRM_OK && e->hooks.validate)
		rc = e->hooks.validate(r, e, rec, creating, err);
	return rc;
}

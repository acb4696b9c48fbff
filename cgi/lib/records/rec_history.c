/* History as a person reads it: each audit row with its time in the user's calendar, who, the
 * action in the user's language, and each changed field by its label with old -> new values as
 * the page shows them; older rows page by keyset. The trail's JSON is read with jansson. */
#include "records/records.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HISTORY_PAGE 20

struct history_ctx {
	struct req *r;
	const struct rec_entity *e;
	const char *prefix;
	int n;
	long long last;
	int more;
	int failed;
};

/* Lang key when it exists, else NULL. */
static const char *lang_if(struct req *r, const char *key)
{
	const char *v = lang_str(r, key);

	return v && strcmp(v, key) ? v : NULL;
}

/* A field's label: the entity's, else <module>.f.<field> or <module>.<field>, else its name. */
static const char *field_label(struct req *r, const struct rec_entity *e, const char *module, const char *field,
			       char *buf, size_t len)
{
	const char *v;
	int i = e ? rec_field_index(e, field) : -1;

	if (i >= 0)
		return rec_field_label(r, e, &e->fields[i]);
	snprintf(buf, len, "%s.f.%s", module, field);
	if ((v = lang_if(r, buf)))
		return v;
	snprintf(buf, len, "%s.%s", module, field);
	if ((v = lang_if(r, buf)))
		return v;
	return field;
}

static int looks_like_date(const char *s)
{
	return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && strspn(s, "0123456789-") == 10;
}

static int looks_like_time(const char *s)
{
	return strlen(s) >= 19 && s[10] == ' ' && s[13] == ':' && looks_like_date((char[11]){ s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], 0 });
}

/* A stored value as the page shows it (records.h). */
int rec_value_text(struct req *r, const struct rec_field *f, const char *v, char *out, size_t outlen)
{
	enum digits d = (enum digits)r->user.digits;
	char key[160];

	out[0] = '\0';
	if (!v)
		return CRM_OK;
	if (f) {
		switch (f->type) {
		case REC_MONEY: {
			long long minor = strtoll(v, NULL, 10);

			/* an amount written before it was kept in minor units ("1250000.00" in old audit rows) */
			if (strchr(v, '.') && rec_money_parse(v, &minor) != CRM_OK)
				break;
			return rec_money_format(minor, d, out, outlen);
		}
		case REC_FLAG:
			snprintf(out, outlen, "%s", lang_str(r, v[0] == '1' ? "records.yes" : "records.no"));
			return CRM_OK;
		case REC_CHOICE:
			snprintf(key, sizeof(key), "%s.%s", f->choices ? f->choices : "", v);
			snprintf(out, outlen, "%s", f->choices ? lang_str(r, key) : v);
			return CRM_OK;
		case REC_INT:
			return digits_localize(v, d, out, outlen);
		default:
			break;
		}
	}
	if (looks_like_date(v))
		return date_format(v, (enum calendar)r->user.calendar, d, out, outlen);
	if (looks_like_time(v))
		return datetime_format(v, r->cfg->timezone, (enum calendar)r->user.calendar, d, out, outlen);
	snprintf(out, outlen, "%s", v);
	return CRM_OK;
}

static const char *json_text(json_t *v, char *buf, size_t len)
{
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, len, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	if (json_is_true(v) || json_is_false(v))
		return json_is_true(v) ? "1" : "0";
	return NULL;
}

/* prefix.N.changes.M.{label,old,new} from {"field":{"old":..,"new":..}}; other keys as facts. */
static int details_hdf(struct history_ctx *h, const char *module, const char *details, int row)
{
	json_error_t jerr;
	json_t *root = json_loads(details, 0, &jerr), *v;
	const char *field;
	char key[160], label[160], a[1024], b[1024], n1[32], n2[32];
	int m = 0, rc = CRM_OK;

	if (!root || !json_is_object(root)) {
		json_decref(root);
		snprintf(key, sizeof(key), "%s.%d.raw", h->prefix, row);
		return details[0] ? hdf_put(h->r, key, details) : CRM_OK;
	}
	json_object_foreach(root, field, v)
	{
		int fi = h->e ? rec_field_index(h->e, field) : -1;
		const struct rec_field *f = fi >= 0 ? &h->e->fields[fi] : NULL;
		const char *lab = field_label(h->r, h->e, module, field, label, sizeof(label));
		int change = json_is_object(v) && (json_object_get(v, "old") || json_object_get(v, "new"));

		if (change) {
			rc = rec_value_text(h->r, f, json_text(json_object_get(v, "old"), n1, sizeof(n1)), a, sizeof(a));
			if (rc == CRM_OK)
				rc = rec_value_text(h->r, f, json_text(json_object_get(v, "new"), n2, sizeof(n2)), b, sizeof(b));
		} else {
			a[0] = '\0';
			rc = rec_value_text(h->r, f, json_text(v, n2, sizeof(n2)), b, sizeof(b));
		}
		/* a link's rows the reader may not see: its audit row keeps names they are not shown */
		if (rc == CRM_OK && f && f->link && f->link->scope &&
		    perm_scope_narrows(&h->r->user, f->link->scope_module, "view", f->link->scope)) {
			if (a[0])
				snprintf(a, sizeof(a), "%s", lang_str(h->r, "records.out_of_scope"));
			if (b[0])
				snprintf(b, sizeof(b), "%s", lang_str(h->r, "records.out_of_scope"));
		}
		if (rc != CRM_OK)
			break;
#define PUT(what, val)                                                                   \
	do {                                                                             \
		snprintf(key, sizeof(key), "%s.%d.changes.%d." what, h->prefix, row, m); \
		if ((rc = hdf_put(h->r, key, (val))) != CRM_OK)                          \
			goto out;                                                        \
	} while (0)
		PUT("label", lab);
		PUT("old", a);
		PUT("new", b);
		PUT("change", change ? "1" : "0");
#undef PUT
		m++;
	}
out:
	json_decref(root);
	return rc;
}

static int history_row(void *ctx, const struct db_row *row)
{
	struct history_ctx *h = ctx;
	char key[160], label[96];
	const char *action = row->values[5] ? row->values[5] : "", *module = row->values[4] ? row->values[4] : "";

	if (h->n == HISTORY_PAGE) {
		h->more = 1;
		return CRM_OK;
	}
	h->last = strtoll(row->values[0], NULL, 10);
	snprintf(key, sizeof(key), "%s.%d.at", h->prefix, h->n);
	h->failed |= hdf_set_datetime(h->r, key, row->values[1] ? row->values[1] : "") != CRM_OK;
	snprintf(key, sizeof(key), "%s.%d.user", h->prefix, h->n);
	h->failed |= hdf_put(h->r, key, row->values[2] ? row->values[2] : "") != CRM_OK;
	snprintf(key, sizeof(key), "%s.%d.ip", h->prefix, h->n);
	h->failed |= hdf_put(h->r, key, row->values[3] ? row->values[3] : "") != CRM_OK;
	snprintf(key, sizeof(key), "%s.%d.action", h->prefix, h->n);
	h->failed |= hdf_put(h->r, key, action) != CRM_OK;
	snprintf(label, sizeof(label), "audit_action.%s", action);
	snprintf(key, sizeof(key), "%s.%d.action_label", h->prefix, h->n);
	h->failed |= hdf_put(h->r, key, lang_if(h->r, label) ? lang_if(h->r, label) : action) != CRM_OK;
	snprintf(key, sizeof(key), "%s.%d.details", h->prefix, h->n);
	h->failed |= hdf_put(h->r, key, row->values[6] ? row->values[6] : "") != CRM_OK;
	h->failed |= details_hdf(h, module, row->values[6] ? row->values[6] : "", h->n) != CRM_OK;
	h->n++;
	return CRM_OK;
}

int rec_history_hdf(struct req *r, const struct rec_entity *e, const char *table, long long record_id,
		    const char *prefix)
{
	struct db_param p[3] = { DB_S(table), DB_I(record_id) };
	struct history_ctx h = { r, e, prefix, 0, 0, 0, 0 };
	long long before = 0;
	unsigned n = 2;
	char key[160], url[1200];
	int rc;

	/* a malformed position is the first page, not an error page on a record */
	if (req_int(r, "history_before", 1, INT64_MAX, &before) == CRM_OK)
		p[n++] = DB_I(before);
	rc = db_query(r->db,
		      before ? "SELECT a.id, a.at, COALESCE(u.display_name, ''), a.ip, a.module, a.action, a.details "
			       "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
			       "WHERE a.table_name = ? AND a.record_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT 21"
			     : "SELECT a.id, a.at, COALESCE(u.display_name, ''), a.ip, a.module, a.action, a.details "
			       "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
			       "WHERE a.table_name = ? AND a.record_id = ? ORDER BY a.id DESC LIMIT 21",
		      p, n, history_row, &h);
	if (rc == CRM_OK && h.failed)
		rc = CRM_ERR;
	if (rc == CRM_OK && h.more) {
		/* the same page, further back: the trail's own keyset */
		snprintf(url, sizeof(url), "%s?id=%lld&history_before=%lld#%s", e ? e->record_url : r->path, record_id, h.last,
			 "history");
		snprintf(key, sizeof(key), "%s_older", prefix);
		rc = hdf_put(r, key, url);
	}
	if (rc == CRM_OK && before) {
		snprintf(url, sizeof(url), "%s?id=%lld#history", e ? e->record_url : r->path, record_id);
		snprintf(key, sizeof(key), "%s_newest", prefix);
		rc = hdf_put(r, key, url);
	}
	return rc;
}

int audit_history_hdf(struct req *r, const char *table, long long record_id, const char *prefix)
{
	return rec_history_hdf(r, NULL, table, record_id, prefix);
}

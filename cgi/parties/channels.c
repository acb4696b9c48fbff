/* Contact channels and relations on a party's record page. */
#include "audit/audit.h"
#include "i18n/i18n.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct channel {
	long long party_id, id;
	char type[10], label[65], value[501], country[5], area[9], ext[9];
	char lat[16], lng[16];
	int primary;
};

static int valid_type(const char *t)
{
	static const char *const types[] = { "phone", "fax", "mobile", "email", "website", "address" };

	for (size_t i = 0; i < CRM_ARRAY_LEN(types); i++)
		if (!strcmp(t, types[i]))
			return 1;
	return 0;
}

static int digits_only(const char *s, size_t max)
{
	size_t n = strlen(s);

	return n <= max && strspn(s, "0123456789") == n;
}

/* A coordinate in [-limit, limit] with up to six decimals. */
static int coordinate_ok(const char *s, double limit)
{
	char *end;
	double v = strtod(s, &end);

	return *s && !*end && v >= -limit && v <= limit && strlen(s) < 16;
}

static int value_ok(const struct channel *c)
{
	char key[64];

	if (!strcmp(c->type, "email")) {
		const char *at = strchr(c->value, '@');

		return at && at != c->value && strchr(at + 1, '.') && !strchr(c->value, ' ') && !strchr(at + 1, '@');
	}
	if (!strcmp(c->type, "website"))
		return (!strncmp(c->value, "http://", 7) || !strncmp(c->value, "https://", 8)) && !strchr(c->value, ' ') &&
		       strlen(c->value) > 10;
	if (!strcmp(c->type, "address"))
		return 1;
	return phone_search_key(c->value, key, sizeof(key)) == CRM_OK;
}

struct add_tx {
	struct req *r;
	struct channel *c;
};

static int add_tx_run(struct db *db, void *ctx)
{
	struct add_tx *t = ctx;
	struct channel *c = t->c;
	struct db_param clear[] = { DB_I(c->party_id), DB_S(c->type) };
	struct db_param p[] = { DB_I(c->party_id), DB_S(c->type), DB_S(c->label), DB_S(c->value), DB_S(c->country),
				DB_S(c->area), DB_S(c->ext), c->lat[0] ? DB_S(c->lat) : DB_NUL,
				c->lng[0] ? DB_S(c->lng) : DB_NUL, DB_I(c->primary) };
	struct db_param touch[] = { DB_I(c->party_id) };
	struct buf d = { 0 };
	struct audit_change ch[] = { { "channel_type", NULL, c->type }, { "channel", NULL, c->value } };
	uint64_t id = 0;
	unsigned changed;
	int rc = CRM_OK;

	/* one primary per type */
	if (c->primary)
		rc = db_exec(db, "UPDATE party_channels SET is_primary = 0 WHERE party_id = ? AND type = ?", clear, 2, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_exec(db, "INSERT INTO party_channels (party_id, type, label, value, country_code, area_code, extension, "
				 "latitude, longitude, is_primary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     p, 10, NULL, &id);
	if (rc == CRM_OK)
		rc = db_exec(db, "UPDATE parties SET version = version + 1, updated_at = UTC_TIMESTAMP() WHERE id = ?", touch, 1,
			     NULL, NULL);
	if (rc == CRM_OK)
		rc = party_derived_rebuild(db, c->party_id, t->r->cfg->default_country_code);
	if (rc == CRM_OK)
		rc = audit_diff_json(&d, ch, 2, &changed);
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, "parties", c->party_id, "channel_add", d.p);
	buf_free(&d);
	return rc;
}

static int back(struct req *r, long long id, const char *flag)
{
	char next[96];

	snprintf(next, sizeof(next), "/parties/party?id=%lld%s", id, flag);
	return resp_redirect(r, next);
}

int channel_add(struct req *r)
{
	struct channel c = { 0 };
	struct add_tx t = { r, &c };
	int rc;

	if (req_int(r, "party_id", 1, INT64_MAX, &c.party_id) != CRM_OK ||
	    req_text(r, "type", 9, c.type, sizeof(c.type)) != CRM_OK || !valid_type(c.type))
		return reply_error(r, 400);
	rc = party_db_load(r, c.party_id, "edit");
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	rc = req_text(r, "value", 500, c.value, sizeof(c.value));
	if (rc == CRM_ETOOBIG)
		form_too_long(r, "value", 500);
	else if (rc != CRM_OK)
		form_error(r, "value", "parties.err.required");
	if (req_text(r, "label", 64, c.label, sizeof(c.label)) == CRM_ETOOBIG)
		form_too_long(r, "label", 64);
	if (req_text(r, "country_code", 4, c.country, sizeof(c.country)) == CRM_ETOOBIG || !digits_only(c.country, 4) ||
	    req_text(r, "area_code", 8, c.area, sizeof(c.area)) == CRM_ETOOBIG || !digits_only(c.area, 8) ||
	    req_text(r, "extension", 8, c.ext, sizeof(c.ext)) == CRM_ETOOBIG || !digits_only(c.ext, 8))
		form_error(r, "value", "parties.err.phone");
	if ((req_text(r, "latitude", 15, c.lat, sizeof(c.lat)) == CRM_OK && !coordinate_ok(c.lat, 90)) ||
	    (req_text(r, "longitude", 15, c.lng, sizeof(c.lng)) == CRM_OK && !coordinate_ok(c.lng, 180)))
		form_error(r, "value", "parties.err.coordinates");
	if (c.value[0] && !value_ok(&c))
		form_error(r, "value", !strcmp(c.type, "email") ? "parties.err.email" : !strcmp(c.type, "website") ? "parties.err.website" : "parties.err.phone");
	c.primary = req_param(r, "primary") != NULL;
	if (form_failed(r)) {
		/* the record page shows the message; nothing was saved */
		r->status = 422;
		if (hdf_put(r, "ChannelForm.type", c.type) || hdf_put(r, "ChannelForm.value", req_param(r, "value")))
			return reply_error(r, 500);
		return party_view(r);
	}
	rc = db_transaction(r->db, add_tx_run, &t);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return back(r, c.party_id, "&saved=1");
}

struct del_tx {
	struct req *r;
	long long party_id, id;
};

static int del_tx_run(struct db *db, void *ctx)
{
	struct del_tx *t = ctx;
	struct db_param p[] = { DB_I(t->id), DB_I(t->party_id) };
	struct db_param touch[] = { DB_I(t->party_id) };
	char value[501];
	uint64_t n = 0;
	int rc = db_query_str(db, "SELECT value FROM party_channels WHERE id = ? AND party_id = ?", p, 2, value, sizeof(value));

	if (rc == CRM_OK)
		rc = db_exec(db, "DELETE FROM party_channels WHERE id = ? AND party_id = ?", p, 2, &n, NULL);
	if (rc == CRM_OK)
		rc = db_exec(db, "UPDATE parties SET version = version + 1, updated_at = UTC_TIMESTAMP() WHERE id = ?", touch, 1,
			     NULL, NULL);
	if (rc == CRM_OK)
		rc = party_derived_rebuild(db, t->party_id, t->r->cfg->default_country_code);
	if (rc == CRM_OK) {
		struct audit_change ch[] = { { "channel", value, NULL } };
		struct buf d = { 0 };
		unsigned changed;

		rc = audit_diff_json(&d, ch, 1, &changed);
		if (rc == CRM_OK)
			rc = audit_write(t->r, 0, "parties", t->party_id, "channel_delete", d.p);
		buf_free(&d);
	}
	return rc;
}

int channel_delete(struct req *r)
{
	struct del_tx t = { r, 0, 0 };
	int rc;

	if (req_int(r, "party_id", 1, INT64_MAX, &t.party_id) != CRM_OK || req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, t.party_id, "edit");
	if (rc == CRM_OK)
		rc = db_transaction(r->db, del_tx_run, &t);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return back(r, t.party_id, "&saved=1");
}

struct rel_tx {
	struct req *r;
	long long from, to, type;
};

static int rel_tx_run(struct db *db, void *ctx)
{
	struct rel_tx *t = ctx;
	struct db_param p[] = { DB_I(t->from), DB_I(t->to), DB_I(t->type) };
	uint64_t id = 0;
	char details[128];
	int rc = db_exec(db, "INSERT INTO party_relations (from_party_id, to_party_id, relation_id) "
			     "SELECT ?, ?, id FROM lookups WHERE id = ? AND kind = 'relation'",
			 p, 3, NULL, &id);

	if (rc != CRM_OK)
		return rc;
	if (!id)
		return CRM_EINVAL;
	snprintf(details, sizeof(details), "{\"to\":%lld,\"relation\":%lld}", t->to, t->type);
	rc = audit_write(t->r, 0, "parties", t->from, "relation_add", details);
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, "parties", t->to, "relation_add", details);
	return rc;
}

int relation_add(struct req *r)
{
	struct rel_tx t = { r, 0, 0, 0 };
	int rc;

	if (req_int(r, "party_id", 1, INT64_MAX, &t.from) != CRM_OK || req_int(r, "relation", 1, INT64_MAX, &t.type) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, t.from, "edit");
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	/* the other party is named by code, and must be one the user may see */
	char code[33];
	struct db_param pc[] = { DB_S(code) };
	long long other = 0;

	if (req_text(r, "other_code", 32, code, sizeof(code)) != CRM_OK ||
	    db_query_int(r->db, "SELECT id FROM parties WHERE code = ? AND is_deleted = 0", pc, 1, &other) != CRM_OK ||
	    other == t.from || party_db_load(r, other, "view") != CRM_OK) {
		form_error(r, "other_code", "parties.err.no_such_party");
		r->status = 422;
		hdf_remove_tree(r->hdf, "Party");
		hdf_remove_tree(r->hdf, "Found");
		return party_view(r);
	}
	t.to = other;
	hdf_remove_tree(r->hdf, "Party");
	hdf_remove_tree(r->hdf, "Found");
	rc = db_transaction(r->db, rel_tx_run, &t);
	if (rc == CRM_ECONFLICT || rc == CRM_EINVAL)
		return reply_error(r, rc == CRM_ECONFLICT ? 409 : 400);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return back(r, t.from, "&saved=1");
}

struct rel_del_tx {
	struct req *r;
	long long party_id, id;
};

static int rel_row(void *ctx, const struct db_row *row)
{
	struct rel_tx *x = ctx;

	x->from = strtoll(row->values[0], NULL, 10);
	x->to = strtoll(row->values[1], NULL, 10);
	x->type = strtoll(row->values[2], NULL, 10);
	return CRM_OK;
}

static int rel_del_tx_run(struct db *db, void *ctx)
{
	struct rel_del_tx *t = ctx;
	struct db_param p[] = { DB_I(t->id), DB_I(t->party_id), DB_I(t->party_id) };
	struct rel_tx x = { t->r, 0, 0, 0 };
	char details[128];
	int rc = db_query(db, "SELECT from_party_id, to_party_id, relation_id FROM party_relations "
			      "WHERE id = ? AND (from_party_id = ? OR to_party_id = ?) FOR UPDATE",
			  p, 3, rel_row, &x);

	if (rc == CRM_OK && !x.from)
		return CRM_ENOTFOUND;
	if (rc == CRM_OK)
		rc = db_exec(db, "DELETE FROM party_relations WHERE id = ?", p, 1, NULL, NULL);
	if (rc != CRM_OK)
		return rc;
	/* on both records, as the relation showed on both */
	snprintf(details, sizeof(details), "{\"to\":%lld,\"relation\":%lld}", x.to, x.type);
	rc = audit_write(t->r, 0, "parties", x.from, "relation_delete", details);
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, "parties", x.to, "relation_delete", details);
	return rc;
}

/* POST /parties/relation/delete: party_id (either side), id */
int relation_delete(struct req *r)
{
	struct rel_del_tx t = { r, 0, 0 };
	int rc;

	if (req_int(r, "party_id", 1, INT64_MAX, &t.party_id) != CRM_OK || req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, t.party_id, "edit");
	if (rc == CRM_OK)
		rc = db_transaction(r->db, rel_del_tx_run, &t);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return back(r, t.party_id, "&saved=1");
}

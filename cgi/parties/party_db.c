/* SQL for parties: loads carry the user's record scope; saves run in one
 * transaction with their search terms and audit row. */
#include "audit/audit.h"
#include "i18n/i18n.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int party_db_load(struct req *r, long long id, const char *action)
{
	struct buf sql = { 0 };
	struct db_param p[2 + PERM_SCOPE_PARAMS];
	unsigned n = 0;
	int rows = 0, rc;

	p[n++] = DB_I(r->user.id);
	p[n++] = DB_I(id);
	buf_puts(&sql, "SELECT p.id, p.kind, p.code, p.display_name, p.national_id, p.is_active, p.is_deleted, p.priority, "
		       "p.source_id, COALESCE(p.notes, '') AS notes, p.created_at, p.updated_at, p.version, "
		       "pe.title_id, pe.first_name, pe.last_name, pe.birth_date, co.company_type_id, co.economic_code, "
		       "co.registration_no, EXISTS (SELECT 1 FROM party_stars s WHERE s.party_id = p.id AND s.user_id = ?) "
		       "AS starred, p.icon, p.color, co.color_from_rank");
	/* the details are the records engine's (party_details.c): the page asks it for them */
	buf_puts(&sql, " FROM parties p LEFT JOIN persons pe ON pe.party_id = p.id "
		       "LEFT JOIN companies co ON co.party_id = p.id WHERE p.id = ?");
	if (strcmp(action, "purge") != 0)
		buf_puts(&sql, " AND p.is_deleted = 0");
	rc = perm_scope_sql(&r->user, "parties", action, &party_scope, &sql, p, &n);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, sql.p, p, n, r->hdf, "Found", &rows);
	buf_free(&sql);
	if (rc != CRM_OK)
		return rc;
	if (rows == 0)
		return CRM_ENOTFOUND; /* absent, or outside the user's scope: the same answer */
	NEOERR *err = hdf_copy(r->hdf, "Party", hdf_get_obj(r->hdf, "Found.0"));

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	if (hdf_set_date(r, "Party.birth_date_text", hdf_get_value(r->hdf, "Party.birth_date", "")) != CRM_OK ||
	    hdf_set_datetime(r, "Party.created_text", hdf_get_value(r->hdf, "Party.created_at", "")) != CRM_OK ||
	    hdf_set_datetime(r, "Party.updated_text", hdf_get_value(r->hdf, "Party.updated_at", "")) != CRM_OK)
		return CRM_ERR;
	return CRM_OK;
}

/* What lists and search show: a company's name, a person's first and last names. */
static void display_name(const struct party_input *in, char *out, size_t outlen)
{
	if (!strcmp(in->kind, "company"))
		snprintf(out, outlen, "%s", PARTY_IN(in, "display_name"));
	else if (PARTY_IN(in, "first_name")[0])
		snprintf(out, outlen, "%s %s", PARTY_IN(in, "first_name"), PARTY_IN(in, "last_name"));
	else
		snprintf(out, outlen, "%s", PARTY_IN(in, "last_name"));
}

static struct db_param opt_id(long long id)
{
	return id > 0 ? DB_I(id) : DB_NUL;
}

struct party_tx {
	struct req *r;
	struct party_input *in;
};

/* The parent company, checked under lock; a cycle or a tree too deep is the form's error
 * (parent_cycle), and the transaction rolls back. */
static int parent_check(struct db *db, struct party_input *in)
{
	int rc;

	if (!in->parent_id)
		return CRM_OK;
	rc = hierarchy_parent_check(db, in->id, in->parent_id);
	if (rc == CRM_EINVAL || rc == CRM_ETOOBIG || rc == CRM_ENOTFOUND) {
		/* ENOTFOUND: the parent was purged since the form was checked */
		in->parent_cycle = rc == CRM_ETOOBIG ? 2 : rc == CRM_ENOTFOUND ? 3 : 1;
		return CRM_EINVAL;
	}
	return rc;
}

static int party_create_tx(struct db *db, void *ctx)
{
	struct party_tx *t = ctx;
	struct party_input *in = t->in;
	char name[256], norm[512];
	uint64_t id = 0;
	int rc = CRM_OK;

	if (!in->code[0]) {
		long long next;

		rc = db_query_int(db, "SELECT NEXTVAL(party_code_seq)", NULL, 0, &next);
		if (rc != CRM_OK)
			return rc;
		snprintf(in->code, sizeof(in->code), "%lld", next);
	}
	display_name(in, name, sizeof(name));
	if (text_normalize(name, norm, sizeof(norm)) != CRM_OK)
		return CRM_EINVAL;
	struct db_param p[] = { DB_S(in->kind), DB_S(in->code), DB_S(name), DB_S(norm), DB_I(t->r->user.id) };
	rc = db_exec(db, "INSERT INTO parties (kind, code, display_name, name_norm, created_by) VALUES (?, ?, ?, LEFT(?, 255), ?)",
		     p, 5, NULL, &id);
	if (rc != CRM_OK)
		return rc;
	in->id = (long long)id;
	/* the rows the records engine then writes the names and details into */
	if (!strcmp(in->kind, "person")) {
		struct db_param q[] = { DB_I(in->id) };

		rc = db_exec(db, "INSERT INTO persons (party_id, first_name, last_name) VALUES (?, '', '')", q, 1, NULL, NULL);
	} else {
		struct db_param q[] = { DB_I(in->id), opt_id(in->parent_id) };

		rc = parent_check(db, in);
		if (rc == CRM_OK)
			rc = db_exec(db, "INSERT INTO companies (party_id, parent_id) VALUES (?, ?)", q, 2, NULL, NULL);
	}
	struct rec_write w;

	memset(&w, 0, sizeof(w)); /* freed on every path, written or not */
	in->details.id = in->id;
	if (rc == CRM_OK)
		rc = rec_write_fields(t->r, db, in->details_e, &in->details, 1, &w);
	if (rc == CRM_OK && in->first_mobile[0]) {
		struct db_param q[] = { DB_I(in->id), DB_S(in->first_mobile) };

		rc = db_exec(db, "INSERT INTO party_channels (party_id, type, value, is_primary) VALUES (?, 'mobile', ?, 1)",
			     q, 2, NULL, NULL);
	}
	if (rc == CRM_OK && in->first_email[0]) {
		struct db_param q[] = { DB_I(in->id), DB_S(in->first_email) };

		rc = db_exec(db, "INSERT INTO party_channels (party_id, type, value, is_primary) VALUES (?, 'email', ?, 1)",
			     q, 2, NULL, NULL);
	}
	if (rc == CRM_OK)
		rc = party_derived_rebuild(db, in->id, t->r->cfg->default_country_code);
	if (rc != CRM_OK) {
		rec_write_free(&w);
		return rc;
	}
	struct audit_change c[] = { { "kind", NULL, in->kind }, { "mobile", NULL, in->first_mobile },
				    { "email", NULL, in->first_email }, { "code", NULL, in->code }, { "name", NULL, name },
				    { "parent", NULL, in->parent_code } };
	struct audit_change all[CRM_ARRAY_LEN(c) + REC_MAX_FIELDS];
	unsigned n = CRM_ARRAY_LEN(c);

	memcpy(all, c, sizeof(c));
	memcpy(all + n, w.c, w.n * sizeof(w.c[0]));
	n += w.n;
	rc = audit_write_changes(t->r, "parties", in->id, "insert", all, n);
	rec_write_free(&w);
	return rc;
}

int party_db_insert(struct req *r, struct party_input *in)
{
	struct party_tx t = { r, in };

	return party_create_tx(r->db, &t);
}

int party_db_create(struct req *r, struct party_input *in)
{
	struct party_tx t = { r, in };

	return db_transaction(r->db, party_create_tx, &t);
}

struct stored {
	int found;
	long long version;
	char code[33], name[256];
};

static int stored_row(void *ctx, const struct db_row *row)
{
	struct stored *s = ctx;

	s->found = 1;
	s->version = strtoll(row->values[0], NULL, 10);
	snprintf(s->code, sizeof(s->code), "%s", row->values[1]);
	snprintf(s->name, sizeof(s->name), "%s", row->values[2]);
	return CRM_OK;
}

/* an update reads its input, and says when the parent company was refused */
struct party_update_tx {
	struct req *r;
	struct party_input *in;
};

static int party_update_tx(struct db *db, void *ctx)
{
	struct party_update_tx *t = ctx;
	struct party_input *in = t->in;
	struct stored s = { 0 };
	char name[256], norm[512];
	char parent0[33] = "";
	struct db_param id[] = { DB_I(in->id) };
	int rc;

	rc = db_query(db, "SELECT p.version, p.code, p.display_name FROM parties p WHERE p.id = ? FOR UPDATE", id, 1,
		      stored_row, &s);
	if (rc != CRM_OK)
		return rc;
	if (!s.found)
		return CRM_ENOTFOUND;
	if (s.version != in->version)
		return CRM_ECONFLICT;
	struct rec_write w;

	memset(&w, 0, sizeof(w)); /* freed on every path, written or not */

	display_name(in, name, sizeof(name));
	if (text_normalize(name, norm, sizeof(norm)) != CRM_OK)
		return CRM_EINVAL;
	struct db_param p[] = { DB_S(in->code), DB_S(name), DB_S(norm), DB_I(in->id) };
	rc = db_exec(db, "UPDATE parties SET code = ?, display_name = ?, name_norm = LEFT(?, 255), "
			 "updated_at = UTC_TIMESTAMP(), version = version + 1 WHERE id = ?",
		     p, 4, NULL, NULL);
	if (rc == CRM_OK && !strcmp(in->kind, "company")) {
		if (rc == CRM_OK && in->parent_given)
			rc = hierarchy_parent_code(db, in->id, parent0, sizeof(parent0));
		if (rc == CRM_OK && in->parent_given)
			rc = parent_check(db, in);
		if (rc == CRM_OK && in->parent_given) {
			struct db_param pp[] = { opt_id(in->parent_id), DB_I(in->id) };

			rc = db_exec(db, "UPDATE companies SET parent_id = ? WHERE party_id = ?", pp, 2, NULL, NULL);
		}
	}
	in->details.id = in->id;
	if (rc == CRM_OK)
		rc = rec_write_fields(t->r, db, in->details_e, &in->details, 0, &w);
	if (rc == CRM_OK)
		rc = party_derived_rebuild(db, in->id, t->r->cfg->default_country_code);
	if (rc != CRM_OK) {
		rec_write_free(&w);
		return rc;
	}
	struct audit_change c[] = { { "code", s.code, in->code }, { "name", s.name, name },
				    { "parent", parent0, in->parent_given ? in->parent_code : parent0 } };
	struct audit_change all[CRM_ARRAY_LEN(c) + REC_MAX_FIELDS];
	unsigned n = CRM_ARRAY_LEN(c);

	memcpy(all, c, sizeof(c));
	memcpy(all + n, w.c, w.n * sizeof(w.c[0]));
	n += w.n;
	rc = audit_write_changes(t->r, "parties", in->id, "update", all, n);
	rec_write_free(&w);
	return rc;
}

int party_db_update(struct req *r, struct party_input *in)
{
	struct party_update_tx t = { r, in };

	return db_transaction(r->db, party_update_tx, &t);
}


int party_db_duplicates(struct req *r, const struct party_input *in, const char *phone, const char *email, int *count)
{
	char phone_key[64] = "", email_key[256] = "";
	struct buf sql = { 0 }, match = { 0 }, any = { 0 };
	struct db_param p[8 + 2 * 4 + PERM_SCOPE_PARAMS], mp[4];
	unsigned n = 0, nm = 0;
	int rc = CRM_OK;

	/* Only the fields given are compared: an empty value matches nothing. */
	if (phone && phone[0] &&
	    phone_stored_key("", "", phone, r->cfg->default_country_code, phone_key, sizeof(phone_key)) != CRM_OK)
		phone_key[0] = '\0';
	if (email && email[0] && text_search_key(email, email_key, sizeof(email_key)) != CRM_OK)
		email_key[0] = '\0';
	/* each condition twice: in the WHERE as ORs the optimizer reads from their indexes,
	 * and in a CASE that says which one matched */
	if (in->code[0]) {
		buf_puts(&any, " OR p.code = ?");
		buf_puts(&match, " WHEN p.code = ? THEN 'code'");
		mp[nm++] = DB_S(in->code);
	}
	if (PARTY_IN(in, "national_id")[0]) {
		buf_puts(&any, " OR p.national_id = ?");
		buf_puts(&match, " WHEN p.national_id = ? THEN 'national_id'");
		mp[nm++] = DB_S(PARTY_IN(in, "national_id"));
	}
	if (phone_key[0]) {
		buf_puts(&any, " OR p.id IN (SELECT party_id FROM party_search WHERE kind = 'p' AND term = ?)");
		buf_puts(&match, " WHEN p.id IN (SELECT party_id FROM party_search WHERE kind = 'p' AND term = ?) THEN 'mobile'");
		mp[nm++] = DB_S(phone_key);
	}
	if (email_key[0]) {
		buf_puts(&any, " OR p.id IN (SELECT party_id FROM party_search WHERE kind = 'e' AND term = ?)");
		buf_puts(&match, " WHEN p.id IN (SELECT party_id FROM party_search WHERE kind = 'e' AND term = ?) THEN 'email'");
		mp[nm++] = DB_S(email_key);
	}
	*count = 0;
	if (!nm)
		goto out;
	/* A record out of the user's scope is reported without its name or code: only that one exists. */
	buf_puts(&sql, "SELECT IF(d.visible, d.id, 0) AS id, IF(d.visible, d.code, '') AS code, "
		       "IF(d.visible, d.display_name, '') AS display_name, d.visible, d.matched FROM (SELECT p.id, p.code, "
		       "p.display_name, (1 = 1");
	rc = perm_scope_sql(&r->user, "parties", "view", &party_scope, &sql, p, &n);
	if (rc == CRM_OK)
		rc = buf_printf(&sql, ") AS visible, CASE%s END AS matched FROM parties p WHERE p.is_deleted = 0 AND p.id <> ? "
				      "AND (1 = 0%s) LIMIT 10) d",
				match.p, any.p);
	for (unsigned i = 0; i < nm; i++)
		p[n++] = mp[i];
	p[n++] = DB_I(in->id);
	for (unsigned i = 0; i < nm; i++)
		p[n++] = mp[i];
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, sql.p, p, n, r->hdf, "Dup", count);
out:
	buf_free(&sql);
	buf_free(&match);
	buf_free(&any);
	return rc;
}

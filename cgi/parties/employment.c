/* POST /parties/employment/add and /delete: a person works at companies, each with a position. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct job_tx {
	struct req *r;
	long long person, company, id;
	char position[4 * 128 + 1];
	char company_code[33];
};

static int add_tx(struct db *db, void *ctx)
{
	struct job_tx *t = ctx;
	struct db_param p[] = { DB_I(t->person), DB_I(t->company), DB_S(t->position) };
	struct audit_change c[] = { { "employer", NULL, t->company_code }, { "position", NULL, t->position } };
	int rc = db_exec(db, "INSERT INTO employments (person_id, company_id, position) VALUES (?, ?, ?)", p, 3, NULL, NULL);

	if (rc == CRM_OK)
		rc = audit_write_changes(t->r, "parties", t->person, "employment_add", c, 2);
	if (rc == CRM_OK)
		rc = audit_write_changes(t->r, "parties", t->company, "employment_add", c, 2);
	return rc;
}

static int back(struct req *r, long long id)
{
	char next[64];

	snprintf(next, sizeof(next), "/parties/party?id=%lld&saved=1", id);
	return resp_redirect(r, next);
}

static int again(struct req *r, const char *error_key)
{
	form_error(r, "employment", error_key);
	r->status = 422;
	hdf_remove_tree(r->hdf, "Party");
	hdf_remove_tree(r->hdf, "Found");
	return party_view(r);
}

int employment_add(struct req *r)
{
	struct job_tx t = { r, 0, 0, 0, "", "" };
	int rc;

	if (req_int(r, "party_id", 1, INT64_MAX, &t.person) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, t.person, "edit");
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (strcmp(hdf_get_value(r->hdf, "Party.kind", ""), "person"))
		return reply_error(r, 400);
	if (req_text(r, "position", 128, t.position, sizeof(t.position)) == CRM_ETOOBIG)
		return again(r, "parties.err.too_long");
	if (req_text(r, "company_code", 32, t.company_code, sizeof(t.company_code)) != CRM_OK ||
	    party_company_in_scope(r, t.company_code, &t.company) != CRM_OK)
		return again(r, "parties.err.no_such_company");
	rc = db_transaction(r->db, add_tx, &t);
	if (rc == CRM_ECONFLICT)
		return again(r, "parties.err.employment_exists");
	return rc == CRM_OK ? back(r, t.person) : reply_db_error(r, rc);
}

static int delete_tx(struct db *db, void *ctx)
{
	struct job_tx *t = ctx;
	struct db_param p[] = { DB_I(t->id), DB_I(t->person) };
	char company[40] = "";
	uint64_t n = 0;
	int rc = db_query_str(db, "SELECT c.code FROM employments e JOIN parties c ON c.id = e.company_id "
				  "WHERE e.id = ? AND e.person_id = ?", p, 2, company, sizeof(company));
	struct audit_change c[] = { { "employer", company, NULL } };

	if (rc == CRM_OK)
		rc = db_exec(db, "DELETE FROM employments WHERE id = ? AND person_id = ?", p, 2, &n, NULL);
	if (rc == CRM_OK)
		rc = audit_write_changes(t->r, "parties", t->person, "employment_delete", c, 1);
	return rc;
}

int employment_delete(struct req *r)
{
	struct job_tx t = { r, 0, 0, 0, "", "" };
	int rc;

	if (req_int(r, "party_id", 1, INT64_MAX, &t.person) != CRM_OK || req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, t.person, "edit");
	if (rc == CRM_OK)
		rc = db_transaction(r->db, delete_tx, &t);
	return rc == CRM_OK ? back(r, t.person) : reply_db_error(r, rc);
}

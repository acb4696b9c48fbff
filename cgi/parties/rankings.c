/* POST /parties/ranking/add: a manual rank for a period; earlier ranks stay as history. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct ranking_tx {
	struct req *r;
	long long party, rank;
	char start[11], end[11];
};

static int ranking_tx_run(struct db *db, void *ctx)
{
	struct ranking_tx *t = ctx;
	struct db_param p[] = { DB_I(t->party), DB_I(t->rank), DB_S(t->start), t->end[0] ? DB_S(t->end) : DB_NUL };
	struct db_param prev[] = { DB_S(t->start), DB_I(t->party), DB_S(t->start) };
	uint64_t id = 0;
	char details[128];
	int rc;

	/* an open rank that began earlier ends the day before the new one starts */
	rc = db_exec(db, "UPDATE party_rankings SET end_date = ? - INTERVAL 1 DAY WHERE party_id = ? AND end_date IS NULL "
			 "AND start_date < ?",
		     prev, 3, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_exec(db, "INSERT INTO party_rankings (party_id, rank_id, start_date, end_date) SELECT ?, id, ?, ? "
				 "FROM rank_types WHERE id = ?",
			     (struct db_param[]){ p[0], p[2], p[3], p[1] }, 4, NULL, &id);
	if (rc == CRM_OK && !id)
		return CRM_EINVAL; /* no such rank */
	snprintf(details, sizeof(details), "{\"rank\":%lld,\"start\":\"%s\",\"end\":\"%s\"}", t->rank, t->start, t->end);
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, "parties", t->party, "rank", details);
	return rc;
}

int ranking_add(struct req *r)
{
	struct ranking_tx t = { r, 0, 0, "", "" };
	char next[64];
	int rc;

	if (req_int(r, "party_id", 1, INT64_MAX, &t.party) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, t.party, "edit");
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (req_int(r, "rank_id", 1, INT64_MAX, &t.rank) != CRM_OK)
		form_error(r, "rank", "parties.err.choice");
	if (req_date(r, "start_date", t.start) != CRM_OK)
		form_error(r, "rank", "parties.err.date");
	rc = req_date(r, "end_date", t.end);
	if (rc == CRM_EINVAL || (rc == CRM_OK && strcmp(t.end, t.start) < 0))
		form_error(r, "rank", "parties.err.period");
	if (rc != CRM_OK)
		t.end[0] = '\0';
	if (!form_failed(r)) {
		rc = db_transaction(r->db, ranking_tx_run, &t);
		if (rc == CRM_EINVAL)
			form_error(r, "rank", "parties.err.choice");
		else if (rc != CRM_OK)
			return reply_db_error(r, rc);
	}
	if (form_failed(r)) {
		r->status = 422;
		hdf_remove_tree(r->hdf, "Party");
		hdf_remove_tree(r->hdf, "Found");
		return party_view(r);
	}
	snprintf(next, sizeof(next), "/parties/party?id=%lld&saved=1", t.party);
	return resp_redirect(r, next);
}

/* parties.search_rebuild: writes the phone book's terms of every party with an id over
 * params.from (default 0) up to params.upto again, by the parties module's own party_derived_rebuild, so rows saved before
 * a change of the terms (sql/025_search_keys.sql) are found as new ones are. Each party in its
 * own short transaction (a save of the same party waits for one party, not a batch); progress
 * after each batch; idempotent, a rerun after a crash just rebuilds again. */
#include "worker.h"
#include "../parties/parties.h"

#include <stdio.h>
#include <stdlib.h>

#define REBUILD_BATCH 500

struct batch {
	long long ids[REBUILD_BATCH];
	int n;
};

static int id_row(void *ctx, const struct db_row *row)
{
	struct batch *b = ctx;

	b->ids[b->n++] = strtoll(row->values[0], NULL, 10);
	return CRM_OK;
}

struct one {
	long long id;
	const char *default_cc;
};

static int rebuild_one(struct db *db, void *ctx)
{
	const struct one *o = ctx;
	int rc = party_derived_rebuild(db, o->id, o->default_cc);

	return rc == CRM_ENOTFOUND ? CRM_OK : rc; /* purged since it was listed */
}

int job_party_search(struct worker *w, struct job *j)
{
	struct batch b;
	char upto_text[24], from_text[24] = "0";
	long long upto, after, done = 0, total = 0;
	int rc = jobs_param(j->params, "from", from_text, sizeof(from_text));

	if (rc == CRM_ENOTFOUND)
		snprintf(from_text, sizeof(from_text), "0");
	if ((rc != CRM_OK && rc != CRM_ENOTFOUND) || (after = strtoll(from_text, NULL, 10)) < 0 ||
	    jobs_param(j->params, "upto", upto_text, sizeof(upto_text)) != CRM_OK || (upto = strtoll(upto_text, NULL, 10)) < 0) {
		snprintf(j->error, sizeof(j->error), "params");
		return CRM_EINVAL;
	}
	{
		struct db_param p[] = { DB_I(after), DB_I(upto) };

		rc = db_query_int(w->db, "SELECT COUNT(*) FROM parties WHERE id > ? AND id <= ?", p, 2, &total);
	}
	do {
		struct db_param p[] = { DB_I(after), DB_I(upto) };

		b.n = 0;
		/* the primary key, in order: each batch a range read */
		if (rc == CRM_OK)
			rc = db_query(w->db, "SELECT id FROM parties WHERE id > ? AND id <= ? ORDER BY id LIMIT 500", p, 2,
				      id_row, &b);
		for (int i = 0; rc == CRM_OK && i < b.n; i++) {
			struct one o = { b.ids[i], w->cfg->default_country_code };

			rc = db_transaction(w->db, rebuild_one, &o);
			after = b.ids[i];
			done++;
		}
		if (rc == CRM_OK && b.n)
			rc = jobs_progress(w->db, j, done, total);
	} while (rc == CRM_OK && b.n == REBUILD_BATCH && !worker_stopping);
	if (rc != CRM_OK) {
		snprintf(j->error, sizeof(j->error), "db: %u", db_last_errno(w->db));
		return rc;
	}
	if (worker_stopping) {
		snprintf(j->error, sizeof(j->error), "stopped");
		return CRM_ERR; /* tried again by the next worker: rebuilding twice changes nothing */
	}
	snprintf(j->result, sizeof(j->result), "parties=%lld", done);
	return job_done(w, j, NULL, NULL);
}

/* POST /parties/language/set: a person's foreign languages, each with a level
 * (basic, good, fluent, native); level "none" removes it. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct lang_tx {
	struct req *r;
	long long person, language;
	const char *level;
};

static int lang_tx_run(struct db *db, void *ctx)
{
	struct lang_tx *t = ctx;
	struct db_param key[] = { DB_I(t->person), DB_I(t->language) };
	char before[16] = "", what[140] = "";
	int rc = db_query_str(db, "SELECT level FROM person_languages WHERE person_id = ? AND language_id = ?", key, 2, before,
			      sizeof(before));

	if (rc == CRM_ENOTFOUND)
		rc = CRM_OK;
	if (rc == CRM_OK)
		rc = db_query_str(db, "SELECT code FROM lookups WHERE id = ? AND kind = 'language'",
				  (struct db_param[]){ DB_I(t->language) }, 1, what, sizeof(what));
	if (rc != CRM_OK)
		return rc == CRM_ENOTFOUND ? CRM_EINVAL : rc;
	if (!strcmp(t->level, "none")) {
		rc = db_exec(db, "DELETE FROM person_languages WHERE person_id = ? AND language_id = ?", key, 2, NULL, NULL);
	} else {
		struct db_param p[] = { DB_I(t->person), DB_I(t->language), DB_S(t->level), DB_S(t->level) };

		rc = db_exec(db, "INSERT INTO person_languages (person_id, language_id, level) VALUES (?, ?, ?) "
				 "ON DUPLICATE KEY UPDATE level = ?", p, 4, NULL, NULL);
	}
	char field[160];

	snprintf(field, sizeof(field), "language.%s", what);
	struct audit_change c[] = { { field, before, strcmp(t->level, "none") ? t->level : "" } };
	if (rc == CRM_OK)
		rc = audit_write_changes(t->r, "parties", t->person, "update", c, 1);
	return rc;
}

static int level_known(const char *level)
{
	static const char *const levels[] = { "none", "basic", "good", "fluent", "native" };

	for (size_t i = 0; level && i < CRM_ARRAY_LEN(levels); i++)
		if (!strcmp(level, levels[i]))
			return 1;
	return 0;
}

int language_set(struct req *r)
{
	struct lang_tx t = { r, 0, 0, NULL };
	char next[64];
	int rc;

	if (req_int(r, "party_id", 1, INT64_MAX, &t.person) != CRM_OK ||
	    req_int(r, "language_id", 1, INT64_MAX, &t.language) != CRM_OK)
		return reply_error(r, 400);
	t.level = req_param(r, "level");
	if (!level_known(t.level))
		return reply_error(r, 400);
	rc = party_db_load(r, t.person, "edit");
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (strcmp(hdf_get_value(r->hdf, "Party.kind", ""), "person"))
		return reply_error(r, 400);
	rc = db_transaction(r->db, lang_tx_run, &t);
	if (rc == CRM_EINVAL)
		return reply_error(r, 400);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	snprintf(next, sizeof(next), "/parties/party?id=%lld&saved=1", t.person);
	return resp_redirect(r, next);
}

/* POST /auth/language: the user's language (kept on the account; before
 * login, in a cookie). */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "auth.h"

#include <string.h>

struct language_tx {
	struct req *r;
	const char *lang;
};

static int language_tx_run(struct db *db, void *ctx)
{
	struct language_tx *t = ctx;
	struct db_param p[] = { DB_S(t->lang), DB_I(t->r->user.id) };
	struct buf details = { 0 };
	int rc;

	rc = db_exec(db, "UPDATE users SET lang = ?, version = version + 1 WHERE id = ?", p, 2, NULL, NULL);
	if (rc == CRM_OK) {
		rc = buf_puts(&details, "{\"lang\":{\"old\":");
		if (rc == CRM_OK)
			rc = json_str(&details, t->r->user.lang);
		if (rc == CRM_OK)
			rc = buf_puts(&details, ",\"new\":");
		if (rc == CRM_OK)
			rc = json_str(&details, t->lang);
		if (rc == CRM_OK)
			rc = buf_puts(&details, "}}");
	}
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, "users", t->r->user.id, "update", details.p);
	buf_free(&details);
	return rc;
}

int language_submit(struct req *r)
{
	const char *lang = req_param(r, "lang");
	const char *next = req_param(r, "next");
	struct language_tx t = { r, lang };

	if (!lang_known(lang))
		return reply_error(r, 400);
	if (!local_path_safe(next))
		next = r->logged_in ? "/home/" : "/auth/login";
	if (!r->logged_in) {
		if (resp_cookie(r, "crm_lang", lang, 31536000) != CRM_OK)
			return reply_error(r, 500);
		return resp_redirect(r, next);
	}
	if (strcmp(lang, r->user.lang) != 0) {
		int rc = db_transaction(r->db, language_tx_run, &t);

		if (rc != CRM_OK)
			return reply_db_error(r, rc);
	}
	return resp_redirect(r, next);
}

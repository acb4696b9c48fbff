/* GET/POST /auth/preferences: a user's own language, calendar, digits and
 * first day of week. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "auth.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int load(struct req *r)
{
	struct db_param p[] = { DB_I(r->user.id) };
	int n = 0;
	int rc = db_query_hdf(r->db, "SELECT lang, calendar, digits, week_start, version FROM users WHERE id = ?", p, 1,
			      r->hdf, "Found", &n);

	if (rc == CRM_OK && n == 0)
		rc = CRM_ENOTFOUND;
	if (rc == CRM_OK) {
		NEOERR *err = hdf_copy(r->hdf, "Edit", hdf_get_obj(r->hdf, "Found.0"));

		if (err != STATUS_OK) {
			nerr_ignore(&err);
			rc = CRM_ERR;
		}
	}
	return rc;
}

int preferences_form(struct req *r)
{
	int rc = load(r);

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (req_param(r, "saved") && hdf_put(r, "Form.notice", lang_str(r, "admin.saved")) != CRM_OK)
		return reply_error(r, 500);
	return render(r, "auth/preferences.cs");
}

struct prefs_tx {
	struct req *r;
	const struct prefs *p;
	long long version;
};

static int prefs_tx_run(struct db *db, void *ctx)
{
	struct prefs_tx *t = ctx;
	const struct prefs *p = t->p;
	HDF *old = hdf_get_obj(t->r->hdf, "Found.0");
	struct db_param q[] = { DB_S(p->lang), DB_S(p->calendar), DB_S(p->digits), DB_I(p->week_start),
				DB_I(t->r->user.id), DB_I(t->version) };
	char week[8];
	uint64_t n = 0;
	int rc;

	rc = db_exec(db,
		     "UPDATE users SET lang = ?, calendar = ?, digits = ?, week_start = ?, version = version + 1 "
		     "WHERE id = ? AND version = ?",
		     q, 6, &n, NULL);
	if (rc != CRM_OK)
		return rc;
	if (n == 0)
		return CRM_ECONFLICT;
	snprintf(week, sizeof(week), "%lld", p->week_start);
	struct audit_change c[] = {
		{ "lang", hdf_get_value(old, "lang", NULL), p->lang },
		{ "calendar", hdf_get_value(old, "calendar", NULL), p->calendar },
		{ "digits", hdf_get_value(old, "digits", NULL), p->digits },
		{ "week_start", hdf_get_value(old, "week_start", NULL), week },
	};
	rc = audit_write_changes(t->r, "users", t->r->user.id, "update", c, CRM_ARRAY_LEN(c));
	return rc;
}

int preferences_submit(struct req *r)
{
	struct prefs p;
	struct prefs_tx t = { r, &p, 0 };
	int rc;

	if (req_int(r, "version", 1, INT64_MAX, &t.version) != CRM_OK)
		return reply_error(r, 400);
	rc = load(r);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	prefs_read(r, &p);
	if (!form_failed(r))
		rc = db_transaction(r->db, prefs_tx_run, &t);
	if (!form_failed(r) && rc == CRM_OK)
		return resp_redirect(r, "/auth/preferences?saved=1");
	if (rc == CRM_ECONFLICT && hdf_put(r, "Form.conflict", "1") != CRM_OK)
		return reply_error(r, 500);
	if (rc != CRM_OK && rc != CRM_ECONFLICT)
		return reply_db_error(r, rc);
	/* Show what was sent; a conflict carries the stored version for a deliberate retry. */
	if (hdf_put(r, "Edit.lang", req_param(r, "lang")) || hdf_put(r, "Edit.calendar", req_param(r, "calendar")) ||
	    hdf_put(r, "Edit.digits", req_param(r, "digits")) || hdf_put(r, "Edit.week_start", req_param(r, "week_start")))
		return reply_error(r, 500);
	r->status = rc == CRM_ECONFLICT ? 409 : 422;
	return render(r, "auth/preferences.cs");
}

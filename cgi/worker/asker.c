/* The request a job's handler runs the module's code in: the user who asked
 * for the job, loaded as a session would load them, with their language. */
#include "worker.h"
#include "auth/auth.h"
#include "http/http.h"
#include "render/render.h"

#include <stdio.h>

int job_as_asker(struct worker *w, const struct job *j, struct req *r, const char *module, const char *action)
{
	int rc;

	r->cfg = w->cfg;
	r->db = w->db;
	r->module = module;
	r->started_us = now_us();
	if (!j->user_id)
		return CRM_EINVAL;
	rc = user_load(r->db, j->user_id, &r->user);
	if (rc != CRM_OK)
		return rc == CRM_ENOTFOUND ? CRM_EINVAL : rc;
	r->logged_in = 1;
	snprintf(r->lang, sizeof(r->lang), "%s", lang_known(r->user.lang) ? r->user.lang : r->cfg->default_lang);
	/* what the route that asked for the job demands, checked again now that it runs */
	if (!perm_allows(&r->user, module, action))
		return CRM_EINVAL;
	return render_begin(r); /* messages and headers in the user's language */
}

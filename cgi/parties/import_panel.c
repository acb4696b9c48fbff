/* GET /parties/import/panel: the start page's "Recent imports" panel (conf/modules,
 * panel=imports): the user's own last imports as an HTML fragment, or nothing when they
 * may not import or have none (the page then drops the panel). */
#include "auth/auth.h"
#include "core/core.h"
#include "render/render.h"
#include "parties.h"

int import_panel(struct req *r)
{
	int rows = 0, rc;

	if (!perm_allows(&r->user, "parties", "create"))
		return render(r, "parties/import_panel.cs");
	rc = imports_hdf(r, 5, &rows);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (hdf_localize_rows(r, "Imports", rows, "rows_created,rows_updated,rows_failed", 'n') != CRM_OK)
		return reply_error(r, 500);
	return render(r, "parties/import_panel.cs");
}

/* Reference data kept between requests: see refdata.h. */
#include "domain/domain.h"
#include "auth/auth.h"
#include "core/core.h"
#include "render/render.h"
#include "db/db.h"

#include <stdio.h>
#include <string.h>

int refdata_load(struct req *r, const char *name, const char *set, const char *sql)
{
	char want[32], data[96], vkey[96];
	NEOERR *err;
	int rc = ref_version(r, set, want, sizeof(want));

	if (rc != CRM_OK)
		return rc;
	if (!want[0]) /* a set without a version is never kept */
		return db_query_hdf(r->db, sql, NULL, 0, r->hdf, name, NULL);
	snprintf(data, sizeof(data), "Ref.%s", name);
	snprintf(vkey, sizeof(vkey), "RefVersion.%s", name);
	if (strcmp(hdf_get_value(r->hdf, vkey, ""), want) != 0) {
		/* forget the old copy first: a failed load leaves none rather than a stale one */
		err = hdf_remove_tree(r->hdf, data);
		if (err == STATUS_OK)
			err = hdf_remove_tree(r->hdf, vkey);
		if (err != STATUS_OK) {
			nerr_ignore(&err);
			return CRM_ERR;
		}
		rc = db_query_hdf(r->db, sql, NULL, 0, r->hdf, data, NULL);
		if (rc != CRM_OK) {
			err = hdf_remove_tree(r->hdf, data);
			nerr_ignore(&err);
			return rc;
		}
		if (hdf_put(r, vkey, want) != CRM_OK)
			return CRM_ERR;
	}
	err = hdf_set_symlink(r->hdf, name, data);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	return CRM_OK;
}

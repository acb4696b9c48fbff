/* Reference data kept between requests: see refdata.h. */
#include "domain/domain.h"
#include "core/core.h"
#include "render/render.h"
#include "db/db.h"

#include <stdio.h>
#include <string.h>

/* "lookups=123;places=456": the session query brings it; else one query here. */
static int versions(struct req *r)
{
	int rc;

	if (r->ref_versions_known)
		return CRM_OK;
	rc = db_query_str(r->db, "SELECT COALESCE(GROUP_CONCAT(name, '=', version SEPARATOR ';'), '') FROM ref_versions",
			  NULL, 0, r->ref_versions, sizeof(r->ref_versions));
	if (rc != CRM_OK)
		return rc;
	r->ref_versions_known = 1;
	return CRM_OK;
}

/* The version of one set, or "" when ref_versions does not know it. */
static void version_of(const struct req *r, const char *set, char *out, size_t outlen)
{
	size_t n = strlen(set);

	out[0] = '\0';
	for (const char *s = r->ref_versions; *s;) {
		size_t len = strcspn(s, ";");

		if (len > n && !strncmp(s, set, n) && s[n] == '=') {
			snprintf(out, outlen, "%.*s", (int)(len - n - 1), s + n + 1);
			return;
		}
		s += len + (s[len] == ';');
	}
}

int refdata_load(struct req *r, const char *name, const char *set, const char *sql)
{
	char want[32], data[96], vkey[96];
	NEOERR *err;
	int rc = versions(r);

	if (rc != CRM_OK)
		return rc;
	version_of(r, set, want, sizeof(want));
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

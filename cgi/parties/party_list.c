/* GET /parties/persons and /parties/companies: lists with filters and keyset
 * paging. Every query runs from an index; no COUNT(*) over the table. */
#include "../lib/crm.h"
#include "../lib/form.h"
#include "../lib/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define LIST_PAGE 50

int party_list(struct req *r)
{
	const char *kind = strstr(r->path, "companies") ? "company" : "person";
	const char *state = req_param(r, "state"); /* active (default), inactive, all */
	long long role = 0, starred = 0, after_prio = 0, after_id = 0, group = 0, city = 0;
	long long source = 0, expert = 0, rank = 0, priority = -1;
	char group_path[256] = "";
	const char *after_name = req_param(r, "after_name");
	const char *sort = req_param(r, "sort"); /* priority (default), name, code */
	struct buf sql = { 0 };
	struct db_param p[16];
	unsigned n = 0;
	int rows = 0, rc;

	if (!state || (strcmp(state, "inactive") && strcmp(state, "all")))
		state = "active";
	if (!sort || (strcmp(sort, "name") && strcmp(sort, "code")))
		sort = "priority";
	if (req_int(r, "role", 1, INT64_MAX, &role) == CRM_EINVAL || req_int(r, "starred", 0, 1, &starred) == CRM_EINVAL ||
	    req_int(r, "after_prio", -128, 127, &after_prio) == CRM_EINVAL ||
	    req_int(r, "after_id", 1, INT64_MAX, &after_id) == CRM_EINVAL)
		return reply_error(r, 400);
	if (after_id && !after_name)
		return reply_error(r, 400);
	if (req_int(r, "group", 1, INT64_MAX, &group) == CRM_EINVAL || req_int(r, "city", 1, INT64_MAX, &city) == CRM_EINVAL ||
	    req_int(r, "source", 1, INT64_MAX, &source) == CRM_EINVAL || req_int(r, "expert", 1, INT64_MAX, &expert) == CRM_EINVAL ||
	    req_int(r, "rank", 1, INT64_MAX, &rank) == CRM_EINVAL || req_int(r, "priority", 0, 9, &priority) == CRM_EINVAL)
		return reply_error(r, 400);
	if (group) {
		struct db_param g[] = { DB_I(group) };

		rc = db_query_str(r->db, "SELECT path FROM party_groups WHERE id = ?", g, 1, group_path, sizeof(group_path));
		if (rc != CRM_OK)
			return rc == CRM_ENOTFOUND ? reply_error(r, 400) : reply_db_error(r, rc);
	}
	rc = party_choices(r);
	if (rc == CRM_OK)
		rc = groups_load(r);
	if (rc == CRM_OK)
		rc = saved_filters_load(r, !strcmp(kind, "company") ? "companies" : "persons");
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	p[n++] = DB_I(r->user.id);
	p[n++] = DB_S(kind);
	buf_puts(&sql, "SELECT p.id, p.code, p.display_name, p.name_norm, p.priority, p.is_active, p.national_id, "
		       "(SELECT c.value FROM party_channels c WHERE c.party_id = p.id AND c.type IN ('mobile', 'phone') "
		       "ORDER BY c.is_primary DESC, c.id LIMIT 1) AS phone, "
		       "EXISTS (SELECT 1 FROM party_stars s WHERE s.party_id = p.id AND s.user_id = ?) AS starred, "
		       "(SELECT rt.name FROM party_rankings pr JOIN rank_types rt ON rt.id = pr.rank_id "
		       "WHERE pr.party_id = p.id AND pr.start_date <= UTC_DATE() AND (pr.end_date IS NULL OR pr.end_date >= UTC_DATE()) "
		       "ORDER BY pr.start_date DESC LIMIT 1) AS rank "
		       "FROM parties p WHERE p.kind = ? AND p.is_deleted = 0");
	if (!strcmp(state, "active"))
		buf_puts(&sql, " AND p.is_active = 1");
	else if (!strcmp(state, "inactive"))
		buf_puts(&sql, " AND p.is_active = 0");
	if (role) {
		buf_puts(&sql, " AND EXISTS (SELECT 1 FROM party_roles pr WHERE pr.party_id = p.id AND pr.role_id = ?)");
		p[n++] = DB_I(role);
	}
	if (group) {
		/* a group includes its sub-groups: their paths start with its path */
		buf_puts(&sql, " AND EXISTS (SELECT 1 FROM party_group_members gm JOIN party_groups g ON g.id = gm.group_id "
			       "WHERE gm.party_id = p.id AND g.path LIKE CONCAT(?, '%'))");
		p[n++] = DB_S(group_path);
	}
	if (city) {
		buf_puts(&sql, " AND p.city_id = ?");
		p[n++] = DB_I(city);
	}
	if (source) {
		buf_puts(&sql, " AND p.source_id = ?");
		p[n++] = DB_I(source);
	}
	if (priority >= 0) {
		buf_puts(&sql, " AND p.priority = ?");
		p[n++] = DB_I(priority);
	}
	if (expert) {
		buf_puts(&sql, " AND EXISTS (SELECT 1 FROM party_experts fx WHERE fx.party_id = p.id AND fx.user_id = ?)");
		p[n++] = DB_I(expert);
	}
	if (rank) {
		/* the current rank: its period holds today */
		buf_puts(&sql, " AND EXISTS (SELECT 1 FROM party_rankings fr WHERE fr.party_id = p.id AND fr.rank_id = ? "
			       "AND fr.start_date <= UTC_DATE() AND (fr.end_date IS NULL OR fr.end_date >= UTC_DATE()))");
		p[n++] = DB_I(rank);
	}
	if (starred) {
		buf_puts(&sql, " AND EXISTS (SELECT 1 FROM party_stars s2 WHERE s2.party_id = p.id AND s2.user_id = ?)");
		p[n++] = DB_I(r->user.id);
	}
	/* the next page starts after the last row shown, in the order of the sort key */
	if (after_id && !strcmp(sort, "priority")) {
		buf_puts(&sql, " AND (p.priority < ? OR (p.priority = ? AND (p.name_norm > ? OR (p.name_norm = ? AND p.id > ?))))");
		p[n++] = DB_I(after_prio);
		p[n++] = DB_I(after_prio);
	} else if (after_id) {
		buf_puts(&sql, !strcmp(sort, "name") ? " AND (p.name_norm > ? OR (p.name_norm = ? AND p.id > ?))"
						     : " AND (p.code > ? OR (p.code = ? AND p.id > ?))");
	}
	if (after_id) {
		p[n++] = DB_S(after_name);
		p[n++] = DB_S(after_name);
		p[n++] = DB_I(after_id);
	}
	rc = perm_scope_sql(&r->user, "parties", "view", &party_scope, &sql, p, &n);
	if (rc == CRM_OK)
		rc = buf_printf(&sql, " ORDER BY %s LIMIT %d",
				!strcmp(sort, "name")   ? "p.name_norm, p.id"
				: !strcmp(sort, "code") ? "p.code, p.id"
							: "p.priority DESC, p.name_norm, p.id",
				LIST_PAGE + 1);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db, sql.p, p, n, r->hdf, "Rows", &rows);
	buf_free(&sql);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (rows > LIST_PAGE) {
		char key[32];
		HDF *last;

		snprintf(key, sizeof(key), "Rows.%d", LIST_PAGE);
		hdf_remove_tree(r->hdf, key);
		snprintf(key, sizeof(key), "Rows.%d", LIST_PAGE - 1);
		last = hdf_get_obj(r->hdf, key);
		if (hdf_put(r, "Next.after_prio", hdf_get_value(last, "priority", "0")) ||
		    hdf_put(r, "Next.after_name", hdf_get_value(last, !strcmp(sort, "code") ? "code" : "name_norm", "")) ||
		    hdf_put(r, "Next.after_id", hdf_get_value(last, "id", "0")))
			return reply_error(r, 500);
	}
	if (hdf_put(r, "Filter.kind", kind) || hdf_put(r, "Filter.state", state) || hdf_put(r, "Filter.sort", sort) ||
	    hdf_put(r, "Filter.role", req_param(r, "role")) || hdf_put(r, "Filter.group", req_param(r, "group")) || hdf_put(r, "Filter.city", req_param(r, "city")) ||
	    hdf_put(r, "Filter.source", req_param(r, "source")) || hdf_put(r, "Filter.expert", req_param(r, "expert")) ||
	    hdf_put(r, "Filter.rank", req_param(r, "rank")) || hdf_put(r, "Filter.priority", req_param(r, "priority")) || hdf_putf(r, "Filter.starred", "%lld", starred) ||
	    hdf_put(r, "Page.section", !strcmp(kind, "company") ? "companies" : "persons"))
		return reply_error(r, 500);
	return render(r, "parties/list.cs");
}

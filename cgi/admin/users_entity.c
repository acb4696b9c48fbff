/* The users entity, described once for the records engine: fields, orders, the rules that
 * are the users' own (a user name's form, keeping one's own admin role, no escalation). */
#include "records/records.h"
#include "domain/domain.h"
#include "admin.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int username_ok(const char *s)
{
	size_t n = strlen(s);

	if (n < 3 || n > 64)
		return 0;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || strchr("._-@", *s)))
			return 0;
	return 1;
}

static const struct rec_link roles_link = { .table = "roles", .label = "name", .link_table = "user_roles",
					    .owner_col = "user_id", .target_col = "role_id", .max = 64 };
static const struct rec_link teams_link = { .table = "teams", .label = "name", .link_table = "user_teams",
					    .owner_col = "user_id", .target_col = "team_id", .max = 64 };
/* parties are named only within the editor's own party scope */
static const struct rec_link person_link = { .table = "parties", .key = "code", .label = "display_name",
					     .where = "x.kind = 'person' AND x.is_deleted = 0", .scope = &party_scope_x,
					     .scope_module = "parties", .lookup = "/parties/lookup?kind=person" };
/* labelled by code: the box takes codes and shows codes */
static const struct rec_link customers_link = { .table = "parties", .key = "code", .label = "code",
						.where = "x.is_deleted = 0", .link_table = "user_customers",
						.owner_col = "user_id", .target_col = "party_id", .max = ADMIN_MAX_CUSTOMERS,
						.scope = &party_scope_x, .scope_module = "parties", .lookup = "/parties/lookup" };

static const struct rec_field user_fields[] = {
	{ .name = "username", .label = "admin.username", .type = REC_TEXT,
	  .flags = RF_REQUIRED | RF_CREATE_ONLY | RF_LIST | RF_SEARCH | RF_LTR, .max = 64, .section = "account",
	  .check = username_ok, .check_msg = "admin.err.username" },
	{ .name = "display_name", .label = "admin.display_name", .type = REC_TEXT,
	  .flags = RF_REQUIRED | RF_LIST | RF_SEARCH, .max = 128, .section = "account" },
	{ .name = "email", .label = "admin.email", .type = REC_EMAIL, .flags = RF_LIST | RF_SEARCH | RF_LTR, .max = 255,
	  .section = "account" },
	{ .name = "roles", .input = "role", .label = "admin.roles", .type = REC_LINKS, .flags = RF_CHOICES | RF_LIST,
	  .link = &roles_link, .section = "access" },
	{ .name = "teams", .input = "team", .label = "admin.teams", .type = REC_LINKS, .flags = RF_CHOICES,
	  .link = &teams_link, .section = "access" },
	{ .name = "customers", .label = "admin.customers", .type = REC_LINKS, .flags = RF_LTR, .link = &customers_link,
	  .section = "access" },
	{ .name = "person_id", .input = "person_code", .label = "admin.person", .type = REC_LINK, .flags = RF_LTR,
	  .link = &person_link, .section = "access" },
	{ .name = "lang", .label = "admin.language", .type = REC_CHOICE, .flags = RF_REQUIRED, .arg = "fa|en|tr",
	  .choices = "options.lang", .section = "prefs" },
	{ .name = "calendar", .label = "admin.calendar", .type = REC_CHOICE, .flags = RF_REQUIRED,
	  .arg = "jalali|gregorian|hijri", .choices = "options.calendar", .section = "prefs" },
	{ .name = "digits", .label = "admin.digits", .type = REC_CHOICE, .flags = RF_REQUIRED, .arg = "latin|persian",
	  .choices = "options.digits", .section = "prefs" },
	{ .name = "week_start", .label = "admin.week_start", .type = REC_CHOICE, .flags = RF_REQUIRED, .arg = "6|0|1",
	  .choices = "options.weekday", .section = "prefs" },
	{ .name = "must_change_password", .label = "admin.must_change", .type = REC_FLAG, .section = "account" },
	{ .name = "last_login_at", .label = "admin.last_login", .type = REC_DATETIME, .flags = RF_LIST | RF_SHOWN,
	  .section = "account" },
	{ .name = "created_at", .label = "admin.created", .type = REC_DATETIME, .flags = RF_SHOWN, .section = "account" },
};

static const struct rec_order user_orders[] = {
	{ "username", "username", "uq_users_username" },
	{ "name", "display_name", "ix_users_display_name" },
};

/* The admin role's id, or 0. */
static long long admin_role_id(struct req *r)
{
	long long id = 0;

	if (db_query_int(r->db, "SELECT id FROM roles WHERE name = 'admin'", NULL, 0, &id) != CRM_OK)
		return 0;
	return id;
}

/* An admin may not lock themselves out by dropping their own admin role; an editor who is no
 * admin gives no role wider than their own, and the admin role not at all. */
static int user_validate(struct req *r, const struct rec_entity *e, struct rec *rec, int creating,
			 struct rec_errors *err)
{
	int i = rec_field_index(e, "roles"), within = 1, rc = CRM_OK;
	long long admin = admin_role_id(r);

	if (!creating && rec->id == r->user.id && r->user.is_admin && admin && !rec_has_id(rec, "roles", admin))
		rec_error(err, "roles", "admin.err.own_admin", 0);
	if (!r->user.is_admin && i >= 0)
		rc = roles_added_within(r, creating ? 0 : rec->id, rec->ids[i], rec->nids[i], &within);
	if (rc == CRM_OK && !within)
		rec_error(err, "roles", "admin.err.wider_than_yours", 0);
	/* teams and the customer list widen scopes too: an editor gives only teams they are in, and an
	 * editor limited to customers gives a list within their own, never none (none: unlimited) */
	if (rc == CRM_OK && !r->user.is_admin) {
		int t = rec_field_index(e, "teams"), c = rec_field_index(e, "customers");

		rc = teams_added_within(r, creating ? 0 : rec->id, rec->ids[t], rec->nids[t], &within);
		if (rc == CRM_OK && !within)
			rec_error(err, "teams", "admin.err.wider_than_yours", 0);
		if (rc == CRM_OK && r->user.has_customer_list) {
			rc = customers_within(r, rec->ids[c], rec->nids[c], &within);
			if (rc == CRM_OK && (!within || !rec->nids[c]))
				rec_error(err, "customers", "admin.err.wider_than_yours", 0);
		}
	}
	return rc;
}

const struct rec_entity user_entity = {
	.name = "users",
	.table = "users",
	.module = "admin",
	.lang = "admin",
	.title = "admin.users",
	.list_url = "/admin/users",
	.record_url = "/admin/user",
	.fields = user_fields,
	.nfields = CRM_ARRAY_LEN(user_fields),
	.orders = user_orders,
	.norders = CRM_ARRAY_LEN(user_orders),
	.active_col = "is_active",
	.title_field = "display_name",
	.custom = 1,
	.hooks = { .validate = user_validate },
	.bulk = &user_bulk,
};

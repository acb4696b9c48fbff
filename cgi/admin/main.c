/* Module admin: its routes. */
#include "app/app.h"
#include "admin.h"

static int admin_index(struct req *r)
{
	return resp_redirect(r, "/admin/users");
}

static const struct route routes[] = {
	{ "GET", "/admin/health", NULL, NULL, ROUTE_PUBLIC | ROUTE_NO_DB, app_health },
	{ "GET", "/admin/", "admin", "view", 0, admin_index },
	{ "GET", "/admin/users", "admin", "view", 0, users_list },
	{ "GET", "/admin/users/export", "admin", "export", 0, users_export },
	{ "GET", "/admin/user", "admin", "view", 0, user_form },
	{ "GET", "/admin/user/new", "admin", "create", 0, user_new_form },
	{ "POST", "/admin/user/create", "admin", "create", 0, user_create },
	{ "POST", "/admin/user/update", "admin", "edit", 0, user_update },
	{ "POST", "/admin/user/active", "admin", "activate", 0, user_set_active },
	/* each bulk action asks its own permission (rec_page_bulk) */
	{ "POST", "/admin/users/bulk", "admin", "view", 0, users_bulk },
	{ "POST", "/admin/user/password", "admin", "edit", 0, user_reset_password },
	{ "GET", "/admin/roles", "admin", "view", 0, roles_list },
	{ "GET", "/admin/role", "admin", "view", 0, role_form },
	{ "GET", "/admin/role/new", "admin", "create", 0, role_new_form },
	{ "POST", "/admin/role/create", "admin", "create", 0, role_create },
	{ "POST", "/admin/role/update", "admin", "edit", 0, role_update },
	{ "GET", "/admin/fields", "admin", "configure", 0, fields_list },
	{ "GET", "/admin/field", "admin", "configure", 0, field_form },
	{ "GET", "/admin/field/new", "admin", "configure", 0, field_new_form },
	{ "POST", "/admin/field/create", "admin", "configure", 0, field_create },
	{ "POST", "/admin/field/update", "admin", "configure", 0, field_update },
	{ "POST", "/admin/field/active", "admin", "configure", 0, field_set_active },
	{ "GET", "/admin/fields/rules", "admin", "configure", 0, field_rules_form },
	{ "POST", "/admin/fields/rules/save", "admin", "configure", 0, field_rules_save },
	{ "GET", "/admin/teams", "admin", "view", 0, teams_list },
	{ "GET", "/admin/teams/export", "admin", "export", 0, teams_export },
	{ "GET", "/admin/team", "admin", "view", 0, team_form },
	{ "POST", "/admin/team/create", "admin", "create", 0, team_create },
	{ "POST", "/admin/team/update", "admin", "edit", 0, team_update },
	{ "GET", "/admin/audit", "admin", "view", 0, audit_search },
	{ "GET", "/admin/audit/export", "admin", "export", 0, audit_export },
	{ "GET", "/admin/backups", "admin", "view", ROUTE_ADMIN, backups_page },
	{ "POST", "/admin/backup/create", "admin", "view", ROUTE_ADMIN, backup_create },
	{ "GET", "/admin/backup/download", "admin", "view", ROUTE_ADMIN, backup_download },
	{ "POST", "/admin/backup/restore", "admin", "view", ROUTE_ADMIN, backup_restore },
	{ NULL, NULL, NULL, NULL, 0, NULL }
};

int main(void)
{
	return crm_main("admin", routes);
}

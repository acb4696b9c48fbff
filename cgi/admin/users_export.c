/* GET /admin/users/export?format=...: the user list as a download, through
 * the export engine (audited like every export). */
#include "core/core.h"
#include "db/db.h"
#include "io/io.h"
#include "render/render.h"
#include "admin.h"

#include <stdlib.h>

struct users_export_ctx {
	struct export x;
};

static int export_one(void *ctx, const struct db_row *row)
{
	return export_row(&((struct users_export_ctx *)ctx)->x, row);
}

int users_export(struct req *r)
{
	static const struct {
		const char *key, *label;
		enum export_type type;
		double width;
	} spec[] = {
		{ "username", "admin.username", EXPORT_TEXT, 16 },     { "display_name", "admin.display_name", EXPORT_TEXT, 24 },
		{ "email", "admin.email", EXPORT_TEXT, 24 },           { "roles", "admin.roles", EXPORT_TEXT, 20 },
		{ "teams", "admin.teams", EXPORT_TEXT, 20 },           { "status", "admin.status", EXPORT_TEXT, 10 },
		{ "last_login_at", "admin.last_login", EXPORT_DATETIME, 17 },
	};
	struct users_export_ctx *c = calloc(1, sizeof(*c));
	struct export_column cols[CRM_ARRAY_LEN(spec)];
	struct db_param p[2];
	int rc = CRM_OK, status;

	if (!c)
		return reply_error(r, 500);
	if (export_format_parse(req_param(r, "format"), &c->x.format) != CRM_OK) {
		free(c);
		return reply_error(r, 400);
	}
	c->x.r = r;
	c->x.list = "users";
	c->x.title = lang_str(r, "admin.users");
	for (size_t i = 0; i < CRM_ARRAY_LEN(spec) && rc == CRM_OK; i++) {
		cols[i] = (struct export_column){ spec[i].key, lang_str(r, spec[i].label), spec[i].type, spec[i].width };
		rc = export_add_column(&c->x, &cols[i]);
	}
	p[0] = DB_S(lang_str(r, "admin.active"));
	p[1] = DB_S(lang_str(r, "admin.inactive"));
	if (rc == CRM_OK)
		rc = export_begin(&c->x);
	if (rc == CRM_OK)
		rc = db_query(r->db,
			      "SELECT u.username, u.display_name, u.email, "
			      "(SELECT GROUP_CONCAT(ro.name ORDER BY ro.name SEPARATOR ', ') FROM user_roles ur "
			      "JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = u.id) AS roles, "
			      "(SELECT GROUP_CONCAT(t.name ORDER BY t.name SEPARATOR ', ') FROM user_teams ut "
			      "JOIN teams t ON t.id = ut.team_id WHERE ut.user_id = u.id) AS teams, "
			      "IF(u.is_active, ?, ?) AS status, u.last_login_at FROM users u ORDER BY u.username",
			      p, 2, export_one, c);
	if (rc != CRM_OK) {
		export_abort(&c->x);
		free(c);
		return rc == CRM_ETOOBIG ? reply_error(r, 413) : reply_db_error(r, rc);
	}
	status = export_finish(&c->x);
	free(c);
	return status;
}

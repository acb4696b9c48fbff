/* Teams, served by the records engine: the list with member counts, a team's page (rename,
 * History), and a new team added from the list. The whole entity is this table. */
#include "records/records.h"
#include "admin.h"

static const struct rec_field team_fields[] = {
	{ .name = "name", .label = "admin.team_name", .type = REC_TEXT,
	  .flags = RF_REQUIRED | RF_UNIQUE | RF_LIST | RF_SEARCH, .max = 128, .section = "team" },
	{ .name = "members", .label = "admin.members", .type = REC_INT, .flags = RF_SHOWN | RF_LIST,
	  .sql = "(SELECT COUNT(*) FROM user_teams ut WHERE ut.team_id = t.id)", .section = "team" },
};

static const struct rec_order team_orders[] = { { "name", "name", "uq_teams_name" } };

const struct rec_entity team_entity = {
	.name = "teams",
	.table = "teams",
	.module = "admin",
	.lang = "admin",
	.title = "admin.teams",
	.list_url = "/admin/teams",
	.record_url = "/admin/team",
	.fields = team_fields,
	.nfields = CRM_ARRAY_LEN(team_fields),
	.orders = team_orders,
	.norders = CRM_ARRAY_LEN(team_orders),
	.title_field = "name",
	.custom = 1,
};

int teams_list(struct req *r)
{
	return rec_page_list(r, &team_entity, "admin/teams.cs");
}

int teams_export(struct req *r)
{
	return rec_page_export(r, &team_entity);
}

int team_form(struct req *r)
{
	return rec_page_view(r, &team_entity, "admin/team.cs");
}

int team_create(struct req *r)
{
	return rec_page_create(r, &team_entity, "/admin/teams?saved=1", "admin/team.cs");
}

int team_update(struct req *r)
{
	return rec_page_update(r, &team_entity, "admin/team.cs");
}

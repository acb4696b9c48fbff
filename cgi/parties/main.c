/* Module parties: its routes. */
#include "app/app.h"
#include "parties.h"

static int parties_index(struct req *r)
{
	return resp_redirect(r, "/parties/persons");
}

static const struct route routes[] = {
	{ "GET", "/parties/health", NULL, NULL, ROUTE_PUBLIC | ROUTE_NO_DB, app_health },
	{ "GET", "/parties/", "parties", "view", 0, parties_index },
	{ "GET", "/parties/persons", "parties", "view", 0, party_list },
	{ "GET", "/parties/companies", "parties", "view", 0, party_list },
	{ "GET", "/parties/persons/export", "parties", "export", 0, party_export },
	{ "GET", "/parties/companies/export", "parties", "export", 0, party_export },
	{ "GET", "/parties/import", "parties", "create", 0, import_page },
	{ "POST", "/parties/import/upload", "parties", "create", 0, import_upload },
	{ "GET", "/parties/import/map", "parties", "create", 0, import_map },
	{ "POST", "/parties/import/preview", "parties", "create", 0, import_preview },
	{ "POST", "/parties/import/run", "parties", "create", 0, import_run },
	{ "GET", "/parties/import/view", "parties", "create", 0, import_view },
	{ "POST", "/parties/import/revert", "parties", "delete", 0, import_revert },
	/* a start-page panel (conf/modules): empty for who may not import */
	{ "GET", "/parties/import/panel", "parties", "view", 0, import_panel },
	{ "GET", "/parties/search", "parties", "view", 0, phonebook },
	{ "GET", "/parties/lookup", "parties", "view", 0, party_lookup },
	{ "GET", "/parties/party", "parties", "view", 0, party_view },
	{ "GET", "/parties/person/new", "parties", "create", 0, party_new_form },
	{ "GET", "/parties/company/new", "parties", "create", 0, party_new_form },
	{ "GET", "/parties/party/edit", "parties", "edit", 0, party_edit_form },
	{ "POST", "/parties/party/create", "parties", "create", 0, party_create },
	{ "POST", "/parties/party/update", "parties", "edit", 0, party_update },
	{ "POST", "/parties/party/active", "parties", "activate", 0, party_set_active },
	{ "POST", "/parties/party/star", "parties", "star", 0, party_star },
	{ "POST", "/parties/party/delete", "parties", "delete", 0, party_delete },
	/* each bulk action asks its own permission (rec_page_bulk) */
	{ "POST", "/parties/bulk", "parties", "view", 0, party_bulk },
	{ "POST", "/parties/party/purge", "parties", "purge", 0, party_purge },
	{ "GET", "/parties/bin", "parties", "view", 0, party_bin },
	{ "POST", "/parties/bin/restore", "parties", "delete", 0, party_restore },
	{ "POST", "/parties/bin/purge", "parties", "purge", 0, party_purge },
	{ "POST", "/parties/channel/add", "parties", "edit", 0, channel_add },
	{ "POST", "/parties/channel/delete", "parties", "edit", 0, channel_delete },
	{ "POST", "/parties/relation/add", "parties", "edit", 0, relation_add },
	{ "POST", "/parties/relation/delete", "parties", "edit", 0, relation_delete },
	{ "GET", "/parties/attachment", "parties", "view", 0, attachment_get },
	{ "POST", "/parties/attachment/add", "parties", "edit", 0, attachment_add },
	{ "POST", "/parties/attachment/delete", "parties", "edit", 0, attachment_delete },
	{ "GET", "/parties/logo", "parties", "view", 0, logo_get },
	{ "POST", "/parties/logo/set", "parties", "edit", 0, logo_set },
	{ "GET", "/parties/groups", "parties", "view", 0, groups_page },
	{ "POST", "/parties/group/create", "parties", "configure", 0, group_create },
	{ "POST", "/parties/group/rename", "parties", "configure", 0, group_rename },
	{ "POST", "/parties/group/move", "parties", "configure", 0, group_move },
	{ "POST", "/parties/party/groups", "parties", "edit", 0, party_groups_set },
	{ "POST", "/parties/ranking/add", "parties", "edit", 0, ranking_add },
	{ "GET", "/parties/lists", "parties", "view", 0, lists_page },
	{ "GET", "/parties/list", "parties", "view", 0, list_entry },
	{ "POST", "/parties/list/save", "parties", "configure", 0, list_save },
	{ "GET", "/parties/fields/rules", "parties", "configure", 0, party_rules_form },
	{ "POST", "/parties/fields/rules/save", "parties", "configure", 0, party_rules_save },
	{ "GET", "/parties/ranks", "parties", "view", 0, ranks_page },
	{ "POST", "/parties/rank/save", "parties", "configure", 0, rank_save },
	{ "POST", "/parties/employment/add", "parties", "edit", 0, employment_add },
	{ "POST", "/parties/employment/delete", "parties", "edit", 0, employment_delete },
	{ "GET", "/parties/places", "parties", "view", 0, places_page },
	{ "POST", "/parties/place/create", "parties", "configure", 0, place_create },
	{ "POST", "/parties/place/rename", "parties", "configure", 0, place_rename },
	{ "POST", "/parties/language/set", "parties", "edit", 0, language_set },
	{ "POST", "/parties/filter/save", "parties", "view", 0, saved_filter_save },
	{ "POST", "/parties/filter/delete", "parties", "view", 0, saved_filter_delete },
	{ NULL, NULL, NULL, NULL, 0, NULL }
};

int main(void)
{
	return crm_main("parties", routes);
}

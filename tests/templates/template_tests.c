/* Templates rendered with hostile data: every payload must come out inert.
 * 1. tests/templates/xss.cs, which uses each output context, must match
 *    tests/templates/expected/xss.html exactly.
 * 2. Every page template, in every language, rendered with payloads in each
 *    data field, must contain none of them in live form.
 * Prints "N passed, N failed". */
#include "core/core.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const payloads[] = {
	"<script>alert(1)</script>",
	"\"><img src=x onerror=alert(1)>",
	"javascript:alert(1)",
	"' onmouseover='alert(1)",
};

/* What must never appear in the output: the payloads in live form. */
static const char *const live_forms[] = {
	"<script>alert", "<img src=x", "onerror=alert(1)>", "href=\"javascript:", "' onmouseover='",
};

static int passed, failed;

static void result(const char *name, int ok)
{
	printf("%s %s\n", ok ? "ok  " : "FAIL", name);
	if (ok)
		passed++;
	else
		failed++;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return b.p ? b.p : strdup("");
}

static void xss_contexts(void)
{
	HDF *hdf;
	struct buf out = { 0 };
	char *expected = read_file("tests/templates/expected/xss.html");
	int ok;

	hdf_init(&hdf);
	hdf_set_value(hdf, "P.text", payloads[0]);
	hdf_set_value(hdf, "P.attr", payloads[1]);
	hdf_set_value(hdf, "P.url", payloads[2]);
	hdf_set_value(hdf, "P.good_url", "https://example.com/a?b=1&c=2");
	hdf_set_value(hdf, "List.0.name", payloads[3]);
	hdf_set_value(hdf, "List.1.name", payloads[0]);
	ok = render_to_buf(hdf, "tests/templates", "xss.cs", &out) == CRM_OK && expected && out.p &&
	     strcmp(out.p, expected) == 0;
	if (!ok && getenv("TEMPLATE_TESTS_SHOW"))
		fprintf(stderr, "---- got ----\n%s\n", out.p ? out.p : "(nothing)");
	result("xss_contexts_match_expected", ok);
	free(expected);
	buf_free(&out);
	hdf_destroy(&hdf);
}

/* Puts payload p into every field a page template reads. */
static void fill_hostile(HDF *hdf, const char *p)
{
	static const char *const fields[] = {
		"Page.title", "Page.csrf", "Page.path", "User.name", "User.username", "User.id", "Login.username",
		"Login.next", "Login.error", "Login.notice", "Login.wait_minutes", "Password.error",
		"Password.min_length", "Error.title", "Error.text", "Error.status", "Menu.0.url", "Menu.0.label",
		"Menu.1.url", "Menu.1.label", "Users.0.id", "Users.0.username", "Users.0.display_name", "Users.0.roles",
		"Users.0.last_login_at", "Edit.id", "Edit.version", "Edit.username", "Edit.display_name", "Edit.email",
		"Edit.name", "Edit.description", "Edit.last_login_at", "Found.0.display_name", "Found.0.email",
		"Roles.0.id", "Roles.0.name", "Roles.0.description", "Teams.0.id", "Teams.0.name", "Teams.0.version",
		"History.0.at", "History.0.user", "History.0.ip", "History.0.action", "History.0.details",
		"Audit.0.at", "Audit.0.user", "Audit.0.ip", "Audit.0.module", "Audit.0.table_name", "Audit.0.record_id",
		"Audit.0.action", "Audit.0.details", "Filter.user", "Filter.module", "Filter.from", "Filter.to",
		"Next.before", "Temp.password", "Temp.user_id", "Form.errors.name", "Form.errors.username",
		"Form.notice", "Matrix.0.module", "Matrix.0.label", "Matrix.0.cells.0.action", "Matrix.0.cells.0.scope",
		"Actions.0.label", "Users.0.is_active", "Page.now", "Found.0.version", "Edit.lang", "Edit.calendar",
		"Rows.0.id", "Rows.0.code", "Rows.0.display_name", "Rows.0.phone", "Rows.0.national_id", "Rows.0.priority",
		"Next.after_prio", "Next.after_name", "Next.after_id", "Filter.state", "Filter.role", "Filter.kind",
		"Party.id", "Party.kind", "Party.code", "Party.display_name", "Party.national_id", "Party.birth_date_text",
		"Party.economic_code", "Party.priority", "Party.notes", "Party.updated_text", "Roles.0.name_fa",
		"Roles.0.name_en", "Experts.0.display_name", "Rankings.0.name", "Rankings.0.start_date", "Channels.0.id",
		"Channels.0.type", "Channels.0.label", "Channels.0.value", "Channels.0.country_code", "Channels.0.area_code",
		"Channels.0.extension", "Channels.0.latitude", "Channels.0.longitude", "Channels.2.type", "Relations.0.other_id",
		"Relations.0.other_name", "Relations.0.name_fa", "Lookups.0.code",
		"ChannelForm.value", "Edit.first_name", "Edit.last_name", "Edit.company_name", "Edit.national_id",
		"Edit.birth_date", "Edit.mobile", "Edit.notes", "Edit.code", "Dup.0.id", "Dup.0.code", "Dup.0.display_name",
		"Lookups.0.id", "Lookups.0.name", "Staff.0.id", "Staff.0.display_name", "Search.q", "Results.0.id",
		"Results.0.display_name", "Results.0.code", "Results.0.phone", "Form.errors.value",
		"Groups.0.id", "Groups.0.name", "Groups.0.path", "Groups.0.version", "Groups.0.total", "Groups.0.direct",
		"Groups.0.depth", "Groups.0.parent_id", "Filter.group", "Form.errors.group", "Rows.0.rank", "Rankings.0.end_date", "Ranks.0.id", "Ranks.0.name", "Form.errors.rank", "Edit.person_code", "Edit.customers", "Form.errors.customers", "Party.psychology", "Party.brand", "Party.income", "Party.marriage_date", "Party.marriage_date_text", "Party.marital_status", "Party.religion_id", "Edit.brand", "Edit.income", "Edit.color", "Edit.marriage_date", "Edit.psychology", "Form.errors.income", "PartyActivities.0.name_fa", "Cities.0.id", "Cities.0.name", "Cities.0.province", "Cities.0.country", "Filter.city", "Edit.city_id", "Party.city_id", "Entries.0.id", "Entries.0.code", "Entries.0.name_fa", "Entries.0.name_en", "Entries.0.name_tr", "Entries.0.sort", "Entries.0.version", "Kinds.0", "Form.errors.entry", "Jobs.0.id", "Jobs.0.other_id", "Jobs.0.other_name", "Jobs.0.position", "Form.errors.employment", "Trail.0.id", "Trail.0.name", "Places.0.id", "Places.0.name", "Places.0.version", "Places.0.level", "Filter.parent", "Filter.level", "Form.errors.place", "Filter.source", "Filter.rank", "Filter.expert", "Filter.priority", "Languages.0.language_id", "Languages.0.level", "Languages.0.name_fa", "SavedFilters.0.id", "SavedFilters.0.name", "SavedFilters.0.query", "Filter.sort",
		"Columns.0.key", "Columns.0.label", "Columns.1.label", "ColumnChoices.0.key", "ColumnChoices.0.label", "Filter.query",
		"Filter.cols", "Rows.0.code", "Rows.0.income", "Backups.0.name", "Backups.0.size", "Done.made", "Done.restored",
		"Done.before", "Form.errors.confirm", "Import.id", "Import.version", "Import.file_name", "Import.status",
		"Import.dup_key", "Columns.0.name", "Columns.0.sample", "Columns.0.target", "Targets.0.key", "Targets.0.label",
		"Preview.0.line", "Preview.0.outcome", "Preview.0.name", "Preview.0.message", "Totals.total", "Totals.new",
		"Failed.0.line", "Failed.0.message", "Summary.0.rows_created", "Imports.0.id", "Imports.0.file_name",
		"Imports.0.status", "Imports.0.created_at", "Upload.kind", "Upload.bad_line", "Done.conflicts",
		/* files, logo, places, icons and colours, ranks, orders */
		"Attachments.0.id", "Attachments.0.file_name", "Attachments.0.size_text", "Attachments.0.uploader",
		"Attachments.0.uploaded_at", "Attachments.0.note", "Attachments.0.purpose", "Party.city_name", "Party.province_name",
		"Party.country_name", "Party.district_name", "Rankings.0.is_current", "PartyRoles.0.name_fa",
		"PartyExperts.0.display_name", "Districts.0.id", "Districts.0.name", "Districts.0.city", "Edit.district_id",
		"Party.icon", "Party.color", "Party.color_from_rank", "Edit.icon", "Edit.color_from_rank",
		"Rows.0.party_icon", "Rows.0.party_color", "Rows.0.rank_color", "Rows.0.color_from_rank",
		"Rankings.0.color", "Ranks.0.color", "RankTypes.0.id", "RankTypes.0.name", "RankTypes.0.color",
		"RankTypes.0.sort", "RankTypes.0.version", "Filter.dir", "Filter.deep", "Form.errors.file",
		"Form.errors.logo", "Form.errors.district_id", "Form.errors.icon", "Party.title_id", "Party.source_id",
		"Party.company_type_id", "Party.registration_no", "Held.0", "Columns.0.sort", "Filter.sort_refused",
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		hdf_set_value(hdf, fields[i], p);
	hdf_set_value(hdf, "Perm.admin.edit", "all");
	hdf_set_value(hdf, "Perm.parties.edit", "all");
	hdf_set_value(hdf, "Perm.parties.assign", "all");
	hdf_set_value(hdf, "Perm.parties.star", "all");
	hdf_set_value(hdf, "Perm.parties.export", "all");
	hdf_set_value(hdf, "Perm.admin.export", "all");
	hdf_set_value(hdf, "Perm.admin.purge", "all");
	hdf_set_value(hdf, "Perm.parties.create", "all");
	hdf_set_value(hdf, "Perm.parties.delete", "all");
	hdf_set_value(hdf, "Import.status", "done");
	hdf_set_value(hdf, "Columns.1.key", "income");
	hdf_set_value(hdf, "Channels.0.is_primary", "1");
	hdf_set_value(hdf, "Channels.1.type", "website");
	hdf_set_value(hdf, "Channels.1.value", "javascript:alert(1)");
	hdf_set_value(hdf, "Lookups.0.kind", "party_role");
	hdf_set_value(hdf, "Perm.admin.create", "all");
	hdf_set_value(hdf, "Perm.admin.activate", "all");
	hdf_set_value(hdf, "Form.conflict", "1");
	hdf_set_value(hdf, "Form.failed", "1");
	hdf_set_value(hdf, "Password.forced", "1");
	hdf_set_value(hdf, "Password.done", "1");
}

static void page_templates(const char *lang)
{
	static const char *const pages[] = { "auth/login.cs", "auth/password.cs", "home/start.cs", "error.cs",
					     "admin/users.cs", "admin/user.cs", "admin/roles.cs", "admin/role.cs",
					     "admin/teams.cs", "admin/audit.cs", "admin/password_shown.cs",
					     "auth/preferences.cs", "parties/list.cs", "parties/party.cs", "parties/form.cs",
					     "parties/search.cs", "parties/results.cs", "parties/groups.cs",
					     "parties/lists.cs", "parties/places.cs", "admin/backups.cs", "parties/ranks.cs",
					     /* one page in steps: template#Page.step */
					     "parties/import.cs#start", "parties/import.cs#map", "parties/import.cs#preview",
					     "parties/import.cs#view", "home/floor.cs" };
	char langfile[128], name[128];

	snprintf(langfile, sizeof(langfile), "html/lang/%s.hdf", lang);
	for (size_t t = 0; t < sizeof(pages) / sizeof(pages[0]); t++) {
		char tpl[128];
		const char *step = strchr(pages[t], '#');
		int ok = 1;

		snprintf(tpl, sizeof(tpl), "%.*s", step ? (int)(step - pages[t]) : (int)strlen(pages[t]), pages[t]);

		for (size_t p = 0; p < sizeof(payloads) / sizeof(payloads[0]); p++) {
			HDF *hdf, *l;
			struct buf out = { 0 };

			hdf_init(&hdf);
			hdf_init(&l);
			if (hdf_read_file(l, langfile) != STATUS_OK || hdf_copy(hdf, "Lang", l) != STATUS_OK)
				ok = 0;
			fill_hostile(hdf, payloads[p]);
			if (step)
				hdf_set_value(hdf, "Page.step", step + 1);
			if (render_to_buf(hdf, "html/templates", tpl, &out) != CRM_OK || !out.p) {
				ok = 0;
			} else {
				for (size_t k = 0; k < sizeof(live_forms) / sizeof(live_forms[0]); k++) {
					if (strstr(out.p, live_forms[k])) {
						fprintf(stderr, "  %s: live \"%s\"\n", pages[t], live_forms[k]);
						ok = 0;
					}
				}
			}
			buf_free(&out);
			hdf_destroy(&hdf);
			hdf_destroy(&l);
		}
		snprintf(name, sizeof(name), "inert_%s_%s", lang, pages[t]);
		result(name, ok);
	}
}

int main(void)
{
	xss_contexts();
	page_templates("fa");
	page_templates("en");
	page_templates("tr");
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

/* The permission decision for every scope, and audit diffs. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "auth/auth.h"
#include "test.h"

#include <stdio.h>
#include <string.h>

static void decide_every_scope(void)
{
	/* scope, mine, team, listed -> allowed */
	static const int cases[][5] = {
		{ SCOPE_ALL, 0, 0, 1, 1 },  { SCOPE_ALL, 1, 1, 1, 1 },  { SCOPE_ALL, 0, 0, 0, 0 },
		{ SCOPE_TEAM, 1, 0, 1, 1 }, { SCOPE_TEAM, 0, 1, 1, 1 }, { SCOPE_TEAM, 0, 0, 1, 0 },
		{ SCOPE_TEAM, 1, 1, 0, 0 }, { SCOPE_OWN, 1, 0, 1, 1 },  { SCOPE_OWN, 0, 1, 1, 0 },
		{ SCOPE_OWN, 0, 0, 1, 0 },  { SCOPE_OWN, 1, 0, 0, 0 },  { SCOPE_NONE, 1, 1, 1, 0 },
		{ SCOPE_NONE, 0, 0, 1, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = perm_decide((enum scope)cases[i][0], cases[i][1], cases[i][2], cases[i][3]);

		if (got != cases[i][4])
			fprintf(stderr, "  case %zu: scope %s mine %d team %d listed %d gave %d\n", i,
				scope_name((enum scope)cases[i][0]), cases[i][1], cases[i][2], cases[i][3], got);
		CHECK(got == cases[i][4]);
	}
}

static void scope_names_round_trip(void)
{
	CHECK(scope_parse("all") == SCOPE_ALL);
	CHECK(scope_parse("team") == SCOPE_TEAM);
	CHECK(scope_parse("own") == SCOPE_OWN);
	CHECK(scope_parse("none") == SCOPE_NONE);
	CHECK(scope_parse("everything") == SCOPE_NONE);
	CHECK(scope_parse(NULL) == SCOPE_NONE);
	CHECK_STR(scope_name(SCOPE_TEAM), "team");
}

/* The registry the permission tests run against. */
static struct crm_registry test_reg;

static void use_test_registry(void)
{
	char err[256];

	if (registry_parse("# a comment\nauth - - -\nparties 20 /parties/persons view edit purge configure\n"
			   "admin 90 /admin/users view create\n",
			   &test_reg, err, sizeof(err)))
		fprintf(stderr, "test registry: %s\n", err);
	registry_use(&test_reg);
}

static void grants_widest_scope(void)
{
	struct user u = { 0 };

	use_test_registry();
	CHECK(perm_grant(&u, "parties", "view", SCOPE_OWN) == CRM_OK);
	CHECK(perm_grant(&u, "parties", "view", SCOPE_TEAM) == CRM_OK);
	CHECK(perm_grant(&u, "parties", "view", SCOPE_OWN) == CRM_OK); /* a narrower role does not narrow it */
	CHECK(perm_grant(&u, "parties", "edit", SCOPE_OWN) == CRM_OK);
	CHECK(perm_scope(&u, "parties", "view") == SCOPE_TEAM);
	CHECK(perm_scope(&u, "parties", "edit") == SCOPE_OWN);
	CHECK(perm_scope(&u, "parties", "purge") == SCOPE_NONE);
	CHECK(!perm_allows(&u, "admin", "view"));
	/* what the registry does not list cannot be granted */
	CHECK(perm_grant(&u, "parties", "star", SCOPE_ALL) == CRM_ENOTFOUND);
	CHECK(perm_grant(&u, "products", "view", SCOPE_ALL) == CRM_ENOTFOUND);
	CHECK(perm_scope(&u, "parties", "star") == SCOPE_NONE);
}

/* Every module and action of the registry, granted at once: no cap drops any (there were 256). */
static void grants_have_no_silent_cap(void)
{
	static struct crm_registry big;
	struct buf text = { 0 };
	struct user u = { 0 };
	char err[256];
	int ok = 1;

	for (int m = 0; m < REGISTRY_MAX_MODULES; m++) {
		buf_printf(&text, "m%d %d /m%d/", m, m + 1, m);
		for (unsigned a = 0; a < registry_nactions; a++)
			buf_printf(&text, " %s", registry_actions[a]);
		buf_puts(&text, "\n");
	}
	CHECK(registry_parse(text.p, &big, err, sizeof(err)) == 0);
	registry_use(&big);
	for (unsigned m = 0; m < big.n; m++)
		for (unsigned a = 0; a < registry_nactions; a++)
			ok &= perm_grant(&u, big.modules[m].name, registry_actions[a], SCOPE_OWN) == CRM_OK;
	CHECK(ok);
	for (unsigned m = 0; m < big.n; m++)
		for (unsigned a = 0; a < registry_nactions; a++)
			ok &= perm_scope(&u, big.modules[m].name, registry_actions[a]) == SCOPE_OWN;
	CHECK(ok);
	/* one module more than fits is refused with a reason, not dropped */
	buf_puts(&text, "toomany 99 /t/ view\n");
	CHECK(registry_parse(text.p, &big, err, sizeof(err)) == -1 && strstr(err, "more than"));
	buf_free(&text);
	use_test_registry();
}

/* The admin rule: every action the registry lists, on all records; nothing it does not list. */
static void admin_is_a_rule(void)
{
	struct user u = { 0 };

	use_test_registry();
	u.is_admin = 1;
	CHECK(perm_scope(&u, "parties", "purge") == SCOPE_ALL);
	CHECK(perm_scope(&u, "admin", "create") == SCOPE_ALL);
	CHECK(perm_scope(&u, "admin", "purge") == SCOPE_NONE);
	CHECK(perm_scope(&u, "nosuch", "view") == SCOPE_NONE);
}

static void registry_refuses_bad_lines(void)
{
	struct crm_registry reg;
	char err[256];

	CHECK(registry_parse("parties 20 /p view\nparties 30 /q view\n", &reg, err, sizeof(err)) == -1 &&
	      strstr(err, "twice"));
	CHECK(registry_parse("parties 20 /p view fly\n", &reg, err, sizeof(err)) == -1 && strstr(err, "unknown action"));
	CHECK(registry_parse("Parties 20 /p view\n", &reg, err, sizeof(err)) == -1);
	CHECK(registry_parse("parties 20 p view\n", &reg, err, sizeof(err)) == -1);
	CHECK(registry_parse("# nothing\n\n", &reg, err, sizeof(err)) == -1);
	CHECK(registry_load("conf/modules", &reg, err, sizeof(err)) == 0);
	CHECK(registry_module(&reg, "parties") >= 0 && registry_module(&reg, "auth") >= 0);
	CHECK(reg.modules[registry_module(&reg, "auth")].menu == 0);
}

static void audit_diff_only_changes(void)
{
	struct audit_change c[] = {
		{ "name", "Ali", "Ali" }, { "city", "Tehran", "Shiraz" }, { "note", NULL, "x\"y" }, { "mobile", "1", NULL },
	};
	struct buf b = { 0 };
	unsigned n;

	CHECK(audit_diff_json(&b, c, 4, &n) == CRM_OK);
	CHECK(n == 3);
	CHECK_STR(b.p, "{\"city\":{\"old\":\"Tehran\",\"new\":\"Shiraz\"},\"note\":{\"old\":null,\"new\":\"x\\\"y\"},"
		       "\"mobile\":{\"old\":\"1\",\"new\":null}}");
	buf_reset(&b);
	CHECK(audit_diff_json(&b, c, 1, &n) == CRM_OK);
	CHECK(n == 0);
	CHECK_STR(b.p, "{}");
	buf_reset(&b);
	struct audit_change empty[] = { { "email", NULL, "" }, { "phone", "", NULL } };
	CHECK(audit_diff_json(&b, empty, 2, &n) == CRM_OK);
	CHECK(n == 0);
	CHECK_STR(b.p, "{}");
	buf_free(&b);
}

static void scope_sql_per_scope(void)
{
	static const struct scope_sql s = { "p.owner = ?", "p.owner IN (SELECT b.user_id FROM user_teams a JOIN user_teams b "
							   "ON b.team_id = a.team_id WHERE a.user_id = ?)",
					    "p.id IN (SELECT party_id FROM user_customers WHERE user_id = ?)", NULL };
	static const struct { enum scope sc; int listed; const char *sql; unsigned params; } cases[] = {
		{ SCOPE_ALL, 0, " AND (1 = 1)", 0 },
		{ SCOPE_OWN, 0, " AND (p.owner = ?)", 1 },
		{ SCOPE_TEAM, 0, " AND ((p.owner = ?) OR (p.owner IN (SELECT b.user_id FROM user_teams a JOIN user_teams b "
				 "ON b.team_id = a.team_id WHERE a.user_id = ?)))", 2 },
		{ SCOPE_NONE, 0, " AND (1 = 0)", 0 },
		{ SCOPE_ALL, 1, " AND (1 = 1) AND (p.id IN (SELECT party_id FROM user_customers WHERE user_id = ?))", 1 },
		{ SCOPE_OWN, 1, " AND (p.owner = ?) AND (p.id IN (SELECT party_id FROM user_customers WHERE user_id = ?))", 2 },
		{ SCOPE_NONE, 1, " AND (1 = 0)", 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct user u = { 0 };
		struct buf b = { 0 };
		struct db_param p[4];
		unsigned n = 0;

		u.id = 42;
		u.has_customer_list = cases[i].listed;
		use_test_registry();
		CHECK(perm_grant(&u, "parties", "view", cases[i].sc) == CRM_OK);
		CHECK(perm_scope_sql(&u, "parties", "view", &s, &b, p, &n) == CRM_OK);
		CHECK_STR(b.p, cases[i].sql);
		CHECK(n == cases[i].params);
		for (unsigned k = 0; k < n; k++)
			CHECK(p[k].type == DB_INT && p[k].i == 42);
		buf_free(&b);
	}
}

/* "My team's" with the team mates bound one by one; a user with too many falls back to the join. */
static void scope_sql_team_members(void)
{
	static const struct scope_sql s = { "p.owner = ?", "p.owner IN (SELECT 1)", NULL, "p.owner IN (%s)" };
	struct user u = { 0 };
	struct buf b = { 0 };
	struct db_param p[PERM_SCOPE_PARAMS];
	unsigned n = 0;

	u.id = 42;
	use_test_registry();
	CHECK(perm_grant(&u, "parties", "view", SCOPE_TEAM) == CRM_OK);
	u.team[0] = 42, u.team[1] = 7, u.team[2] = 9;
	u.nteam = 3;
	CHECK(perm_scope_sql(&u, "parties", "view", &s, &b, p, &n) == CRM_OK);
	CHECK_STR(b.p, " AND (p.owner IN (?, ?, ?))");
	CHECK(n == 3 && p[0].i == 42 && p[1].i == 7 && p[2].i == 9);
	buf_free(&b);
	b = (struct buf){ 0 };
	n = 0;
	u.team_overflow = 1;
	CHECK(perm_scope_sql(&u, "parties", "view", &s, &b, p, &n) == CRM_OK);
	CHECK_STR(b.p, " AND ((p.owner = ?) OR (p.owner IN (SELECT 1)))");
	CHECK(n == 2 && p[0].i == 42 && p[1].i == 42);
	buf_free(&b);
}

const struct test_case perm_tests[] = {
	{ "scope_sql_team_members", scope_sql_team_members },
	{ "scope_sql_per_scope", scope_sql_per_scope },
	{ "decide_every_scope", decide_every_scope },
	{ "scope_names_round_trip", scope_names_round_trip },
	{ "grants_widest_scope", grants_widest_scope },
	{ "grants_have_no_silent_cap", grants_have_no_silent_cap },
	{ "admin_is_a_rule", admin_is_a_rule },
	{ "registry_refuses_bad_lines", registry_refuses_bad_lines },
	{ "audit_diff_only_changes", audit_diff_only_changes },
	{ NULL, NULL },
};

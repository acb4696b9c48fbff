/* The permission decision for every scope, and audit diffs. */
#include "audit/audit.h"
#include "core/core.h"
#include "db/db.h"
#include "auth/auth.h"
#include "test.h"

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

static void grants_widest_scope(void)
{
	struct user u = { 0 };

	u.ngrants = 2;
	snprintf(u.grants[0].module, sizeof(u.grants[0].module), "parties");
	snprintf(u.grants[0].action, sizeof(u.grants[0].action), "view");
	u.grants[0].scope = SCOPE_TEAM;
	snprintf(u.grants[1].module, sizeof(u.grants[1].module), "parties");
	snprintf(u.grants[1].action, sizeof(u.grants[1].action), "edit");
	u.grants[1].scope = SCOPE_OWN;
	CHECK(perm_scope(&u, "parties", "view") == SCOPE_TEAM);
	CHECK(perm_scope(&u, "parties", "edit") == SCOPE_OWN);
	CHECK(perm_scope(&u, "parties", "purge") == SCOPE_NONE);
	CHECK(!perm_allows(&u, "admin", "view"));
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
		u.ngrants = cases[i].sc == SCOPE_NONE ? 0 : 1;
		snprintf(u.grants[0].module, sizeof(u.grants[0].module), "parties");
		snprintf(u.grants[0].action, sizeof(u.grants[0].action), "view");
		u.grants[0].scope = cases[i].sc;
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
	u.ngrants = 1;
	snprintf(u.grants[0].module, sizeof(u.grants[0].module), "parties");
	snprintf(u.grants[0].action, sizeof(u.grants[0].action), "view");
	u.grants[0].scope = SCOPE_TEAM;
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
	{ "audit_diff_only_changes", audit_diff_only_changes },
	{ NULL, NULL },
};

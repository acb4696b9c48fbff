/* The records engine's pure parts: amounts as typed and as shown, errors per field, a fixed column. */
#include "records/records.h"
#include "test.h"

#include <string.h>

static void money_parse_as_typed(void)
{
	long long m = 0;

	CHECK(rec_money_parse("1,250,000.50", &m) == CRM_OK && m == 125000050);
	CHECK(rec_money_parse("۱٬۲۵۰٬۰۰۰", &m) == CRM_OK && m == 125000000);
	CHECK(rec_money_parse("12.5", &m) == CRM_OK && m == 1250);
	CHECK(rec_money_parse("0.05", &m) == CRM_OK && m == 5);
	CHECK(rec_money_parse("1.234", &m) == CRM_EINVAL);
	CHECK(rec_money_parse("12.", &m) == CRM_EINVAL);
	CHECK(rec_money_parse(".5", &m) == CRM_EINVAL);
	CHECK(rec_money_parse("", &m) == CRM_EINVAL);
	CHECK(rec_money_parse("12a", &m) == CRM_EINVAL);
	CHECK(rec_money_parse("99999999999999999999", &m) == CRM_EINVAL);
	CHECK(rec_money_parse("-5", &m) == CRM_OK && m == -500);
	CHECK(rec_money_parse("−12.50", &m) == CRM_OK && m == -1250); /* U+2212 */
	CHECK(rec_money_parse("۱۲٫۵۰", &m) == CRM_OK && m == 1250);  /* the Persian keyboard's decimal key */
	CHECK(rec_money_parse("-", &m) == CRM_EINVAL);
	CHECK(rec_money_parse("5-", &m) == CRM_EINVAL);
}

static void money_format_grouped(void)
{
	char out[64];

	CHECK(rec_money_format(125000050, DIGITS_LATIN, out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "1,250,000.50");
	CHECK(rec_money_format(85000000000, DIGITS_PERSIAN, out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "۸۵۰٬۰۰۰٬۰۰۰");
	CHECK(rec_money_format(-1234500, DIGITS_LATIN, out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "-12,345");
	CHECK(rec_money_format(99, DIGITS_LATIN, out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "0.99");
	CHECK(rec_money_format(125000050, DIGITS_LATIN, out, 5) == CRM_ETOOBIG);
}

static void errors_first_per_field(void)
{
	struct rec_errors err = { .n = 0 };

	rec_error(&err, "email", "records.err.email", 0);
	rec_error(&err, "email", "records.err.too_long", 255);
	rec_error(&err, "name", "records.err.required", 0);
	CHECK(err.n == 2);
	CHECK(!strcmp(err.e[0].msg, "records.err.email"));
	CHECK(rec_failed(&err, "name") && !rec_failed(&err, "lang") && rec_failed(&err, NULL));
}

/* A fixed column's condition follows the query with its value bound; without a value the query
 * is refused, never widened to the whole table. */
static void fixed_column_bound(void)
{
	const struct rec_entity plain = { .name = "teams", .table = "teams" };
	const struct rec_entity fixed = { .name = "lookups", .table = "lookups", .fixed_col = "kind" };
	struct buf sql = { 0 };
	struct db_param p[2];
	unsigned n = 0;

	CHECK(rec_fixed_sql(&plain, NULL, &sql, p, &n) == CRM_OK && n == 0 && sql.len == 0);
	CHECK(rec_fixed_sql(&fixed, NULL, &sql, p, &n) == CRM_EINVAL && n == 0 && sql.len == 0);
	CHECK(rec_fixed_sql(&fixed, "title", &sql, p, &n) == CRM_OK && n == 1);
	CHECK(sql.p && !strcmp(sql.p, " AND t.kind = ?"));
	buf_free(&sql);
}

/* A count past the bound is kept for its list (same query, same values) for 30 s, and only for it. */
static void count_cache_kept_briefly(void)
{
	struct db_param a[] = { DB_S("person"), DB_I(7) }, b[] = { DB_S("person"), DB_I(8) };
	uint64_t ka = rec_count_key("parties", "FROM parties p WHERE p.kind = ?", a, 2);
	uint64_t kb = rec_count_key("parties", "FROM parties p WHERE p.kind = ?", b, 2);
	long long count = 0, t0 = 1000000000LL;
	int more = 0;

	CHECK(ka != kb);
	CHECK(rec_count_key("parties", "FROM parties p WHERE p.kind = ?", a, 2) == ka);
	CHECK(!rec_count_cached(ka, t0, &count, &more));
	rec_count_keep(ka, t0, 1000, 1);
	CHECK(rec_count_cached(ka, t0 + 29 * 1000000LL, &count, &more) && count == 1000 && more == 1);
	CHECK(!rec_count_cached(kb, t0 + 1, &count, &more));
	CHECK(!rec_count_cached(ka, t0 + 31 * 1000000LL, &count, &more));
	rec_count_keep(ka, t0, 940000, 0); /* counted again: the new value in the same slot */
	CHECK(rec_count_cached(ka, t0 + 1, &count, &more) && count == 940000 && more == 0);
}

const struct test_case records_tests[] = {
	{ "count_cache_kept_briefly", count_cache_kept_briefly },
	{ "fixed_column_bound", fixed_column_bound },
	{ "money_parse_as_typed", money_parse_as_typed },
	{ "money_format_grouped", money_format_grouped },
	{ "errors_first_per_field", errors_first_per_field },
	{ NULL, NULL },
};

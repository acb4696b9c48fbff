/* The jobs area's pure parts: backoff, the schedule's next due time, params. */
#include "core/core.h"
#include "jobs/jobs.h"
#include "test.h"

static void backoff_doubles_up_to_its_cap(void)
{
	CHECK(jobs_backoff_ms(300, 3600000, 1) == 300);
	CHECK(jobs_backoff_ms(300, 3600000, 2) == 600);
	CHECK(jobs_backoff_ms(300, 3600000, 3) == 1200);
	CHECK(jobs_backoff_ms(2000, 3600000, 11) == 2048000);
	CHECK(jobs_backoff_ms(2000, 3600000, 12) == 3600000);
	CHECK(jobs_backoff_ms(2000, 3600000, 1000000) == 3600000); /* no overflow, no long loop */
	CHECK(jobs_backoff_ms(2000, 3600000, 0) == 2000);
	CHECK(jobs_backoff_ms(0, 1000, 3) == 4);                   /* a base of 0 counts as 1 ms */
	CHECK(jobs_backoff_ms(5000, 1000, 1) == 1000);             /* the cap wins over the base */
}

static void next_due_skips_missed_times(void)
{
	CHECK(jobs_next_due(1000, 3600, 999) == 1000);       /* not yet due: unchanged */
	CHECK(jobs_next_due(1000, 3600, 1000) == 4600);
	CHECK(jobs_next_due(1000, 3600, 4599) == 4600);
	CHECK(jobs_next_due(1000, 3600, 4600) == 8200);
	CHECK(jobs_next_due(1000, 3600, 1000 + 3600 * 48 + 5) == 1000 + 3600 * 49); /* two days stopped: once */
	CHECK(jobs_next_due(1000, 0, 1000) == 1001);         /* a zero period counts as a second */
}

static void params_read_strictly(void)
{
	char v[32];

	CHECK(jobs_param("{\"format\":\"csv\",\"user\":12}", "format", v, sizeof(v)) == CRM_OK);
	CHECK_STR(v, "csv");
	CHECK(jobs_param(" { \"format\" : \"csv\" , \"user\" : -12 } ", "user", v, sizeof(v)) == CRM_OK);
	CHECK_STR(v, "-12");
	CHECK(jobs_param("{\"a\":\"x\\\"y\\\\z\\n\\u0628\\ud83d\\ude00\"}", "a", v, sizeof(v)) == CRM_OK);
	CHECK_STR(v, "x\"y\\z\n\xd8\xa8\xf0\x9f\x98\x80");
	CHECK(jobs_param("{\"a\":null}", "a", v, sizeof(v)) == CRM_ENOTFOUND);
	CHECK(jobs_param("{}", "a", v, sizeof(v)) == CRM_ENOTFOUND);
	CHECK(jobs_param("{\"b\":\"x\"}", "a", v, sizeof(v)) == CRM_ENOTFOUND);
	CHECK(jobs_param("{\"a\":\"0123456789012345678901234567890123\"}", "a", v, sizeof(v)) == CRM_ETOOBIG);
	/* not a flat object of strings and integers */
	static const char *const bad[] = {
		"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":\"x\"", "{\"a\":\"x\"}x", "{\"a\":{}}", "{\"a\":[1]}",
		"{\"a\":1.5}", "{\"a\":true}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u00\"}", "{\"a\":\"\\ud800\"}",
		"{\"a\":\"\\udc00\"}", "{\"a\":\"\\u0000\"}", "{\"a\":\"tab\there\"}", "{,}", "{\"a\":1,}", NULL,
	};
	for (int i = 0; i < (int)(sizeof(bad) / sizeof(bad[0])); i++) {
		int rc = jobs_param(bad[i], "a", v, sizeof(v));

		if (rc != CRM_EINVAL)
			fprintf(stderr, "  params %s gave %d\n", bad[i] ? bad[i] : "(null)", rc);
		CHECK(rc == CRM_EINVAL);
	}
}

const struct test_case jobs_tests[] = {
	{ "jobs: backoff doubles up to its cap", backoff_doubles_up_to_its_cap },
	{ "jobs: the schedule's next due time skips missed times", next_due_skips_missed_times },
	{ "jobs: params are read strictly", params_read_strictly },
	{ NULL, NULL },
};

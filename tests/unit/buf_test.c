/* The buffer's failure is sticky: once an allocation fails, every later append
 * fails and the buffer says so, so a text built from fragments is whole or refused. */
#include "core/core.h"
#include "test.h"

#include <stdlib.h>

static int allocations_left;

/* Fails every allocation once allocations_left is used up. */
static void *failing_realloc(void *p, size_t n)
{
	if (allocations_left <= 0)
		return NULL;
	allocations_left--;
	return realloc(p, n);
}

static void with_allocations(int n)
{
	allocations_left = n;
	buf_realloc = failing_realloc;
}

static void normal_allocations(void)
{
	buf_realloc = realloc;
}

static void append_fails_and_stays_failed(void)
{
	struct buf b = { 0 };
	char big[300];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	with_allocations(1); /* the first 256 bytes, no more */
	CHECK(buf_puts(&b, "SELECT 1 FROM parties p WHERE p.kind = ?") == CRM_OK);
	CHECK(!buf_failed(&b));
	CHECK(buf_puts(&b, big) == CRM_ERR); /* needs a bigger block: refused */
	CHECK(buf_failed(&b));
	normal_allocations();
	/* memory is back, yet nothing more is taken: the text stays refused */
	CHECK(buf_puts(&b, " AND p.is_active = 1") == CRM_ERR);
	CHECK(buf_printf(&b, " LIMIT %d", 50) == CRM_ERR);
	CHECK(buf_append(&b, "", 0) == CRM_ERR);
	CHECK(json_str(&b, "x") == CRM_ERR);
	CHECK(buf_failed(&b));
	CHECK_STR(b.p, "SELECT 1 FROM parties p WHERE p.kind = ?");
	/* a reset starts over */
	buf_reset(&b);
	CHECK(!buf_failed(&b));
	CHECK(buf_puts(&b, "ok") == CRM_OK);
	CHECK_STR(b.p, "ok");
	buf_free(&b);
}

static void first_allocation_fails(void)
{
	struct buf b = { 0 };

	with_allocations(0);
	CHECK(buf_printf(&b, "%s", "a") == CRM_ERR);
	normal_allocations();
	CHECK(buf_puts(&b, "b") == CRM_ERR);
	CHECK(buf_failed(&b));
	CHECK(b.len == 0);
	buf_free(&b);
	CHECK(!buf_failed(&b));
}

/* A dropped condition in the middle of a query: the whole query is refused,
 * never run shorter (and wider). */
static void every_nth_allocation_fails(void)
{
	static const char *const parts[] = { "SELECT p.id FROM parties p WHERE p.kind = ?", " AND p.is_deleted = 0",
					     " AND p.is_active = 1", " AND p.city_id = ?", " ORDER BY p.id LIMIT 51" };

	for (int n = 0; n < 4; n++) {
		struct buf b = { 0 };
		int rc = CRM_OK;

		with_allocations(n);
		for (size_t i = 0; i < CRM_ARRAY_LEN(parts); i++) {
			/* pad so each part needs a bigger block */
			buf_printf(&b, "%s%*s", parts[i], 200, "");
		}
		rc = buf_puts(&b, "");
		normal_allocations();
		if (rc == CRM_OK)
			CHECK(strstr(b.p, "p.is_active = 1") != NULL);
		else
			CHECK(buf_failed(&b));
		buf_free(&b);
	}
}

const struct test_case buf_tests[] = {
	{ "buf_append_fails_and_stays_failed", append_fails_and_stays_failed },
	{ "buf_first_allocation_fails", first_allocation_fails },
	{ "buf_every_nth_allocation_fails", every_nth_allocation_fails },
	{ NULL, NULL },
};

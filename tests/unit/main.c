/* Runs every unit test of libcrm and prints "N passed, N failed". */
#include "core/core.h"
#include "test.h"

int test_check_failures;

static const struct test_case *const suites[] = { parse_tests, crypto_tests, config_tests, escape_tests, req_tests, calendar_tests, perm_tests, national_id_tests, search_keys_tests, csv_tests, files_tests, jobs_tests, buf_tests, records_tests };

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	const char *only = argc > 1 ? argv[1] : NULL;

	if (crypto_init() != 0) {
		fprintf(stderr, "libgcrypt too old\n");
		return 1;
	}
	for (size_t s = 0; s < sizeof(suites) / sizeof(suites[0]); s++) {
		for (const struct test_case *t = suites[s]; t->name; t++) {
			int before = test_check_failures;

			if (only && !strstr(t->name, only))
				continue;
			t->fn();
			if (test_check_failures == before) {
				passed++;
				printf("ok   %s\n", t->name);
			} else {
				failed++;
				printf("FAIL %s\n", t->name);
			}
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

/* A very small test harness: CHECK records a failure and goes on. */
#ifndef CRM_TEST_H
#define CRM_TEST_H

#include <stdio.h>
#include <string.h>

extern int test_check_failures;

#define CHECK(c)                                                                   \
	do {                                                                       \
		if (!(c)) {                                                        \
			fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #c); \
			test_check_failures++;                                     \
		}                                                                  \
	} while (0)

#define CHECK_STR(a, b)                                                                       \
	do {                                                                                  \
		const char *a_ = (a), *b_ = (b);                                              \
		if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                      \
			fprintf(stderr, "  %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__,     \
				a_ ? a_ : "(null)", b_ ? b_ : "(null)");                      \
			test_check_failures++;                                                \
		}                                                                             \
	} while (0)

struct test_case {
	const char *name;
	void (*fn)(void);
};

extern const struct test_case parse_tests[];
extern const struct test_case crypto_tests[];
extern const struct test_case config_tests[];
extern const struct test_case escape_tests[];
extern const struct test_case req_tests[];
extern const struct test_case calendar_tests[];
extern const struct test_case perm_tests[];
extern const struct test_case national_id_tests[];
extern const struct test_case search_keys_tests[];
extern const struct test_case files_tests[];
extern const struct test_case csv_tests[];
extern const struct test_case jobs_tests[];
extern const struct test_case buf_tests[];
extern const struct test_case records_tests[];

#endif

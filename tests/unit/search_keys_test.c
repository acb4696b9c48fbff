/* The phone book's keys: what a typed phone fragment may mean, a stored number's two keys,
 * and the words (with ZWNJ compound tails) of a text. */
#include "domain/domain.h"
#include "test.h"

static void phone_query_forms(void)
{
	struct phone_query q;

	CHECK(phone_query_keys("0912123", "98", &q) == CRM_OK);
	CHECK_STR(q.lead[0], "+98912123");
	CHECK_STR(q.lead[1], "");
	CHECK_STR(q.tail, "3212190");
	CHECK(phone_query_keys("\xDB\xB0\xDB\xB9\xDB\xB1\xDB\xB2", "98", &q) == CRM_OK); /* ۰۹۱۲ */
	CHECK_STR(q.lead[0], "+98912");
	CHECK(phone_query_keys("+98 912 123", "98", &q) == CRM_OK);
	CHECK_STR(q.lead[0], "+98912123");
	CHECK_STR(q.tail, ""); /* a + is the start of a number, never a tail */
	CHECK(phone_query_keys("912123", "98", &q) == CRM_OK);
	CHECK_STR(q.lead[0], "+912123");
	CHECK_STR(q.lead[1], "+98912123");
	CHECK(phone_query_keys("0098 912", "98", &q) == CRM_OK);
	CHECK_STR(q.lead[0], "+98912");
	CHECK(phone_query_keys("0198", "98", &q) == CRM_OK);
	CHECK_STR(q.tail, "8910");
	CHECK(phone_query_keys("091", "98", &q) == CRM_EINVAL);
	CHECK(phone_query_keys("0912 abc", "98", &q) == CRM_EINVAL);
}

static void phone_stored_keys(void)
{
	char key[64];

	CHECK(phone_stored_lead("", "", "09121234567", "98", key, sizeof(key)) == CRM_OK);
	CHECK_STR(key, "+989121234567");
	CHECK(phone_stored_lead("98", "021", "88776655", "98", key, sizeof(key)) == CRM_OK);
	CHECK_STR(key, "+982188776655");
	CHECK(phone_stored_lead("", "", "+44 20 7946 0958", "98", key, sizeof(key)) == CRM_OK);
	CHECK_STR(key, "+442079460958");
	CHECK(phone_stored_key("", "", "09121234567", "98", key, sizeof(key)) == CRM_OK);
	CHECK_STR(key, "765432121989");
}

struct collected {
	char all[512];
};

static int collect(void *ctx, const char *key)
{
	struct collected *c = ctx;

	strncat(c->all, key, sizeof(c->all) - strlen(c->all) - 2);
	strcat(c->all, "|");
	return CRM_OK;
}

static void words_with_zwnj(void)
{
	struct collected c = { "" };

	/* «مهندسی‌نرم‌افزار»، Ali */
	CHECK(search_words("\xC2\xAB\xD9\x85\xD9\x87\xD9\x86\xD8\xAF\xD8\xB3\xDB\x8C\xE2\x80\x8C\xD9\x86\xD8\xB1\xD9\x85\xE2\x80\x8C"
			   "\xD8\xA7\xD9\x81\xD8\xB2\xD8\xA7\xD8\xB1\xC2\xBB\xD8\x8C Ali",
			   10, collect, &c) == CRM_OK);
	CHECK_STR(c.all, "\xD9\x85\xD9\x87\xD9\x86\xD8\xAF\xD8\xB3\xDB\x8C\xD9\x86\xD8\xB1\xD9\x85\xD8\xA7\xD9\x81\xD8\xB2\xD8\xA7\xD8\xB1|"
			 "\xD9\x86\xD8\xB1\xD9\x85\xD8\xA7\xD9\x81\xD8\xB2\xD8\xA7\xD8\xB1|\xD8\xA7\xD9\x81\xD8\xB2\xD8\xA7\xD8\xB1|ali|");
	c.all[0] = '\0';
	CHECK(search_words("one two three", 2, collect, &c) == CRM_OK);
	CHECK_STR(c.all, "one|two|");
}

const struct test_case search_keys_tests[] = {
	{ "phone_query_forms", phone_query_forms },
	{ "phone_stored_keys", phone_stored_keys },
	{ "search_words_zwnj", words_with_zwnj },
	{ NULL, NULL },
};

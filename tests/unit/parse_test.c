/* The request parsers: query strings and forms, cookies, multipart, UTF-8. */
#include "core/core.h"
#include "http/http.h"
#include "test.h"

#include <stdlib.h>

static void urlencoded_basic(void)
{
	struct kv_list l = { 0 };
	const char *in = "a=1&b=hello+world&c=%D8%B9%D9%84%DB%8C&empty=&flag&a=2";

	CHECK(urlencoded_parse(in, strlen(in), &l) == CRM_OK);
	CHECK(l.n == 6);
	CHECK_STR(kv_get(&l, "a"), "1");
	CHECK_STR(kv_get(&l, "b"), "hello world");
	CHECK_STR(kv_get(&l, "c"), "علی");
	CHECK_STR(kv_get(&l, "empty"), "");
	CHECK_STR(kv_get(&l, "flag"), "");
	CHECK(kv_get(&l, "missing") == NULL);
	kv_free(&l);
}

static void urlencoded_rejects(void)
{
	const char *bad[] = { "a=%", "a=%4", "a=%zz", "a=%C0%AF", "a=%FF", "a=%00", "%00=1", "=x", "a=%ED%A0%80",
			      "a%01=1", "a=%1B" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct kv_list l = { 0 };
		int rc = urlencoded_parse(bad[i], strlen(bad[i]), &l);

		if (rc != CRM_EINVAL)
			fprintf(stderr, "  accepted: %s\n", bad[i]);
		CHECK(rc == CRM_EINVAL);
		kv_free(&l);
	}
}

static void urlencoded_keeps_newlines_and_limits_fields(void)
{
	struct kv_list l = { 0 };
	const char *in = "note=line1%0D%0Aline2%09tab";
	char *many;
	size_t n = 0;

	CHECK(urlencoded_parse(in, strlen(in), &l) == CRM_OK);
	CHECK_STR(kv_get(&l, "note"), "line1\r\nline2\ttab");
	kv_free(&l);
	many = malloc(PARSE_MAX_FIELDS * 4 + 16);
	for (int i = 0; i <= PARSE_MAX_FIELDS; i++)
		n += (size_t)sprintf(many + n, "a=1&");
	CHECK(urlencoded_parse(many, n, &l) == CRM_ETOOBIG);
	kv_free(&l);
	free(many);
}

static void cookies(void)
{
	struct kv_list l = { 0 };

	CHECK(cookie_parse("crm_session=abc123; crm_lang=en;bad=\"x\"; =noname; lonely; other=a b; last=z", &l) == CRM_OK);
	CHECK_STR(kv_get(&l, "crm_session"), "abc123");
	CHECK_STR(kv_get(&l, "crm_lang"), "en");
	CHECK_STR(kv_get(&l, "last"), "z");
	CHECK(kv_get(&l, "bad") == NULL);
	CHECK(kv_get(&l, "other") == NULL);
	CHECK(kv_get(&l, "lonely") == NULL);
	kv_free(&l);
}

static void multipart_fields_and_files(void)
{
	const char *ct = "multipart/form-data; boundary=----XyZ";
	const char *body = "------XyZ\r\n"
			   "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
			   "سلام\r\n"
			   "------XyZ\r\n"
			   "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
			   "\r\n"
			   "------XyZ\r\n"
			   "Content-Disposition: form-data; name=\"logo\"; filename=\"a b.png\"\r\n"
			   "Content-Type: image/png\r\n\r\n"
			   "\x89PNG\r\n\x00\x01" "binary\r\n"
			   "------XyZ\r\n"
			   "Content-Disposition: form-data; name=\"nofile\"; filename=\"\"\r\n"
			   "Content-Type: application/octet-stream\r\n\r\n"
			   "\r\n"
			   "------XyZ--\r\n";
	size_t n = 0;
	struct kv_list f = { 0 };
	struct upload_list u = { 0 };

	/* the body holds a NUL byte: measure it by hand */
	n = strlen(body);
	n += 1 + strlen(body + n + 1);
	CHECK(multipart_parse(body, n, ct, &f, &u) == CRM_OK);
	CHECK_STR(kv_get(&f, "title"), "سلام");
	CHECK_STR(kv_get(&f, "empty"), "");
	CHECK(u.n == 1);
	if (u.n == 1) {
		CHECK_STR(u.items[0].field, "logo");
		CHECK_STR(u.items[0].filename, "a b.png");
		CHECK_STR(u.items[0].content_type, "image/png");
		CHECK(u.items[0].len == 14);
		CHECK(memcmp(u.items[0].data, "\x89PNG\r\n\x00\x01" "binary", 14) == 0);
	}
	kv_free(&f);
	upload_list_free(&u);
}

static void multipart_rejects(void)
{
	const char *ct = "multipart/form-data; boundary=b";
	const char *bad[] = {
		"",
		"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno closing boundary",
		"--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--",
		"--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--b--",
		"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\xfe\r\n--b--",
		"preamble--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b--",
		"--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--",
	};
	struct kv_list f = { 0 };
	struct upload_list u = { 0 };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = multipart_parse(bad[i], strlen(bad[i]), ct, &f, &u);

		if (rc != CRM_EINVAL)
			fprintf(stderr, "  accepted case %zu\n", i);
		CHECK(rc == CRM_EINVAL);
		kv_free(&f);
		upload_list_free(&u);
	}
	CHECK(multipart_parse("--b--", 5, "multipart/form-data", &f, &u) == CRM_EINVAL);
	CHECK(multipart_parse("--b--", 5, "multipart/form-data; boundary=\"b\"", &f, &u) == CRM_OK);
}

static void utf8(void)
{
	CHECK(utf8_valid("plain", 5));
	CHECK(utf8_valid("علی ۰۹۱۲ Çağrı 😀", strlen("علی ۰۹۱۲ Çağrı 😀")));
	CHECK(!utf8_valid("\xc0\xaf", 2));         /* overlong '/' */
	CHECK(!utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4)); /* above U+10FFFF */
	CHECK(!utf8_valid("\xe2\x82", 2));         /* truncated */
	CHECK(!utf8_valid("\x80", 1));
}

const struct test_case parse_tests[] = {
	{ "urlencoded_basic", urlencoded_basic },
	{ "urlencoded_rejects", urlencoded_rejects },
	{ "urlencoded_keeps_newlines_and_limits_fields", urlencoded_keeps_newlines_and_limits_fields },
	{ "cookies", cookies },
	{ "multipart_fields_and_files", multipart_fields_and_files },
	{ "multipart_rejects", multipart_rejects },
	{ "utf8", utf8 },
	{ NULL, NULL },
};

/* Reading a request from a CGI environment: statuses for bad input, and
 * response headers that refuse injection. */
#include "core/core.h"
#include "http/http.h"
#include "test.h"

#include <stdlib.h>

struct fake {
	const char *const *env; /* name, value, name, value, ..., NULL */
	const char *body;
	size_t pos;
	struct buf sent;
};

static const char *fake_getenv(void *ctx, const char *name)
{
	struct fake *f = ctx;

	for (const char *const *e = f->env; *e; e += 2)
		if (strcmp(e[0], name) == 0)
			return e[1];
	return NULL;
}

static long fake_read(void *ctx, char *buf, size_t n)
{
	struct fake *f = ctx;
	size_t left = f->body ? strlen(f->body) - f->pos : 0;

	if (n > left)
		n = left;
	memcpy(buf, f->body + f->pos, n);
	f->pos += n;
	return (long)n;
}

static int fake_write(void *ctx, const char *buf, size_t n)
{
	return buf_append(&((struct fake *)ctx)->sent, buf, n);
}

static struct crm_config cfg = { .max_body = 100, .max_query = 50 };

static int read_with(const char *const *env, const char *body, struct req *r, struct fake *f)
{
	static struct io io;

	memset(r, 0, sizeof(*r));
	memset(f, 0, sizeof(*f));
	f->env = env;
	f->body = body;
	io = (struct io){ f, fake_getenv, fake_read, fake_write };
	r->cfg = &cfg;
	r->io = &io;
	return req_read(r);
}

static void req_get_with_query_and_cookies(void)
{
	const char *env[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/parties/person?id=42&q=%DA%A9",
			      "QUERY_STRING", "id=42&q=%DA%A9", "HTTP_COOKIE", "crm_session=ab; x=y",
			      "REMOTE_ADDR", "127.0.0.9", NULL };
	struct req r;
	struct fake f;
	long long id;

	CHECK(read_with(env, NULL, &r, &f) == 0);
	CHECK_STR(r.path, "/parties/person");
	CHECK(req_int(&r, "id", 1, 100, &id) == CRM_OK && id == 42);
	CHECK(req_int(&r, "id", 1, 10, &id) == CRM_EINVAL);
	CHECK(req_int(&r, "q", 1, 10, &id) == CRM_EINVAL);
	CHECK(req_int(&r, "none", 1, 10, &id) == CRM_ENOTFOUND);
	CHECK_STR(req_param(&r, "q"), "ک");
	CHECK_STR(kv_get(&r.cookies, "crm_session"), "ab");
	CHECK_STR(r.remote_addr, "127.0.0.9");
	req_free(&r);
}

static void req_post_form(void)
{
	const char *env[] = { "REQUEST_METHOD", "POST", "REQUEST_URI", "/auth/login", "CONTENT_TYPE",
			      "application/x-www-form-urlencoded; charset=UTF-8", "CONTENT_LENGTH", "33", NULL };
	struct req r;
	struct fake f;
	char text[16];

	CHECK(read_with(env, "username=%20%20admin%20&password=x", &r, &f) == 0);
	CHECK(req_text(&r, "username", 10, text, sizeof(text)) == CRM_OK);
	CHECK_STR(text, "admin");
	CHECK(req_text(&r, "username", 3, text, sizeof(text)) == CRM_ETOOBIG);
	CHECK(req_text(&r, "nothing", 3, text, sizeof(text)) == CRM_ENOTFOUND);
	req_free(&r);
}

static void req_bad_input_statuses(void)
{
	const char *too_big[] = { "REQUEST_METHOD", "POST", "REQUEST_URI", "/a/b", "CONTENT_TYPE",
				  "application/x-www-form-urlencoded", "CONTENT_LENGTH", "101", NULL };
	const char *wrong_type[] = { "REQUEST_METHOD", "POST", "REQUEST_URI", "/a/b", "CONTENT_TYPE",
				     "application/json", "CONTENT_LENGTH", "2", NULL };
	const char *bad_utf8[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/a/b?q=%C3%28", "QUERY_STRING",
				   "q=%C3%28", NULL };
	const char *put[] = { "REQUEST_METHOD", "PUT", "REQUEST_URI", "/a/b", NULL };
	const char *long_query[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/a/b", "QUERY_STRING",
				     "q=0123456789012345678901234567890123456789012345678901234567890", NULL };
	const char *short_body[] = { "REQUEST_METHOD", "POST", "REQUEST_URI", "/a/b", "CONTENT_TYPE",
				     "application/x-www-form-urlencoded", "CONTENT_LENGTH", "50", NULL };
	const char *bad_path[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/a/\x01", NULL };
	struct req r;
	struct fake f;

	CHECK(read_with(too_big, "x", &r, &f) == 413);
	req_free(&r);
	CHECK(read_with(wrong_type, "{}", &r, &f) == 415);
	req_free(&r);
	CHECK(read_with(bad_utf8, NULL, &r, &f) == 400);
	req_free(&r);
	CHECK(read_with(put, NULL, &r, &f) == 405);
	req_free(&r);
	CHECK(read_with(long_query, NULL, &r, &f) == 414);
	req_free(&r);
	CHECK(read_with(short_body, "a=1", &r, &f) == 400);
	req_free(&r);
	CHECK(read_with(bad_path, NULL, &r, &f) == 400);
	req_free(&r);
}

static void resp_refuses_header_injection(void)
{
	const char *env[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", "/a/b", NULL };
	struct req r;
	struct fake f;

	CHECK(read_with(env, NULL, &r, &f) == 0);
	CHECK(resp_header(&r, "X-Test", "ok") == CRM_OK);
	CHECK(resp_header(&r, "X-Test", "bad\r\nSet-Cookie: evil=1") == CRM_EINVAL);
	CHECK(resp_redirect(&r, "//evil.example/") == 303);
	CHECK(resp_send(&r) == CRM_OK);
	CHECK(f.sent.p && strstr(f.sent.p, "Status: 303") && strstr(f.sent.p, "Location: /home/\r\n"));
	CHECK(f.sent.p && !strstr(f.sent.p, "evil"));
	CHECK(f.sent.p && strstr(f.sent.p, "X-Frame-Options: DENY"));
	buf_free(&f.sent);
	req_free(&r);
}

static void local_paths(void)
{
	CHECK(local_path_safe("/home/"));
	CHECK(local_path_safe("/parties/person?id=1"));
	CHECK(!local_path_safe("//evil.example"));
	CHECK(!local_path_safe("/\\evil.example"));
	CHECK(!local_path_safe("https://evil.example"));
	CHECK(!local_path_safe("javascript:alert(1)"));
	CHECK(!local_path_safe("/a\r\nb"));
	CHECK(!local_path_safe(NULL));
}

const struct test_case req_tests[] = {
	{ "req_get_with_query_and_cookies", req_get_with_query_and_cookies },
	{ "req_post_form", req_post_form },
	{ "req_bad_input_statuses", req_bad_input_statuses },
	{ "resp_refuses_header_injection", resp_refuses_header_injection },
	{ "local_paths", local_paths },
	{ NULL, NULL },
};

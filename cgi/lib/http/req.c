/* Reads a request from the CGI/FastCGI environment, strictly. */
#include "http/http.h"
#include "core/core.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>

long long now_us(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

const char *req_env(const struct req *r, const char *name)
{
	return r->io->getenv(r->io->ctx, name);
}

static void copy_env(const struct req *r, const char *name, char *out, size_t outlen)
{
	const char *v = req_env(r, name);

	snprintf(out, outlen, "%s", v ? v : "");
}

/* The path must be plain printable ASCII (browsers percent-encode the rest). */
static int path_acceptable(const char *p, size_t n)
{
	if (n == 0 || p[0] != '/')
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] <= 0x20 || (unsigned char)p[i] >= 0x7F)
			return 0;
	return 1;
}

static int read_body(struct req *r, size_t len)
{
	size_t got = 0;

	r->body = malloc(len + 1);
	if (!r->body)
		return 500;
	while (got < len) {
		long n = r->io->read(r->io->ctx, r->body + got, len - got);

		if (n <= 0)
			return 400; /* the client sent less than it announced */
		got += (size_t)n;
	}
	r->body[len] = '\0';
	r->body_len = len;
	return 0;
}

static int status_of(int rc)
{
	switch (rc) {
	case CRM_OK:
		return 0;
	case CRM_ETOOBIG:
		return 413;
	case CRM_EINVAL:
		return 400;
	default:
		return 500;
	}
}

static int read_form(struct req *r)
{
	const char *ctype = req_env(r, "CONTENT_TYPE");
	const char *clen = req_env(r, "CONTENT_LENGTH");
	unsigned long long len = 0;
	char *end;
	int st;

	if (clen && *clen) {
		len = strtoull(clen, &end, 10);
		if (*end || clen[0] == '-')
			return 400;
	}
	if (len > r->cfg->max_body)
		return 413;
	if (len == 0)
		return 0;
	if (!ctype)
		return 415;
	st = read_body(r, (size_t)len);
	if (st)
		return st;
	if (strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0 &&
	    (ctype[33] == '\0' || ctype[33] == ';'))
		return status_of(urlencoded_parse(r->body, r->body_len, &r->form));
	if (strncasecmp(ctype, "multipart/form-data", 19) == 0 && ctype[19] == ';')
		return status_of(multipart_parse(r->body, r->body_len, ctype, &r->form, &r->uploads));
	return 415;
}

int req_read(struct req *r)
{
	const char *method = req_env(r, "REQUEST_METHOD");
	const char *uri = req_env(r, "REQUEST_URI");
	const char *qs = req_env(r, "QUERY_STRING");
	const char *cookie = req_env(r, "HTTP_COOKIE");
	size_t plen;
	int rc;

	copy_env(r, "REMOTE_ADDR", r->remote_addr, sizeof(r->remote_addr));
	copy_env(r, "HTTP_USER_AGENT", r->user_agent, sizeof(r->user_agent));
	if (!utf8_valid(r->user_agent, strlen(r->user_agent)))
		r->user_agent[0] = '\0';
	if (!method || (strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "POST")))
		return 405;
	snprintf(r->method, sizeof(r->method), "%s", method);
	if (!uri)
		uri = req_env(r, "SCRIPT_NAME"); /* plain CGI without REQUEST_URI */
	if (!uri)
		return 400;
	plen = strcspn(uri, "?");
	if (plen >= sizeof(r->path))
		return 414;
	if (!path_acceptable(uri, plen))
		return 400;
	memcpy(r->path, uri, plen);
	r->path[plen] = '\0';
	if (qs && *qs) {
		if (strlen(qs) > r->cfg->max_query)
			return 414;
		rc = urlencoded_parse(qs, strlen(qs), &r->query);
		if (rc != CRM_OK)
			return status_of(rc);
	}
	if (cookie && cookie_parse(cookie, &r->cookies) != CRM_OK)
		return 400;
	if (strcmp(r->method, "POST") == 0)
		return read_form(r);
	return 0;
}

void req_free(struct req *r)
{
	kv_free(&r->query);
	kv_free(&r->form);
	kv_free(&r->cookies);
	upload_list_free(&r->uploads);
	free(r->body);
	r->body = NULL;
	buf_free(&r->headers);
	buf_free(&r->out);
}

const char *req_param(const struct req *r, const char *name)
{
	const char *v = kv_get(&r->form, name);

	return v ? v : kv_get(&r->query, name);
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

int req_text(const struct req *r, const char *name, size_t maxchars, char *out, size_t outlen)
{
	const char *v = req_param(r, name);
	size_t len;

	out[0] = '\0';
	if (!v)
		return CRM_ENOTFOUND;
	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	len = strlen(v);
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\r' || v[len - 1] == '\n'))
		len--;
	if (len == 0)
		return CRM_ENOTFOUND;
	if (len >= outlen)
		return CRM_ETOOBIG;
	memcpy(out, v, len);
	out[len] = '\0';
	if (utf8_chars(out) > maxchars)
		return CRM_ETOOBIG;
	return CRM_OK;
}

size_t req_all(const struct req *r, const char *name, const char **out, size_t max)
{
	const struct kv_list *l = r->form.n ? &r->form : &r->query;
	size_t n = 0;

	for (size_t i = 0; i < l->n && n < max; i++)
		if (strcmp(l->items[i].name, name) == 0)
			out[n++] = l->items[i].value;
	return n;
}

int req_int(const struct req *r, const char *name, long long min, long long max, long long *out)
{
	const char *v = req_param(r, name);
	char *end;
	long long n;

	if (!v || !*v)
		return CRM_ENOTFOUND;
	if (!((*v >= '0' && *v <= '9') || *v == '-'))
		return CRM_EINVAL;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end || n < min || n > max)
		return CRM_EINVAL;
	*out = n;
	return CRM_OK;
}

int local_path_safe(const char *p)
{
	if (!p || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return 0;
	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\' || (unsigned char)*p == 0x7F)
			return 0;
	return 1;
}

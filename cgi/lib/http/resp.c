/* The response: status, headers (with the security headers every page gets),
 * cookies, redirects, and streamed downloads. */
#include "core/core.h"
#include "http/http.h"

#include <stdio.h>
#include <string.h>

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

static int header_safe(const char *s)
{
	for (; *s; s++)
		if (*s == '\r' || *s == '\n' || (unsigned char)*s < 0x20)
			return 0;
	return 1;
}

int resp_header(struct req *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value)) {
		crm_log("refused a header with a control character: %s", name);
		return CRM_EINVAL;
	}
	return buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

int resp_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	char line[512];
	char age[48] = "";
	int n;

	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	n = snprintf(line, sizeof(line), "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name, value, age,
		     r->cfg->https ? "; Secure" : "");
	if (n < 0 || (size_t)n >= sizeof(line))
		return CRM_ERR;
	return resp_header(r, "Set-Cookie", line);
}

int resp_redirect(struct req *r, const char *local_path)
{
	if (!local_path_safe(local_path))
		local_path = "/home/";
	r->status = 303;
	if (resp_header(r, "Location", local_path) != CRM_OK)
		return 500;
	buf_reset(&r->out);
	return 303;
}

int resp_text(struct req *r, int status, const char *content_type, const char *body)
{
	r->status = status;
	buf_reset(&r->out);
	if (resp_header(r, "Content-Type", content_type) != CRM_OK || buf_puts(&r->out, body) != CRM_OK)
		return 500;
	return status;
}

static int write_all(struct req *r, const char *p, size_t n)
{
	return r->io->write(r->io->ctx, p, n);
}

/* Headers every response carries: no sniffing, no framing, no referrer leaks,
 * scripts and styles only from our own origin. */
static int send_head(struct req *r, const char *default_type)
{
	struct buf h = { 0 };
	int rc;

	if (r->headers_sent)
		return CRM_OK;
	if (!r->status)
		r->status = 200;
	buf_printf(&h, "Status: %d %s\r\n", r->status, reason(r->status));
	if (!strstr(r->headers.p ? r->headers.p : "", "Content-Type:"))
		buf_printf(&h, "Content-Type: %s\r\n", default_type);
	buf_puts(&h, "X-Content-Type-Options: nosniff\r\n"
		     "X-Frame-Options: DENY\r\n"
		     "Referrer-Policy: same-origin\r\n"
		     "Content-Security-Policy: default-src 'self'; img-src 'self' data:; object-src 'none'; "
		     "base-uri 'none'; form-action 'self'; frame-ancestors 'none'\r\n"
		     "Cache-Control: no-store\r\n");
	if (r->headers.len)
		buf_append(&h, r->headers.p, r->headers.len);
	rc = buf_puts(&h, "\r\n");
	if (rc == CRM_OK)
		rc = write_all(r, h.p, h.len);
	buf_free(&h);
	r->headers_sent = 1;
	return rc;
}

int resp_send(struct req *r)
{
	if (r->headers_sent)
		return CRM_OK;
	if (send_head(r, "text/html; charset=utf-8") != CRM_OK)
		return CRM_ERR;
	if (strcmp(r->method, "HEAD") == 0 || r->out.len == 0)
		return CRM_OK;
	return write_all(r, r->out.p, r->out.len);
}

int resp_stream_begin(struct req *r, const char *content_type, const char *filename)
{
	char disp[600];

	r->status = 200;
	if (filename) {
		/* RFC 6266: an ASCII fallback plus the UTF-8 name, percent-encoded. */
		struct buf enc = { 0 };

		for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			    *p == '.' || *p == '-' || *p == '_')
				buf_append(&enc, p, 1);
			else
				buf_printf(&enc, "%%%02X", *p);
		}
		/* the ASCII fallback keeps the extension, so even a browser that takes it opens the file right */
		const char *dot = strrchr(filename, '.');
		char ext[16] = "";

		if (dot && strlen(dot) < sizeof(ext) && strspn(dot + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == strlen(dot + 1))
			snprintf(ext, sizeof(ext), "%s", dot);
		snprintf(disp, sizeof(disp), "attachment; filename=\"download%s\"; filename*=UTF-8''%s", ext,
			 enc.p ? enc.p : "download");
		buf_free(&enc);
		if (resp_header(r, "Content-Disposition", disp) != CRM_OK)
			return CRM_ERR;
	}
	if (resp_header(r, "Content-Type", content_type) != CRM_OK)
		return CRM_ERR;
	return send_head(r, content_type);
}

int resp_stream(struct req *r, const void *data, size_t n)
{
	return write_all(r, data, n);
}

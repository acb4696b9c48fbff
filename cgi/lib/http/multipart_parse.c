/* multipart/form-data (RFC 7578). Strict: the body starts with the first
 * boundary, every part has a form-data Content-Disposition with a name, and
 * the closing boundary is present. */
#define _GNU_SOURCE /* memmem */
#include "core/core.h"
#include "http/http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BOUNDARY_MAX 70
#define PART_HEADERS_MAX 8192

/* Finds parameter `key` in a header value like `form-data; name="a"; filename="b"`.
 * Copies its (unquoted) value into out. Returns 1 found, 0 absent, -1 malformed. */
static int header_param(const char *h, size_t hlen, const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key);
	size_t i = 0;

	while (i < hlen) {
		size_t start, o = 0;
		int match;

		while (i < hlen && h[i] != ';')
			i++;
		if (i >= hlen)
			return 0;
		i++;
		while (i < hlen && (h[i] == ' ' || h[i] == '\t'))
			i++;
		start = i;
		while (i < hlen && h[i] != '=' && h[i] != ';')
			i++;
		if (i >= hlen || h[i] != '=')
			continue;
		match = (i - start == klen && strncasecmp(h + start, key, klen) == 0);
		i++;
		if (i < hlen && h[i] == '"') {
			i++;
			while (i < hlen && h[i] != '"') {
				if (h[i] == '\\' && i + 1 < hlen)
					i++;
				if (match) {
					if (o + 1 >= outlen)
						return -1;
					out[o++] = h[i];
				}
				i++;
			}
			if (i >= hlen)
				return -1; /* unterminated quote */
			i++;
		} else {
			while (i < hlen && h[i] != ';' && h[i] != ' ') {
				if (match) {
					if (o + 1 >= outlen)
						return -1;
					out[o++] = h[i];
				}
				i++;
			}
		}
		if (match) {
			out[o] = '\0';
			return 1;
		}
	}
	return 0;
}

static int upload_add(struct upload_list *l, const char *field, const char *filename,
		      const char *ctype, const char *data, size_t len)
{
	struct upload *u;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		struct upload *items = realloc(l->items, cap * sizeof(*items));

		if (!items)
			return CRM_ERR;
		l->items = items;
		l->cap = cap;
	}
	u = &l->items[l->n];
	u->field = strdup(field);
	u->filename = strdup(filename);
	u->content_type = strdup(ctype);
	u->data = data;
	u->len = len;
	if (!u->field || !u->filename || !u->content_type) {
		free(u->field);
		free(u->filename);
		free(u->content_type);
		return CRM_ERR;
	}
	l->n++;
	return CRM_OK;
}

void upload_list_free(struct upload_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].field);
		free(l->items[i].filename);
		free(l->items[i].content_type);
	}
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

static int value_acceptable(const char *s, size_t n)
{
	if (!utf8_valid(s, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F)
			return 0;
	}
	return 1;
}

/* Reads the part headers in h[0..hlen) (without the blank line). */
static int part_headers(const char *h, size_t hlen, char *name, size_t namelen,
			char *filename, size_t fnlen, int *has_filename, char *ctype, size_t ctlen)
{
	int have_disposition = 0;
	size_t i = 0;

	*has_filename = 0;
	snprintf(ctype, ctlen, "application/octet-stream");
	while (i < hlen) {
		const char *line = h + i;
		const char *end = memmem(line, hlen - i, "\r\n", 2);
		size_t llen = end ? (size_t)(end - line) : hlen - i;
		const char *colon = memchr(line, ':', llen);

		i += llen + 2;
		if (!colon)
			return CRM_EINVAL;
		size_t nl = (size_t)(colon - line);
		const char *v = colon + 1;
		size_t vl = llen - nl - 1;

		while (vl && (*v == ' ' || *v == '\t')) {
			v++;
			vl--;
		}
		if (nl == 19 && strncasecmp(line, "Content-Disposition", 19) == 0) {
			int r;

			if (vl < 9 || strncasecmp(v, "form-data", 9) != 0)
				return CRM_EINVAL;
			r = header_param(v, vl, "name", name, namelen);
			if (r != 1 || name[0] == '\0')
				return CRM_EINVAL;
			r = header_param(v, vl, "filename", filename, fnlen);
			if (r < 0)
				return CRM_EINVAL;
			*has_filename = r;
			have_disposition = 1;
		} else if (nl == 12 && strncasecmp(line, "Content-Type", 12) == 0) {
			if (vl == 0 || vl >= ctlen)
				return CRM_EINVAL;
			memcpy(ctype, v, vl);
			ctype[vl] = '\0';
		}
	}
	if (!have_disposition)
		return CRM_EINVAL;
	if (!utf8_valid(name, strlen(name)) || !utf8_valid(filename, strlen(filename)))
		return CRM_EINVAL;
	for (const char *p = ctype; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F)
			return CRM_EINVAL;
	return CRM_OK;
}

int multipart_parse(const char *body, size_t n, const char *content_type,
		    struct kv_list *fields, struct upload_list *files)
{
	char boundary[BOUNDARY_MAX + 1];
	char delim[BOUNDARY_MAX + 5];
	size_t blen, dlen, pos;
	size_t parts = 0;
	int r;

	r = header_param(content_type, strlen(content_type), "boundary", boundary, sizeof(boundary));
	if (r != 1 || boundary[0] == '\0')
		return CRM_EINVAL;
	blen = strlen(boundary);
	/* delim = "\r\n--" boundary; the first one comes without the CRLF. */
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	if (n < blen + 2 || memcmp(body, delim + 2, blen + 2) != 0)
		return CRM_EINVAL;
	pos = blen + 2;
	for (;;) {
		char name[256], filename[256], ctype[128];
		const char *hdr_end, *next;
		size_t hlen, dstart;
		int has_filename;

		if (n - pos >= 2 && memcmp(body + pos, "--", 2) == 0)
			return CRM_OK; /* closing boundary; an epilogue is ignored */
		if (n - pos < 2 || memcmp(body + pos, "\r\n", 2) != 0)
			return CRM_EINVAL;
		pos += 2;
		if (++parts > PARSE_MAX_FIELDS)
			return CRM_ETOOBIG;
		hdr_end = memmem(body + pos, n - pos, "\r\n\r\n", 4);
		if (!hdr_end)
			return CRM_EINVAL;
		hlen = (size_t)(hdr_end - (body + pos));
		if (hlen > PART_HEADERS_MAX)
			return CRM_EINVAL;
		filename[0] = '\0';
		r = part_headers(body + pos, hlen, name, sizeof(name), filename, sizeof(filename),
				 &has_filename, ctype, sizeof(ctype));
		if (r != CRM_OK)
			return r;
		dstart = pos + hlen + 4;
		next = memmem(body + dstart, n - dstart, delim, dlen);
		if (!next)
			return CRM_EINVAL;
		pos = (size_t)(next - body) + dlen;
		size_t dl = (size_t)(next - body) - dstart;

		if (has_filename) {
			if (filename[0] == '\0' && dl == 0)
				continue; /* a file input left empty */
			if (upload_add(files, name, filename, ctype, body + dstart, dl) != CRM_OK)
				return CRM_ERR;
		} else {
			if (!value_acceptable(body + dstart, dl))
				return CRM_EINVAL;
			if (kv_add(fields, name, strlen(name), body + dstart, dl) != CRM_OK)
				return CRM_ERR;
		}
	}
}

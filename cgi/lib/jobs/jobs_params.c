/* A job's params: a flat JSON object {"name":"text","n":12,"x":null}, read
 * strictly (RFC 8259 strings with escapes, integers); nested values are refused.
 * The text was written by libcrm (json_str), so anything else is a bug. */
#include "jobs/jobs.h"
#include "core/core.h"

#include <string.h>

struct reader {
	const char *p;
};

static void skip_ws(struct reader *r)
{
	while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
		r->p++;
}

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return CRM_EINVAL;
	}
	*out = v;
	return CRM_OK;
}

/* Appends code point cp as UTF-8 to out (NULL: only checks). */
static int put_utf8(unsigned cp, char *out, size_t outlen, size_t *o)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	if (out) {
		if (*o + n >= outlen)
			return CRM_ETOOBIG;
		memcpy(out + *o, b, n);
	}
	*o += n;
	return CRM_OK;
}

/* A string at r->p (on its opening quote), unescaped into out when out is given. */
static int read_string(struct reader *r, char *out, size_t outlen)
{
	size_t o = 0;

	if (*r->p != '"')
		return CRM_EINVAL;
	for (r->p++; *r->p != '"'; r->p++) {
		unsigned char c = (unsigned char)*r->p;
		unsigned cp;
		int rc;

		if (c < 0x20)
			return CRM_EINVAL; /* control characters (and the end) must be escaped */
		if (c != '\\') {
			if (out) {
				if (o + 1 >= outlen)
					return CRM_ETOOBIG;
				out[o] = (char)c;
			}
			o++;
			continue;
		}
		r->p++;
		switch (*r->p) {
		case '"': cp = '"'; break;
		case '\\': cp = '\\'; break;
		case '/': cp = '/'; break;
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case 'n': cp = '\n'; break;
		case 'r': cp = '\r'; break;
		case 't': cp = '\t'; break;
		case 'u':
			if (hex4(r->p + 1, &cp) != CRM_OK)
				return CRM_EINVAL;
			r->p += 4;
			if (cp >= 0xD800 && cp < 0xDC00) {
				unsigned lo;

				if (r->p[1] != '\\' || r->p[2] != 'u' || hex4(r->p + 3, &lo) != CRM_OK || lo < 0xDC00 ||
				    lo > 0xDFFF)
					return CRM_EINVAL;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				r->p += 6;
			} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
				return CRM_EINVAL;
			}
			if (cp == 0)
				return CRM_EINVAL; /* C strings end there */
			break;
		default:
			return CRM_EINVAL;
		}
		rc = put_utf8(cp, out, outlen, &o);
		if (rc != CRM_OK)
			return rc;
	}
	r->p++;
	if (out)
		out[o] = '\0';
	return CRM_OK;
}

/* An integer (optionally negative), or null: its text into out. */
static int read_scalar(struct reader *r, char *out, size_t outlen, int *is_null)
{
	const char *start = r->p;
	size_t n;

	*is_null = 0;
	if (!strncmp(r->p, "null", 4)) {
		r->p += 4;
		*is_null = 1;
		return CRM_OK;
	}
	if (*r->p == '-')
		r->p++;
	if (*r->p < '0' || *r->p > '9')
		return CRM_EINVAL;
	while (*r->p >= '0' && *r->p <= '9')
		r->p++;
	n = (size_t)(r->p - start);
	if (out) {
		if (n >= outlen)
			return CRM_ETOOBIG;
		memcpy(out, start, n);
		out[n] = '\0';
	}
	return CRM_OK;
}

int jobs_param(const char *params, const char *name, char *out, size_t outlen)
{
	struct reader r = { params ? params : "" };
	int found = 0, first = 1, rc;
	char key[128];

	skip_ws(&r);
	if (*r.p++ != '{')
		return CRM_EINVAL;
	for (;;) {
		int want, is_null = 0;

		skip_ws(&r);
		if (*r.p == '}' && first) {
			r.p++;
			break;
		}
		rc = read_string(&r, key, sizeof(key));
		if (rc != CRM_OK)
			return rc == CRM_ETOOBIG ? CRM_EINVAL : rc;
		skip_ws(&r);
		if (*r.p++ != ':')
			return CRM_EINVAL;
		skip_ws(&r);
		/* the first occurrence of a name wins; later ones are only checked */
		want = !found && !strcmp(key, name);
		if (*r.p == '"') {
			rc = read_string(&r, want ? out : NULL, outlen);
		} else {
			rc = read_scalar(&r, want ? out : NULL, outlen, &is_null);
		}
		if (rc != CRM_OK)
			return rc;
		if (want && !is_null)
			found = 1;
		first = 0;
		skip_ws(&r);
		if (*r.p == ',') {
			r.p++;
			continue;
		}
		if (*r.p++ != '}')
			return CRM_EINVAL;
		break;
	}
	skip_ws(&r);
	if (*r.p)
		return CRM_EINVAL;
	return found ? CRM_OK : CRM_ENOTFOUND;
}

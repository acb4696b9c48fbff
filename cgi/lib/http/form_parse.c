/* application/x-www-form-urlencoded and query strings. */
#include "core/core.h"
#include "http/http.h"

#include <stdlib.h>
#include <string.h>

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into out (at least n bytes); returns the decoded length or -1. */
static long percent_decode(const char *s, size_t n, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[o++] = ' ';
		} else if (s[i] == '%') {
			int hi, lo;

			if (n - i < 3)
				return -1;
			hi = hex_value(s[i + 1]);
			lo = hex_value(s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	return (long)o;
}

/* Values may hold tab, CR and LF (textareas); names hold no control at all. */
static int text_acceptable(const char *s, size_t n, int is_value)
{
	if (!utf8_valid(s, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7F) {
			if (!is_value || !(c == '\t' || c == '\r' || c == '\n'))
				return 0;
		}
	}
	return 1;
}

int urlencoded_parse(const char *s, size_t n, struct kv_list *out)
{
	char *scratch;
	size_t pos = 0;
	int rc = CRM_OK;

	if (n == 0)
		return CRM_OK;
	scratch = malloc(n + 1);
	if (!scratch)
		return CRM_ERR;
	while (pos <= n && rc == CRM_OK) {
		const char *pair = s + pos;
		const char *amp = memchr(pair, '&', n - pos);
		size_t plen = amp ? (size_t)(amp - pair) : n - pos;
		const char *eq = memchr(pair, '=', plen);
		size_t nlen = eq ? (size_t)(eq - pair) : plen;
		long dn, dv;

		pos += plen + 1;
		if (plen == 0)
			continue;
		if (out->n >= PARSE_MAX_FIELDS) {
			rc = CRM_ETOOBIG;
			break;
		}
		dn = percent_decode(pair, nlen, scratch);
		if (dn <= 0 || !text_acceptable(scratch, (size_t)dn, 0)) {
			rc = CRM_EINVAL;
			break;
		}
		/* The value decodes after the name in the same scratch space. */
		if (eq) {
			dv = percent_decode(eq + 1, plen - nlen - 1, scratch + dn);
			if (dv < 0 || !text_acceptable(scratch + dn, (size_t)dv, 1)) {
				rc = CRM_EINVAL;
				break;
			}
		} else {
			dv = 0;
		}
		if (kv_add(out, scratch, (size_t)dn, scratch + dn, (size_t)dv) != CRM_OK)
			rc = CRM_ERR;
	}
	free(scratch);
	return rc;
}

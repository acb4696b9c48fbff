/* The Cookie header. Names are RFC 6265 tokens; values are kept when they are
 * printable ASCII without quotes, comma, semicolon or backslash. */
#include "core/core.h"
#include "http/http.h"

#include <string.h>

static int cookie_name_char(unsigned char c)
{
	return c > 0x20 && c < 0x7F && !strchr("()<>@,;:\\\"/[]?={}", c);
}

static int cookie_value_char(unsigned char c)
{
	return c > 0x20 && c < 0x7F && c != '"' && c != ',' && c != ';' && c != '\\';
}

int cookie_parse(const char *header, struct kv_list *out)
{
	const char *p = header;

	while (*p) {
		const char *name, *value;
		size_t nlen = 0, vlen = 0;
		int ok = 1;

		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		if (!*p)
			break;
		name = p;
		while (*p && *p != '=' && *p != ';') {
			if (!cookie_name_char((unsigned char)*p))
				ok = 0;
			p++;
		}
		nlen = (size_t)(p - name);
		if (*p != '=') {
			continue; /* a name without value is ignored */
		}
		p++;
		value = p;
		while (*p && *p != ';') {
			if (!cookie_value_char((unsigned char)*p) && *p != ' ')
				ok = 0;
			p++;
		}
		vlen = (size_t)(p - value);
		while (vlen && value[vlen - 1] == ' ')
			vlen--;
		for (size_t i = 0; i < vlen; i++)
			if (value[i] == ' ')
				ok = 0;
		if (!ok || nlen == 0)
			continue;
		if (out->n >= PARSE_MAX_FIELDS)
			return CRM_ETOOBIG;
		if (kv_add(out, name, nlen, value, vlen) != CRM_OK)
			return CRM_ERR;
	}
	return CRM_OK;
}

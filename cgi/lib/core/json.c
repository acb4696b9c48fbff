#include "core/core.h"

int json_str(struct buf *b, const char *s)
{
	int rc;

	if (!s)
		return buf_puts(b, "null");
	rc = buf_puts(b, "\"");
	for (; *s && rc == CRM_OK; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			rc = buf_printf(b, "\\%c", c);
		else if (c < 0x20)
			rc = buf_printf(b, "\\u%04x", c);
		else
			rc = buf_append(b, s, 1);
	}
	if (rc == CRM_OK)
		rc = buf_puts(b, "\"");
	return rc;
}

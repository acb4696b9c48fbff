#include "audit/audit.h"
#include "core/core.h"

#include <string.h>

/* No value and an empty value read the same to a user: not a change. */
static int same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

int audit_diff_json(struct buf *b, const struct audit_change *c, unsigned n, unsigned *changed)
{
	int rc = buf_puts(b, "{");

	*changed = 0;
	for (unsigned i = 0; i < n && rc == CRM_OK; i++) {
		if (same(c[i].before, c[i].after))
			continue;
		if (*changed)
			rc = buf_puts(b, ",");
		if (rc == CRM_OK)
			rc = json_str(b, c[i].field);
		if (rc == CRM_OK)
			rc = buf_puts(b, ":{\"old\":");
		if (rc == CRM_OK)
			rc = json_str(b, c[i].before);
		if (rc == CRM_OK)
			rc = buf_puts(b, ",\"new\":");
		if (rc == CRM_OK)
			rc = json_str(b, c[i].after);
		if (rc == CRM_OK)
			rc = buf_puts(b, "}");
		(*changed)++;
	}
	if (rc == CRM_OK)
		rc = buf_puts(b, "}");
	return rc;
}

/* Field-level before/after for update audit rows. */
#ifndef CRM_AUDIT_DIFF_H
#define CRM_AUDIT_DIFF_H

#include "buf.h"

struct audit_change {
	const char *field;
	const char *before; /* NULL: no value */
	const char *after;
};

/* Appends {"field":{"old":..,"new":..},...} for the fields whose value
 * changed; *changed gets how many did. */
int audit_diff_json(struct buf *b, const struct audit_change *c, unsigned n, unsigned *changed);

#endif

/* libcrm area audit: The audit trail, written in the transaction of each change. */
#ifndef CRM_LIB_AUDIT_H
#define CRM_LIB_AUDIT_H

#include "core/core.h"
#include "http/http.h"

/* ---- audit ---- */
/* The audit trail. Call inside the transaction that makes the change, so a
 * change without its audit row cannot exist. */
/* user_id 0 takes the request's user (or none when nobody is logged in).
 * details is a JSON object (or NULL), e.g. the changed fields. */
int audit_write(struct req *r, long long user_id, const char *table, long long record_id,
		const char *action, const char *details);

struct audit_change;
/* audit_write with details = the changed fields among c (old and new values). */
int audit_write_changes(struct req *r, const char *table, long long record_id, const char *action,
			const struct audit_change *c, unsigned n);

/* ---- audit_diff ---- */
/* Field-level before/after for update audit rows. */
struct audit_change {
	const char *field;
	const char *before; /* NULL: no value */
	const char *after;
};

/* Appends {"field":{"old":..,"new":..},...} for the fields whose value
 * changed; *changed gets how many did. */
int audit_diff_json(struct buf *b, const struct audit_change *c, unsigned n, unsigned *changed);

#endif

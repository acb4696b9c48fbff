/* The audit trail. Call inside the transaction that makes the change, so a
 * change without its audit row cannot exist. */
#ifndef CRM_AUDIT_H
#define CRM_AUDIT_H

#include "req.h"

/* user_id 0 takes the request's user (or none when nobody is logged in).
 * details is a JSON object (or NULL), e.g. the changed fields. */
int audit_write(struct req *r, long long user_id, const char *table, long long record_id,
		const char *action, const char *details);

struct audit_change;
/* audit_write with details = the changed fields among c (old and new values). */
int audit_write_changes(struct req *r, const char *table, long long record_id, const char *action,
			const struct audit_change *c, unsigned n);

/* The audit rows of one record, newest first, into prefix.N.{at,user,ip,action,details}
 * with times in the user's calendar. */
int audit_history_hdf(struct req *r, const char *table, long long record_id, const char *prefix);

#endif

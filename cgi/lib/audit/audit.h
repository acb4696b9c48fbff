/* libcrm area audit: The audit trail, written in the transaction of each change. */
#ifndef CRM_LIB_AUDIT_H
#define CRM_LIB_AUDIT_H

#include "core/core.h"
#include "http/http.h"
#include "db/db.h"

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

/* ---- audit_query ---- */
/* Searching the trail: by user, module, action and dates, newest first. The
 * search page, its download and the audit.export job share it. */
struct audit_filter {
	long long user_id, before; /* 0: any user; before: rows with a smaller id (keyset paging) */
	char module[33], action[33], from[11], to[11]; /* "" for any; from/to ISO dates */
};

#define AUDIT_FILTER_PARAMS 6

/* The search as SQL (fixed fragments, every value a bound parameter: p needs
 * room for AUDIT_FILTER_PARAMS), limit rows. Columns: id, at, user, ip,
 * module, table_name, record_id, action, details. */
int audit_filter_sql(const struct audit_filter *f, int limit, struct buf *sql, struct db_param *p, unsigned *np);

#endif

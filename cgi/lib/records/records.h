/* libcrm area records: the records engine (lists, forms, validation, save, audit, history, bin). */
#ifndef CRM_LIB_RECORDS_H
#define CRM_LIB_RECORDS_H

#include "core/core.h"
#include "http/http.h"
#include "db/db.h"
#include "render/render.h"

/* ---- history ---- */
/* The audit rows of one record, newest first, into prefix.N.{at,user,ip,action,details}
 * with times in the user's calendar. */
int audit_history_hdf(struct req *r, const char *table, long long record_id, const char *prefix);

#endif

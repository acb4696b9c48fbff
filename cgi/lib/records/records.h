/* libcrm area records: the records engine (lists, forms, validation, save, audit, history, bin). */
#ifndef CRM_LIB_RECORDS_H
#define CRM_LIB_RECORDS_H

#include "core/core.h"
#include "http/http.h"
#include "db/db.h"
#include "render/render.h"
#include "audit/audit.h"
#include "io/io.h"

/* ---- history ---- */
/* The audit rows of one record, newest first, into prefix.N.{at,user,ip,action,details}
 * with times in the user's calendar. */
int audit_history_hdf(struct req *r, const char *table, long long record_id, const char *prefix);

/* ---- audit_export ---- */
/* The audit trail as an export (XLSX, Word, XML, TXT, CSV), for the download on
 * Administration > Audit trail and for the audit.export job. */
#define AUDIT_EXPORT_COLUMNS 8

struct audit_export {
	struct export x;      /* set format (and query) first; the rest is filled here */
	struct audit_filter f;
	const char *from_text, *to_text; /* the dates as the user typed them (NULL: f.from, f.to) */
	int (*on_batch)(void *ctx, long long rows); /* after each batch of rows (NULL: none); non-zero stops */
	void *ctx;
	/* internal */
	struct export_column cols[AUDIT_EXPORT_COLUMNS];
	int batch_rows;
	long long last_id;
	char user_name[160];
};

/* Writes every row matching c->f into c->x: the file is begun and filled, not
 * finished, so the caller then sends it (export_finish) or keeps it
 * (export_close). On failure the file is already dropped. */
int audit_export_write(struct req *r, struct audit_export *c);

#endif

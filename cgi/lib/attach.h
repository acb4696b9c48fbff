/* Files attached to a record of any module (its table and id), each with an
 * audit row on the record, in the transaction that adds or removes it. */
#ifndef CRM_ATTACH_H
#define CRM_ATTACH_H

#include "buf.h"
#include "files.h"
#include "req.h"

struct attach_new {
	const char *owner_table;
	long long owner_id;
	const char *purpose;          /* "file" (attachments) or "logo" */
	const char *note;
	const struct stored_file *file;
	long long id;                 /* set by attach_insert */
};

/* Inside the caller's transaction: the row and an "attach" audit row on the owner.
 * A new logo retires the previous one (kept on disk and in the trail). */
int attach_insert(struct req *r, struct attach_new *a);
/* Inside the caller's transaction: marks one of the owner's files deleted (it stays on
 * disk and in the trail) with its audit row; CRM_ENOTFOUND when it is not the owner's. */
int attach_delete(struct req *r, const char *owner_table, long long owner_id, long long id);
/* The owner's files of every purpose (a page tells them apart), newest first, into prefix.N.{id,
 * purpose, file_name, content_type, size_text, uploaded_at (user's calendar), uploader, note};
 * *count gets how many. */
int attach_list_hdf(struct req *r, const char *owner_table, long long owner_id, const char *prefix, int *count);
/* One file of the owner (id 0: the newest of the purpose), not deleted. */
int attach_find(struct req *r, const char *owner_table, long long owner_id, long long id, const char *purpose,
		struct stored_file *out);
/* Inside a purge's transaction: forgets every file of the owner, their stored names
 * into names (one per line) for attach_remove_files once the purge committed. */
int attach_purge_rows(struct req *r, const char *owner_table, long long owner_id, struct buf *names);
void attach_remove_files(const struct crm_config *cfg, const struct buf *names);

#endif

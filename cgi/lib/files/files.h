/* libcrm area files: Uploaded files: typed by their bytes, stored by random names, attached to records. */
#ifndef CRM_LIB_FILES_H
#define CRM_LIB_FILES_H

#include "core/core.h"
#include "config/config.h"
#include "http/http.h"

#include <stddef.h>

/* ---- files ---- */
/* Uploaded files: kept under <var>/uploads by a random name (never the name the
 * client sent), outside the web root, their type judged from their bytes, and
 * sent only by a handler that has checked the record's permission. */
/* What a caller accepts. */
#define FILE_IMAGE 1u    /* PNG, JPEG, GIF, WebP */
#define FILE_DOCUMENT 2u /* PDF, office documents (OOXML, ODF, legacy OLE), zip, UTF-8 text */

struct stored_file {
	char name[TOKEN_HEX];     /* the stored name: 32 random bytes as hex */
	char sha256[SHA256_HEX];
	char content_type[96];
	char file_name[256];      /* the client's name cleaned for display: no path, no control characters */
	size_t size;
};

/* The content type of data as judged from its bytes (the client's name only
 * tells apart formats that share a container), among the allowed kinds; NULL
 * when it is none of them. */
const char *file_sniff(const char *data, size_t len, const char *client_name, unsigned allowed);
/* The last path part of a client's file name, control characters dropped,
 * cut to fit at a character boundary; "file" when nothing is left. */
void file_name_clean(const char *client_name, char *out, size_t outlen);
/* Checks u and writes it to a new file. CRM_EINVAL: empty or of a type not
 * allowed; CRM_ETOOBIG: over max bytes; CRM_ERR: the disk failed (logged). */
int file_store(const struct crm_config *cfg, const struct upload *u, unsigned allowed, size_t max,
	       struct stored_file *out);
/* Removes a stored file: after a transaction that would have kept it failed,
 * or after one that forgot it for good committed. */
int file_remove(const struct crm_config *cfg, const char *name);
/* Streams a stored file with its length: as a download, or inline (images shown in a page). */
int file_send(struct req *r, const char *name, const char *content_type, const char *file_name, int as_download);
/* Streams any file under the var folder (backups, exports) with its length. */
/* CRM_ENOTFOUND: no such file; CRM_ERR: not a readable regular file (both before any header
 * is sent, so the caller still answers with an error page) or a send cut short after them. */
int resp_send_file(struct req *r, const char *path, const char *content_type, const char *file_name, int as_download);

/* ---- attach ---- */
/* Files attached to a record of any module (its table and id), each with an
 * audit row on the record, in the transaction that adds or removes it. */
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

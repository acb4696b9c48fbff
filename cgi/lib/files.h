/* Uploaded files: kept under <var>/uploads by a random name (never the name the
 * client sent), outside the web root, their type judged from their bytes, and
 * sent only by a handler that has checked the record's permission. */
#ifndef CRM_FILES_H
#define CRM_FILES_H

#include "config.h"
#include "crypto.h"
#include "parse.h"
#include "req.h"

#include <stddef.h>

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
int resp_send_file(struct req *r, const char *path, const char *content_type, const char *file_name, int as_download);

#endif

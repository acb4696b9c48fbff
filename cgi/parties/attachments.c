/* Files attached to a party, and a company's logo: uploaded on the record page,
 * sent only to users whose scope holds the party. */
#include "files/files.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const struct upload *upload_named(const struct req *r, const char *field)
{
	for (size_t i = 0; i < r->uploads.n; i++)
		if (!strcmp(r->uploads.items[i].field, field) && r->uploads.items[i].len > 0)
			return &r->uploads.items[i];
	return NULL;
}

struct attach_tx {
	struct req *r;
	struct attach_new a;
	long long id; /* for deletes */
};

static int add_tx(struct db *db, void *ctx)
{
	struct attach_tx *t = ctx;

	(void)db;
	return attach_insert(t->r, &t->a);
}

static int delete_tx(struct db *db, void *ctx)
{
	struct attach_tx *t = ctx;

	(void)db;
	return attach_delete(t->r, "parties", t->a.owner_id, t->id);
}

static int back(struct req *r, long long id)
{
	char next[96];

	snprintf(next, sizeof(next), "/parties/party?id=%lld&saved=1", id);
	return resp_redirect(r, next);
}

/* The record page again, with the message on the upload field; nothing was kept. */
static int refused(struct req *r, const char *field, const char *message_key, int status)
{
	form_error(r, field, message_key);
	r->status = status;
	return party_view(r);
}

/* POST with party_id, the file in the field named after its purpose, and a
 * note: the upload is stored, then recorded; a failed transaction takes the
 * file back off the disk. */
static int upload_to_party(struct req *r, const char *purpose, unsigned allowed, size_t max, int companies_only)
{
	long long party_id;
	const struct upload *u;
	struct stored_file f;
	struct attach_tx t = { r, { "parties", 0, purpose, NULL, &f, 0 }, 0 };
	char note[256] = "";
	int rc, logo = !strcmp(purpose, "logo");

	if (req_int(r, "party_id", 1, INT64_MAX, &party_id) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, party_id, "edit");
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (companies_only && strcmp(hdf_get_value(r->hdf, "Party.kind", ""), "company"))
		return reply_error(r, 404);
	u = upload_named(r, purpose);
	if (!u)
		return refused(r, purpose, "parties.err.no_file", 422);
	if (req_text(r, "note", 255, note, sizeof(note)) == CRM_ETOOBIG)
		return refused(r, purpose, "parties.err.too_long", 422);
	t.a.owner_id = party_id;
	t.a.note = note;
	rc = file_store(r->cfg, u, allowed, max, &f);
	if (rc == CRM_ETOOBIG)
		return refused(r, purpose, logo ? "parties.err.image_too_big" : "parties.err.file_too_big", 413);
	if (rc == CRM_EINVAL)
		return refused(r, purpose, logo ? "parties.err.image_type" : "parties.err.file_type", 415);
	if (rc != CRM_OK)
		return reply_error(r, 500);
	rc = db_transaction(r->db, add_tx, &t);
	if (rc != CRM_OK) {
		if (file_remove(r->cfg, f.name) != CRM_OK)
			crm_log("attachments: %s left on disk after a failed save", f.name);
		return reply_db_error(r, rc);
	}
	return back(r, party_id);
}

/* POST /parties/attachment/add: party_id, file, note */
int attachment_add(struct req *r)
{
	return upload_to_party(r, "file", FILE_IMAGE | FILE_DOCUMENT, r->cfg->max_file, 0);
}

/* POST /parties/logo/set: party_id, logo (a company's picture) */
int logo_set(struct req *r)
{
	return upload_to_party(r, "logo", FILE_IMAGE, r->cfg->max_image, 1);
}

/* POST /parties/attachment/delete: party_id, id */
int attachment_delete(struct req *r)
{
	struct attach_tx t = { r, { "parties", 0, "file", NULL, NULL, 0 }, 0 };
	int rc;

	if (req_int(r, "party_id", 1, INT64_MAX, &t.a.owner_id) != CRM_OK || req_int(r, "id", 1, INT64_MAX, &t.id) != CRM_OK)
		return reply_error(r, 400);
	rc = party_db_load(r, t.a.owner_id, "edit");
	if (rc == CRM_OK)
		rc = db_transaction(r->db, delete_tx, &t);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return back(r, t.a.owner_id);
}

static int send_stored(struct req *r, long long party_id, long long id, const char *purpose)
{
	struct stored_file f;
	int rc = party_db_load(r, party_id, "view"); /* out of scope: not found */

	if (rc == CRM_OK)
		rc = attach_find(r, "parties", party_id, id, purpose, &f);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	/* pictures are shown in the page; everything else only downloads */
	rc = file_send(r, f.name, f.content_type, f.file_name, strcmp(purpose, "logo") != 0);
	if (rc == CRM_OK)
		return 200;
	if (r->headers_sent)
		return 200; /* the client sees a cut download; the log says why */
	crm_log("attachments: %s is recorded but cannot be sent", f.name);
	return reply_error(r, rc == CRM_ENOTFOUND ? 404 : 500);
}

/* GET /parties/attachment?party_id=N&id=M */
int attachment_get(struct req *r)
{
	long long party_id, id;

	if (req_int(r, "party_id", 1, INT64_MAX, &party_id) != CRM_OK || req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	return send_stored(r, party_id, id, "file");
}

/* GET /parties/logo?id=N */
int logo_get(struct req *r)
{
	long long party_id;

	if (req_int(r, "id", 1, INT64_MAX, &party_id) != CRM_OK)
		return reply_error(r, 400);
	return send_stored(r, party_id, 0, "logo");
}

/* Attachments: see attach.h. */
#include "files/files.h"
#include "audit/audit.h"
#include "core/core.h"
#include "render/render.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int details_json(struct buf *d, const char *file_name, const char *type, long long size, const char *purpose)
{
	int rc = buf_puts(d, "{\"file\":");

	if (rc == CRM_OK)
		rc = json_str(d, file_name);
	if (rc == CRM_OK)
		rc = buf_puts(d, ",\"type\":");
	if (rc == CRM_OK)
		rc = json_str(d, type);
	if (rc == CRM_OK)
		rc = buf_printf(d, ",\"size\":%lld,\"purpose\":", size);
	if (rc == CRM_OK)
		rc = json_str(d, purpose);
	if (rc == CRM_OK)
		rc = buf_puts(d, "}");
	return rc;
}

int attach_insert(struct req *r, struct attach_new *a)
{
	const struct stored_file *f = a->file;
	struct db_param p[] = { DB_S(a->owner_table), DB_I(a->owner_id), DB_S(a->purpose), DB_S(f->name),
				DB_S(f->file_name), DB_S(f->content_type), DB_I((long long)f->size), DB_S(f->sha256),
				DB_S(a->note ? a->note : ""), DB_I(r->user.id) };
	struct db_param owner[] = { DB_S(a->owner_table), DB_I(a->owner_id) };
	struct buf d = { 0 };
	uint64_t id = 0;
	int rc = CRM_OK;

	if (!strcmp(a->purpose, "logo"))
		rc = db_exec(r->db, "UPDATE attachments SET is_deleted = 1 WHERE owner_table = ? AND owner_id = ? "
				    "AND purpose = 'logo' AND is_deleted = 0", owner, 2, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_exec(r->db,
			     "INSERT INTO attachments (owner_table, owner_id, purpose, stored_name, file_name, content_type, "
			     "size_bytes, sha256, note, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     p, CRM_ARRAY_LEN(p), NULL, &id);
	a->id = (long long)id;
	if (rc == CRM_OK)
		rc = details_json(&d, f->file_name, f->content_type, (long long)f->size, a->purpose);
	if (rc == CRM_OK)
		rc = audit_write(r, 0, a->owner_table, a->owner_id, "attach", d.p);
	buf_free(&d);
	return rc;
}

struct found {
	int n;
	struct stored_file *f;
	char purpose[16];
};

static int found_row(void *ctx, const struct db_row *row)
{
	struct found *x = ctx;

	x->n++;
	snprintf(x->f->name, sizeof(x->f->name), "%s", row->values[0]);
	snprintf(x->f->file_name, sizeof(x->f->file_name), "%s", row->values[1]);
	snprintf(x->f->content_type, sizeof(x->f->content_type), "%s", row->values[2]);
	x->f->size = (size_t)strtoull(row->values[3], NULL, 10);
	snprintf(x->f->sha256, sizeof(x->f->sha256), "%s", row->values[4]);
	snprintf(x->purpose, sizeof(x->purpose), "%s", row->values[5]);
	return CRM_OK;
}

int attach_delete(struct req *r, const char *owner_table, long long owner_id, long long id)
{
	struct db_param p[] = { DB_I(id), DB_S(owner_table), DB_I(owner_id) };
	struct stored_file f;
	struct found x = { 0, &f, "" };
	struct buf d = { 0 };
	int rc = db_query(r->db,
			  "SELECT stored_name, file_name, content_type, size_bytes, sha256, purpose FROM attachments "
			  "WHERE id = ? AND owner_table = ? AND owner_id = ? AND is_deleted = 0 FOR UPDATE",
			  p, 3, found_row, &x);

	if (rc != CRM_OK)
		return rc;
	if (!x.n)
		return CRM_ENOTFOUND;
	rc = db_exec(r->db, "UPDATE attachments SET is_deleted = 1 WHERE id = ?", p, 1, NULL, NULL);
	if (rc == CRM_OK)
		rc = details_json(&d, f.file_name, f.content_type, (long long)f.size, x.purpose);
	if (rc == CRM_OK)
		rc = audit_write(r, 0, owner_table, owner_id, "attach_delete", d.p);
	buf_free(&d);
	return rc;
}

/* 1234567 -> "1.2 MB", in the user's digits */
static int size_text(struct req *r, const char *key, long long bytes)
{
	char s[32];

	if (bytes < 1024)
		snprintf(s, sizeof(s), "%lld B", bytes);
	else if (bytes < 1024 * 1024)
		snprintf(s, sizeof(s), "%.1f KB", (double)bytes / 1024);
	else
		snprintf(s, sizeof(s), "%.1f MB", (double)bytes / (1024 * 1024));
	return hdf_set_digits(r, key, s);
}

int attach_list_hdf(struct req *r, const char *owner_table, long long owner_id, const char *prefix, int *count)
{
	struct db_param p[] = { DB_S(owner_table), DB_I(owner_id) };
	int n = 0, rc;

	rc = db_query_hdf(r->db,
			  "SELECT a.id, a.purpose, a.file_name, a.content_type, a.size_bytes, a.uploaded_at, a.note, "
			  "COALESCE(u.display_name, '') AS uploader FROM attachments a "
			  "LEFT JOIN users u ON u.id = a.uploaded_by WHERE a.owner_table = ? AND a.owner_id = ? "
			  "AND a.is_deleted = 0 ORDER BY a.id DESC LIMIT 500",
			  p, 2, r->hdf, prefix, &n);
	if (rc == CRM_OK)
		rc = hdf_localize_rows(r, prefix, n, "uploaded_at", 't');
	for (int i = 0; rc == CRM_OK && i < n; i++) {
		char from[96], key[96];

		snprintf(from, sizeof(from), "%s.%d.size_bytes", prefix, i);
		snprintf(key, sizeof(key), "%s.%d.size_text", prefix, i);
		rc = size_text(r, key, strtoll(hdf_get_value(r->hdf, from, "0"), NULL, 10));
	}
	if (count)
		*count = n;
	return rc;
}

int attach_find(struct req *r, const char *owner_table, long long owner_id, long long id, const char *purpose,
		struct stored_file *out)
{
	struct db_param p[] = { DB_S(owner_table), DB_I(owner_id), DB_S(purpose), DB_I(id), DB_I(id) };
	struct found x = { 0, out, "" };
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_query(r->db,
		      "SELECT stored_name, file_name, content_type, size_bytes, sha256, purpose FROM attachments "
		      "WHERE owner_table = ? AND owner_id = ? AND purpose = ? AND is_deleted = 0 AND (? = 0 OR id = ?) "
		      "ORDER BY id DESC LIMIT 1",
		      p, 5, found_row, &x);
	if (rc != CRM_OK)
		return rc;
	return x.n ? CRM_OK : CRM_ENOTFOUND;
}

static int name_row(void *ctx, const struct db_row *row)
{
	struct buf *names = ctx;
	int rc = buf_puts(names, row->values[0]);

	return rc == CRM_OK ? buf_puts(names, "\n") : rc;
}

int attach_purge_rows(struct req *r, const char *owner_table, long long owner_id, struct buf *names)
{
	struct db_param p[] = { DB_S(owner_table), DB_I(owner_id) };
	int rc = db_query(r->db, "SELECT stored_name FROM attachments WHERE owner_table = ? AND owner_id = ? FOR UPDATE", p,
			  2, name_row, names);

	if (rc == CRM_OK)
		rc = db_exec(r->db, "DELETE FROM attachments WHERE owner_table = ? AND owner_id = ?", p, 2, NULL, NULL);
	return rc;
}

void attach_remove_files(const struct crm_config *cfg, const struct buf *names)
{
	for (const char *s = names->p; s && *s;) {
		size_t len = strcspn(s, "\n");
		char name[TOKEN_HEX];

		if (len < sizeof(name)) {
			memcpy(name, s, len);
			name[len] = '\0';
			if (file_remove(cfg, name) != CRM_OK)
				crm_log("attach: %s stays on disk after its record was purged", name);
		}
		s += len + (s[len] == '\n');
	}
}

/* Import persons or companies from CSV, in steps: upload (the file is read
 * whole, converted to UTF-8 and parsed; a malformed file is refused and
 * nothing is kept), map columns to fields, preview (a dry run with per-line
 * outcomes and errors), run, and later revert from the import history. */
#include "audit/audit.h"
#include "i18n/i18n.h"
#include "jobs/jobs.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "party_import.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const person_targets[] = { "code", "first_name", "last_name", "national_id", "mobile",
					      "email", "birth_date", "priority", "notes", NULL };
static const char *const company_targets[] = { "code", "company_name", "national_id", "economic_code", "registration_no",
					       "mobile", "email", "priority", "notes", NULL };

/* The custom fields a line may fill: every kind but a flag (a cell is text, a box is not). */
static const struct party_column *custom_target(const char *kind, unsigned i)
{
	unsigned want = !strcmp(kind, "company") ? PC_COMPANY : PC_PERSON;

	for (unsigned k = 0; k < party_custom_count(); k++) {
		const struct party_column *c = party_custom_at(k);

		if (!(c->kinds & want) || !party_custom_importable(c))
			continue;
		if (i-- == 0)
			return c;
	}
	return NULL;
}

const char *import_target(const char *kind, unsigned i)
{
	const char *const *t = !strcmp(kind, "company") ? company_targets : person_targets;
	const struct party_column *c;

	for (unsigned k = 0; k <= i; k++)
		if (!t[k]) {
			/* then the custom fields of the kind (party_custom_load, from import_load) */
			c = custom_target(kind, i - k);
			return c ? c->key : NULL;
		}
	return t[i];
}

int import_target_valid(const char *kind, const char *key)
{
	for (unsigned i = 0; import_target(kind, i); i++)
		if (!strcmp(import_target(kind, i), key))
			return 1;
	return 0;
}

/* Header names people use for each field, in our three languages (search-key form). */
static const struct {
	const char *target;
	const char *names[8];
} header_names[] = {
	{ "code", { "code", "کد", "kod", "customer code", "کد مشتری", NULL } },
	{ "first_name", { "first_name", "first name", "firstname", "name", "نام", "ad", "isim", NULL } },
	{ "last_name", { "last_name", "last name", "surname", "family", "نام خانوادگی", "soyad", "soyadı", NULL } },
	{ "company_name", { "company_name", "company", "company name", "نام شرکت", "شرکت", "firma", "şirket", NULL } },
	{ "national_id", { "national_id", "national id", "کد ملی", "شناسه ملی", "tc kimlik no", "kimlik no", "tckn", NULL } },
	{ "mobile", { "mobile", "phone", "موبایل", "تلفن همراه", "تلفن", "cep", "telefon", NULL } },
	{ "email", { "email", "e-mail", "ایمیل", "پست الکترونیک", "e-posta", NULL } },
	{ "birth_date", { "birth_date", "birth date", "birthday", "تاریخ تولد", "doğum tarihi", NULL } },
	{ "priority", { "priority", "اولویت", "öncelik", NULL } },
	{ "notes", { "notes", "note", "یادداشت", "توضیحات", "notlar", "not", NULL } },
	{ "economic_code", { "economic_code", "economic code", "کد اقتصادی", "vergi no", NULL } },
	{ "registration_no", { "registration_no", "registration number", "شماره ثبت", "sicil no", NULL } },
};

static const char *guess_target(const char *kind, const char *header)
{
	char key[256], name[256];
	const struct party_column *c;

	if (text_search_key(header, key, sizeof(key)) != CRM_OK)
		return NULL;
	/* a custom field by its label in any of the three languages */
	for (unsigned i = 0; (c = custom_target(kind, i)); i++)
		for (int l = 0; l < 3; l++)
			if (party_custom_label(NULL, c, l) &&
			    text_search_key(party_custom_label(NULL, c, l), name, sizeof(name)) == CRM_OK && !strcmp(key, name))
				return c->key;
	for (size_t i = 0; i < CRM_ARRAY_LEN(header_names); i++) {
		if (!import_target_valid(kind, header_names[i].target))
			continue;
		for (size_t k = 0; header_names[i].names[k]; k++)
			if (text_search_key(header_names[i].names[k], name, sizeof(name)) == CRM_OK && !strcmp(key, name))
				return header_names[i].target;
	}
	return NULL;
}

void import_job_free(struct import_job *j)
{
	free(j->content);
	j->content = NULL;
}

int import_mapping_parse(struct import_job *j, const char *mapping)
{
	const char *s = mapping;

	memset(j->map, 0, sizeof(j->map));
	for (size_t c = 0;; c++) {
		size_t len = strcspn(s, ",");

		if (c >= CSV_MAX_FIELDS || len >= sizeof(j->keys[0]))
			return CRM_EINVAL;
		memcpy(j->keys[c], s, len);
		j->keys[c][len] = '\0';
		if (len) {
			if (!import_target_valid(j->kind, j->keys[c]))
				return CRM_EINVAL;
			for (size_t k = 0; k < c; k++)
				if (j->map[k] && !strcmp(j->map[k], j->keys[c]))
					return CRM_EINVAL; /* one column per field */
			j->map[c] = j->keys[c];
		}
		if (s[len] != ',')
			return CRM_OK;
		s += len + 1;
	}
}

struct job_row {
	struct import_job *j;
	int found;
};

static int job_row(void *ctx, const struct db_row *row)
{
	struct job_row *jr = ctx;
	struct import_job *j = jr->j;
	const char *v[16];

	for (unsigned i = 0; i < 16 && i < row->ncols; i++)
		v[i] = row->values[i] ? row->values[i] : "";
	jr->found = 1;
	j->id = strtoll(v[0], NULL, 10);
	j->user_id = strtoll(v[1], NULL, 10);
	j->version = strtoll(v[2], NULL, 10);
	snprintf(j->kind, sizeof(j->kind), "%s", v[3]);
	snprintf(j->file_name, sizeof(j->file_name), "%s", v[4]);
	snprintf(j->encoding, sizeof(j->encoding), "%s", v[5]);
	j->delim = v[6][0] ? v[6][0] : ',';
	snprintf(j->mapping, sizeof(j->mapping), "%s", v[7]);
	snprintf(j->dup_key, sizeof(j->dup_key), "%s", v[8]);
	snprintf(j->dup_action, sizeof(j->dup_action), "%s", v[9]);
	snprintf(j->calendar, sizeof(j->calendar), "%s", v[10]);
	snprintf(j->status, sizeof(j->status), "%s", v[11]);
	j->content_len = strlen(v[12]);
	j->content = strdup(v[12]);
	return j->content ? CRM_OK : CRM_ERR;
}

static int header_line(void *ctx, size_t line, const char *const *f, size_t n)
{
	struct import_job *j = ctx;

	(void)line;
	(void)f;
	j->ncols = n;
	return 1; /* the header is all we need here */
}

int import_load(struct req *r, long long id, struct import_job *j)
{
	struct db_param p[] = { DB_I(id), DB_I(r->user.id) };
	struct job_row jr = { j, 0 };
	size_t bad;
	int rc;

	memset(j, 0, sizeof(*j));
	rc = db_query(r->db,
		      "SELECT id, user_id, version, kind, file_name, encoding, delimiter, mapping, dup_key, dup_action, "
		      "date_calendar, status, content FROM imports WHERE id = ? AND user_id = ?",
		      p, 2, job_row, &jr);
	if (rc == CRM_OK && !jr.found)
		rc = CRM_ENOTFOUND;
	/* the kind's custom fields are targets too: the mapping may name them */
	if (rc == CRM_OK)
		rc = party_custom_load(r, j->kind);
	if (rc == CRM_OK) {
		rc = csv_parse(j->content, j->content_len, j->delim, header_line, j, &bad);
		rc = rc == 1 || rc == CRM_OK ? CRM_OK : CRM_ERR;
	}
	if (rc == CRM_OK && j->mapping[0] && import_mapping_parse(j, j->mapping) != CRM_OK)
		rc = CRM_ERR;
	if (rc != CRM_OK)
		import_job_free(j);
	return rc;
}

static int put_idx(struct req *r, const char *list, long long i, const char *field, const char *value)
{
	char key[96];

	snprintf(key, sizeof(key), "%s.%lld.%s", list, i, field);
	return hdf_put(r, key, value);
}

/* Targets.N.{key,label} for the kind. */
static int targets_hdf(struct req *r, const char *kind)
{
	char label[64];
	int rc = CRM_OK;

	for (unsigned i = 0; rc == CRM_OK && import_target(kind, i); i++) {
		const char *key = import_target(kind, i);
		const struct party_column *c = party_custom_find(key, strlen(key));

		snprintf(label, sizeof(label), "parties.col.%s", key);
		rc = put_idx(r, "Targets", i, "key", key);
		if (rc == CRM_OK)
			rc = put_idx(r, "Targets", i, "label", c ? party_column_label(r, c) : lang_str(r, label));
	}
	return rc;
}

static int job_hdf(struct req *r, const struct import_job *j)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", j->id);
	if (hdf_put(r, "Import.id", num))
		return CRM_ERR;
	snprintf(num, sizeof(num), "%lld", j->version);
	return hdf_put(r, "Import.version", num) || hdf_put(r, "Import.kind", j->kind) ||
			       hdf_put(r, "Import.file_name", j->file_name) || hdf_put(r, "Import.status", j->status) ||
			       hdf_put(r, "Import.dup_key", j->dup_key) || hdf_put(r, "Import.dup_action", j->dup_action) ||
			       hdf_put(r, "Import.calendar", j->calendar[0] ? j->calendar : calendar_name((enum calendar)r->user.calendar)) ||
			       targets_hdf(r, j->kind)
		       ? CRM_ERR
		       : CRM_OK;
}

int imports_hdf(struct req *r, int limit, int *count)
{
	struct db_param p[] = { DB_I(r->user.id), DB_I(limit) };
	int rc;

	/* an import is its user's own (import_load asks the same): ix_imports_user (user_id, id) */
	rc = db_query_hdf(r->db,
			  "SELECT id, created_at, kind, file_name, status, rows_total, rows_created, rows_updated, rows_skipped, "
			  "rows_failed FROM imports WHERE user_id = ? ORDER BY id DESC LIMIT ?",
			  p, 2, r->hdf, "Imports", count);
	if (rc == CRM_OK && hdf_localize_rows(r, "Imports", *count, "created_at", 't') != CRM_OK)
		rc = CRM_ERR;
	return rc;
}

int import_page(struct req *r)
{
	int n = 0, rc = imports_hdf(r, 50, &n);

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (hdf_put(r, "Page.step", "start") || hdf_put(r, "Page.section", "import"))
		return reply_error(r, 500);
	return render(r, "parties/import.cs");
}

struct upload_check {
	size_t records;
	size_t columns;
};

static int count_line(void *ctx, size_t line, const char *const *f, size_t n)
{
	struct upload_check *u = ctx;

	(void)line;
	(void)f;
	if (!u->records++)
		u->columns = n;
	return CRM_OK;
}

struct upload_tx {
	struct req *r;
	const char *kind, *file_name, *encoding, *content;
	char delim[2];
	long long id;
};

static int upload_tx_fn(struct db *db, void *ctx)
{
	struct upload_tx *t = ctx;
	struct db_param p[] = { DB_I(t->r->user.id), DB_S(t->kind), DB_S(t->file_name), DB_S(t->encoding), DB_S(t->delim),
				DB_S(t->content), DB_S(calendar_name((enum calendar)t->r->user.calendar)) };
	struct buf d = { 0 };
	uint64_t id = 0;
	int rc = db_exec(db,
			 "INSERT INTO imports (user_id, kind, file_name, encoding, delimiter, content, date_calendar) "
			 "VALUES (?, ?, LEFT(?, 255), ?, ?, ?, ?)",
			 p, 7, NULL, &id);

	t->id = (long long)id;
	if (rc == CRM_OK) {
		/* sticky buffer: the last append fails if any did */
		buf_puts(&d, "{\"file\":");
		json_str(&d, t->file_name);
		buf_puts(&d, ",\"kind\":");
		json_str(&d, t->kind);
		buf_puts(&d, ",\"encoding\":");
		json_str(&d, t->encoding);
		rc = buf_puts(&d, "}");
	}
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, "imports", t->id, "insert", d.p);
	buf_free(&d);
	return rc;
}

static int upload_refused(struct req *r, const char *field, const char *message_key)
{
	form_error(r, field, message_key);
	r->status = 422;
	if (hdf_put(r, "Page.step", "start") || hdf_put(r, "Page.section", "import") ||
	    hdf_put(r, "Upload.kind", req_param(r, "kind")) || hdf_put(r, "Upload.encoding", req_param(r, "encoding")))
		return reply_error(r, 500);
	return render(r, "parties/import.cs");
}

int import_upload(struct req *r)
{
	const char *kind = req_param(r, "kind"), *encoding = req_param(r, "encoding");
	const struct upload *file = NULL;
	struct upload_check u = { 0 };
	struct upload_tx t = { 0 };
	struct buf text = { 0 };
	char next[64], line[24];
	size_t bad = 0;
	int rc;

	if (!kind || (strcmp(kind, "person") && strcmp(kind, "company")))
		return reply_error(r, 400);
	if (!encoding || (strcmp(encoding, "auto") && strcmp(encoding, "utf-8") && strcmp(encoding, "windows-1256") &&
			  strcmp(encoding, "windows-1254")))
		return reply_error(r, 400);
	for (size_t i = 0; i < r->uploads.n; i++)
		if (!strcmp(r->uploads.items[i].field, "file"))
			file = &r->uploads.items[i];
	if (!file || !file->filename || !file->filename[0] || file->len == 0)
		return upload_refused(r, "file", "import.err.no_file");
	rc = csv_to_utf8(file->data, file->len, encoding, &text);
	if (rc != CRM_OK) {
		buf_free(&text);
		if (rc == CRM_ERR)
			return reply_error(r, 500);
		return upload_refused(r, "encoding", !strcmp(encoding, "auto") ? "import.err.not_utf8" : "import.err.encoding");
	}
	/* a NUL is never text (a binary file, or UTF-16 read as UTF-8): refused at its line,
	 * since as a C string it would end its field and drop the rest of the line */
	const char *nul = memchr(text.p, '\0', text.len);

	if (nul) {
		size_t at = 1;

		for (const char *s = text.p; s < nul; s++)
			at += *s == '\n';
		buf_free(&text);
		snprintf(line, sizeof(line), "%zu", at);
		if (hdf_put(r, "Upload.bad_line", line))
			return reply_error(r, 500);
		return upload_refused(r, "file", "import.err.nul");
	}
	t.delim[0] = csv_sniff_delimiter(text.p, text.len);
	rc = csv_parse(text.p, text.len, t.delim[0], count_line, &u, &bad);
	if (rc != CRM_OK || u.records < 2) {
		buf_free(&text);
		if (rc == CRM_ERR)
			return reply_error(r, 500);
		if (rc != CRM_OK) {
			/* which line is broken, so the user can fix it */
			snprintf(line, sizeof(line), "%zu", bad);
			if (hdf_put(r, "Upload.bad_line", line))
				return reply_error(r, 500);
			return upload_refused(r, "file", rc == CRM_ETOOBIG ? "import.err.too_wide" : "import.err.malformed");
		}
		return upload_refused(r, "file", "import.err.empty");
	}
	t.r = r;
	t.kind = kind;
	t.file_name = file->filename;
	t.encoding = encoding;
	t.content = text.p;
	rc = db_transaction(r->db, upload_tx_fn, &t);
	buf_free(&text);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	snprintf(next, sizeof(next), "/parties/import/map?id=%lld", t.id);
	return resp_redirect(r, next);
}

struct header_ctx {
	struct req *r;
	const struct import_job *j;
	int rc;
	struct buf sample[CSV_MAX_FIELDS];
	int line;
};

/* Columns.N.{name,target,sample}: the header, the chosen or guessed field, a first value. */
static int header_columns(void *ctx, size_t line, const char *const *f, size_t n)
{
	struct header_ctx *h = ctx;
	int rc = CRM_OK;

	(void)line;
	if (h->line++ == 0) {
		for (size_t c = 0; c < n && rc == CRM_OK; c++) {
			const char *target = h->j->mapping[0] ? h->j->map[c] : guess_target(h->j->kind, f[c]);

			rc = put_idx(h->r, "Columns", (long long)c, "name", f[c]);
			if (rc == CRM_OK)
				rc = put_idx(h->r, "Columns", (long long)c, "target", target ? target : "");
		}
		return rc;
	}
	for (size_t c = 0; c < n && rc == CRM_OK; c++)
		rc = put_idx(h->r, "Columns", (long long)c, "sample", f[c]);
	return rc == CRM_OK ? 1 : rc;
}

static int show_map(struct req *r, const struct import_job *j, int status)
{
	struct header_ctx h = { .r = r, .j = j };
	size_t bad;
	int rc = csv_parse(j->content, j->content_len, j->delim, header_columns, &h, &bad);

	if (rc != CRM_OK && rc != 1)
		return reply_error(r, 500);
	if (job_hdf(r, j) != CRM_OK || hdf_put(r, "Page.step", "map") || hdf_put(r, "Page.section", "import"))
		return reply_error(r, 500);
	r->status = status;
	return render(r, "parties/import.cs");
}

static int job_from_request(struct req *r, struct import_job *j, const char *action)
{
	long long id = 0;
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	rc = import_load(r, id, j);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (action && strcmp(j->status, action)) {
		import_job_free(j);
		return reply_error(r, 409);
	}
	return 0;
}

int import_map(struct req *r)
{
	struct import_job j;
	int status = job_from_request(r, &j, NULL);

	if (status)
		return status;
	if (strcmp(j.status, "uploaded")) {
		char next[64];

		snprintf(next, sizeof(next), "/parties/import/view?id=%lld", j.id);
		import_job_free(&j);
		return resp_redirect(r, next);
	}
	status = show_map(r, &j, 200);
	import_job_free(&j);
	return status;
}

struct choices_tx {
	struct req *r;
	struct import_job *j;
};

static int choices_tx_fn(struct db *db, void *ctx)
{
	struct choices_tx *t = ctx;
	struct import_job *j = t->j;
	struct db_param p[] = { DB_S(j->mapping), DB_S(j->dup_key), DB_S(j->dup_action), DB_S(j->calendar), DB_I(j->id),
				DB_I(j->version) };
	uint64_t n = 0;
	struct audit_change c[] = { { "mapping", NULL, j->mapping }, { "dup_key", NULL, j->dup_key },
				    { "dup_action", NULL, j->dup_action }, { "calendar", NULL, j->calendar } };
	int rc = db_exec(db,
			 "UPDATE imports SET mapping = ?, dup_key = ?, dup_action = ?, date_calendar = ?, version = version + 1 "
			 "WHERE id = ? AND version = ? AND status = 'uploaded'",
			 p, 6, &n, NULL);

	if (rc == CRM_OK && n == 0)
		return CRM_ECONFLICT;
	if (rc == CRM_OK)
		rc = audit_write_changes(t->r, "imports", j->id, "update", c, CRM_ARRAY_LEN(c));
	if (rc == CRM_OK)
		j->version++;
	return rc;
}

/* POST /parties/import/preview: keeps the mapping and choices, then the dry run. */
int import_preview(struct req *r)
{
	static const char *const keys[] = { "none", "code", "national_id", "mobile", "email" };
	static const char *const actions[] = { "skip", "update", "create" };
	struct import_job j;
	struct import_totals t;
	struct choices_tx tx = { r, &j };
	struct buf mapping = { 0 };
	const char *dup_key = req_param(r, "dup_key"), *dup_action = req_param(r, "dup_action");
	const char *cal = req_param(r, "calendar");
	long long version = 0;
	int status = job_from_request(r, &j, "uploaded"), ok = 0, name_mapped = 0, rc;

	if (status)
		return status;
	for (size_t i = 0; dup_key && i < CRM_ARRAY_LEN(keys); i++)
		ok |= !strcmp(dup_key, keys[i]);
	for (size_t i = 0; ok && dup_action && i < CRM_ARRAY_LEN(actions); i++)
		ok |= 2 * !strcmp(dup_action, actions[i]);
	if (ok != 3 || !cal || calendar_parse_name(cal) < 0 || req_int(r, "version", 1, INT64_MAX, &version) != CRM_OK) {
		import_job_free(&j);
		return reply_error(r, 400);
	}
	for (size_t c = 0; c < j.ncols; c++) {
		char field[32];
		const char *v;

		snprintf(field, sizeof(field), "map_%zu", c);
		v = req_param(r, field);
		if (v && v[0] && !import_target_valid(j.kind, v)) {
			buf_free(&mapping);
			import_job_free(&j);
			return reply_error(r, 400);
		}
		buf_printf(&mapping, "%s%s", c ? "," : "", v ? v : "");
		name_mapped |= v && (!strcmp(v, "last_name") || !strcmp(v, "company_name"));
	}
	snprintf(j.mapping, sizeof(j.mapping), "%s", mapping.p ? mapping.p : "");
	buf_free(&mapping);
	if (import_mapping_parse(&j, j.mapping) != CRM_OK || !name_mapped) {
		/* a field twice, or no column for the name every record needs */
		form_error(r, "mapping", name_mapped ? "import.err.twice" : "import.err.no_name");
		j.mapping[0] = '\0';
		status = show_map(r, &j, 422);
		import_job_free(&j);
		return status;
	}
	snprintf(j.dup_key, sizeof(j.dup_key), "%s", dup_key);
	snprintf(j.dup_action, sizeof(j.dup_action), "%s", dup_action);
	snprintf(j.calendar, sizeof(j.calendar), "%s", cal);
	if (version != j.version) {
		import_job_free(&j);
		return reply_error(r, 409);
	}
	rc = db_transaction(r->db, choices_tx_fn, &tx);
	if (rc == CRM_OK)
		rc = import_dry_run(r, &j, &t);
	if (rc != CRM_OK) {
		import_job_free(&j);
		return rc == CRM_ECONFLICT ? reply_error(r, 409) : reply_db_error(r, rc);
	}
	rc = job_hdf(r, &j);
	import_job_free(&j);
	if (rc != CRM_OK || hdf_putf(r, "Totals.total", "%lld", t.total) || hdf_putf(r, "Totals.new", "%lld", t.created) ||
	    hdf_putf(r, "Totals.update", "%lld", t.updated) || hdf_putf(r, "Totals.skip", "%lld", t.skipped) ||
	    hdf_putf(r, "Totals.error", "%lld", t.failed) || hdf_put(r, "Page.step", "preview") ||
	    hdf_put(r, "Page.section", "import"))
		return reply_error(r, 500);
	return render(r, "parties/import.cs");
}

struct run_tx {
	struct req *r;
	struct import_job *j;
	long long job;
};

/* Hands the import to the job worker: status running (so a second click
 * cannot run it twice) and its job, keyed by the import, in one transaction. */
static int run_tx_fn(struct db *db, void *ctx)
{
	struct run_tx *t = ctx;
	struct import_job *j = t->j;
	struct db_param p[] = { DB_I(j->id), DB_I(j->version) };
	char key[48], params[64], details[64];
	struct job_new n = { .kind = IMPORT_JOB_KIND, .key = key, .user_id = t->r->user.id, .params = params };
	uint64_t changed = 0;
	int rc = db_exec(db, "UPDATE imports SET status = 'running', version = version + 1 WHERE id = ? AND version = ? "
			     "AND status = 'uploaded'",
			 p, 2, &changed, NULL);

	if (rc == CRM_OK && changed == 0)
		rc = CRM_ECONFLICT;
	snprintf(key, sizeof(key), "import:%lld", j->id);
	snprintf(params, sizeof(params), "{\"import\":%lld}", j->id);
	if (rc == CRM_OK)
		rc = jobs_enqueue(db, t->r->cfg, &n, &t->job);
	snprintf(details, sizeof(details), "{\"job\":%lld}", t->job);
	if (rc == CRM_OK)
		rc = audit_write(t->r, 0, "imports", j->id, "run", details);
	if (rc == CRM_OK)
		j->version++;
	return rc;
}

int import_finish(struct req *r, struct db *db, struct import_job *j)
{
	struct import_totals t;
	char details[200];
	int rc = import_totals_load(db, j->id, &t);

	if (rc == CRM_OK) {
		struct db_param p[] = { DB_I(t.total), DB_I(t.created), DB_I(t.updated), DB_I(t.skipped), DB_I(t.failed),
					DB_I(j->id) };
		uint64_t n = 0;

		rc = db_exec(db, "UPDATE imports SET status = 'done', rows_total = ?, rows_created = ?, rows_updated = ?, "
				 "rows_skipped = ?, rows_failed = ?, finished_at = UTC_TIMESTAMP(), version = version + 1 "
				 "WHERE id = ? AND status = 'running'",
			     p, 6, &n, NULL);
		if (rc == CRM_OK && n == 0)
			rc = CRM_ECONFLICT;
	}
	snprintf(details, sizeof(details), "{\"lines\":%lld,\"created\":%lld,\"updated\":%lld,\"skipped\":%lld,\"failed\":%lld}",
		 t.total, t.created, t.updated, t.skipped, t.failed);
	if (rc == CRM_OK)
		rc = audit_write(r, 0, "imports", j->id, "import", details);
	return rc;
}

/* POST /parties/import/run: the import runs as a job (an import of 100,000
 * lines must not hold a FastCGI worker); the job page shows its progress. */
int import_run(struct req *r)
{
	struct import_job j;
	struct run_tx t = { r, &j, 0 };
	long long version = 0;
	char next[64];
	int status = job_from_request(r, &j, "uploaded"), rc;

	if (status)
		return status;
	if (req_int(r, "version", 1, INT64_MAX, &version) != CRM_OK || version != j.version || !j.mapping[0]) {
		import_job_free(&j);
		return reply_error(r, 409);
	}
	rc = db_transaction(r->db, run_tx_fn, &t);
	import_job_free(&j);
	if (rc != CRM_OK)
		return rc == CRM_ECONFLICT ? reply_error(r, 409) : reply_db_error(r, rc);
	jobs_kick(r->cfg);
	snprintf(next, sizeof(next), "/home/job?id=%lld", t.job);
	return resp_redirect(r, next);
}

int import_view(struct req *r)
{
	struct import_job j;
	struct db_param p[] = { DB_I(0) };
	int status = job_from_request(r, &j, NULL), rc;

	if (status)
		return status;
	p[0] = DB_I(j.id);
	rc = db_query_hdf(r->db,
			  "SELECT rows_total, rows_created, rows_updated, rows_skipped, rows_failed, created_at, finished_at, "
			  "reverted_at FROM imports WHERE id = ?",
			  p, 1, r->hdf, "Summary", NULL);
	if (rc == CRM_OK)
		rc = db_query_hdf(r->db,
				  "SELECT line, message FROM import_rows WHERE import_id = ? AND action = 'failed' ORDER BY line "
				  "LIMIT 500",
				  p, 1, r->hdf, "Failed", NULL);
	if (rc == CRM_OK && !strcmp(j.status, "running")) {
		/* still with the worker: its job page has the progress */
		char key[48];
		long long job = 0;

		snprintf(key, sizeof(key), "import:%lld", j.id);
		rc = db_query_int(r->db, "SELECT id FROM jobs WHERE kind = ? AND idem_key = ?",
				  (struct db_param[]){ DB_S(IMPORT_JOB_KIND), DB_S(key) }, 2, &job);
		if (rc == CRM_OK)
			rc = hdf_putf(r, "Import.job", "%lld", job);
	}
	if (rc == CRM_OK)
		rc = job_hdf(r, &j);
	import_job_free(&j);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (hdf_localize_rows(r, "Summary", 1, "created_at,finished_at,reverted_at", 't') != CRM_OK ||
	    hdf_put(r, "Page.step", "view") || hdf_put(r, "Page.section", "import") ||
	    hdf_put(r, "Done.conflicts", req_param(r, "conflicts")))
		return reply_error(r, 500);
	return render(r, "parties/import.cs");
}

int import_revert(struct req *r)
{
	struct import_job j;
	long long version = 0, conflicts = 0;
	char next[96];
	int status = job_from_request(r, &j, "done"), rc;

	if (status)
		return status;
	if (req_int(r, "version", 1, INT64_MAX, &version) != CRM_OK || version != j.version) {
		import_job_free(&j);
		return reply_error(r, 409);
	}
	rc = import_undo(r, &j, &conflicts);
	snprintf(next, sizeof(next), "/parties/import/view?id=%lld&conflicts=%lld", j.id, conflicts);
	import_job_free(&j);
	if (rc != CRM_OK)
		return rc == CRM_ECONFLICT ? reply_error(r, 409) : reply_db_error(r, rc);
	return resp_redirect(r, next);
}

/* The lines of a CSV import: checked with the record form's own validation
 * (each line becomes the form it would have been), matched against existing
 * parties by the chosen key, then created, updated field by field, skipped or
 * reported. Updates keep the old values, so a whole import can be reverted. */
#include "audit/audit.h"
#include "i18n/i18n.h"
#include "core/core.h"
#include "db/db.h"
#include "render/render.h"
#include "party_import.h"

#include <stdlib.h>
#include <string.h>

#define IMPORT_BATCH 100
#define PREVIEW_LINES 200

/* The fields an update may change, and how each is written back. */
static const struct update_field {
	const char *key;
	const char *sql; /* value, party id */
	unsigned kinds;
} update_fields[] = {
	{ "first_name", "UPDATE persons SET first_name = ? WHERE party_id = ?", PC_PERSON },
	{ "last_name", "UPDATE persons SET last_name = ? WHERE party_id = ?", PC_PERSON },
	{ "company_name", "UPDATE parties SET display_name = ? WHERE id = ?", PC_COMPANY },
	{ "national_id", "UPDATE parties SET national_id = ? WHERE id = ?", PC_PERSON | PC_COMPANY },
	{ "birth_date", "UPDATE persons SET birth_date = ? WHERE party_id = ?", PC_PERSON },
	{ "priority", "UPDATE parties SET priority = ? WHERE id = ?", PC_PERSON | PC_COMPANY },
	{ "notes", "UPDATE parties SET notes = ? WHERE id = ?", PC_PERSON | PC_COMPANY },
	{ "economic_code", "UPDATE companies SET economic_code = ? WHERE party_id = ?", PC_COMPANY },
	{ "registration_no", "UPDATE companies SET registration_no = ? WHERE party_id = ?", PC_COMPANY },
};
#define NFIELDS CRM_ARRAY_LEN(update_fields)

struct stored_fields {
	int found;
	long long version;
	char *val[NFIELDS]; /* NULL: SQL NULL */
};

static void stored_free(struct stored_fields *s)
{
	for (size_t i = 0; i < NFIELDS; i++)
		free(s->val[i]);
	memset(s, 0, sizeof(*s));
}

static int stored_row(void *ctx, const struct db_row *row)
{
	struct stored_fields *s = ctx;

	s->found = 1;
	s->version = strtoll(row->values[0], NULL, 10);
	for (size_t i = 0; i < NFIELDS; i++)
		if (row->values[i + 1] && !(s->val[i] = strdup(row->values[i + 1])))
			return CRM_ERR;
	return CRM_OK;
}

/* Columns in update_fields order, after the version. */
static int stored_load(struct db *db, long long id, struct stored_fields *s)
{
	struct db_param p[] = { DB_I(id) };

	memset(s, 0, sizeof(*s));
	return db_query(db,
			"SELECT p.version, pe.first_name, pe.last_name, p.display_name, p.national_id, pe.birth_date, "
			"p.priority, p.notes, co.economic_code, co.registration_no FROM parties p "
			"LEFT JOIN persons pe ON pe.party_id = p.id LEFT JOIN companies co ON co.party_id = p.id "
			"WHERE p.id = ? FOR UPDATE",
			p, 1, stored_row, s);
}

/* The value a line gives a field after validation ("" when it gives none): the records engine's,
 * a company's name being the party's display name. */
static const char *input_value(const struct party_input *in, const char *key)
{
	return PARTY_IN(in, !strcmp(key, "company_name") ? "display_name" : key);
}

struct line_check {
	enum import_outcome outcome;
	long long existing;
	char given[CSV_MAX_FIELDS][24]; /* the targets this line gave a value */
	size_t ngiven;
	struct buf message;
};

static int line_gives(const struct line_check *lc, const char *key)
{
	for (size_t i = 0; i < lc->ngiven; i++)
		if (!strcmp(lc->given[i], key))
			return 1;
	return 0;
}

/* A field as the user reads it: its column label in their language, else its form label. */
static const char *field_label(struct req *r, const char *field)
{
	static const char *const where[] = { "parties.col.", "parties.f.", "parties." };
	const struct party_column *c = party_custom_find(field, strlen(field));
	char key[96];

	if (c) /* a custom field: its own label */
		return party_column_label(r, c);
	for (size_t i = 0; i < CRM_ARRAY_LEN(where); i++) {
		snprintf(key, sizeof(key), "%s%s", where[i], field);
		const char *label = lang_str(r, key);

		if (label != key) /* lang_str hands the key back when it has no string */
			return label;
	}
	return field;
}

/* Form.errors.* as "Label: message; ..." (the field named as in the column chooser). */
static int collect_errors(struct req *r, struct buf *out)
{
	HDF *e = hdf_get_obj(r->hdf, "Form.errors");
	int rc = CRM_OK;

	for (HDF *c = e ? hdf_obj_child(e) : NULL; c && rc == CRM_OK; c = hdf_obj_next(c))
		rc = buf_printf(out, "%s%s: %s", out->len ? "; " : "", field_label(r, hdf_obj_name(c)), hdf_obj_value(c));
	return rc;
}

/* The lines before this one, by the keys a duplicate is judged by, so a party
 * twice in the file is found in a dry run too (where the first is not saved). */
void import_seen_free(struct import_seen *s)
{
	free(s->items);
	memset(s, 0, sizeof(*s));
}

static int seen_add(struct import_seen *s, size_t line, const char *code, const char *key)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct import_seen_line *p = realloc(s->items, cap * sizeof(*p));

		if (!p)
			return CRM_ERR;
		s->items = p;
		s->cap = cap;
	}
	s->items[s->n].line = line;
	snprintf(s->items[s->n].code, sizeof(s->items[0].code), "%s", code);
	snprintf(s->items[s->n].key, sizeof(s->items[0].key), "%s", key);
	s->n++;
	return CRM_OK;
}

/* The first earlier line (0: none) whose code, or whose duplicate key, is this one's. */
static size_t seen_find(const struct import_seen *s, size_t line, const char *code, const char *key)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct import_seen_line *x = &s->items[i];

		if (x->line >= line) /* a retried batch sees its own lines again */
			continue;
		if ((code && code[0] && !strcmp(x->code, code)) || (key && key[0] && !strcmp(x->key, key)))
			return x->line;
	}
	return 0;
}

/* The line's value of the duplicate key, as find_duplicate compares it ("" when none). */
static void duplicate_key(struct req *r, const struct import_job *j, const struct party_input *in, char *key, size_t len)
{
	key[0] = '\0';
	if (!strcmp(j->dup_key, "code") && in->code[0])
		snprintf(key, len, "%s", in->code);
	else if (!strcmp(j->dup_key, "national_id") && PARTY_IN(in, "national_id")[0])
		snprintf(key, len, "%s", PARTY_IN(in, "national_id"));
	else if (!strcmp(j->dup_key, "mobile") && in->first_mobile[0] &&
		 phone_stored_key("", "", in->first_mobile, r->cfg->default_country_code, key, len) != CRM_OK)
		key[0] = '\0';
	else if (!strcmp(j->dup_key, "email") && in->first_email[0] && text_search_key(in->first_email, key, len) != CRM_OK)
		key[0] = '\0';
}

/* The existing party the duplicate key names: same kind, not deleted. */
static int find_duplicate(struct req *r, const struct import_job *j, const struct party_input *in, long long *id)
{
	char key[256] = "";
	const char *sql = NULL;
	struct db_param p[2];

	*id = 0;
	if (!strcmp(j->dup_key, "code") && in->code[0]) {
		snprintf(key, sizeof(key), "%s", in->code);
		sql = "SELECT id FROM parties WHERE code = ? AND kind = ? AND is_deleted = 0";
	} else if (!strcmp(j->dup_key, "national_id") && PARTY_IN(in, "national_id")[0]) {
		snprintf(key, sizeof(key), "%s", PARTY_IN(in, "national_id"));
		sql = "SELECT id FROM parties WHERE national_id = ? AND kind = ? AND is_deleted = 0 ORDER BY id LIMIT 1";
	} else if (!strcmp(j->dup_key, "mobile") && in->first_mobile[0]) {
		if (phone_stored_key("", "", in->first_mobile, r->cfg->default_country_code, key, sizeof(key)) != CRM_OK)
			return CRM_OK;
		sql = "SELECT p.id FROM party_search s JOIN parties p ON p.id = s.party_id WHERE s.kind = 'p' AND s.term = ? "
		      "AND p.kind = ? AND p.is_deleted = 0 ORDER BY p.id LIMIT 1";
	} else if (!strcmp(j->dup_key, "email") && in->first_email[0]) {
		if (text_search_key(in->first_email, key, sizeof(key)) != CRM_OK)
			return CRM_OK;
		sql = "SELECT p.id FROM party_search s JOIN parties p ON p.id = s.party_id WHERE s.kind = 'e' AND s.term = ? "
		      "AND p.kind = ? AND p.is_deleted = 0 ORDER BY p.id LIMIT 1";
	}
	if (!sql)
		return CRM_OK;
	p[0] = DB_S(key);
	p[1] = DB_S(j->kind);
	int rc = db_query_int(r->db, sql, p, 2, id);

	return rc == CRM_ENOTFOUND ? CRM_OK : rc;
}

/* A cell of a choice field as the form posts it: each entry it names (by code or by name in any
 * language; several separated by commas or semicolons) as its id. One that names none refuses
 * the line with the field's label and the text. */
static int choice_cell(struct req *r, const struct rec_field *cf, const char *key, const char *cell, struct kv_list *form,
		       struct line_check *lc)
{
	int rc = CRM_OK;

	for (const char *s = cell; rc == CRM_OK && *s;) {
		/* the next separator: a comma, a semicolon or the Persian comma (two bytes) */
		const char *end = s;
		char name[256], idtext[24];
		long long id = 0;
		size_t len;

		while (*end && *end != ',' && *end != ';' && memcmp(end, "\xd8\x8c", 2) != 0)
			end++;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		len = (size_t)(end - s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len >= sizeof(name)) {
			rc = buf_printf(&lc->message, "%s: %s %.40s...", field_label(r, key), lang_str(r, "import.err.no_entry"), s);
			break;
		}
		memcpy(name, s, len);
		name[len] = '\0';
		s = *end == ',' || *end == ';' ? end + 1 : *end ? end + 2 : end;
		if (!len)
			continue;
		rc = rec_choice_named(r, cf->link, name, &id);
		if (rc == CRM_OK && !id) {
			rc = buf_printf(&lc->message, "%s: %s %s", field_label(r, key), lang_str(r, "import.err.no_entry"), name);
			break;
		}
		snprintf(idtext, sizeof(idtext), "%lld", id);
		if (rc == CRM_OK)
			rc = kv_add(form, key, strlen(key), idtext, strlen(idtext));
	}
	return rc;
}

/* Reads one line into *in as the record form would; lc->message gets why a
 * line is refused (then form_failed or a message is set). */
static int read_line(struct req *r, const struct import_job *j, const char *const *f, size_t n, struct party_input *in,
		     struct line_check *lc)
{
	struct kv_list form = { 0 }, saved_form = r->form, saved_query = r->query, empty = { 0 };
	int saved_calendar = r->user.calendar, rc = CRM_OK, cal;
	size_t extra = 0;

	lc->outcome = IMPORT_ERROR;
	lc->existing = 0;
	lc->ngiven = 0;
	buf_reset(&lc->message);
	memset(in, 0, sizeof(*in));
	snprintf(in->kind, sizeof(in->kind), "%s", j->kind);
	for (size_t c = 0; c < j->ncols && c < n && rc == CRM_OK; c++) {
		const struct party_column *pc;
		const struct rec_field *cf;

		if (!j->map[c] || !f[c][0])
			continue;
		pc = party_custom_find(j->map[c], strlen(j->map[c]));
		cf = pc ? party_custom_field(pc) : NULL;
		if (cf && (cf->flags & RF_CHOICES))
			rc = choice_cell(r, cf, j->map[c], f[c], &form, lc);
		else
			rc = kv_add(&form, j->map[c], strlen(j->map[c]), f[c], strlen(f[c]));
		snprintf(lc->given[lc->ngiven++], sizeof(lc->given[0]), "%s", j->map[c]);
	}
	if (rc != CRM_OK || lc->message.len) {
		kv_free(&form);
		return rc;
	}
	/* cells past the header's columns would be dropped unseen: the line is refused instead
	 * (empty ones, as spreadsheets leave, are no loss) */
	for (size_t c = j->ncols; c < n; c++)
		extra += f[c][0] != '\0';
	if (extra) {
		kv_free(&form);
		return buf_printf(&lc->message, "%s %zu", lang_str(r, "import.err.extra_cells"), extra);
	}
	/* the record form reads this line; dates in the calendar the user named for the file */
	cal = calendar_parse_name(j->calendar);
	if (cal >= 0)
		r->user.calendar = cal;
	r->form = form;
	r->query = empty;
	hdf_remove_tree(r->hdf, "Form");
	rc = party_input_read(r, in, 1);
	r->form = saved_form;
	r->query = saved_query;
	r->user.calendar = saved_calendar;
	kv_free(&form);
	if (rc != CRM_OK)
		return rc;
	if (form_failed(r))
		return collect_errors(r, &lc->message);
	return CRM_OK;
}

/* Validates one line as the record form would, then decides what it does. */
static int check_line(struct req *r, const struct import_job *j, struct import_seen *seen, size_t line,
		      const char *const *f, size_t n, struct party_input *in, struct line_check *lc)
{
	size_t twin;
	char dkey[256];
	int rc = read_line(r, j, f, n, in, lc);

	if (rc != CRM_OK || lc->message.len || form_failed(r))
		return rc;
	rc = find_duplicate(r, j, in, &lc->existing);
	if (rc != CRM_OK)
		return rc;
	duplicate_key(r, j, in, dkey, sizeof(dkey));
	twin = seen_find(seen, line, NULL, dkey);
	if (twin) {
		/* the same party as an earlier line: said so, then the chosen rule decides */
		rc = buf_printf(&lc->message, "%s %zu", lang_str(r, "import.err.dup_line"), twin);
		if (rc != CRM_OK)
			return rc;
		if (!lc->existing && !strcmp(j->dup_action, "skip")) {
			lc->outcome = IMPORT_SKIP; /* a dry run: the earlier line is not saved to be found */
			return CRM_OK;
		}
		if (!lc->existing && !strcmp(j->dup_action, "update")) {
			lc->outcome = IMPORT_UPDATE;
			return seen_add(seen, line, in->code, dkey);
		}
	}
	if (lc->existing && strcmp(j->dup_action, "create")) {
		if (!strcmp(j->dup_action, "skip")) {
			lc->outcome = IMPORT_SKIP;
			return CRM_OK;
		}
		rc = party_in_scope(r, lc->existing, "edit"); /* a match out of the user's scope: not theirs to change */
		if (rc != CRM_OK && rc != CRM_ENOTFOUND)
			return rc;
		if (rc == CRM_ENOTFOUND) {
			buf_reset(&lc->message);
			return buf_puts(&lc->message, lang_str(r, "import.err.not_yours"));
		}
		lc->outcome = IMPORT_UPDATE;
		return seen_add(seen, line, in->code, dkey);
	}
	if (in->code[0]) {
		/* codes are unique over every party, deleted ones too, and over the lines before */
		struct db_param p[] = { DB_S(in->code) };
		long long taken = 0;

		rc = db_query_int(r->db, "SELECT id FROM parties WHERE code = ?", p, 1, &taken);
		if (rc == CRM_OK || (rc == CRM_ENOTFOUND && (twin = seen_find(seen, line, in->code, NULL)) != 0)) {
			buf_reset(&lc->message);
			return buf_printf(&lc->message, "%s: %s", field_label(r, "code"), lang_str(r, "parties.err.code_taken"));
		}
		if (rc != CRM_ENOTFOUND)
			return rc;
	}
	lc->outcome = IMPORT_NEW;
	return seen_add(seen, line, in->code, dkey);
}

static const char *const outcome_names[] = { "new", "update", "skip", "error" };

struct dry_ctx {
	struct req *r;
	const struct import_job *j;
	struct import_totals *t;
	struct party_input *in;
	struct line_check lc;
	struct import_seen seen;
	int header_done, shown;
};

static int dry_line(void *ctx, size_t line, const char *const *f, size_t n)
{
	struct dry_ctx *d = ctx;
	char key[64], num[24];
	int rc;

	if (!d->header_done) {
		d->header_done = 1;
		return CRM_OK;
	}
	rc = check_line(d->r, d->j, &d->seen, line, f, n, d->in, &d->lc);
	if (rc != CRM_OK)
		goto out;
	d->t->total++;
	switch (d->lc.outcome) {
	case IMPORT_NEW: d->t->created++; break;
	case IMPORT_UPDATE: d->t->updated++; break;
	case IMPORT_SKIP: d->t->skipped++; break;
	case IMPORT_ERROR: d->t->failed++; break;
	}
	if (d->shown >= PREVIEW_LINES)
		goto out;
	snprintf(num, sizeof(num), "%zu", line);
	snprintf(key, sizeof(key), "Preview.%d.line", d->shown);
	rc = hdf_put(d->r, key, num);
	snprintf(key, sizeof(key), "Preview.%d.outcome", d->shown);
	if (rc == CRM_OK)
		rc = hdf_put(d->r, key, outcome_names[d->lc.outcome]);
	snprintf(key, sizeof(key), "Preview.%d.name", d->shown);
	if (rc == CRM_OK)
		rc = hdf_put(d->r, key, !strcmp(d->j->kind, "company") ? PARTY_IN(d->in, "display_name")
					: (PARTY_IN(d->in, "first_name")[0] ? PARTY_IN(d->in, "first_name") : PARTY_IN(d->in, "last_name")));
	snprintf(key, sizeof(key), "Preview.%d.last_name", d->shown);
	if (rc == CRM_OK)
		rc = hdf_put(d->r, key, PARTY_IN(d->in, "first_name")[0] ? PARTY_IN(d->in, "last_name") : "");
	snprintf(key, sizeof(key), "Preview.%d.message", d->shown);
	if (rc == CRM_OK)
		rc = hdf_put(d->r, key, d->lc.message.p ? d->lc.message.p : "");
	d->shown++;
out:
	rec_free(&d->in->details); /* the line's values were read above */
	return rc;
}

int import_dry_run(struct req *r, const struct import_job *j, struct import_totals *t)
{
	struct dry_ctx d = { .r = r, .j = j, .t = t };
	size_t bad;
	int rc;

	memset(t, 0, sizeof(*t));
	d.in = calloc(1, sizeof(*d.in));
	if (!d.in)
		return CRM_ERR;
	rc = csv_parse(j->content, j->content_len, j->delim, dry_line, &d, &bad);
	hdf_remove_tree(r->hdf, "Form");
	buf_free(&d.lc.message);
	import_seen_free(&d.seen);
	free(d.in);
	return rc;
}

/* --- the import itself --- */

static int row_record(struct db *db, const struct import_job *j, size_t line, const char *action, long long party,
		      long long after_version, const char *channels, const char *message)
{
	struct db_param p[] = { DB_I(j->id), DB_I((long long)line), DB_S(action), party ? DB_I(party) : DB_NUL,
				after_version ? DB_I(after_version) : DB_NUL, DB_S(channels ? channels : ""),
				DB_S(message ? message : "") };

	return db_exec(db, "INSERT INTO import_rows (import_id, line, action, party_id, after_version, added_channels, message) "
			   "VALUES (?, ?, ?, ?, ?, ?, LEFT(?, 1000))",
		       p, 7, NULL, NULL);
}

/* display_name and name_norm from the stored names, version + 1. */
static int refresh_name(struct req *r, long long id, const char *kind)
{
	struct db_param p[] = { DB_I(id) };
	char name[256], norm[512];
	int rc;

	rc = db_query_str(r->db,
			  !strcmp(kind, "company")
				  ? "SELECT display_name FROM parties WHERE id = ?"
				  : "SELECT IF(first_name = '', last_name, CONCAT(first_name, ' ', last_name)) FROM persons WHERE party_id = ?",
			  p, 1, name, sizeof(name));
	if (rc == CRM_OK && text_normalize(name, norm, sizeof(norm)) != CRM_OK)
		rc = CRM_EINVAL;
	if (rc == CRM_OK) {
		struct db_param q[] = { DB_S(name), DB_S(norm), DB_I(id) };

		rc = db_exec(r->db, "UPDATE parties SET display_name = ?, name_norm = LEFT(?, 255), version = version + 1, "
				    "updated_at = UTC_TIMESTAMP() WHERE id = ?",
			     q, 3, NULL, NULL);
	}
	if (rc == CRM_OK)
		rc = party_derived_rebuild(r->db, id, r->cfg->default_country_code);
	return rc;
}

/* Adds a mobile or email the party does not have yet; its id joins *added. */
static int channel_add_new(struct req *r, long long id, const char *type, const char *value, struct buf *added)
{
	struct db_param p[] = { DB_I(id), DB_S(type), DB_S(value) };
	long long have = 0;
	uint64_t cid = 0;
	int rc;

	if (!value[0])
		return CRM_OK;
	rc = db_query_int(r->db, "SELECT COUNT(*) FROM party_channels WHERE party_id = ? AND type = ? AND value = ?", p, 3, &have);
	if (rc != CRM_OK || have)
		return rc;
	rc = db_exec(r->db,
		     "INSERT INTO party_channels (party_id, type, value, is_primary) SELECT ?, ?, ?, "
		     "NOT EXISTS (SELECT 1 FROM party_channels c WHERE c.party_id = ? AND c.type = ?)",
		     (struct db_param[]){ DB_I(id), DB_S(type), DB_S(value), DB_I(id), DB_S(type) }, 5, NULL, &cid);
	if (rc == CRM_OK)
		rc = buf_printf(added, "%s%llu", added->len ? "," : "", (unsigned long long)cid);
	return rc;
}

/* A custom field's new value (canonical, from the records engine) into an existing party, its
 * old one kept for the revert; the column's name is the description's, never the file's. */
static int custom_write(struct req *r, const struct import_job *j, size_t line, long long id, const char *column,
			const char *value, const char *was)
{
	struct db_param p[] = { DB_S(value), DB_I(id) };
	struct db_param c[] = { DB_I(j->id), DB_I((long long)line), DB_S(column), was ? DB_S(was) : DB_NUL };
	struct buf sql = { 0 };
	int rc = buf_printf(&sql, "UPDATE parties SET %s = ? WHERE id = ?", column);

	if (rc == CRM_OK)
		rc = db_exec(r->db, sql.p, p, 2, NULL, NULL);
	if (rc == CRM_OK)
		rc = db_exec(r->db, "INSERT INTO import_changes (import_id, line, field, old_value) VALUES (?, ?, ?, ?)", c, 4,
			     NULL, NULL);
	buf_free(&sql);
	return rc;
}

static int same_ids(const struct rec *a, int i, const struct rec *b, int j)
{
	if (a->nids[i] != b->nids[j])
		return 0;
	for (unsigned x = 0; x < a->nids[i]; x++) {
		int found = 0;

		for (unsigned y = 0; y < b->nids[j] && !found; y++)
			found = a->ids[i][x] == b->ids[j][y];
		if (!found)
			return 0;
	}
	return 1;
}

/* A several-choices field's new set into an existing party: its pairs written over, the old ids
 * kept for the revert ("3,5"), and the new set's names into *names for History. */
static int links_write(struct req *r, const struct import_job *j, size_t line, long long id, const struct rec_field *cf,
		       const struct rec *stored, int k, const struct rec *in, int kin, struct buf *names)
{
	const struct rec_link *lk = cf->link;
	struct buf del = { 0 }, ins = { 0 }, was = { 0 };
	struct db_param owner[] = { DB_I(id) };
	char one[256];
	int rc = buf_printf(&del, "DELETE FROM %s WHERE %s = ?", lk->link_table, lk->owner_col);

	*names = (struct buf){ 0 };
	if (rc == CRM_OK)
		rc = buf_printf(&ins, "INSERT IGNORE INTO %s (%s, %s) VALUES (?, ?)", lk->link_table, lk->owner_col,
				lk->target_col);
	for (unsigned x = 0; rc == CRM_OK && x < stored->nids[k]; x++)
		rc = buf_printf(&was, "%s%lld", x ? "," : "", stored->ids[k][x]);
	if (rc == CRM_OK)
		rc = db_exec(r->db, del.p, owner, 1, NULL, NULL);
	for (unsigned x = 0; rc == CRM_OK && x < in->nids[kin]; x++) {
		struct db_param p[] = { DB_I(id), DB_I(in->ids[kin][x]) };

		rc = db_exec(r->db, ins.p, p, 2, NULL, NULL);
		if (rc == CRM_OK)
			rc = rec_link_name(r, lk, in->ids[kin][x], one, sizeof(one));
		if (rc == CRM_OK)
			rc = buf_printf(names, "%s%s", x ? rec_list_separator(r) : "", one);
	}
	if (rc == CRM_OK) {
		struct db_param c[] = { DB_I(j->id), DB_I((long long)line), DB_S(cf->name), DB_S(was.p ? was.p : "") };

		rc = db_exec(r->db, "INSERT INTO import_changes (import_id, line, field, old_value) VALUES (?, ?, ?, ?)", c, 4,
			     NULL, NULL);
	}
	if (rc != CRM_OK)
		buf_free(names);
	buf_free(&del);
	buf_free(&ins);
	buf_free(&was);
	return rc;
}

/* A revert of links_write: the pairs the party had ("3,5"; "" none). */
static int links_restore(struct req *r, const struct rec_field *cf, long long id, const char *old)
{
	const struct rec_link *lk = cf->link;
	struct buf del = { 0 }, ins = { 0 };
	struct db_param owner[] = { DB_I(id) };
	int rc = buf_printf(&del, "DELETE FROM %s WHERE %s = ?", lk->link_table, lk->owner_col);

	if (rc == CRM_OK)
		rc = buf_printf(&ins, "INSERT IGNORE INTO %s (%s, %s) VALUES (?, ?)", lk->link_table, lk->owner_col,
				lk->target_col);
	if (rc == CRM_OK)
		rc = db_exec(r->db, del.p, owner, 1, NULL, NULL);
	for (const char *s = old ? old : ""; rc == CRM_OK && *s;) {
		struct db_param p[] = { DB_I(id), DB_I(strtoll(s, NULL, 10)) };

		rc = db_exec(r->db, ins.p, p, 2, NULL, NULL);
		s += strcspn(s, ",");
		s += *s == ',';
	}
	buf_free(&del);
	buf_free(&ins);
	return rc;
}

/* Writes the fields this line gives into an existing party, keeping the old values. */
static int update_party(struct req *r, const struct import_job *j, size_t line, const struct line_check *lc,
			const struct party_input *in)
{
	unsigned kind = !strcmp(j->kind, "company") ? PC_COMPANY : PC_PERSON;
	struct stored_fields old;
	struct audit_change changes[NFIELDS + 2 + REC_MAX_CUSTOM];
	struct rec stored;
	struct buf added = { 0 }, names[REC_MAX_CUSTOM];
	char label[REC_MAX_CUSTOM][256];
	unsigned nchanges = 0, nnames = 0, nlabels = 0;
	long long id = lc->existing;
	int rc = stored_load(r->db, id, &old);

	if (rc == CRM_OK && !old.found)
		rc = CRM_ENOTFOUND;
	/* the custom fields as stored, to keep their old values as the built-in ones are */
	if (rc == CRM_OK)
		rc = party_details_load(r, j->kind, id, "edit", &stored);
	else
		rec_init(&stored, NULL);
	/* the row first: import_changes refer to it */
	if (rc == CRM_OK)
		rc = row_record(r->db, j, line, "updated", id, 0, NULL, NULL);
	for (size_t i = 0; rc == CRM_OK && i < NFIELDS; i++) {
		const struct update_field *uf = &update_fields[i];
		const char *v = input_value(in, uf->key);
		const char *was = old.val[i];

		if (!(uf->kinds & kind) || !line_gives(lc, uf->key) || !v[0] || (was && !strcmp(was, v)))
			continue;
		struct db_param p[] = { DB_S(v), DB_I(id) };
		struct db_param c[] = { DB_I(j->id), DB_I((long long)line), DB_S(uf->key), DB_S(was) };

		rc = db_exec(r->db, uf->sql, p, 2, NULL, NULL);
		if (rc == CRM_OK)
			rc = db_exec(r->db, "INSERT INTO import_changes (import_id, line, field, old_value) VALUES (?, ?, ?, ?)", c, 4,
				     NULL, NULL);
		changes[nchanges++] = (struct audit_change){ uf->key, was, v };
	}
	for (unsigned i = 0; rc == CRM_OK && i < party_custom_count(); i++) {
		const struct party_column *c = party_custom_at(i);
		const struct rec_field *cf = party_custom_field(c);
		const char *v = rec_get(&in->details, c->key), *was = rec_get(&stored, c->key);
		int k = rec_field_index(stored.e, c->key), kin = rec_field_index(in->details.e, c->key);

		if (!(c->kinds & kind) || k < 0 || kin < 0 || !line_gives(lc, c->key))
			continue;
		if (cf->type == REC_LINKS) {
			if (!in->details.nids[kin] || same_ids(&stored, k, &in->details, kin))
				continue;
			rc = links_write(r, j, line, id, cf, &stored, k, &in->details, kin, &names[nnames]);
			if (rc == CRM_OK)
				changes[nchanges++] = (struct audit_change){ c->key, stored.label[k] ? stored.label[k] : "",
									     names[nnames++].p };
			continue;
		}
		if (!v[0] || !strcmp(was, v))
			continue;
		rc = custom_write(r, j, line, id, c->key, v, stored.val[k]);
		/* History names a linked row, as the form's save does */
		if (rc == CRM_OK && cf->type == REC_LINK) {
			rc = rec_link_name(r, cf->link, strtoll(v, NULL, 10), label[nlabels], sizeof(label[0]));
			if (rc == CRM_OK)
				changes[nchanges++] = (struct audit_change){ c->key, stored.label[k], label[nlabels++] };
		} else if (rc == CRM_OK)
			changes[nchanges++] = (struct audit_change){ c->key, stored.val[k], v };
	}
	if (rc == CRM_OK && line_gives(lc, "mobile"))
		rc = channel_add_new(r, id, "mobile", in->first_mobile, &added);
	if (rc == CRM_OK && line_gives(lc, "email"))
		rc = channel_add_new(r, id, "email", in->first_email, &added);
	if (rc == CRM_OK && added.len) {
		changes[nchanges++] = (struct audit_change){ "channels", NULL, added.p };
	}
	if (rc == CRM_OK)
		rc = refresh_name(r, id, j->kind);
	if (rc == CRM_OK) {
		struct db_param p[] = { DB_I(old.version + 1), DB_S(added.p ? added.p : ""), DB_I(j->id), DB_I((long long)line) };

		rc = db_exec(r->db, "UPDATE import_rows SET after_version = ?, added_channels = ? WHERE import_id = ? AND line = ?",
			     p, 4, NULL, NULL);
	}
	if (rc == CRM_OK)
		rc = audit_write_changes(r, "parties", id, "update", changes, nchanges);
	buf_free(&added);
	for (unsigned i = 0; i < nnames; i++)
		buf_free(&names[i]);
	stored_free(&old);
	rec_free(&stored);
	return rc;
}

struct batch_line {
	size_t line;
	long long index; /* the data line's number, from 1 (progress) */
	char **f;
	size_t n;
};

/* The lines an earlier run committed as created or updated, in order. */
struct saved_lines {
	size_t *line;
	size_t n, cap;
};

static int saved_collect(void *ctx, const struct db_row *row)
{
	struct saved_lines *s = ctx;

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		size_t *p = realloc(s->line, cap * sizeof(*p));

		if (!p)
			return CRM_ERR;
		s->line = p;
		s->cap = cap;
	}
	s->line[s->n++] = (size_t)strtoull(row->values[0], NULL, 10);
	return CRM_OK;
}

static int saved_has(const struct saved_lines *s, size_t line)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->line[mid] == line)
			return 1;
		if (s->line[mid] < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

struct run_ctx {
	struct req *r;
	struct import_job *j;
	struct import_totals *t;
	struct party_input *in;
	struct line_check lc;
	struct import_seen seen;
	struct batch_line batch[IMPORT_BATCH];
	size_t nbatch;
	int header_done;
	long long index;
	struct import_totals pending; /* the batch's counts, added once it commits */
	const struct import_run_opts *o;
	struct saved_lines saved;     /* resuming: what the committed lines did */
};

static void batch_free(struct run_ctx *c)
{
	for (size_t i = 0; i < c->nbatch; i++) {
		for (size_t k = 0; k < c->batch[i].n; k++)
			free(c->batch[i].f[k]);
		free(c->batch[i].f);
	}
	c->nbatch = 0;
}

/* One line inside the batch's transaction, behind its own savepoint. */
static int run_line(struct run_ctx *c, const struct batch_line *bl)
{
	struct req *r = c->r;
	int rc;

	rc = check_line(r, c->j, &c->seen, bl->line, (const char *const *)bl->f, bl->n, c->in, &c->lc);
	if (rc != CRM_OK) {
		rec_free(&c->in->details);
		return rc;
	}
	rc = db_exec(r->db, "SAVEPOINT import_line", NULL, 0, NULL, NULL);
	if (rc != CRM_OK) {
		rec_free(&c->in->details);
		return rc;
	}
	switch (c->lc.outcome) {
	case IMPORT_NEW: {
		struct db_param id[1];
		long long version = 0;

		rc = party_db_insert(r, c->in);
		/* the version it was left at: a revert keeps it when a user has changed it since */
		id[0] = DB_I(c->in->id);
		if (rc == CRM_OK)
			rc = db_query_int(r->db, "SELECT version FROM parties WHERE id = ?", id, 1, &version);
		if (rc == CRM_OK)
			rc = row_record(r->db, c->j, bl->line, "created", c->in->id, version, NULL,
					c->lc.message.len ? c->lc.message.p : NULL);
		break;
	}
	case IMPORT_UPDATE:
		rc = update_party(r, c->j, bl->line, &c->lc, c->in);
		break;
	case IMPORT_SKIP:
		rc = row_record(r->db, c->j, bl->line, "skipped", c->lc.existing, 0, NULL,
				c->lc.message.len ? c->lc.message.p : NULL);
		break;
	case IMPORT_ERROR:
		rc = row_record(r->db, c->j, bl->line, "failed", 0, 0, NULL, c->lc.message.p);
		break;
	}
	rec_free(&c->in->details);
	if (rc == CRM_EDBDOWN)
		return rc;
	if (rc != CRM_OK) {
		/* nothing of this line stays; it is reported instead */
		crm_log("import %lld line %zu: failed (%d), rolled back", c->j->id, bl->line, rc);
		rc = db_exec(r->db, "ROLLBACK TO SAVEPOINT import_line", NULL, 0, NULL, NULL);
		if (rc == CRM_OK)
			rc = row_record(r->db, c->j, bl->line, "failed", 0, 0, NULL, lang_str(r, "import.err.not_saved"));
		c->lc.outcome = IMPORT_ERROR;
	}
	if (rc == CRM_OK)
		rc = db_exec(r->db, "RELEASE SAVEPOINT import_line", NULL, 0, NULL, NULL);
	if (rc != CRM_OK)
		return rc;
	switch (c->lc.outcome) {
	case IMPORT_NEW: c->pending.created++; break;
	case IMPORT_UPDATE: c->pending.updated++; break;
	case IMPORT_SKIP: c->pending.skipped++; break;
	case IMPORT_ERROR: c->pending.failed++; break;
	}
	c->pending.total++;
	return CRM_OK;
}

static int batch_tx(struct db *db, void *ctx)
{
	struct run_ctx *c = ctx;
	int rc = CRM_OK;

	(void)db;
	memset(&c->pending, 0, sizeof(c->pending)); /* a retried transaction counts again */
	for (size_t i = 0; i < c->nbatch && rc == CRM_OK; i++)
		rc = run_line(c, &c->batch[i]);
	/* progress commits with the lines it counts, so a resumed run starts where this one stopped */
	if (rc == CRM_OK && c->o && c->o->on_batch)
		rc = c->o->on_batch(c->o->ctx, db, c->batch[c->nbatch - 1].index);
	return rc;
}

static int batch_flush(struct run_ctx *c)
{
	int rc;

	if (!c->nbatch)
		return CRM_OK;
	rc = db_transaction(c->r->db, batch_tx, c);
	if (rc == CRM_OK) {
		c->t->total += c->pending.total;
		c->t->created += c->pending.created;
		c->t->updated += c->pending.updated;
		c->t->skipped += c->pending.skipped;
		c->t->failed += c->pending.failed;
	}
	batch_free(c);
	return rc;
}

/* A line an earlier run committed: not written again, but an import that
 * saved it remembers its keys, so a later line that repeats it is judged
 * as in one uninterrupted run. */
static int replay_line(struct run_ctx *c, size_t line, const char *const *f, size_t n)
{
	char dkey[256];
	int rc;

	if (!saved_has(&c->saved, line))
		return CRM_OK;
	rc = read_line(c->r, c->j, f, n, c->in, &c->lc);
	if (rc == CRM_OK && !c->lc.message.len && !form_failed(c->r)) {
		duplicate_key(c->r, c->j, c->in, dkey, sizeof(dkey));
		rc = seen_add(&c->seen, line, c->in->code, dkey);
	}
	rec_free(&c->in->details);
	return rc;
}

static int run_collect(void *ctx, size_t line, const char *const *f, size_t n)
{
	struct run_ctx *c = ctx;
	struct batch_line *bl;

	if (!c->header_done) {
		c->header_done = 1;
		return CRM_OK;
	}
	c->index++;
	if (c->o && line <= c->o->resume_after)
		return replay_line(c, line, f, n);
	bl = &c->batch[c->nbatch];
	bl->index = c->index;
	bl->line = line;
	bl->n = 0;
	bl->f = calloc(n ? n : 1, sizeof(char *));
	if (!bl->f)
		return CRM_ERR;
	c->nbatch++;
	for (size_t i = 0; i < n; i++) {
		if (!(bl->f[i] = strdup(f[i])))
			return CRM_ERR;
		bl->n++;
	}
	return c->nbatch == IMPORT_BATCH ? batch_flush(c) : CRM_OK;
}

int import_execute(struct req *r, struct import_job *j, const struct import_run_opts *o, struct import_totals *t)
{
	struct run_ctx *c = calloc(1, sizeof(*c));
	struct db_param id[] = { DB_I(j->id) };
	size_t bad;
	int rc = CRM_OK;

	memset(t, 0, sizeof(*t));
	if (!c || !(c->in = calloc(1, sizeof(*c->in)))) {
		free(c);
		return CRM_ERR;
	}
	c->r = r;
	c->j = j;
	c->t = t;
	c->o = o;
	if (o && o->resume_after)
		rc = db_query(r->db,
			      "SELECT line FROM import_rows WHERE import_id = ? AND action IN ('created', 'updated') ORDER BY line",
			      id, 1, saved_collect, &c->saved);
	if (rc == CRM_OK)
		rc = csv_parse(j->content, j->content_len, j->delim, run_collect, c, &bad);
	if (rc == CRM_OK)
		rc = batch_flush(c);
	batch_free(c);
	hdf_remove_tree(r->hdf, "Form");
	buf_free(&c->lc.message);
	import_seen_free(&c->seen);
	free(c->saved.line);
	free(c->in);
	free(c);
	return rc;
}

int import_resume_line(struct db *db, long long import_id, size_t *line)
{
	struct db_param id[] = { DB_I(import_id) };
	long long last = 0;
	int rc = db_query_int(db, "SELECT COALESCE(MAX(line), 0) FROM import_rows WHERE import_id = ?", id, 1, &last);

	*line = rc == CRM_OK && last > 0 ? (size_t)last : 0;
	return rc;
}

int import_totals_load(struct db *db, long long import_id, struct import_totals *t)
{
	struct db_param id[] = { DB_I(import_id) };
	char v[128];
	int rc;

	memset(t, 0, sizeof(*t));
	rc = db_query_str(db,
			  "SELECT CONCAT_WS(' ', COUNT(*), COALESCE(SUM(action = 'created'), 0), COALESCE(SUM(action = 'updated'), 0), "
			  "COALESCE(SUM(action = 'skipped'), 0), COALESCE(SUM(action = 'failed'), 0)) FROM import_rows WHERE import_id = ?",
			  id, 1, v, sizeof(v));
	if (rc == CRM_OK && sscanf(v, "%lld %lld %lld %lld %lld", &t->total, &t->created, &t->updated, &t->skipped, &t->failed) != 5)
		rc = CRM_ERR;
	return rc;
}

static int count_record(void *ctx, size_t line, const char *const *f, size_t n)
{
	long long *count = ctx;

	(void)line;
	(void)f;
	(void)n;
	(*count)++;
	return CRM_OK;
}

int import_count_lines(const struct import_job *j, long long *n)
{
	size_t bad;
	int rc;

	*n = 0;
	rc = csv_parse(j->content, j->content_len, j->delim, count_record, n, &bad);
	if (*n > 0)
		(*n)--; /* the header */
	return rc;
}

/* --- revert --- */

struct undo_row {
	size_t line;
	long long party, after_version;
	long long undone_version; /* an update undone: the version it left (0: not undone) */
	char action[16];
	char channels[256];
};

struct undo_ctx {
	struct undo_row *rows;
	size_t n, cap;
};

static int undo_collect(void *ctx, const struct db_row *row)
{
	struct undo_ctx *u = ctx;

	if (u->n == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 256;
		struct undo_row *p = realloc(u->rows, cap * sizeof(*p));

		if (!p)
			return CRM_ERR;
		u->rows = p;
		u->cap = cap;
	}
	struct undo_row *x = &u->rows[u->n++];

	x->undone_version = 0;
	x->line = (size_t)strtoull(row->values[0], NULL, 10);
	snprintf(x->action, sizeof(x->action), "%s", row->values[1]);
	x->party = row->values[2] ? strtoll(row->values[2], NULL, 10) : 0;
	x->after_version = row->values[3] ? strtoll(row->values[3], NULL, 10) : 0;
	snprintf(x->channels, sizeof(x->channels), "%s", row->values[4] ? row->values[4] : "");
	return CRM_OK;
}

struct undo_tx {
	struct req *r;
	struct import_job *j;
	struct undo_ctx rows;
	long long conflicts;
};

struct change_row {
	char field[33];
	char *old;
	int null;
};

static int change_collect(void *ctx, const struct db_row *row)
{
	struct change_row *c = ctx;
	size_t i = 0;

	while (c[i].field[0])
		i++;
	if (i >= NFIELDS + REC_MAX_CUSTOM)
		return CRM_ERR;
	snprintf(c[i].field, sizeof(c[i].field), "%s", row->values[0]);
	c[i].null = row->values[1] == NULL;
	c[i].old = strdup(row->values[1] ? row->values[1] : "");
	return c[i].old ? CRM_OK : CRM_ERR;
}

static int undo_update(struct undo_tx *u, struct undo_row *x)
{
	struct req *r = u->r;
	struct change_row changes[NFIELDS + REC_MAX_CUSTOM + 1];
	struct db_param key[] = { DB_I(u->j->id), DB_I((long long)x->line) };
	struct db_param pid[] = { DB_I(x->party) };
	long long version = 0;
	int rc;

	memset(changes, 0, sizeof(changes));
	rc = db_query_int(r->db, "SELECT version FROM parties WHERE id = ? FOR UPDATE", pid, 1, &version);
	if (rc != CRM_OK)
		return rc == CRM_ENOTFOUND ? CRM_OK : rc;
	if (version != x->after_version) {
		/* changed since the import: the user's later work wins */
		u->conflicts++;
		return CRM_OK;
	}
	rc = db_query(r->db, "SELECT field, old_value FROM import_changes WHERE import_id = ? AND line = ?", key, 2,
		      change_collect, changes);
	for (size_t i = 0; rc == CRM_OK && changes[i].field[0]; i++) {
		struct db_param p[] = { changes[i].null ? DB_NUL : DB_S(changes[i].old), DB_I(x->party) };
		const struct party_column *c = party_custom_find(changes[i].field, strlen(changes[i].field));

		for (size_t k = 0; rc == CRM_OK && k < NFIELDS; k++)
			if (!strcmp(update_fields[k].key, changes[i].field))
				rc = db_exec(r->db, update_fields[k].sql, p, 2, NULL, NULL);
		if (rc == CRM_OK && c && party_custom_field(c)->type == REC_LINKS) {
			rc = links_restore(r, party_custom_field(c), x->party, changes[i].old);
		} else if (rc == CRM_OK && c) { /* a custom field: its column named by the description */
			struct buf sql = { 0 };

			rc = buf_printf(&sql, "UPDATE parties SET %s = ? WHERE id = ?", c->key);
			if (rc == CRM_OK)
				rc = db_exec(r->db, sql.p, p, 2, NULL, NULL);
			buf_free(&sql);
		}
	}
	/* channels the import added go again */
	for (const char *s = x->channels; rc == CRM_OK && *s;) {
		long long cid = strtoll(s, NULL, 10);
		struct db_param p[] = { DB_I(cid), DB_I(x->party) };

		rc = db_exec(r->db, "DELETE FROM party_channels WHERE id = ? AND party_id = ?", p, 2, NULL, NULL);
		s += strcspn(s, ",");
		s += *s == ',';
	}
	for (size_t i = 0; changes[i].field[0]; i++)
		free(changes[i].old);
	if (rc == CRM_OK)
		rc = refresh_name(r, x->party, u->j->kind);
	if (rc == CRM_OK) {
		char details[64];

		snprintf(details, sizeof(details), "{\"import\":%lld}", u->j->id);
		rc = audit_write(r, 0, "parties", x->party, "import_revert", details);
	}
	if (rc == CRM_OK)
		rc = db_query_int(r->db, "SELECT version FROM parties WHERE id = ?", pid, 1, &x->undone_version);
	return rc;
}

/* The version a record this import created must still have to go to the bin: the one the
 * import left, or the one the undo of a later line of this import left it at. */
static long long created_expected(const struct undo_tx *u, size_t i)
{
	const struct undo_row *x = &u->rows.rows[i];
	long long v = x->after_version;

	for (size_t k = i + 1; k < u->rows.n; k++)
		if (u->rows.rows[k].party == x->party && u->rows.rows[k].undone_version)
			v = u->rows.rows[k].undone_version;
	return v;
}

static int undo_tx_fn(struct db *db, void *ctx)
{
	struct undo_tx *u = ctx;
	struct db_param id[] = { DB_I(u->j->id), DB_I(u->j->version) };
	char details[64];
	uint64_t n = 0;
	int rc;

	u->conflicts = 0;
	rc = db_exec(db, "UPDATE imports SET status = 'reverted', reverted_at = UTC_TIMESTAMP(), version = version + 1 "
			 "WHERE id = ? AND version = ? AND status = 'done'",
		     id, 2, &n, NULL);
	if (rc == CRM_OK && n == 0)
		rc = CRM_ECONFLICT;
	snprintf(details, sizeof(details), "{\"import\":%lld}", u->j->id);
	/* newest first: a line that updated a party created by an earlier line is undone before it */
	for (size_t i = u->rows.n; rc == CRM_OK && i-- > 0;) {
		struct undo_row *x = &u->rows.rows[i];

		if (!strcmp(x->action, "created")) {
			long long expected = created_expected(u, i), version = 0;
			struct db_param p[] = { DB_I(x->party) };
			uint64_t changed = 0;

			rc = db_query_int(db, "SELECT version FROM parties WHERE id = ? FOR UPDATE", p, 1, &version);
			if (rc == CRM_ENOTFOUND) {
				rc = CRM_OK; /* purged since */
				continue;
			}
			/* edited since the import (lines from before versions were kept have 0: as then) */
			if (rc == CRM_OK && expected && version != expected) {
				u->conflicts++;
				continue;
			}
			if (rc == CRM_OK)
				rc = db_exec(db, "UPDATE parties SET is_deleted = 1, version = version + 1, updated_at = UTC_TIMESTAMP() "
						 "WHERE id = ? AND is_deleted = 0",
					     p, 1, &changed, NULL);
			if (rc == CRM_OK && changed)
				rc = audit_write(u->r, 0, "parties", x->party, "delete", details);
		} else if (!strcmp(x->action, "updated")) {
			rc = undo_update(u, x);
		}
	}
	if (rc == CRM_OK) {
		char summary[96];

		snprintf(summary, sizeof(summary), "{\"lines\":%zu,\"conflicts\":%lld}", u->rows.n, u->conflicts);
		rc = audit_write(u->r, 0, "imports", u->j->id, "revert", summary);
	}
	return rc;
}

int import_undo(struct req *r, struct import_job *j, long long *conflicts)
{
	struct undo_tx u = { .r = r, .j = j };
	struct db_param id[] = { DB_I(j->id) };
	int rc;

	rc = db_query(r->db,
		      "SELECT line, action, party_id, after_version, added_channels FROM import_rows "
		      "WHERE import_id = ? AND action IN ('created', 'updated') ORDER BY line",
		      id, 1, undo_collect, &u.rows);
	if (rc == CRM_OK)
		rc = db_transaction(r->db, undo_tx_fn, &u);
	*conflicts = u.conflicts;
	free(u.rows.rows);
	return rc;
}

/* Custom fields and required rules: an entity's description as a request sees it, built from
 * its own fields, the administrator's rules and its ready custom fields, and kept per worker
 * until the reference version "fields" moves (triggers on custom_fields and field_rules). */
#include "records/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct rec_custom_target rec_custom_targets[] = {
	{ "users", "users", "admin.users" },
	{ "teams", "teams", "admin.teams" },
	/* both on the parties row: a list of either reads a searchable one from its own index */
	{ "persons", "parties", "parties.persons" },
	{ "companies", "parties", "parties.companies" },
};
const unsigned rec_ncustom_targets = CRM_ARRAY_LEN(rec_custom_targets);

const struct rec_custom_target *rec_custom_target(const char *entity)
{
	for (unsigned i = 0; entity && i < rec_ncustom_targets; i++)
		if (!strcmp(rec_custom_targets[i].entity, entity))
			return &rec_custom_targets[i];
	return NULL;
}

int rec_custom_ddl(const char *table, long long id, const char *type, int searchable, struct buf *column,
		   struct buf *index)
{
	static const struct {
		const char *type, *sql;
	} types[] = {
		{ "text", "VARCHAR(255) NULL" }, { "longtext", "TEXT NULL" },   { "int", "BIGINT NULL" },
		{ "money", "BIGINT NULL" },      { "date", "DATE NULL" },       { "flag", "TINYINT(1) NOT NULL DEFAULT 0" },
		{ "party", "BIGINT UNSIGNED NULL" }, { "user", "BIGINT UNSIGNED NULL" }, { "choice", "BIGINT UNSIGNED NULL" },
		{ "multichoice", NULL },
	};
	const char *sql = NULL;
	int known = 0, rc;

	for (size_t i = 0; i < CRM_ARRAY_LEN(types); i++)
		if (!strcmp(types[i].type, type)) {
			sql = types[i].sql;
			known = 1;
		}
	if (!known || id <= 0 || !rec_custom_target_table_ok(table))
		return CRM_EINVAL;
	if (!sql) /* several choices: a table of pairs, gone with its record, an entry kept while held */
		return buf_printf(column,
				  "CREATE TABLE IF NOT EXISTS cfv_%lld (record_id BIGINT UNSIGNED NOT NULL, "
				  "lookup_id BIGINT UNSIGNED NOT NULL, PRIMARY KEY (record_id, lookup_id), "
				  "KEY ix_cfv_%lld_lookup (lookup_id, record_id), "
				  "CONSTRAINT fk_cfv_%lld_record FOREIGN KEY (record_id) REFERENCES %s (id) ON DELETE CASCADE, "
				  "CONSTRAINT fk_cfv_%lld_lookup FOREIGN KEY (lookup_id) REFERENCES lookups (id)) ENGINE=InnoDB",
				  id, id, id, table, id);
	/* INSTANT: a new column is metadata only, whatever the table's size */
	rc = buf_printf(column, "ALTER TABLE %s ADD COLUMN IF NOT EXISTS cf_%lld %s, ALGORITHM=INSTANT", table, id, sql);
	if (rc == CRM_OK && searchable && strcmp(type, "longtext") && strcmp(type, "flag"))
		/* built online: the table stays readable and writable meanwhile */
		rc = buf_printf(index, "ALTER TABLE %s ADD INDEX IF NOT EXISTS ix_cf_%lld (cf_%lld, id), ALGORITHM=INPLACE, "
				       "LOCK=NONE",
				table, id, id);
	return rc;
}

int rec_custom_target_table_ok(const char *table)
{
	for (unsigned i = 0; table && i < rec_ncustom_targets; i++)
		if (!strcmp(rec_custom_targets[i].table, table))
			return 1;
	return 0;
}

/* A custom field may link to a user or to a party. The party's link is the domain's (its scope
 * rule lives above this area): each program registers it at start (rec_custom_party_link_set);
 * without it a link to a party is left out rather than shown unscoped. */
/* an active user is chosen; one retired since stays on the record and still finds it in a filter */
static const struct rec_link user_link = { .table = "users", .key = "username", .label = "display_name",
					   .offer = "x.is_active = 1" };
static const struct rec_link *party_link;

void rec_custom_party_link_set(const struct rec_link *k)
{
	party_link = k;
}

/* One entity's description as built: its storage lives here until the next reload. */
struct full {
	const struct rec_entity *base;
	char version[32];
	struct rec_entity e;
	struct rec_field fields[REC_MAX_FIELDS];
	struct rec_order orders[REC_MAX_ORDERS];
	/* a choice's own list: entries of lookups of kind cf_<id>, several in the table cfv_<id> */
	struct rec_link links[REC_MAX_CUSTOM];
	unsigned nlinks;
	char *strings[REC_MAX_CUSTOM * 8 + 1]; /* names, labels, index names, a list's kind and table */
	unsigned nstrings;
};

#define FULL_MAX 16
static struct full cache[FULL_MAX];

static void full_clear(struct full *f)
{
	for (unsigned i = 0; i < f->nstrings; i++)
		free(f->strings[i]);
	memset(f, 0, sizeof(*f));
}

static const char *keep(struct full *f, const char *s)
{
	char *copy;

	if (f->nstrings == CRM_ARRAY_LEN(f->strings) || !(copy = strdup(s ? s : "")))
		return NULL;
	f->strings[f->nstrings++] = copy;
	return copy;
}

struct load_ctx {
	struct full *f;
	int failed;
};

/* A required rule: the built-in field of that name must be filled. */
static int rule_row(void *ctx, const struct db_row *row)
{
	struct load_ctx *l = ctx;

	for (unsigned i = 0; i < l->f->e.nfields; i++) {
		struct rec_field *fd = &l->f->fields[i];

		if (!strcmp(fd->name, row->values[0]) && !(fd->flags & RF_SHOWN) && fd->type != REC_DATETIME &&
		    fd->type != REC_FLAG)
			fd->flags |= RF_REQUIRED;
	}
	return CRM_OK;
}

/* A choice's list, named in the reader's language, offered while active, in its order; several
 * choices are pairs in cfv_<id>. Its SQL is made from the field's id only. */
static const struct rec_link *choice_link(struct load_ctx *l, const char *id, int several)
{
	struct full *f = l->f;
	struct rec_link *k = &f->links[f->nlinks++];
	char where[48], table[32];

	snprintf(where, sizeof(where), "x.kind = 'cf_%lld'", strtoll(id, NULL, 10));
	snprintf(table, sizeof(table), "cfv_%lld", strtoll(id, NULL, 10));
	*k = (struct rec_link){ .table = "lookups", .label = "name_fa", .label_lang = { "name_fa", "name_en", "name_tr" },
				.where = keep(f, where), .offer = "x.is_active = 1", .sort = "sort", .code = "code" };
	if (several) {
		k->link_table = keep(f, table);
		k->owner_col = "record_id";
		k->target_col = "lookup_id";
		k->max = 64;
	}
	if (!k->where || (several && !k->link_table))
		l->failed = 1;
	return k;
}

/* A ready custom field: id, type, label_fa, label_en, label_tr, required, searchable. */
static int custom_row(void *ctx, const struct db_row *row)
{
	struct load_ctx *l = ctx;
	struct full *f = l->f;
	struct rec_field *fd;
	const char *type = row->values[1];
	char name[32];
	int searchable = row->values[6][0] == '1';

	if (f->e.nfields == REC_MAX_FIELDS)
		return CRM_OK; /* refused when made: never reached */
	fd = &f->fields[f->e.nfields];
	memset(fd, 0, sizeof(*fd));
	snprintf(name, sizeof(name), "cf_%s", row->values[0]);
	fd->name = keep(f, name);
	for (int k = 0; k < 3; k++)
		fd->label_text[k] = keep(f, row->values[2 + k]);
	fd->section = "custom";
	fd->flags = row->values[5][0] == '1' ? RF_REQUIRED : 0;
	if (!strcmp(type, "text")) {
		fd->type = REC_TEXT;
		fd->max = 255;
	} else if (!strcmp(type, "longtext")) {
		fd->type = REC_LONGTEXT;
		fd->max = 4000;
	} else if (!strcmp(type, "int")) {
		fd->type = REC_INT;
		fd->lo = -1000000000000000LL;
		fd->hi = 1000000000000000LL;
	} else if (!strcmp(type, "money")) {
		fd->type = REC_MONEY;
	} else if (!strcmp(type, "date")) {
		fd->type = REC_DATE;
	} else if (!strcmp(type, "flag")) {
		fd->type = REC_FLAG;
		fd->flags &= ~(unsigned)RF_REQUIRED; /* a flag is always either */
	} else if (!strcmp(type, "user")) {
		fd->type = REC_LINK;
		fd->link = &user_link;
		fd->flags |= RF_LTR;
	} else if (!strcmp(type, "party") && party_link) {
		fd->type = REC_LINK; /* named, so not left to right: the picker shows the code beside the name */
		fd->link = party_link;
	} else if ((!strcmp(type, "choice") || !strcmp(type, "multichoice")) && f->nlinks < REC_MAX_CUSTOM) {
		fd->type = !strcmp(type, "choice") ? REC_LINK : REC_LINKS;
		fd->flags |= RF_CHOICES;
		fd->link = choice_link(l, row->values[0], fd->type == REC_LINKS);
	} else {
		return CRM_OK; /* a type this engine does not show yet */
	}
	/* searchable: a list column and filter, the text box, and an order from its own index (cf_<id>, id) whose
	 * NULLs the keyset carries (rec_list.c); a link would sort by id, not by name */
	if (searchable && fd->type != REC_LONGTEXT && fd->type != REC_FLAG && fd->type != REC_LINKS) {
		fd->flags |= RF_LIST | RF_FILTER;
		if (fd->type == REC_TEXT)
			fd->flags |= RF_SEARCH;
		if (fd->type != REC_LINK && f->e.norders < REC_MAX_ORDERS) {
			struct rec_order *o = &f->orders[f->e.norders++];
			char index[40];

			snprintf(index, sizeof(index), "ix_%s", name);
			o->name = o->column = fd->name;
			if (!(o->index = keep(f, index)))
				l->failed = 1;
		}
	}
	if (!fd->name || !fd->label_text[0] || !fd->label_text[1] || !fd->label_text[2])
		l->failed = 1;
	f->e.nfields++;
	return CRM_OK;
}

static int full_load(struct req *r, struct full *f, const struct rec_entity *base, const char *version)
{
	struct db_param p[] = { DB_S(base->name) };
	struct load_ctx l = { f, 0 };
	int rc;

	full_clear(f);
	f->base = base;
	snprintf(f->version, sizeof(f->version), "%s", version);
	f->e = *base;
	memcpy(f->fields, base->fields, base->nfields * sizeof(*base->fields));
	if (base->norders) /* an entity without a list of its own has none */
		memcpy(f->orders, base->orders, base->norders * sizeof(*base->orders));
	f->e.fields = f->fields;
	f->e.orders = f->orders;
	rc = db_query(r->db, "SELECT field FROM field_rules WHERE entity = ? AND required = 1", p, 1, rule_row, &l);
	if (rc == CRM_OK && base->custom)
		rc = db_query(r->db,
			      "SELECT id, type, label_fa, label_en, label_tr, required, searchable FROM custom_fields "
			      "WHERE entity = ? AND state = 'ready' AND is_active = 1 ORDER BY sort, id",
			      p, 1, custom_row, &l);
	if (rc == CRM_OK && l.failed)
		rc = CRM_ERR;
	if (rc != CRM_OK)
		full_clear(f); /* never a half-built description */
	return rc;
}

const struct rec_entity *rec_full(struct req *r, const struct rec_entity *e)
{
	char version[32];
	struct full *slot = NULL;

	if (ref_version(r, "fields", version, sizeof(version)) != CRM_OK)
		return NULL;
	for (unsigned i = 0; i < FULL_MAX; i++) {
		if (cache[i].base == e) {
			slot = &cache[i];
			break;
		}
		if (!slot && !cache[i].base)
			slot = &cache[i];
	}
	if (!slot)
		return e; /* more entities than kept: as described, without custom fields */
	if (slot->base == e && version[0] && !strcmp(slot->version, version))
		return &slot->e;
	if (e->nfields > REC_MAX_FIELDS - REC_MAX_CUSTOM || e->norders > REC_MAX_ORDERS - REC_MAX_CUSTOM)
		return e;
	return full_load(r, slot, e, version) == CRM_OK ? &slot->e : NULL;
}

/* A built-in field a rule may make required: typed by the user, not shown-only, not a flag
 * (always either), not already required by its description. */
static int rule_may(const struct rec_field *f)
{
	return !(f->flags & (RF_SHOWN | RF_REQUIRED)) && f->type != REC_DATETIME && f->type != REC_FLAG &&
	       !(f->type == REC_LINKS && (f->flags & RF_CHOICES));
}

struct rules_ctx {
	char fields[REC_MAX_FIELDS][64];
	unsigned n;
};

static int rules_row(void *ctx, const struct db_row *row)
{
	struct rules_ctx *c = ctx;

	if (c->n < REC_MAX_FIELDS)
		snprintf(c->fields[c->n++], sizeof(c->fields[0]), "%s", row->values[0]);
	return CRM_OK;
}

static int rules_load(struct req *r, const struct rec_entity *e, struct rules_ctx *c)
{
	struct db_param p[] = { DB_S(e->name) };

	c->n = 0;
	return db_query(r->db, "SELECT field FROM field_rules WHERE entity = ? AND required = 1 ORDER BY field", p, 1,
			rules_row, c);
}

static int rules_has(const struct rules_ctx *c, const char *name)
{
	for (unsigned i = 0; i < c->n; i++)
		if (!strcmp(c->fields[i], name))
			return 1;
	return 0;
}

int rec_page_rules(struct req *r, const struct rec_entity *e, const char *template)
{
	struct rules_ctx c;
	char key[96];
	int rc = rules_load(r, e, &c), n = 0;

	for (unsigned i = 0; rc == CRM_OK && i < e->nfields; i++) {
		const struct rec_field *f = &e->fields[i];

		if (!rule_may(f))
			continue;
		snprintf(key, sizeof(key), "Rules.%d.name", n);
		rc = hdf_put(r, key, f->name);
		snprintf(key, sizeof(key), "Rules.%d.label", n);
		if (rc == CRM_OK)
			rc = hdf_put(r, key, rec_field_label(r, e, f));
		snprintf(key, sizeof(key), "Rules.%d.required", n++);
		if (rc == CRM_OK)
			rc = hdf_put(r, key, rules_has(&c, f->name) ? "1" : "0");
	}
	if (rc == CRM_OK && (hdf_put(r, "Rules_entity", e->name) || hdf_put(r, "Rules_title", lang_str(r, e->title)) ||
			     hdf_put(r, "Rules_module", e->module)))
		rc = CRM_ERR;
	if (rc == CRM_OK && req_param(r, "saved"))
		rc = hdf_put(r, "Form.notice", lang_str(r, "records.saved"));
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return render(r, template);
}

struct rules_tx {
	struct req *r;
	const struct rec_entity *e;
	struct rules_ctx want;
};

static int rules_tx(struct db *db, void *ctx)
{
	struct rules_tx *t = ctx;
	struct rules_ctx before;
	struct buf a = { 0 }, b = { 0 };
	struct db_param p[] = { DB_S(t->e->name) };
	int rc = rules_load(t->r, t->e, &before);

	if (rc == CRM_OK)
		rc = db_exec(db, "DELETE FROM field_rules WHERE entity = ?", p, 1, NULL, NULL);
	for (unsigned i = 0; rc == CRM_OK && i < t->want.n; i++) {
		struct db_param q[] = { DB_S(t->e->name), DB_S(t->want.fields[i]) };

		rc = db_exec(db, "INSERT INTO field_rules (entity, field, required) VALUES (?, ?, 1)", q, 2, NULL, NULL);
	}
	/* the audit row says which fields are required, before and after */
	for (unsigned i = 0; rc == CRM_OK && i < before.n; i++)
		rc = buf_printf(&a, "%s%s", i ? ", " : "", before.fields[i]);
	for (unsigned i = 0; rc == CRM_OK && i < t->want.n; i++)
		rc = buf_printf(&b, "%s%s", i ? ", " : "", t->want.fields[i]);
	if (rc == CRM_OK) {
		struct audit_change c[] = { { "required", a.p ? a.p : "", b.p ? b.p : "" } };

		rc = audit_write_changes(t->r, "field_rules", 0, "update", c, 1);
	}
	buf_free(&a);
	buf_free(&b);
	return rc;
}

int rec_page_rules_save(struct req *r, const struct rec_entity *e, const char *next)
{
	struct rules_tx *t = calloc(1, sizeof(*t));
	const char *sent[REC_MAX_FIELDS];
	size_t n;
	int rc;

	if (!t)
		return reply_error(r, 500);
	t->r = r;
	t->e = e;
	/* only fields a rule may name: anything else sent is refused, not stored */
	n = req_all(r, "required", sent, REC_MAX_FIELDS);
	for (size_t i = 0; i < n; i++) {
		int k = rec_field_index(e, sent[i]);

		if (k < 0 || !rule_may(&e->fields[k])) {
			free(t);
			return reply_error(r, 400);
		}
		snprintf(t->want.fields[t->want.n++], sizeof(t->want.fields[0]), "%s", sent[i]);
	}
	rc = db_transaction(r->db, rules_tx, t);
	free(t);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return resp_redirect(r, next);
}

/* libcrm area records: the records engine. An entity is described once (its table, fields,
 * orders, scope and hooks); generic code reads and validates its input into C values, loads a
 * record with the scope inside the query, saves it with a version check and its audit row in
 * one transaction, lists it by keyset from the order's index, exports it and fills HDF once for
 * the generic templates (html/templates/records/). README, "The records engine". */
#ifndef CRM_LIB_RECORDS_H
#define CRM_LIB_RECORDS_H

#include "core/core.h"
#include "http/http.h"
#include "db/db.h"
#include "auth/auth.h"
#include "render/render.h"
#include "audit/audit.h"
#include "io/io.h"
#include "i18n/i18n.h"

/* ---- the description of an entity ---- */
enum rec_type {
	REC_TEXT,     /* one line of at most max characters */
	REC_LONGTEXT, /* several lines */
	REC_INT,      /* a whole number in [lo, hi] */
	REC_MONEY,    /* an amount, kept in minor units (1/100) as an integer */
	REC_DATE,     /* ISO date, typed and shown in the user's calendar and digits */
	REC_DATETIME, /* a stored UTC time, shown in the user's calendar; never typed */
	REC_FLAG,     /* a checkbox: 0 or 1 */
	REC_CHOICE,   /* one of arg ("a|b|c"); labels Lang.<choices>.<value> */
	REC_EMAIL,    /* an address (optional unless required) */
	REC_LINK,     /* the id of one row of another table, typed as its key (link) */
	REC_LINKS     /* ids of several rows, kept in a link table (link) */
};

enum rec_flags {
	RF_REQUIRED = 1 << 0,
	RF_CREATE_ONLY = 1 << 1, /* set when the record is made, shown read-only after */
	RF_SHOWN = 1 << 2,       /* never read from input: shown only (times, counters) */
	RF_LIST = 1 << 3,        /* a column of the list */
	RF_SEARCH = 1 << 4,      /* the list's text box finds records by this field's start */
	RF_LTR = 1 << 5,         /* written left to right (codes, user names, addresses of the web) */
	RF_CHOICES = 1 << 6,     /* REC_LINKS: every row offered as a checkbox; REC_LINK: one picked from a list */
	RF_UNIQUE = 1 << 7,      /* a unique key: another record holding the value is "taken" on this field */
	RF_FILTER = 1 << 8       /* the list filters by it (?<name>=, rec_filter.c): it has an index of its own */
};

/* Another table a field points into. Names are fixed in code, never input. */
struct rec_link {
	const char *table;      /* the rows pointed at, e.g. "roles" */
	const char *key;        /* what the user types for one (a code), or NULL: picked by id */
	const char *label;      /* what is shown for one, e.g. "name" */
	const char *where;      /* a fixed condition on those rows, over the alias x ("x.kind = 'person'"), or NULL */
	const char *link_table; /* REC_LINKS: the table of pairs, e.g. "user_roles" */
	const char *owner_col;  /* REC_LINKS: its column naming the record, e.g. "user_id" */
	const char *target_col; /* REC_LINKS: its column naming the linked row, e.g. "role_id" */
	unsigned max;           /* REC_LINKS: at most this many */
	/* the rows' own scope, over the alias x, for view in scope_module (NULL: all rows may be named);
	 * a row out of scope is neither found by its key nor named */
	const struct scope_sql *scope;
	const char *scope_module;
	/* the label in the reader's language instead of label: its columns for fa, en and tr */
	const char *label_lang[3];
	/* or an expression over x instead (a place named with its province and country) */
	const char *label_sql;
	/* where a type-ahead picker finds rows by what is typed (JSON with code, display_name), e.g.
	 * "/parties/lookup?kind=person", or NULL: the key is typed */
	const char *lookup;
	/* RF_CHOICES: which of the rows are offered (x.is_active = 1; a row the record holds stays
	 * offered to it) and in what order (a column of x; NULL: by label) */
	const char *offer;
	const char *sort;
	/* RF_CHOICES: a column that names a row in a file as its labels do (a managed list's code),
	 * or NULL: the labels alone (rec_choice_named) */
	const char *code;
};

/* The SQL of a linked row's label over the alias x, in the request's language, into out. */
const char *rec_link_label(const struct req *r, const struct rec_link *k, char *out, size_t outlen);
struct rec_field;
struct rec_entity;
/* A link field's value as a reader sees it, as one SQL expression over the record's row alias:
 * its row's label (REC_LINK), or its rows' labels joined by ", " in their order (REC_LINKS),
 * named only within the link's scope (its parameters into p at *n). */
int rec_link_cell_sql(struct req *r, const struct rec_field *f, const char *alias, struct buf *sql, struct db_param *p,
		      unsigned *n);
/* What separates the names of several linked rows in the request's language (", ", "، "). */
const char *rec_list_separator(const struct req *r);
/* How many parameters the scopes of an entity's links take at most, once each. */
unsigned rec_link_params(const struct rec_entity *e);

struct rec_entity;
struct rec;
struct rec_errors;

struct rec_field {
	const char *name;    /* column (not for REC_LINKS), form field, label Lang.<lang>.f.<name> */
	const char *label;   /* the Lang key of its label when not <lang>.f.<name> */
	const char *input;   /* the form's name for it when not name (NULL: name) */
	const char *label_text[3]; /* a custom field's own label in fa, en, tr (not a Lang key) */
	enum rec_type type;
	unsigned flags;      /* enum rec_flags */
	unsigned max;        /* characters (text) */
	long long lo, hi;    /* REC_INT */
	const char *arg;     /* REC_CHOICE: "a|b|c" */
	const char *choices; /* REC_CHOICE: the Lang prefix of the labels, e.g. "options.calendar" */
	const char *sql;     /* RF_SHOWN: an expression over the row t instead of a column (a count) */
	const struct rec_link *link;
	const char *section; /* the form's section, label Lang.<lang>.section.<section> */
	unsigned part;       /* its column is in the entity's table (0) or in its parts[part - 1] */
	/* REC_TEXT: a rule of its own (1: fine) and the Lang key of its message */
	int (*check)(const char *value);
	const char *check_msg;
	/* an action of the entity's module the user must hold to set it (NULL: none beyond the save's);
	 * without it the field is shown, not read, and keeps what is stored */
	const char *perm;
};

struct rec_order {
	const char *name;   /* as ?sort= names it */
	const char *column; /* the column it sorts by; the id breaks ties */
	const char *index;  /* the index holding (column, id), named for the keyset read */
};

/* Hooks for what is truly an entity's own; each may be NULL. */
struct rec_hooks {
	/* After the fields are read: rules across fields, with errors into err. */
	int (*validate)(struct req *r, const struct rec_entity *e, struct rec *rec, int creating,
			struct rec_errors *err);
	/* Inside the saving transaction, after the row and its links are written. */
	int (*after_write)(struct req *r, struct db *db, const struct rec *rec, int creating);
	/* Purge, inside its transaction: every row that hangs on the record (the record's own row
	 * goes after it); stored file names to remove once committed go into files. */
	int (*purge)(struct req *r, struct db *db, long long id, struct buf *files);
	/* After the save committed: what must follow it outside the transaction (kick the worker). */
	void (*committed)(struct req *r, const struct rec *rec, int creating);
	/* After a purge committed: what lies outside the database (the files named in files). */
	void (*purged)(struct req *r, const struct buf *files);
};

/* A table holding more of an entity's columns, one row per record (a person's beside its party),
 * joined as t1, t2 ... by its key column on t.id, and written with the record. */
struct rec_part {
	const char *table;
	const char *key; /* its column holding the record's id */
};

struct rec_entity {
	const char *name;        /* audit table name, export list name, e.g. "users" */
	const char *table;       /* its SQL table (alias t in every query) */
	const char *module;      /* permission module */
	const char *lang;        /* Lang prefix of its labels, e.g. "admin" */
	const char *title;       /* Lang key of the list's title */
	const char *list_url;    /* the list page, e.g. "/admin/users" */
	const char *record_url;  /* a record's page; "?id=N" follows, e.g. "/admin/user" */
	const struct rec_field *fields;
	unsigned nfields;
	const struct rec_order *orders; /* the first is the default */
	unsigned norders;
	const char *active_col;  /* the state column (is_active), or NULL */
	const char *title_field; /* the field that names a record on its page (Form.title) */
	const char *deleted_col; /* the recycle bin's mark (is_deleted; an index on it and id), or NULL */
	/* One description for several lists in one table: the entity's rows are those whose fixed_col
	 * holds the value the request gives (rec.fixed, rec_list.fixed), in every query; an insert
	 * sets it; without a value nothing is found (CRM_EINVAL). Each order's index starts with it. */
	const char *fixed_col;
	int custom;              /* takes custom fields (Administration > Fields; rec_custom_targets) */
	const struct scope_sql *scope; /* record scope; NULL: the action's permission is enough */
	struct rec_hooks hooks;
	const struct rec_part *parts;  /* its 1:1 tables (rec_field.part), or NULL */
	unsigned nparts;
	const struct rec_bulk *bulk;   /* its list's bulk actions (rec_page_list offers them), or NULL */
};

/* A field's column as SQL ("t.name", "t1.name"), into out. */
const char *rec_column(const struct rec_entity *e, const struct rec_field *f, char *out, size_t outlen);
/* " LEFT JOIN <part> t1 ON t1.<key> = t.id ...": the entity's parts, for a query over t. */
int rec_parts_join(const struct rec_entity *e, struct buf *sql);

/* ---- values ---- */
#define REC_MAX_FIELDS 96
#define REC_MAX_EXTRA 8

/* A record as C values: each field's canonical text (ISO dates, plain integers, money in
 * minor units, "0"/"1"), NULL for none; links as ids with their keys and labels. */
struct rec {
	const struct rec_entity *e;
	long long id, version;
	int active;
	const char *fixed; /* e->fixed_col: the value it holds there, one the module has checked */
	char *val[REC_MAX_FIELDS];
	char *key[REC_MAX_FIELDS];   /* REC_LINK: the linked row's key; REC_LINKS: keys, one a line */
	char *label[REC_MAX_FIELDS]; /* REC_LINK(S): the linked rows' labels, ", " between */
	long long *ids[REC_MAX_FIELDS];
	unsigned nids[REC_MAX_FIELDS];
	/* columns an insert sets that are no field (a password hash): names fixed in code */
	const char *extra_col[REC_MAX_EXTRA];
	struct db_param extra_val[REC_MAX_EXTRA];
	unsigned nextra;
};

void rec_init(struct rec *rec, const struct rec_entity *e);
void rec_free(struct rec *rec);
/* A field's label in the request's language. */
const char *rec_field_label(struct req *r, const struct rec_entity *e, const struct rec_field *f);
/* Whether this request's input sets the field: not shown-only, not create-only once created, and
 * the user holds its permission. */
int rec_field_typed(const struct req *r, const struct rec_entity *e, const struct rec_field *f, int creating);
/* The index of a field by name, or -1. */
int rec_field_index(const struct rec_entity *e, const char *name);
/* A field's value, or "" when it has none. */
const char *rec_get(const struct rec *rec, const char *name);
int rec_set(struct rec *rec, const char *name, const char *value);
int rec_has_id(const struct rec *rec, const char *name, long long id);
/* Replaces *slot (one of rec's strings) with a copy of value (NULL: none). */
int rec_set_slot(char **slot, const char *value);
/* A column the insert sets too (with a value that stays valid until the save). */
int rec_extra(struct rec *rec, const char *column, struct db_param value);

/* ---- errors, kept in C until the page is filled ---- */
struct rec_error {
	const char *field; /* a field's name, or "form" */
	const char *msg;   /* Lang key; "{n}" in its text becomes arg */
	long long arg;
};

struct rec_errors {
	struct rec_error e[REC_MAX_FIELDS];
	unsigned n;
};

/* Keeps the first message per field. */
void rec_error(struct rec_errors *err, const char *field, const char *msg, long long arg);
int rec_failed(const struct rec_errors *err, const char *field);

/* ---- input ---- */
/* Where values come from: a form, a query string, a CSV row, later JSON. */
struct rec_input {
	const char *(*get)(const void *ctx, const char *name);
	size_t (*all)(const void *ctx, const char *name, const char **out, size_t max);
	const void *ctx;
};

/* The request's form fields, then its query string. */
struct rec_input rec_input_req(const struct req *r);

/* Reads and validates every field that input may set (not RF_SHOWN; RF_CREATE_ONLY only
 * when creating) into rec; each problem is an error on its field. Links are looked up (in
 * their tables' fixed conditions). CRM_OK even with errors; another code: the database failed. */
int rec_read(struct req *r, const struct rec_entity *e, const struct rec_input *in, int creating, struct rec *rec,
	     struct rec_errors *err);

/* The id of the row a link's key (or id, without a key) names, within the link's condition and
 * scope: 0 when none does (a filter by a link typed as a user name or a party's code). */
int rec_link_find(struct req *r, const struct rec_link *k, const char *typed, long long *id);
/* A choice as a person names it in a file (an import's cell): the row's code or its label in
 * any of the three languages, compared as the columns' collation does (without regard to case),
 * within the link's condition and scope; an offered row before a retired one of the same name.
 * *id 0 when none does. */
int rec_choice_named(struct req *r, const struct rec_link *k, const char *text, long long *id);
/* A linked row's label in the request's language (History names, not ids); "" when none. */
int rec_link_name(struct req *r, const struct rec_link *k, long long id, char *out, size_t outlen);
/* "1,250,000.50", "۱٬۲۵۰٬۰۰۰" -> 125000050 (minor units); CRM_EINVAL when not an amount. */
int rec_money_parse(const char *typed, long long *minor);

/* ---- load and save ---- */
/* Loads record id in the user's scope for action; CRM_ENOTFOUND when absent or out of scope. */
int rec_load(struct req *r, const struct rec_entity *e, long long id, const char *action, struct rec *rec);
/* Saves rec (rec->id 0: a new record, its id set on success) in one transaction: the row, its
 * links, the entity's after_write hook and the audit row with every changed field. An update
 * carries rec->version; a stale one is CRM_ECONFLICT and changes nothing, a value another
 * record holds in a unique key CRM_EDUPLICATE. */
int rec_save(struct req *r, const struct rec_entity *e, struct rec *rec);
/* What a write inside another transaction changed: the record before and after it, and an
 * audit change per field (pointing into before and after) for the caller's own audit row. */
struct rec_write {
	struct rec before, after;
	struct audit_change c[REC_MAX_FIELDS];
	unsigned n;
};
/* Inside the caller's transaction, the record's row and its parts' rows already made and locked
 * by it: writes rec's fields into them and its links, without a version check (the
 * caller's), and fills w. w is set up here: free it with rec_write_free whatever this returns. */
int rec_write_fields(struct req *r, struct db *db, const struct rec_entity *e, struct rec *rec, int creating,
		     struct rec_write *w);
void rec_write_free(struct rec_write *w);
/* Sets the state column (activate, deactivate) with its audit row; CRM_OK when already so. Not
 * for an entity with a fixed column (CRM_EINVAL): its state is a field saved with the rest. */
int rec_set_active(struct req *r, const struct rec_entity *e, long long id, int active,
		   int (*after)(struct req *r, struct db *db, long long id, int active));

/* ---- lists ---- */
#define REC_PAGE_MAX 200
/* PageSizes.N (and .shown, in the user's digits) for rec_page_size in records/macros.cs: 25, 50,
 * 100, 200, and current among them when it is another (limit=30 typed in a link). */
int rec_page_sizes(struct req *r, unsigned current);

/* A list's filter by one field (rec_filter.c). */
#define REC_LIST_FILTERS 8
#define REC_FILTER_TYPED 100 /* characters */
struct rec_list_filter {
	const char *name;                         /* the field's column, from the description */
	char typed[4 * REC_FILTER_TYPED + 1];     /* as typed: shown again, carried in links */
	char value[2 * 4 * REC_FILTER_TYPED + 2]; /* as the column holds it (text: a LIKE prefix) */
	int like;
};
/* The filter ?<f->name>= into out: CRM_ENOTFOUND when not given, CRM_EINVAL when it cannot be a
 * value of f, CRM_ERR when the database failed (a link's key is looked up in the reader's scope). */
int rec_filter_read(struct req *r, const struct rec_field *f, struct rec_list_filter *out);
/* " AND <alias>.<column> = ?" (LIKE for a text's start), its parameter into p at *n. */
int rec_filter_sql(const struct rec_list_filter *cf, const char *alias, struct buf *sql, struct db_param *p, unsigned *n);
/* A choice's filter: its rows as prefix.N.{value,label}, retired ones too (nothing for a typed one). */
int rec_filter_options(struct req *r, const struct rec_field *f, const char *prefix);
/* prefix.N.{name,label,value,date,ltr,options} for each field of e marked RF_FILTER, its value
 * as given (ngiven of them) or empty. */
int rec_filters_hdf(struct req *r, const struct rec_entity *e, const struct rec_list_filter *given, unsigned ngiven,
		    const char *prefix);

struct rec_list {
	const struct rec_order *order;
	int desc;              /* dir=desc */
	int back;              /* the page before the key (prev), not after it (next) */
	char after_key[4 * 255 + 1]; /* the keyset position (a key of up to 255 characters of UTF-8) and id */
	long long after_id;
	int after_null;        /* the key is NULL (a custom field left empty): no k in the URL */
	char q[4 * 100 + 1];   /* the text box: 100 characters of UTF-8 */
	int state;             /* with active_col: 1 active, 0 inactive, -1 all */
	unsigned limit;
	const char *fixed;     /* e->fixed_col: the value its rows hold there; links carry it as ?<fixed_col>= */
	struct rec_list_filter filters[REC_LIST_FILTERS]; /* by the fields marked RF_FILTER */
	unsigned nfilters;
};

/* "abc" -> "abc%" with LIKE's own characters escaped: a text that finds a field by its start. */
int rec_like_prefix(const char *q, char *out, size_t outlen);
/* Reads sort, dir, q, state, limit and the keyset position; CRM_EINVAL for malformed input. */
int rec_list_read(struct req *r, const struct rec_entity *e, struct rec_list *l);
/* The list page's data, once: List.rows.N.{id,version,active,cells}, List.columns, paging links,
 * List.count (rec_count_hdf); a row's version lets a list edited in place save with it. */
int rec_list_hdf(struct req *r, const struct rec_entity *e, const struct rec_list *l);
/* A list's count into List.count (the user's digits), List.count_raw and List.count_kind: body
 * is the list's "FROM <table> ... WHERE ..." without its order or position (parameters p).
 * Exact up to Lists.ExactCount rows (a read of that many index entries at most); past it
 * "about" the optimizer's estimate of the same query (EXPLAIN; the table's TABLE_ROWS where
 * InnoDB caps it), two digits kept; "more" than the bound when the estimate falls short of
 * it or when scoped (the user's record scope narrows the list: an estimate would tell how many
 * rows lie outside it). Never a COUNT over a big table. flags: REC_COUNT_SCOPED (perm_scope_narrows
 * is 1), REC_COUNT_PART (body reads a bounded part of the rows: at most that many are known, said
 * as "at least" or "more than"). */
#define REC_COUNT_SCOPED 1
#define REC_COUNT_PART 2
int rec_count_hdf(struct req *r, const char *table, const char *body, const struct db_param *p, unsigned n,
		  int flags);
/* rec_count_cache.c: counts past the bound, kept per worker for 30 s (now: microseconds). */
uint64_t rec_count_key(const char *table, const char *body, const struct db_param *p, unsigned n);
int rec_count_cached(uint64_t key, long long now, long long *count, int *more);
void rec_count_keep(uint64_t key, long long now, long long count, int more);
/* Every row of the list (in its order, without paging) to a download in the asked format. */
int rec_export(struct req *r, const struct rec_entity *e, const struct rec_list *l);
/* The list's rows in its export scope, counted up to limit (never a COUNT over the table). */
int rec_export_count(struct req *r, const struct rec_entity *e, const struct rec_list *l, long long limit,
		     long long *rows);

/* The list as a file, for the download and for the worker's <module>.list_export job. */
#define REC_EXPORT_STEP 500
struct rec_export {
	struct export x; /* set x.format first; the rest is filled here */
	int (*on_rows)(void *ctx, long long rows); /* every REC_EXPORT_STEP rows (NULL: none); non-zero stops */
	void *ctx;
	/* internal */
	struct req *r;
	const struct rec_entity *e;
	struct export_column cols[REC_MAX_FIELDS + 1];
	const struct rec_field *fields[REC_MAX_FIELDS + 1];
	unsigned ncols;
	struct buf query;
};
/* Writes every row of the list into c->x: begun and filled, not finished, so the caller sends
 * it (export_finish) or keeps it (export_close). On failure the file is already dropped. */
int rec_export_write(struct req *r, const struct rec_entity *e, const struct rec_list *l, struct rec_export *c);
/* Frees c (calloc'd) and drops a file still open. */
void rec_export_free(struct rec_export *c);

/* ---- the page ---- */
/* Values as the user reads them: money grouped (1,250,000.50 or ۱٬۲۵۰٬۰۰۰٫۵۰) from minor units. */
int rec_money_format(long long minor, enum digits d, char *out, size_t outlen);
/* Form.fields.N.* (name, type, label, value as typed, choices, error, required, section ...)
 * and Form.id/version/errors, for records/fields.cs. */
int rec_form_hdf(struct req *r, const struct rec_entity *e, const struct rec *rec, const struct rec_errors *err,
		 int creating);

/* The record as its page reads it: prefix.N.{name,label,text,ltr,long,section} for each field
 * holding a value (links by their labels, money grouped, dates in the user's calendar). */
int rec_view_hdf(struct req *r, const struct rec_entity *e, const struct rec *rec, const char *prefix);
/* An error's message in the user's language, its number ("{n}") in their digits. */
int rec_error_text(struct req *r, const struct rec_error *e, char *out, size_t outlen);
/* Form.errors.<field>, Form.fields.N.error and Form.failed of err. */
int rec_errors_hdf(struct req *r, const struct rec_entity *e, const struct rec_errors *err);

/* ---- custom fields and required rules (Administration > Fields) ---- */
/* The entities that take custom fields: the name custom_fields.entity holds, their table, the
 * Lang key of their name. The worker's fields.apply adds columns only to these tables. */
struct rec_custom_target {
	const char *entity;
	const char *table;
	const char *label;
};
extern const struct rec_custom_target rec_custom_targets[];
extern const unsigned rec_ncustom_targets;
const struct rec_custom_target *rec_custom_target(const char *entity);
/* True when table is one of theirs: the only tables a custom field's DDL may name. */
int rec_custom_target_table_ok(const char *table);
/* How many custom fields an entity may have (its columns and the engine's REC_MAX_FIELDS). */
#define REC_MAX_CUSTOM 32
#define REC_MAX_ORDERS 40
/* The entity as this request sees it: its own fields with the administrator's required rules,
 * then its ready custom fields (a searchable one also a list column, a filter of the text box
 * and an order from its own index). Kept per worker under the reference version "fields".
 * NULL when the database failed. */
const struct rec_entity *rec_full(struct req *r, const struct rec_entity *e);
/* The DDL that gives a table a custom field's column (and its index when searchable), from the
 * field's id and type only: the column is cf_<id>; several choices get the table of pairs
 * cfv_<id> (record_id, lookup_id) instead, into column, and no index. */
int rec_custom_ddl(const char *table, long long id, const char *type, int searchable, struct buf *column,
		   struct buf *index);
/* The link a custom field of type "party" points with (the domain's: parties in the reader's
 * scope); set once at start by each program, before any request. Unset: such fields are left out. */
void rec_custom_party_link_set(const struct rec_link *k);

/* GET: the entity's built-in optional fields, each with a "required" box (field_rules);
 * POST: saves them (audited), then back to next. */
int rec_page_rules(struct req *r, const struct rec_entity *e, const char *template);
int rec_page_rules_save(struct req *r, const struct rec_entity *e, const char *next);

/* ---- the engine's own parts, shared by its files ---- */
/* The SELECT of one record by id (its link labels in their scope: parameters into p at *n). */
int rec_select_sql(struct req *r, const struct rec_entity *e, struct buf *sql, struct db_param *p, unsigned *n);
/* " AND t.<fixed_col> = ?": the entity's rows holding value (nothing without a fixed column);
 * CRM_EINVAL when it has one and value is NULL, so a forgotten value finds nothing. */
int rec_fixed_sql(const struct rec_entity *e, const char *value, struct buf *sql, struct db_param *p, unsigned *n);
/* " AND (...)": a link's rows limited to its scope (nothing when it has none). */
int rec_link_scope(struct req *r, const struct rec_link *k, struct buf *sql, struct db_param *p, unsigned *n);
int rec_links_load(struct req *r, struct db *db, const struct rec_field *f, unsigned i, struct rec *rec);
/* rec_load on a given connection, FOR UPDATE when asked (inside a transaction). */
int rec_load_db(struct req *r, struct db *db, const struct rec_entity *e, long long id, const char *action,
		int for_update, struct rec *rec);

/* ---- whole pages, the usual way (a module calls these from its route table) ---- */
/* GET: the record's page with its form (Form.*), History and a "Saved" notice; template
 * includes records/fields.cs. */
int rec_page_view(struct req *r, const struct rec_entity *e, const char *template);
/* GET: the empty form of a new record, with defaults from rec (NULL: none). */
int rec_page_new(struct req *r, const struct rec_entity *e, const struct rec *defaults, const char *template);
/* POST: reads, validates and saves the record named by id and version; on bad input the form
 * again (422) with what was typed, on a stale version the form (409) beside what is stored. */
int rec_page_update(struct req *r, const struct rec_entity *e, const char *template);
/* The form again after refused input: typed values in rec, the rest from the stored record. */
int rec_page_again(struct req *r, const struct rec_entity *e, struct rec *rec, const struct rec_errors *err,
		   int creating, int status, const char *template);
/* POST: reads, validates and makes a new record, then to next ("" : the new record's page);
 * on bad input the form again (422, 409 for a taken unique value). */
int rec_page_create(struct req *r, const struct rec_entity *e, const char *next, const char *template);
/* After CRM_EDUPLICATE: the error on the entity's first RF_UNIQUE field. */
void rec_error_taken(const struct rec_entity *e, struct rec_errors *err);
/* GET: the list page. */
int rec_page_list(struct req *r, const struct rec_entity *e, const char *template);
/* GET: the list as a download; past Jobs.ExportDirectRows rows a job of kind
 * "<module>.list_export" (params {"entity":<name>,"query":<the query string>}) that the worker
 * runs as the asker, and a redirect to its page. */
#define REC_EXPORT_KIND "list_export"
int rec_page_export(struct req *r, const struct rec_entity *e);
/* POST id, active: sets the state, then back to the record. */
int rec_page_active(struct req *r, const struct rec_entity *e,
		    int (*after)(struct req *r, struct db *db, long long id, int active));

/* ---- bulk actions (rec_bulk.c) ---- */
/* Rows chosen on a list, or all the list matches, changed by the same function the single action
 * calls: each record checked in the user's scope for the action and changed in its own
 * transaction with its own audit row. Chosen rows (at most REC_BULK_MAX, the rows of a page)
 * are changed in the request; "all N matching" is a job of kind "<module>.bulk" (REC_BULK_KIND)
 * that the worker runs as the asker over the list's query, in id order, REC_BULK_STEP at a time. */
#define REC_BULK_MAX REC_PAGE_MAX
#define REC_BULK_STEP 500
#define REC_BULK_KIND "bulk"
struct rec_bulk;
/* One record as its single action changes it. *changed: 1 when it changed, 0 when it was so
 * already. CRM_ENOTFOUND (gone, out of scope) and CRM_ECONFLICT (refused as the single action
 * refuses it: oneself, an account above the user's) skip the record; other codes stop the run. */
typedef int (*rec_bulk_fn)(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed);

struct rec_bulk_action {
	const char *name; /* ?do=; labels Lang.bulk.do.<name> (menu) and Lang.bulk.done.<name> (notice) */
	const char *perm; /* the module's action it takes, as the single action's route does */
	int confirm;      /* asked first: a delete */
	int hidden;       /* not in the menu: the Undo of another (restore after delete) */
	rec_bulk_fn one;
	/* An action that takes one choice (the group to add to), posted as arg_<name>: its options
	 * for the bar as <prefix>.N.{id,name}, *n of them (none: the action is not offered, there is
	 * nothing to choose), and whether arg is one of them now (CRM_ENOTFOUND: not, or gone).
	 * NULL: the action takes none (arg 0). */
	int (*choices)(struct req *r, const char *prefix, int *n);
	int (*choice_ok)(struct req *r, long long arg);
};

struct rec_bulk {
	const char *name;     /* the list, as the job's params name it ("persons") */
	const char *module;
	const char *url;      /* the list page, which shows the notice after the run */
	const char *post_url; /* the module's route that calls rec_page_bulk */
	const struct rec_bulk_action *actions;
	unsigned nactions;
	/* An engine entity's list: its ids come from its own query, and the generic actions below
	 * act on it (after_active: rec_set_active's hook for them). */
	const struct rec_entity *entity;
	int (*after_active)(struct req *r, struct db *db, long long id, int active);
	/* Otherwise the module's list: the ids of the list r->query describes, in the user's scope for
	 * action, above after in id order, at most max into out (*n of them). */
	int (*ids)(struct req *r, const struct rec_bulk *b, const char *action, long long after, long long *out,
		   unsigned max, unsigned *n);
};

/* The generic actions on b->entity (activate, deactivate; delete and restore through the bin). */
int rec_bulk_activate(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed);
int rec_bulk_deactivate(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed);
int rec_bulk_delete(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed);
int rec_bulk_restore(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed);
const struct rec_bulk_action *rec_bulk_action(const struct rec_bulk *b, const char *name);
/* Applies a to each of ids, counting what changed and what was skipped. */
int rec_bulk_run(struct req *r, const struct rec_bulk *b, const struct rec_bulk_action *a, long long arg,
		 const long long *ids, unsigned n, long long *changed, long long *skipped);
/* The next step of "all matching": b->ids, or the engine list's own (rec_list_ids). */
int rec_bulk_ids(struct req *r, const struct rec_bulk *b, const char *action, long long after, long long *out,
		 unsigned max, unsigned *n);
/* The list page's part: List.bulk.{url,actions.N.{name,label,confirm,choices}} for the actions the user
 * holds, and after a run (?bulk=<do>&changed=&skipped=[&undo=ids]) List.bulk.notice.*. */
int rec_bulk_hdf(struct req *r, const struct rec_bulk *b);
/* POST do, [arg_<do>], id (repeated) or all=1, query (the list's query string): the chosen rows changed and
 * back to the list with the notice, "all" handed to the worker; an action that asks first shows
 * records/bulk_confirm.cs until confirm=1. */
int rec_page_bulk(struct req *r, const struct rec_bulk *b);
/* The ids of an engine list (its query in r->query) in scope for action, above after, by id. */
int rec_list_ids(struct req *r, const struct rec_entity *e, const char *action, long long after, long long *out,
		 unsigned max, unsigned *n);
/* rec_set_active, telling whether it changed anything. */
int rec_set_active_n(struct req *r, const struct rec_entity *e, long long id, int active,
		     int (*after)(struct req *r, struct db *db, long long id, int active), int *changed);

/* ---- the recycle bin ---- */
/* Delete moves a record to the bin (scope of "delete"), restore takes it back, purge removes it
 * and all that hangs on it (scope of "purge"; only from the bin). Each writes its audit row in
 * its transaction; CRM_ENOTFOUND when the record is not there or out of scope, and a purge of a
 * record not in the bin is CRM_ECONFLICT. An entity with a fixed column has no bin (CRM_EINVAL). */
int rec_delete(struct req *r, const struct rec_entity *e, long long id);
int rec_restore(struct req *r, const struct rec_entity *e, long long id);
int rec_purge(struct req *r, const struct rec_entity *e, long long id);
/* GET: the deleted records the user may see, the newest records first (by id, from the bin's
 * index), with who deleted them and when (Bin.rows.N.{id,title,code,at,who}); before=<id> pages on. */
int rec_page_bin(struct req *r, const struct rec_entity *e, const char *template);
/* POST id: restore or purge from the bin, then back to next. */
int rec_page_restore(struct req *r, const struct rec_entity *e, const char *next);
int rec_page_purge(struct req *r, const struct rec_entity *e, const char *next);

/* ---- history ---- */
/* The audit rows of one record, newest first, a page of them (?history_before=<id> pages on:
 * prefix_older, prefix_newest), into prefix.N.{at,user,ip,action,action_label,details} and each
 * changed field as prefix.N.changes.M.{label,old,new,change}: labels in the user's language, values
 * as the page shows them (dates in the user's calendar and digits, money grouped, choices named);
 * e (may be NULL) says the fields' types and labels. */
int rec_history_hdf(struct req *r, const struct rec_entity *e, const char *table, long long record_id,
		    const char *prefix);
/* A stored value as a page shows it: by the field's type (f may be NULL), or dates and times
 * recognised: money grouped, dates in the user's calendar and digits, choices and flags named. */
int rec_value_text(struct req *r, const struct rec_field *f, const char *v, char *out, size_t outlen);
/* The same without an entity description (screens not on the engine yet). */
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
	char user_name[4 * 128 + 1]; /* users.display_name: 128 characters of UTF-8 */
};

/* Writes every row matching c->f into c->x: the file is begun and filled, not
 * finished, so the caller then sends it (export_finish) or keeps it
 * (export_close). On failure the file is already dropped. */
int audit_export_write(struct req *r, struct audit_export *c);

#endif

/* Module parties: persons and companies. */
#ifndef CRM_PARTIES_H
#define CRM_PARTIES_H

#include "auth/auth.h"
#include "http/http.h"
#include "db/db.h"
#include "domain/domain.h"
#include "records/records.h"
#include "party_columns.h"

/* The icons a party can carry; the templates draw each (layout/macros.cs, party_icon). */
#define PARTY_ICONS "star|flag|heart|diamond|bolt|crown|warning|check|phone|briefcase"

/* party_details.c: what persons and companies hold beyond names and codes, on the engine */
extern const struct rec_entity person_details, company_details;
/* The details of kind as this request sees them (with their custom fields); NULL: the database failed. */
const struct rec_entity *party_details(struct req *r, const char *kind);
/* Those of party id as stored (id 0: none yet) into rec, its description in rec->e; free rec with
 * rec_free whatever this returns. The party's scope is the caller's to check. */
int party_details_load(struct req *r, const char *kind, long long id, const char *action, struct rec *rec);
/* GET/POST /parties/fields/rules?entity=persons|companies: the details a record may not lack. */
int party_rules_form(struct req *r);
int party_rules_save(struct req *r);

#define PARTY_MAX_EXPERTS 32
#define PARTY_MAX_ROLES 16


/* A party as the form (or an import line) gives it: what the records engine does not hold yet
 * (kind, code, links, the first channels, the parent company) here, the rest in details. */
struct party_input {
	long long id, version;
	char kind[8];            /* person | company */
	char code[33];           /* empty: next from the sequence */
	char first_mobile[64];   /* quick capture on create */
	char first_email[256];
	/* names, national ID, source, priority, notes and the details (party_details.c): read,
	 * checked and written by the records engine */
	const struct rec_entity *details_e;
	struct rec details;
	struct rec_errors details_err;
	/* companies: the parent company, typed as its code ("" : none); not given when the form
	 * could not show it (a parent out of the user's scope is kept as it is) */
	char parent_code[33];
	long long parent_id;
	int parent_given;
	int parent_cycle;  /* set by the save: 1 the parent is the company or below it, 2 too deep, 3 gone */
};

/* A value of in's details ("" for none), by field name. */
#define PARTY_IN(in, name) rec_get(&(in)->details, (name))

#define PARTY_MAX_COLUMNS 32

/* A list's filters by its searchable custom fields (party_custom.c, the engine's rec_filter.c). */
#define PARTY_MAX_CF_FILTERS REC_LIST_FILTERS

/* One order a list can be read in (party_filter.c). */
struct party_order {
	const char *sort;        /* priority (the default), name, code, updated, created */
	int desc;                /* dir=desc: the other way round */
	const char *key;         /* the column the keyset's after_name holds */
	const char *index, *index_all; /* the index it is read from: by state, or active and inactive together */
	const char *inner, *outer, *after, *after_params;
};

/* The list's text box (party_text.c): the phone book's matching as a filter. */
#define PARTY_TEXT_WORDS 4
#define PARTY_TEXT_PAIRS 4
struct party_text {
	char q[4 * 100 + 1];       /* as typed ("" : no filter) */
	/* each word's LIKE prefix, or a phone's keys (one condition, any of them) */
	char likes[PARTY_TEXT_WORDS][4][256];
	unsigned nalts[PARTY_TEXT_WORDS], nconds;
	unsigned drive;            /* the rarest condition, when few: its matches are read first */
	int few;
	long bound;                /* Lists.TextFew: a condition matching fewer terms is read first */
	/* many: the (term, kind) pairs the drive condition's prefixes start, when at most
	 * PARTY_TEXT_PAIRS: a page is then read from each pair's range of party_search in the
	 * list's order (migration 028) */
	char pair_term[PARTY_TEXT_PAIRS][192];
	char pair_kind[PARTY_TEXT_PAIRS][2];
	unsigned npairs;
	/* many: each other condition's terms, when at most PARTY_TEXT_PAIRS: a row is checked by
	 * looking each up (term, party) rather than reading all of the party's terms */
	char terms[PARTY_TEXT_WORDS][PARTY_TEXT_PAIRS][192];
	unsigned nterms[PARTY_TEXT_WORDS];
};
/* "abc" -> "abc%", LIKE's own characters escaped. */
void party_like_prefix(const char *s, char *out, size_t outlen);
/* "term LIKE ? OR ..." over a phone's keys and the folded text (codes, national IDs). */
int party_phone_terms_sql(const struct phone_query *pq, const char *key, char likes[][256], struct buf *sql,
			  struct db_param *p, unsigned *n);
/* Reads q; CRM_EINVAL when over 100 characters. */
int party_text_read(struct req *r, struct party_text *t);
/* Counts each condition's matches up to Lists.TextFew (longest word first) for the plan. */
int party_text_size(struct req *r, struct party_text *t);
/* Whether the list is read from the text's matches (few, or read_first: an export, a count). */
int party_text_first(const struct party_text *t, int read_first);
/* "(SELECT DISTINCT party_id ... [LIMIT limit]) m STRAIGHT_JOIN parties p ON ...": the rows
 * from the rarest condition's matches (limit 0: all of them). */
int party_text_from(const struct party_text *t, long long limit, struct buf *sql, struct db_param *p, unsigned *n);
/* " AND EXISTS ...": each condition the rows do not come from (skip_drive: the drive's), checked per row. */
int party_text_sql(const struct party_text *t, int skip_drive, struct buf *sql, struct db_param *p, unsigned *n);
/* "&q=..." for links, or nothing. */
int party_text_query(const struct party_text *t, struct buf *q);

/* A list as the user asked for it: filters, sort, keyset position, columns. */
struct party_filter {
	const char *kind;  /* person | company */
	const char *state; /* active | inactive | all */
	const char *sort;  /* priority | name | code | updated | created */
	const struct party_order *order;
	long long role, starred, group, city, source, expert, rank, priority; /* 0 (priority -1): any */
	/* company=<code>: persons who work at it, or the company and those under it; subs=1: at
	 * any depth. A code the user cannot see matches nothing and says so. */
	char company_code[33];
	long long company_id;
	int subs, company_unknown;
	long long after_prio, after_id; /* the last row shown; after_id 0: from the start */
	long long limit;   /* rows a page (limit=, 10 to REC_PAGE_MAX); 0: PARTY_LIST_PAGE */
	int back;          /* back=1: the page before the position (the first row shown), read in the
			    * order turned round (order is that one) and shown the right way again */
	char after_name[256];
	const struct party_column *cols[PARTY_MAX_COLUMNS];
	unsigned ncols;
	char cols_text[PARTY_MAX_COLUMNS * 20]; /* "code,display_name,..." */
	int decorate;      /* the list page: each row's icon and colour too */
	int role_few, expert_few; /* those filters hold few rows: read them first */
	int cf_few;               /* a custom field's filter holds few rows: read from its index first */
	int value_sort;           /* sorted by a column's value (a small list only) */
	struct party_order value_order;
	const char *sort_join;    /* what that value needs joined in the page query */
	char value_inner[200], value_after[400];
	struct rec_list_filter cf[PARTY_MAX_CF_FILTERS];
	unsigned ncf;
	struct party_text text; /* the text box (q=) */
};

#define PARTY_LIST_PAGE 50
/* party_filter.c. Reads the request; CRM_EINVAL for malformed input. */
int party_filter_read(struct req *r, struct party_filter *f);
/* Room for a list query's parameters: its filters and scope, once per range it unites. */
/* the filters' (the text box's pairs, each with the list's scope), then the chosen columns' own
 * (a custom link named in its scope) */
#define PARTY_FILTER_PARAMS (PARTY_TEXT_PAIRS * (40 + PERM_SCOPE_PARAMS) + PARTY_MAX_COLUMNS * PERM_SCOPE_PARAMS)
/* The list query for action's scope ("view" or "export"), limit rows from the
 * keyset position; parameters into p (room for PARTY_FILTER_PARAMS). */
int party_filter_sql(struct req *r, const struct party_filter *f, const char *action, int limit, struct buf *sql,
		     struct db_param *p, unsigned *n);
/* Lists of at most this many rows may be sorted by any column's value. */
#define PARTY_SORT_SMALL 20000
/* Whether the list (filters and scope, from its start) holds at most PARTY_SORT_SMALL rows. */
int party_filter_small(struct req *r, const struct party_filter *f, int *small);
/* "FROM parties p WHERE ..." of the whole list (its filters and scope), for counting it:
 * whole is a copy of the list's filter, its position cleared here; the parameters point
 * into it, so it must outlive the query. */
int party_filter_count_sql(struct req *r, struct party_filter *whole, struct buf *sql, struct db_param *p,
			   unsigned *np);
/* Back to the default order (priority, then name). */
void party_filter_default_order(struct party_filter *f);
/* The order a column's header asks for (an indexed order's name, or its own
 * key for a sort by value), or NULL when it cannot be sorted by. */
const char *party_column_sort(const struct party_column *c);
/* The export's query: every row of the list (up to limit) in its order, to be streamed; without
 * columns, only the ids (its count: the same rows, none of the lookups per row). */
int party_filter_export_sql(struct req *r, const struct party_filter *f, long long limit, int columns, struct buf *sql,
			    struct db_param *p, unsigned *n);
/* The ids of the list in action's scope above after, by id, at most limit: the steps of a bulk
 * run over "all matching" (its position and order are set here). */
int party_filter_ids_sql(struct req *r, struct party_filter *f, const char *action, long long after, unsigned limit,
			 struct buf *sql, struct db_param *p, unsigned *n);
/* Moves the keyset position after a row (its sort_priority, sort_key and id columns). */
int party_filter_next(struct party_filter *f, const char *prio, const char *key, const char *id);
/* The list's query string without sort and position, for links. */
int party_filter_query(const struct party_filter *f, struct buf *q);

/* party_custom.c: the custom fields of persons or companies in their lists. Loaded per request
 * (party_filter_read does) before any of the rest is asked. */
int party_custom_load(struct req *r, const char *kind);
unsigned party_custom_count(void);
const struct party_column *party_custom_at(unsigned i);
/* The parameters a column's SQL takes after its lang_param (a custom link's scope), *p of them. */
unsigned party_custom_params(const struct party_column *c, const struct db_param **p);
/* A custom column by its key (cf_<id>), or NULL. */
const struct party_column *party_custom_find(const char *key, size_t len);
/* A column's header in the user's language (a custom field's own label). */
const char *party_column_label(struct req *r, const struct party_column *c);
/* Whether a line of an import may fill it (not a flag: a cell is text, a box is not). */
int party_custom_importable(const struct party_column *c);
/* The records engine's field behind a custom column, or NULL for a built-in one. */
const struct rec_field *party_custom_field(const struct party_column *c);
/* A custom column's label in fa (0), en (1) or tr (2), or NULL when c is no custom column. */
const char *party_custom_label(struct req *r, const struct party_column *c, int lang);
/* The expression a custom column sorts by (empty values first), or NULL when it is not sorted. */
const char *party_custom_sort(const char *key);
/* cf_<id>=... of the searchable ones: CRM_EINVAL for a value the field cannot hold. */
int party_custom_filters_read(struct req *r, struct party_filter *f);
/* " AND p.cf_<id> ..." of each, parameters into p at *n. */
int party_custom_filters_sql(const struct party_filter *f, struct buf *sql, struct db_param *p, unsigned *n);
/* "&cf_<id>=..." of each, for links. */
int party_custom_filters_query(const struct party_filter *f, struct buf *q);
/* CustomFilters.N.{name,label,value,date}: the searchable ones, for the filter form. */
int party_custom_filters_hdf(struct req *r, const struct party_filter *f);

/* hierarchy.c: companies within companies */
#define HIERARCHY_MAX_DEPTH 32
#define HIERARCHY_MAX_SHOWN 500
/* The id of the live company with this code that the user may see; CRM_ENOTFOUND otherwise.
 * Nothing goes into the page (loading it as a record once left its roles on another page). */
int party_company_in_scope(struct req *r, const char *code, long long *id);
/* Inside the saving transaction: may company have parent? CRM_EINVAL for a cycle, CRM_ETOOBIG
 * past HIERARCHY_MAX_DEPTH, CRM_ENOTFOUND when parent is no company. Locks the parents' rows. */
int hierarchy_parent_check(struct db *db, long long company, long long parent);
/* The code of company's parent ("" : none), for the audit row. */
int hierarchy_parent_code(struct db *db, long long company, char *code, size_t codelen);
/* Purge, inside its transaction: the company's subsidiaries leave the tree, each with its audit row. */
int hierarchy_detach(struct req *r, struct db *db, long long id);
/* Edit.parent_code of a company's form (Edit.parent_hidden when its parent is out of scope). */
int hierarchy_parent_edit(struct req *r, long long id);
/* Parents.* and Subsidiaries.* of a company's record page. */
int hierarchy_hdf(struct req *r, long long id);
/* The list's company filter (f->company_id) as " AND ..." over the alias p. */
int hierarchy_filter_sql(const struct party_filter *f, struct buf *sql, struct db_param *p, unsigned *n);

/* handlers */
int party_export(struct req *r);
int party_list(struct req *r);
int party_view(struct req *r);
int party_new_form(struct req *r);
int party_edit_form(struct req *r);
int party_create(struct req *r);
int party_update(struct req *r);
int party_set_active(struct req *r);
int party_star(struct req *r);
/* One party's state or star, as its page's button changes it (party_actions.c): the scope of the
 * action, its transaction and audit row; *changed 0 when it was so already. */
int party_active_one(struct req *r, long long id, int active, int *changed);
int party_star_one(struct req *r, long long id, int star, int *changed);
/* Parties as the records engine's recycle bin sees them. */
extern const struct rec_entity party_bin_entity;
/* party_bulk.c: bulk actions on the persons and companies lists (records/rec_bulk.c). */
extern const struct rec_bulk party_bulk_persons, party_bulk_companies;
extern const struct rec_bulk *const party_bulks[]; /* both, NULL-ended: the worker's parties.bulk */
int party_bulk(struct req *r);
int party_delete(struct req *r);
int party_purge(struct req *r);
int party_bin(struct req *r);
int party_restore(struct req *r);
int channel_add(struct req *r);
int channel_delete(struct req *r);
int relation_add(struct req *r);
int relation_delete(struct req *r);
int attachment_get(struct req *r);
int attachment_add(struct req *r);
int attachment_delete(struct req *r);
int logo_get(struct req *r);
int logo_set(struct req *r);
int phonebook(struct req *r);
int party_lookup(struct req *r); /* GET /parties/lookup: the phone book's matches as JSON, for pickers */
int groups_page(struct req *r);
int group_create(struct req *r);
int group_rename(struct req *r);
int group_move(struct req *r);
int party_groups_set(struct req *r);
/* One party into (add) or out of one group, in the user's scope for edit, with its audit row;
 * *changed 0 when it was so already. CRM_ENOTFOUND: the party is gone or out of scope. */
int party_group_one(struct req *r, long long party, long long group, int add, int *changed);
/* CRM_OK when the group exists, CRM_ENOTFOUND when not. */
int party_group_exists(struct req *r, long long group);
/* experts.c: one user assigned to (add) or taken off one party, in the user's scope for assign,
 * with its audit row; *changed 0 when it was so already. CRM_ENOTFOUND: gone or out of scope. */
int party_expert_one(struct req *r, long long party, long long user, int add, int *changed);
/* The active users to assign, for the bulk bar (ExpertChoices.N.{id,name}, kept per worker), and
 * whether user is one of them now (CRM_ENOTFOUND: not). */
int party_expert_staff(struct req *r);
int party_expert_ok(struct req *r, long long user);
int ranking_add(struct req *r);
/* The managed lists on the records engine (lists_entity.c, lists.c): one entity, its rows those
 * of the kind the request names. */
extern const struct rec_entity lookup_entity;
/* The kind k names as the code spells it, or NULL when it names none. */
/* The managed list k names (*kind: its kind, or NULL when none): a built-in one, or a choice
 * custom field's own list cf_<id>. */
int list_kind(struct req *r, const char *k, const char **kind);
int lists_page(struct req *r);
int list_entry(struct req *r);
int list_save(struct req *r);
/* Kinds.* : the managed lists, for the screens' sub-menu. */
/* Kinds.N (the kind) with Kinds.N.label, the built-in lists and the active choice fields' lists;
 * Filter.kind_label for kind (may be NULL). */
int list_kinds_put(struct req *r, const char *kind);
int ranks_page(struct req *r);
int rank_save(struct req *r);
int employment_add(struct req *r);
int employment_delete(struct req *r);
int places_page(struct req *r);
int place_create(struct req *r);
int place_rename(struct req *r);
int language_set(struct req *r);
int saved_filter_save(struct req *r);
int saved_filter_delete(struct req *r);
/* SavedFilters.* of the user for a list ("persons", "companies"). */
int saved_filters_load(struct req *r, const char *list);
/* Groups.* in tree order; with counts, direct and branch member counts too. */
int groups_load(struct req *r, int counts);

/* party_db.c */
/* Loads a party the user may act on (scope inside the query) into Party.*; CRM_ENOTFOUND otherwise. */
int party_db_load(struct req *r, long long id, const char *action);
int party_db_create(struct req *r, struct party_input *in);
/* The same inside the caller's transaction (imports: many rows per transaction). */
int party_db_insert(struct req *r, struct party_input *in);
/* CRM_EINVAL with in->parent_cycle set: the parent company was refused (nothing changed). */
int party_db_update(struct req *r, struct party_input *in);
/* Existing parties sharing code, national id, or any of the channel values: Dup.* */
int party_db_duplicates(struct req *r, const struct party_input *in, const char *phone, const char *email, int *count);
/* Rebuilds what is derived from one party's fields and channels: its search
 * terms and the channels lists show (inside the saving transaction). */
int party_derived_rebuild(struct db *db, long long party_id, const char *default_cc);

/* party_search.c: the phone book's terms (kinds in that file), through add, so the demo rows
 * (cgi/tools/demo_rows.c) are made by the same code as a save. */
typedef int (*party_term_fn)(void *ctx, char kind, const char *term);
/* The terms of a party's own fields; notes may be NULL. */
int party_field_terms(const char *name, const char *code, const char *national_id, const char *notes,
		      party_term_fn add, void *ctx);
/* The terms of one channel (type as party_channels.type). */
int party_channel_terms(const char *type, const char *value, const char *cc, const char *area, const char *default_cc,
			party_term_fn add, void *ctx);

/* party_form.c: the record form's fields from the request (form_error on bad ones); another
 * code than CRM_OK: the database failed. An update's in->id and kind are set first. */
int party_input_read(struct req *r, struct party_input *in, int creating);
void party_input_free(struct party_input *in);

/* party_import*.c: CSV imports */
int import_page(struct req *r);
int import_upload(struct req *r);
int import_map(struct req *r);
int import_preview(struct req *r);
int import_run(struct req *r);
int import_view(struct req *r);
int import_revert(struct req *r);
/* The user's own last imports, newest first, into Imports.N (created_at in their calendar). */
int imports_hdf(struct req *r, int limit, int *count);
/* import_panel.c: the start page's panel of the user's recent imports */
int import_panel(struct req *r);

/* party_choices.c: lookups for forms (titles, sources, roles, users) into HDF */
int party_choices(struct req *r);
/* The same and the districts, for the record form. */
int party_form_choices(struct req *r);
/* Ranks.* (id, name, color). */
int party_ranks(struct req *r);
/* Just the managed lists (Lookups.*, deactivated entries too), for record pages. */
int party_lookups(struct req *r);

/* ---- party_export.c ---- */
/* A persons or companies list as a file: the route streams a small one and
 * hands a large one to the job worker (kind parties.export), which runs the
 * same steps from the route's path and query string. */
#define PARTY_EXPORT_JOB_KIND "parties.export"
struct party_export_ctx;
struct party_export_ctx *party_export_new(void);
void party_export_free(struct party_export_ctx *c);
struct export *party_export_of(struct party_export_ctx *c);
/* The list r names (path, filters, sort, columns, format); CRM_EINVAL for a bad one. */
int party_export_prepare(struct req *r, struct party_export_ctx *c);
/* Its rows, up to limit, counted by the export's own query. */
int party_export_count(struct req *r, struct party_export_ctx *c, long long limit, long long *n);
/* Every row into the export's file; on_rows (may be NULL) every 500 rows, and
 * it must not use r->db, which is streaming meanwhile. */
int party_export_rows(struct req *r, struct party_export_ctx *c, int (*on_rows)(void *, long long), void *ctx);

#endif

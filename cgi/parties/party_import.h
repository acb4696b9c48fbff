/* CSV imports of persons and companies, shared by the screens
 * (party_import.c) and the work on rows (party_import_rows.c). */
#ifndef CRM_PARTY_IMPORT_H
#define CRM_PARTY_IMPORT_H

#include "io/io.h"
#include "parties.h"

/* Lines seen so far in one pass over a file: their code and duplicate key. */
struct import_seen_line {
	size_t line;
	char code[33];
	char key[256];
};
struct import_seen {
	struct import_seen_line *items;
	size_t n, cap;
};
void import_seen_free(struct import_seen *s);

struct import_job {
	long long id, user_id, version;
	char kind[8], file_name[256], encoding[16], status[16], dup_key[16], dup_action[16], calendar[16];
	char delim;
	char *content;
	size_t content_len;
	char mapping[2001];
	const char *map[CSV_MAX_FIELDS]; /* the target field of each column, NULL: ignored */
	char keys[CSV_MAX_FIELDS][24];   /* storage of map */
	size_t ncols;                    /* columns of the header line */
};

/* The fields a column can fill, for a kind ("person", "company"); NULL past the end. */
const char *import_target(const char *kind, unsigned i);
int import_target_valid(const char *kind, const char *key);

/* One import of the asking user; CRM_ENOTFOUND for others'. */
int import_load(struct req *r, long long id, struct import_job *j);
void import_job_free(struct import_job *j);
/* "code,,last_name" -> j->map; CRM_EINVAL for an unknown or repeated target. */
int import_mapping_parse(struct import_job *j, const char *mapping);

enum import_outcome { IMPORT_NEW, IMPORT_UPDATE, IMPORT_SKIP, IMPORT_ERROR };

struct import_totals {
	long long total, created, updated, skipped, failed;
};

/* Dry run: every line checked, nothing written; the first lines into
 * Preview.N.{line,outcome,name,message}, counts into *t. */
int import_dry_run(struct req *r, const struct import_job *j, struct import_totals *t);
/* The import itself, in transactions of a batch of lines each; a line that
 * fails is rolled back to its savepoint and reported, never half saved. */
int import_execute(struct req *r, struct import_job *j, struct import_totals *t);
/* Reverts a finished import in one transaction: created parties go to the
 * recycle bin, updated fields get their old values back unless the record
 * changed since (those are counted in *conflicts and left alone). */
int import_undo(struct req *r, struct import_job *j, long long *conflicts);

#endif

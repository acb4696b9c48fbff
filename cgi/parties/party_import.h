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
/* How a run goes: from where an earlier one stopped, reporting each batch. */
struct import_run_opts {
	size_t resume_after; /* lines up to this one were committed before: not written again */
	/* called inside each batch's transaction after its lines, with the data
	 * lines done so far: what it writes commits with them (the job's progress) */
	int (*on_batch)(void *ctx, struct db *db, long long lines_done);
	void *ctx;
};
/* The import itself, in transactions of a batch of lines each; a line that
 * fails is rolled back to its savepoint and reported, never half saved.
 * *t counts this run's lines (import_totals_load counts them all). */
int import_execute(struct req *r, struct import_job *j, const struct import_run_opts *o, struct import_totals *t);
/* The last line a run committed (0: none yet): a resumed run starts after it. */
int import_resume_line(struct db *db, long long import_id, size_t *line);
/* The outcomes of every committed line. */
int import_totals_load(struct db *db, long long import_id, struct import_totals *t);
/* Data lines of the file (the header not counted). */
int import_count_lines(const struct import_job *j, long long *n);
/* Inside the caller's transaction: the import done with its totals and its
 * `import` audit row (the job worker calls it in the job's end). */
int import_finish(struct req *r, struct db *db, struct import_job *j);
/* The kind of job that runs an import, and its key (one job per import). */
#define IMPORT_JOB_KIND "parties.import"
/* Reverts a finished import in one transaction: created parties go to the
 * recycle bin, updated fields get their old values back unless the record
 * changed since (those are counted in *conflicts and left alone). */
int import_undo(struct req *r, struct import_job *j, long long *conflicts);

#endif

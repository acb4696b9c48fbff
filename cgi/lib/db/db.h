/* libcrm area db: MariaDB access through prepared statements. */
#ifndef CRM_LIB_DB_H
#define CRM_LIB_DB_H

#include "config/config.h"

#include <ClearSilver.h>
#include <stdint.h>

/* ---- db ---- */
/* MariaDB access: one connection per worker, prepared statements only, cached
 * by their SQL text, typed parameters, rows fetched as text or into HDF. */
enum db_type { DB_NULL, DB_INT, DB_STR };

struct db_param {
	enum db_type type;
	long long i;
	const char *s;
};

#define DB_I(v) ((struct db_param){ .type = DB_INT, .i = (v) })
static inline struct db_param db_param_str(const char *s)
{
	return (struct db_param){ .type = s ? DB_STR : DB_NULL, .s = s };
}
/* A text parameter; NULL binds SQL NULL. */
#define DB_S(v) db_param_str(v)
#define DB_NUL ((struct db_param){ .type = DB_NULL })

struct db;

/* One fetched row: columns as NUL-terminated text (NULL for SQL NULL). */
struct db_row {
	unsigned ncols;
	const char **names;
	char **values;
};

typedef int (*db_row_fn)(void *ctx, const struct db_row *row);

struct db *db_new(const struct crm_config *cfg);
void db_free(struct db *db);
/* Connects when not connected. CRM_EDBDOWN when the server cannot be reached. */
int db_ensure(struct db *db);

/* Runs a statement that returns no rows. */
int db_exec(struct db *db, const char *sql, const struct db_param *params, unsigned n,
	    uint64_t *affected, uint64_t *insert_id);
/* Runs a query and calls fn per row (fn returning non-zero stops with that code). */
int db_query(struct db *db, const char *sql, const struct db_param *params, unsigned n,
	     db_row_fn fn, void *ctx);
/* The same with the rows streamed from the server as they are read, for
 * exports of any size: fn must not run statements of its own. Never retried
 * after a lost connection (rows may have been handed on). */
int db_query_stream(struct db *db, const char *sql, const struct db_param *params, unsigned n,
		    db_row_fn fn, void *ctx);
/* The first row's first column as text into out; CRM_ENOTFOUND without rows. */
int db_query_str(struct db *db, const char *sql, const struct db_param *params, unsigned n,
		 char *out, size_t outlen);
int db_query_int(struct db *db, const char *sql, const struct db_param *params, unsigned n, long long *out);
/* The first column of each row as an id, at most max of them into out; *got how many. */
int db_query_ids(struct db *db, const char *sql, const struct db_param *params, unsigned n, long long *out,
		 unsigned max, unsigned *got);
/* Rows into HDF as prefix.0.column, prefix.1.column, ...; *count gets the row count. */
int db_query_hdf(struct db *db, const char *sql, const struct db_param *params, unsigned n,
		 HDF *hdf, const char *prefix, int *count);

/* Runs fn inside a transaction: commit when it returns CRM_OK, rollback
 * otherwise. A connection lost before commit is reconnected and the whole
 * transaction tried once more. */
typedef int (*db_tx_fn)(struct db *db, void *ctx);
int db_transaction(struct db *db, db_tx_fn fn, void *ctx);

/* Statements run since the last reset (the access log says how many a page ran). */
unsigned long db_statements(const struct db *db);
void db_statements_reset(struct db *db);

/* The server's error number of the last failure (0 when none). */
unsigned db_last_errno(const struct db *db);

#endif

/* libmariadb wrapper. Automatic reconnect stays off: it refuses inside a
 * transaction and silently invalidates prepared statements. We reconnect
 * ourselves on 2006/2013 and re-prepare. */
#include "db/db.h"
#include "core/core.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STMT_CACHE 64
#define COL_INITIAL 256
#define DB_MAX_PARAMS 320 /* a list query unites up to four ranges, each with its filters and scope */

struct cached_stmt {
	char *sql; /* our own copy: callers may compose SQL from fixed fragments */
	MYSQL_STMT *stmt;
};

struct db {
	const struct crm_config *cfg;
	int explain; /* CRM_EXPLAIN=1: every SELECT is EXPLAINed first and full scans logged */
	MYSQL *conn;
	int in_tx;
	int commit_unknown; /* connection lost during COMMIT: never retry */
	unsigned last_errno;
	unsigned long statements; /* run since the last reset: the access log's sql= */
	struct cached_stmt cache[STMT_CACHE];
	unsigned ncached;
};

struct db *db_new(const struct crm_config *cfg)
{
	struct db *db = calloc(1, sizeof(*db));

	if (db) {
		const char *e = getenv("CRM_EXPLAIN");

		db->cfg = cfg;
		db->explain = e && *e == '1';
	}
	return db;
}

static void db_disconnect(struct db *db)
{
	for (unsigned i = 0; i < db->ncached; i++) {
		mysql_stmt_close(db->cache[i].stmt);
		free(db->cache[i].sql);
	}
	db->ncached = 0;
	if (db->conn)
		mysql_close(db->conn);
	db->conn = NULL;
	db->in_tx = 0;
}

void db_free(struct db *db)
{
	if (!db)
		return;
	db_disconnect(db);
	free(db);
}

unsigned long db_statements(const struct db *db)
{
	return db ? db->statements : 0;
}

void db_statements_reset(struct db *db)
{
	if (db)
		db->statements = 0;
}

unsigned db_last_errno(const struct db *db)
{
	return db->last_errno;
}

static int lost_connection(unsigned e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST || e == CR_CONNECTION_ERROR ||
	       e == CR_CONN_HOST_ERROR || e == ER_CONNECTION_KILLED || e == CR_SERVER_LOST_EXTENDED;
}

int db_ensure(struct db *db)
{
	const struct crm_config *c = db->cfg;
	unsigned timeout = c->db_connect_timeout ? c->db_connect_timeout : 2;
	my_bool off = 0;

	if (db->conn)
		return CRM_OK;
	db->conn = mysql_init(NULL);
	if (!db->conn)
		return CRM_ERR;
	mysql_options(db->conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(db->conn, MYSQL_OPT_READ_TIMEOUT, &(unsigned){ 30 });
	mysql_options(db->conn, MYSQL_OPT_WRITE_TIMEOUT, &(unsigned){ 30 });
	mysql_options(db->conn, MYSQL_OPT_RECONNECT, &off);
	mysql_options(db->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* exists_to_in off: our EXISTS conditions (record scope, filters) must stay per-row
	 * lookups on a list walked in index order; turned into IN they get materialized
	 * over every row of the team (15 ms at 50k parties, growing with the table). */
	mysql_options(db->conn, MYSQL_INIT_COMMAND,
		      "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ENGINE_SUBSTITUTION', "
		      "optimizer_switch = 'exists_to_in=off'");
	if (!mysql_real_connect(db->conn, c->db_socket[0] ? NULL : c->db_host, c->db_user, c->db_password,
				c->db_name, c->db_socket[0] ? 0 : c->db_port,
				c->db_socket[0] ? c->db_socket : NULL, 0)) {
		db->last_errno = mysql_errno(db->conn);
		crm_log("database connect failed: %s", mysql_error(db->conn));
		mysql_close(db->conn);
		db->conn = NULL;
		return CRM_EDBDOWN;
	}
	return CRM_OK;
}

static MYSQL_STMT *stmt_get(struct db *db, const char *sql)
{
	MYSQL_STMT *st;

	for (unsigned i = 0; i < db->ncached; i++)
		if (strcmp(db->cache[i].sql, sql) == 0)
			return db->cache[i].stmt;
	st = mysql_stmt_init(db->conn);
	if (!st)
		return NULL;
	if (mysql_stmt_prepare(st, sql, strlen(sql))) {
		db->last_errno = mysql_stmt_errno(st);
		crm_log("prepare failed (%u %s): %s", db->last_errno, mysql_stmt_error(st), sql);
		mysql_stmt_close(st);
		return NULL;
	}
	if (db->ncached == STMT_CACHE) {
		/* Full: drop the oldest. Real modules use far fewer statements. */
		mysql_stmt_close(db->cache[0].stmt);
		free(db->cache[0].sql);
		memmove(db->cache, db->cache + 1, sizeof(db->cache[0]) * (STMT_CACHE - 1));
		db->ncached--;
	}
	db->cache[db->ncached].sql = strdup(sql);
	if (!db->cache[db->ncached].sql) {
		mysql_stmt_close(st);
		return NULL;
	}
	db->cache[db->ncached].stmt = st;
	db->ncached++;
	return st;
}

static int stmt_bind_params(MYSQL_STMT *st, const struct db_param *params, unsigned n, MYSQL_BIND *b,
			    unsigned long *lens)
{
	if (mysql_stmt_param_count(st) != n) {
		crm_log("statement wants %lu parameters, got %u", mysql_stmt_param_count(st), n);
		return CRM_ERR;
	}
	memset(b, 0, sizeof(*b) * n);
	for (unsigned i = 0; i < n; i++) {
		switch (params[i].type) {
		case DB_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			/* MYSQL_BIND.buffer is not const, though libmariadb only reads a parameter */
			b[i].buffer = (void *)(uintptr_t)&params[i].i;
			break;
		case DB_STR:
			lens[i] = strlen(params[i].s);
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)(uintptr_t)params[i].s;
			b[i].buffer_length = lens[i];
			b[i].length = &lens[i];
			break;
		}
	}
	if (n && mysql_stmt_bind_param(st, b))
		return CRM_ERR;
	return CRM_OK;
}

/* Fetches every row of an executed statement, calling fn. */
/* buffered: every row comes to the client first, so fn may run other statements;
 * else rows stream from the server as they are read (memory flat at any size)
 * and fn must leave the connection alone. */
static int stmt_fetch_rows(MYSQL_STMT *st, db_row_fn fn, void *ctx, int buffered)
{
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	unsigned ncols;
	MYSQL_BIND *b = NULL;
	unsigned long *lens = NULL;
	my_bool *nulls = NULL, *errs = NULL;
	char **vals = NULL, **row_vals = NULL; /* row_vals: one row as handed to fn */
	const char **names = NULL;
	size_t *caps = NULL;
	int rc = CRM_OK, r = 0; /* 0: rows may still be on the way */

	if (!meta)
		return CRM_OK;
	if (buffered && mysql_stmt_store_result(st)) {
		mysql_free_result(meta);
		return CRM_ERR;
	}
	ncols = mysql_num_fields(meta);
	b = calloc(ncols, sizeof(*b));
	lens = calloc(ncols, sizeof(*lens));
	nulls = calloc(ncols, sizeof(*nulls));
	errs = calloc(ncols, sizeof(*errs));
	vals = calloc(ncols, sizeof(*vals));
	names = calloc(ncols, sizeof(*names));
	caps = calloc(ncols, sizeof(*caps));
	row_vals = calloc(ncols ? ncols : 1, sizeof(*row_vals));
	if (!b || !lens || !nulls || !errs || !vals || !names || !caps || !row_vals) {
		rc = CRM_ERR;
		goto out;
	}
	MYSQL_FIELD *fields = mysql_fetch_fields(meta);

	for (unsigned i = 0; i < ncols; i++) {
		names[i] = fields[i].name;
		caps[i] = COL_INITIAL;
		vals[i] = malloc(caps[i]);
		if (!vals[i]) {
			rc = CRM_ERR;
			goto out;
		}
		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer = vals[i];
		b[i].buffer_length = caps[i] - 1;
		b[i].length = &lens[i];
		b[i].is_null = &nulls[i];
		b[i].error = &errs[i];
	}
	if (mysql_stmt_bind_result(st, b)) {
		rc = CRM_ERR;
		goto out;
	}
	while ((r = mysql_stmt_fetch(st)) == 0 || r == MYSQL_DATA_TRUNCATED) {
		struct db_row row = { ncols, names, row_vals };

		for (unsigned i = 0; i < ncols; i++) {
			if (nulls[i]) {
				row_vals[i] = NULL;
				continue;
			}
			if (lens[i] >= caps[i]) {
				/* Grow and fetch the whole column again. */
				char *p = realloc(vals[i], lens[i] + 1);

				if (!p) {
					rc = CRM_ERR;
					goto out;
				}
				vals[i] = p;
				caps[i] = lens[i] + 1;
				b[i].buffer = p;
				b[i].buffer_length = caps[i] - 1;
				if (mysql_stmt_fetch_column(st, &b[i], i, 0)) {
					rc = CRM_ERR;
					goto out;
				}
			}
			vals[i][lens[i]] = '\0';
			row_vals[i] = vals[i];
		}
		/* fetch_column changed buffers: bind again for the next row. */
		if (r == MYSQL_DATA_TRUNCATED && mysql_stmt_bind_result(st, b)) {
			rc = CRM_ERR;
			goto out;
		}
		if (fn) {
			rc = fn(ctx, &row);
			if (rc != CRM_OK)
				goto out;
		}
	}
	if (r == 1)
		rc = CRM_ERR;
out:
	/* a stream stopped early still has rows on the way: reset drops them */
	if (!buffered && r != MYSQL_NO_DATA && mysql_stmt_reset(st))
		rc = CRM_ERR;
	mysql_stmt_free_result(st);
	if (vals)
		for (unsigned i = 0; i < ncols; i++)
			free(vals[i]);
	free(vals);
	free(row_vals);
	free(names);
	free(caps);
	free(b);
	free(lens);
	free(nulls);
	free(errs);
	mysql_free_result(meta);
	return rc;
}

struct explain_ctx {
	const char *sql;
};

/* A row of EXPLAIN: columns id, select_type, table, type, possible_keys, key,
 * key_len, ref, rows, Extra. A full scan (type ALL) of more than a few
 * hundred rows, or a sort of many, is what lists and searches must never do. */
static int explain_row(void *ctx, const struct db_row *row)
{
	struct explain_ctx *e = ctx;

	/* a <derivedN> is a page already cut by its LIMIT: reading it whole is the point */
	if (row->ncols >= 9 && row->values[3] && !strcmp(row->values[3], "ALL") && row->values[8] &&
	    strtoll(row->values[8], NULL, 10) > 500 && !(row->values[2] && !strncmp(row->values[2], "<derived", 8)))
		crm_log("explain: full scan of %s (%s rows): %s", row->values[2] ? row->values[2] : "?", row->values[8], e->sql);
	/* sorting a large range instead of reading it in index order breaks keyset paging's promise */
	if (row->ncols >= 10 && row->values[9] && strstr(row->values[9], "filesort") && row->values[8] &&
	    strtoll(row->values[8], NULL, 10) > 10000)
		crm_log("explain: sort of %s rows of %s: %s", row->values[8], row->values[2] ? row->values[2] : "?", e->sql);
	return CRM_OK;
}

/* Rows and index entries the session's handlers have read so far (EXPLAIN
 * mode): a plan can look fine and still walk an index from its start. */
#define EXPLAIN_MAX_READS 50000

static long long handler_reads(struct db *db)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	long long n = -1;

	if (mysql_query(db->conn, "SELECT SUM(VARIABLE_VALUE) FROM information_schema.SESSION_STATUS "
				  "WHERE VARIABLE_NAME LIKE 'HANDLER_READ%'") != 0)
		return -1;
	res = mysql_store_result(db->conn);
	if (res && (row = mysql_fetch_row(res)) && row[0])
		n = strtoll(row[0], NULL, 10);
	if (res)
		mysql_free_result(res);
	return n;
}

static void explain_check(struct db *db, const char *sql, const struct db_param *params, unsigned n)
{
	MYSQL_BIND b[DB_MAX_PARAMS];
	unsigned long lens[DB_MAX_PARAMS];
	struct explain_ctx e = { sql };
	struct buf text = { 0 };
	MYSQL_STMT *st;

	if (strncmp(sql, "SELECT", 6) != 0 || buf_printf(&text, "EXPLAIN %s", sql) != CRM_OK)
		return;
	st = mysql_stmt_init(db->conn);
	if (st && !mysql_stmt_prepare(st, text.p, text.len) && stmt_bind_params(st, params, n, b, lens) == CRM_OK &&
	    !mysql_stmt_execute(st))
		stmt_fetch_rows(st, explain_row, &e, 1);
	else
		crm_log("explain failed: %s", sql);
	if (st)
		mysql_stmt_close(st);
	buf_free(&text);
}

/* One attempt: prepare (cached), bind, execute, fetch. */
static int db_run_once(struct db *db, const char *sql, const struct db_param *params, unsigned n,
		       db_row_fn fn, void *ctx, uint64_t *affected, uint64_t *insert_id, int stream)
{
	MYSQL_BIND b[DB_MAX_PARAMS];
	unsigned long lens[DB_MAX_PARAMS];
	MYSQL_STMT *st;
	int rc;

	if (n > DB_MAX_PARAMS)
		return CRM_ERR;
	rc = db_ensure(db);
	if (rc != CRM_OK)
		return rc;
	st = stmt_get(db, sql);
	if (!st)
		return CRM_ERR;
	db->statements++;
	if (stmt_bind_params(st, params, n, b, lens) != CRM_OK || mysql_stmt_execute(st)) {
		db->last_errno = mysql_stmt_errno(st);
		if (db->last_errno)
			crm_log("execute failed (%u): %s", db->last_errno, mysql_stmt_error(st));
		return CRM_ERR;
	}
	if (affected)
		*affected = mysql_stmt_affected_rows(st);
	if (insert_id)
		*insert_id = mysql_stmt_insert_id(st);
	rc = stmt_fetch_rows(st, fn, ctx, !stream);
	if (rc == CRM_ERR && mysql_stmt_errno(st)) {
		db->last_errno = mysql_stmt_errno(st);
		crm_log("fetch failed (%u): %s", db->last_errno, mysql_stmt_error(st));
	}
	return rc;
}

static int db_run(struct db *db, const char *sql, const struct db_param *params, unsigned n,
		  db_row_fn fn, void *ctx, uint64_t *affected, uint64_t *insert_id, int stream)
{
	long long reads_before = -1;
	int rc;

	db->last_errno = 0;
	if (db->explain && db->conn && !strncmp(sql, "SELECT", 6))
		reads_before = handler_reads(db);
	rc = db_run_once(db, sql, params, n, fn, ctx, affected, insert_id, stream);
	if (rc == CRM_ERR && lost_connection(db->last_errno)) {
		int was_in_tx = db->in_tx;

		db_disconnect(db);
		/* db_transaction retries the whole unit; a stream may have handed rows on already */
		if (was_in_tx || stream)
			return CRM_EDBDOWN;
		rc = db_run_once(db, sql, params, n, fn, ctx, affected, insert_id, 0);
		if (rc == CRM_ERR && lost_connection(db->last_errno)) {
			db_disconnect(db);
			rc = CRM_EDBDOWN;
		}
	}
	if (rc == CRM_ERR && db->last_errno == ER_DUP_ENTRY)
		rc = CRM_ECONFLICT;
	/* after a success the connection is known good: explaining cannot confuse a lost one */
	if (rc == CRM_OK && db->explain) {
		long long reads = reads_before >= 0 ? handler_reads(db) - reads_before : 0;

		/* a page or a batch reads a few rows per row it shows; more means a walk */
		if (reads > EXPLAIN_MAX_READS)
			crm_log("explain: read %lld rows for one query: %s", reads, sql);
		explain_check(db, sql, params, n);
	}
	return rc;
}

int db_exec(struct db *db, const char *sql, const struct db_param *params, unsigned n,
	    uint64_t *affected, uint64_t *insert_id)
{
	return db_run(db, sql, params, n, NULL, NULL, affected, insert_id, 0);
}

int db_query(struct db *db, const char *sql, const struct db_param *params, unsigned n,
	     db_row_fn fn, void *ctx)
{
	return db_run(db, sql, params, n, fn, ctx, NULL, NULL, 0);
}

int db_query_stream(struct db *db, const char *sql, const struct db_param *params, unsigned n,
		    db_row_fn fn, void *ctx)
{
	return db_run(db, sql, params, n, fn, ctx, NULL, NULL, 1);
}

struct first_col {
	char *out;
	size_t outlen;
	int found;
	int truncated;
};

static int first_col_row(void *ctx, const struct db_row *row)
{
	struct first_col *fc = ctx;

	if (fc->found)
		return CRM_OK;
	fc->found = 1;
	if (row->ncols == 0 || !row->values[0]) {
		fc->out[0] = '\0';
		return CRM_OK;
	}
	if (strlen(row->values[0]) >= fc->outlen)
		fc->truncated = 1;
	snprintf(fc->out, fc->outlen, "%s", row->values[0]);
	return CRM_OK;
}

int db_query_str(struct db *db, const char *sql, const struct db_param *params, unsigned n,
		 char *out, size_t outlen)
{
	struct first_col fc = { out, outlen, 0, 0 };
	int rc = db_query(db, sql, params, n, first_col_row, &fc);

	if (rc != CRM_OK)
		return rc;
	if (!fc.found)
		return CRM_ENOTFOUND;
	return fc.truncated ? CRM_ERR : CRM_OK;
}

int db_query_int(struct db *db, const char *sql, const struct db_param *params, unsigned n, long long *out)
{
	char text[32], *end;
	int rc = db_query_str(db, sql, params, n, text, sizeof(text));

	if (rc != CRM_OK)
		return rc;
	*out = strtoll(text, &end, 10);
	return (*end || end == text) ? CRM_ERR : CRM_OK;
}

struct id_rows {
	long long *out;
	unsigned max, n;
};

static int id_row(void *ctx, const struct db_row *row)
{
	struct id_rows *ir = ctx;
	char *end;

	if (ir->n >= ir->max || !row->ncols || !row->values[0])
		return CRM_OK;
	ir->out[ir->n] = strtoll(row->values[0], &end, 10);
	if (*end || end == row->values[0])
		return CRM_ERR;
	ir->n++;
	return CRM_OK;
}

int db_query_ids(struct db *db, const char *sql, const struct db_param *params, unsigned n, long long *out,
		 unsigned max, unsigned *got)
{
	struct id_rows ir = { out, max, 0 };
	int rc = db_query(db, sql, params, n, id_row, &ir);

	*got = ir.n;
	return rc;
}

struct hdf_rows {
	HDF *hdf;
	const char *prefix;
	int count;
};

static int hdf_row(void *ctx, const struct db_row *row)
{
	struct hdf_rows *hr = ctx;
	char key[200];
	HDF *node;
	NEOERR *err;

	/* the row's node once, then each column under it: no path walk or formatting per cell */
	if (snprintf(key, sizeof(key), "%s.%d", hr->prefix, hr->count) >= (int)sizeof(key))
		return CRM_ERR;
	err = hdf_get_node(hr->hdf, key, &node);
	for (unsigned i = 0; err == STATUS_OK && i < row->ncols; i++)
		if (row->values[i])
			err = hdf_set_value(node, row->names[i], row->values[i]);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	hr->count++;
	return CRM_OK;
}

int db_query_hdf(struct db *db, const char *sql, const struct db_param *params, unsigned n,
		 HDF *hdf, const char *prefix, int *count)
{
	struct hdf_rows hr = { hdf, prefix, 0 };
	int rc = db_query(db, sql, params, n, hdf_row, &hr);

	if (count)
		*count = hr.count;
	return rc;
}

static int db_plain(struct db *db, const char *what)
{
	db->statements++;
	if (mysql_query(db->conn, what)) {
		db->last_errno = mysql_errno(db->conn);
		crm_log("%s failed (%u): %s", what, db->last_errno, mysql_error(db->conn));
		return CRM_ERR;
	}
	return CRM_OK;
}

static int db_transaction_once(struct db *db, db_tx_fn fn, void *ctx)
{
	int rc = db_ensure(db);

	if (rc != CRM_OK)
		return rc;
	db->last_errno = 0;
	db->commit_unknown = 0;
	if (db_plain(db, "START TRANSACTION") != CRM_OK)
		return lost_connection(db->last_errno) ? CRM_EDBDOWN : CRM_ERR;
	db->in_tx = 1;
	rc = fn(db, ctx);
	if (!db->conn) {
		db->in_tx = 0; /* lost mid-way: db_run already disconnected; the next statement may reconnect */
		return rc;
	}
	if (rc == CRM_OK && db_plain(db, "COMMIT") != CRM_OK) {
		if (lost_connection(db->last_errno)) {
			db->commit_unknown = 1;
			db_disconnect(db);
			return CRM_EDBDOWN;
		}
		rc = CRM_ERR;
	}
	if (rc != CRM_OK && db->conn && db_plain(db, "ROLLBACK") != CRM_OK)
		db_disconnect(db); /* a connection that cannot roll back is not reused */
	db->in_tx = 0;
	return rc;
}

int db_transaction(struct db *db, db_tx_fn fn, void *ctx)
{
	int rc = db_transaction_once(db, fn, ctx);

	if (rc == CRM_EDBDOWN && lost_connection(db->last_errno) && !db->commit_unknown) {
		db_disconnect(db);
		rc = db_transaction_once(db, fn, ctx);
		if (rc == CRM_EDBDOWN)
			db_disconnect(db);
	}
	return rc;
}

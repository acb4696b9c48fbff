/* libcrm area core: Return codes, logging, buffers, name/value lists, JSON strings, hashing, tokens and passwords. */
#ifndef CRM_LIB_CORE_H
#define CRM_LIB_CORE_H

#include <stddef.h>
#include <stdint.h>

/* ---- crm ---- */
/* Shared return codes and small helpers for libcrm. */
enum crm_rc {
	CRM_OK = 0,
	CRM_ERR = -1,      /* internal failure, logged */
	CRM_EINVAL = -2,   /* bad input from the client */
	CRM_ETOOBIG = -3,  /* input over a configured limit */
	CRM_ENOTFOUND = -4,
	CRM_EDBDOWN = -5,  /* database unreachable: 503 */
	CRM_ECONFLICT = -6, /* stale version or duplicate key */
	CRM_EDUPLICATE = -7 /* the records engine: a unique key already held by another record */
};

#define CRM_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Logs to stderr (the module's log file) with a timestamp and the module name. */
void crm_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void crm_log_set_module(const char *module);

/* ---- buf ---- */
/* Growable byte buffer, always NUL-terminated. Failure is sticky: once an
 * append fails (no memory), every later append fails too and buf_failed says
 * so, so a dropped fragment can never leave a shorter text that looks whole
 * (an SQL condition gone is a wider query). buf_reset and buf_free start over. */
struct buf {
	char *p;
	size_t len;
	size_t cap;
	int failed;
};

int buf_append(struct buf *b, const void *data, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
/* True after any failed append since the buffer was last reset or freed. */
int buf_failed(const struct buf *b);
/* The allocator buffers grow with; unit tests swap it to make an allocation fail. */
extern void *(*buf_realloc)(void *p, size_t n);
void buf_free(struct buf *b);

/* ---- kv ---- */
/* An ordered list of name/value pairs (query, form fields, cookies). */
struct kv {
	char *name;
	char *value;
	size_t value_len;
};

struct kv_list {
	struct kv *items;
	size_t n;
	size_t cap;
};

/* Takes copies of name and value. */
int kv_add(struct kv_list *l, const char *name, size_t name_len, const char *value, size_t value_len);
/* First value for name, or NULL. */
const char *kv_get(const struct kv_list *l, const char *name);
void kv_free(struct kv_list *l);

/* ---- json ---- */
/* Just enough JSON writing for audit details. */
/* Appends s as a quoted JSON string (NULL as null). */
int json_str(struct buf *b, const char *s);

/* ---- crypto ---- */
/* Random tokens, hashes and password hashing, all from libgcrypt. */
#define TOKEN_BYTES 32
#define TOKEN_HEX (TOKEN_BYTES * 2 + 1)
#define SHA256_HEX 65

int crypto_init(void);
int random_bytes(void *out, size_t n);
/* A new random token of TOKEN_BYTES as lowercase hex. */
int token_new(char out[TOKEN_HEX]);
void hex_encode(const unsigned char *in, size_t n, char *out);
int sha256_hex(const void *data, size_t n, char out[SHA256_HEX]);
int hmac_sha256_hex(const unsigned char *key, size_t klen, const void *msg, size_t n, char out[SHA256_HEX]);
/* Compares two strings in time that depends only on their lengths. */
int ct_streq(const char *a, const char *b);
/* True when s is exactly TOKEN_BYTES of lowercase hex. */
int token_well_formed(const char *s);

struct password_params {
	unsigned long mem_kib;
	unsigned long iterations;
	unsigned long parallelism;
};

#define PASSWORD_HASH_MAX 200

/* Stored form: argon2id$m=19456,t=2,p=1$<salt hex>$<hash hex>, so the cost can
 * be raised later without breaking old hashes. */
int password_hash(const char *password, const struct password_params *pp, char out[PASSWORD_HASH_MAX]);
/* CRM_OK when password matches stored; *stale set when stored uses weaker
 * parameters than pp and should be rehashed. */
int password_verify(const char *password, const char *stored, const struct password_params *pp, int *stale);

#endif

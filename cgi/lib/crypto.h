/* Random tokens, hashes and password hashing, all from libgcrypt. */
#ifndef CRM_CRYPTO_H
#define CRM_CRYPTO_H

#include <stddef.h>

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

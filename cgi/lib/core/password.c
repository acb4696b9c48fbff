/* Argon2id password hashing through libgcrypt's KDF interface. libgcrypt
 * 1.10.1 gives wrong output over 64 bytes, so the hash is 32 bytes. */
#include "core/core.h"

#include <gcrypt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SALT_BYTES 16
#define HASH_BYTES 32

static int argon2id(const char *password, const unsigned char *salt, size_t saltlen,
		    const struct password_params *pp, unsigned char out[HASH_BYTES])
{
	unsigned long param[4] = { HASH_BYTES, pp->iterations, pp->mem_kib, pp->parallelism };
	gcry_kdf_hd_t h;
	gcry_error_t err;

	err = gcry_kdf_open(&h, GCRY_KDF_ARGON2, GCRY_KDF_ARGON2ID, param, 4,
			    password, strlen(password), salt, saltlen, NULL, 0, NULL, 0);
	if (err)
		return CRM_ERR;
	err = gcry_kdf_compute(h, NULL);
	if (!err)
		err = gcry_kdf_final(h, HASH_BYTES, out);
	gcry_kdf_close(h);
	/* The KDF's memory (mem_kib, 19 MB by default) is free again, but glibc keeps
	 * it in the heap; hand it back so an idle worker stays small. malloc_trim
	 * cannot fail: its result only says whether anything was returned. */
	(void)malloc_trim(0);
	return err ? CRM_ERR : CRM_OK;
}

int password_hash(const char *password, const struct password_params *pp, char out[PASSWORD_HASH_MAX])
{
	unsigned char salt[SALT_BYTES], hash[HASH_BYTES];
	char salt_hex[SALT_BYTES * 2 + 1], hash_hex[HASH_BYTES * 2 + 1];
	int n;

	if (random_bytes(salt, sizeof(salt)) != CRM_OK || argon2id(password, salt, sizeof(salt), pp, hash) != CRM_OK)
		return CRM_ERR;
	hex_encode(salt, sizeof(salt), salt_hex);
	hex_encode(hash, sizeof(hash), hash_hex);
	n = snprintf(out, PASSWORD_HASH_MAX, "argon2id$m=%lu,t=%lu,p=%lu$%s$%s",
		     pp->mem_kib, pp->iterations, pp->parallelism, salt_hex, hash_hex);
	return (n > 0 && n < PASSWORD_HASH_MAX) ? CRM_OK : CRM_ERR;
}

static int unhex(const char *hex, size_t n, unsigned char *out)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return CRM_ERR;
		out[i] = (unsigned char)v;
	}
	return CRM_OK;
}

int password_verify(const char *password, const char *stored, const struct password_params *pp, int *stale)
{
	struct password_params have;
	char salt_hex[SALT_BYTES * 2 + 1], hash_hex[HASH_BYTES * 2 + 1], got_hex[HASH_BYTES * 2 + 1];
	unsigned char salt[SALT_BYTES], got[HASH_BYTES];
	int consumed = 0;

	*stale = 0;
	if (!password[0])
		return CRM_EINVAL; /* libgcrypt refuses an empty passphrase; nobody has one */
	if (sscanf(stored, "argon2id$m=%lu,t=%lu,p=%lu$%32[0-9a-f]$%64[0-9a-f]%n",
		   &have.mem_kib, &have.iterations, &have.parallelism, salt_hex, hash_hex, &consumed) != 5 ||
	    stored[consumed] != '\0' || strlen(salt_hex) != SALT_BYTES * 2 || strlen(hash_hex) != HASH_BYTES * 2)
		return CRM_EINVAL;
	/* Refuse absurd stored costs rather than let a bad row pin the CPU. */
	if (have.mem_kib < 8 || have.mem_kib > 1048576 || have.iterations < 1 || have.iterations > 64 ||
	    have.parallelism < 1 || have.parallelism > 16)
		return CRM_EINVAL;
	if (unhex(salt_hex, SALT_BYTES, salt) != CRM_OK || argon2id(password, salt, SALT_BYTES, &have, got) != CRM_OK)
		return CRM_ERR;
	hex_encode(got, sizeof(got), got_hex);
	if (!ct_streq(got_hex, hash_hex))
		return CRM_EINVAL;
	*stale = have.mem_kib < pp->mem_kib || have.iterations < pp->iterations || have.parallelism < pp->parallelism;
	return CRM_OK;
}

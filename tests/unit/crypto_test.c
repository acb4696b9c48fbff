/* Hashes, tokens, constant-time comparison and Argon2id passwords. */
#include "core/core.h"
#include "test.h"

#include <gcrypt.h>

static void sha256_known_vector(void)
{
	char out[SHA256_HEX];

	sha256_hex("abc", 3, out);
	CHECK_STR(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void hmac_rfc4231_case2(void)
{
	char out[SHA256_HEX];
	const char *msg = "what do ya want for nothing?";

	CHECK(hmac_sha256_hex((const unsigned char *)"Jefe", 4, msg, strlen(msg), out) == CRM_OK);
	CHECK_STR(out, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

static void tokens_are_random_and_well_formed(void)
{
	char a[TOKEN_HEX], b[TOKEN_HEX];

	CHECK(token_new(a) == CRM_OK && token_new(b) == CRM_OK);
	CHECK(strlen(a) == 64);
	CHECK(token_well_formed(a) && token_well_formed(b));
	CHECK(strcmp(a, b) != 0);
	CHECK(!token_well_formed("abc"));
	CHECK(!token_well_formed("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"));
	a[10] = 'g';
	CHECK(!token_well_formed(a));
}

static void constant_time_equal(void)
{
	CHECK(ct_streq("abc", "abc"));
	CHECK(!ct_streq("abc", "abd"));
	CHECK(!ct_streq("abc", "abcd"));
	CHECK(!ct_streq("", "a"));
	CHECK(ct_streq("", ""));
}

static void password_round_trip(void)
{
	struct password_params pp = { 19456, 2, 1 };
	char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
	int stale = -1;

	CHECK(password_hash("correct horse battery", &pp, h1) == CRM_OK);
	CHECK(password_hash("correct horse battery", &pp, h2) == CRM_OK);
	CHECK(strncmp(h1, "argon2id$m=19456,t=2,p=1$", 25) == 0);
	CHECK(strcmp(h1, h2) != 0); /* per-user salt */
	CHECK(password_verify("correct horse battery", h1, &pp, &stale) == CRM_OK);
	CHECK(stale == 0);
	CHECK(password_verify("correct horse batterY", h1, &pp, &stale) == CRM_EINVAL);
	CHECK(password_verify("", h1, &pp, &stale) == CRM_EINVAL);
}

static void password_stale_parameters_flagged(void)
{
	struct password_params weak = { 8192, 1, 1 }, strong = { 19456, 2, 1 };
	char h[PASSWORD_HASH_MAX];
	int stale = 0;

	CHECK(password_hash("пароль-секрет", &weak, h) == CRM_OK);
	CHECK(password_verify("пароль-секрет", h, &strong, &stale) == CRM_OK);
	CHECK(stale == 1);
}

/* The parameter order libcrm passes to libgcrypt ({tag length, t, m, p}) must
 * give the reference implementation's answer: phc-winner-argon2's test.c has
 * Argon2id, t=2, m=65536 KiB, p=1, "password", "somesalt". */
static void argon2id_reference_vector(void)
{
	unsigned long param[4] = { 32, 2, 65536, 1 };
	unsigned char out[32];
	char hex[65];
	gcry_kdf_hd_t h;

	CHECK(gcry_kdf_open(&h, GCRY_KDF_ARGON2, GCRY_KDF_ARGON2ID, param, 4, "password", 8, "somesalt", 8, NULL, 0,
			    NULL, 0) == 0);
	CHECK(gcry_kdf_compute(h, NULL) == 0);
	CHECK(gcry_kdf_final(h, 32, out) == 0);
	gcry_kdf_close(h);
	hex_encode(out, 32, hex);
	CHECK_STR(hex, "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
}

static void password_rejects_malformed_hashes(void)
{
	struct password_params pp = { 19456, 2, 1 };
	int stale;

	CHECK(password_verify("x", "argon2id$m=19456,t=2,p=1$zz$yy", &pp, &stale) == CRM_EINVAL);
	CHECK(password_verify("x", "bcrypt$whatever", &pp, &stale) == CRM_EINVAL);
	CHECK(password_verify("x", "argon2id$m=999999999,t=2,p=1$000102030405060708090a0b0c0d0e0f$"
				   "0000000000000000000000000000000000000000000000000000000000000000",
			      &pp, &stale) == CRM_EINVAL);
	CHECK(password_verify("x", "argon2id$m=19456,t=2,p=1$000102030405060708090a0b0c0d0e0f$"
				   "0000000000000000000000000000000000000000000000000000000000000000trailing",
			      &pp, &stale) == CRM_EINVAL);
}

const struct test_case crypto_tests[] = {
	{ "sha256_known_vector", sha256_known_vector },
	{ "hmac_rfc4231_case2", hmac_rfc4231_case2 },
	{ "tokens_are_random_and_well_formed", tokens_are_random_and_well_formed },
	{ "constant_time_equal", constant_time_equal },
	{ "password_round_trip", password_round_trip },
	{ "password_stale_parameters_flagged", password_stale_parameters_flagged },
	{ "password_rejects_malformed_hashes", password_rejects_malformed_hashes },
	{ "argon2id_reference_vector", argon2id_reference_vector },
	{ NULL, NULL },
};

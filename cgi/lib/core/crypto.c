#include "core/core.h"

#include <gcrypt.h>
#include <string.h>

int crypto_init(void)
{
	if (!gcry_check_version("1.10.0"))
		return CRM_ERR;
	/* Keys live in ordinary memory; secure memory would need mlock limits. */
	if (gcry_control(GCRYCTL_DISABLE_SECMEM, 0) || gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0))
		return CRM_ERR;
	return CRM_OK;
}

int random_bytes(void *out, size_t n)
{
	gcry_randomize(out, n, GCRY_STRONG_RANDOM);
	return CRM_OK;
}

void hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

int token_new(char out[TOKEN_HEX])
{
	unsigned char raw[TOKEN_BYTES];

	if (random_bytes(raw, sizeof(raw)) != CRM_OK)
		return CRM_ERR;
	hex_encode(raw, sizeof(raw), out);
	return CRM_OK;
}

int token_well_formed(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == TOKEN_BYTES * 2;
}

int sha256_hex(const void *data, size_t n, char out[SHA256_HEX])
{
	unsigned char digest[32];

	gcry_md_hash_buffer(GCRY_MD_SHA256, digest, data, n);
	hex_encode(digest, sizeof(digest), out);
	return CRM_OK;
}

int hmac_sha256_hex(const unsigned char *key, size_t klen, const void *msg, size_t n, char out[SHA256_HEX])
{
	gcry_mac_hd_t h;
	unsigned char mac[32];
	size_t maclen = sizeof(mac);

	if (gcry_mac_open(&h, GCRY_MAC_HMAC_SHA256, 0, NULL))
		return CRM_ERR;
	if (gcry_mac_setkey(h, key, klen) || gcry_mac_write(h, msg, n) || gcry_mac_read(h, mac, &maclen)) {
		gcry_mac_close(h);
		return CRM_ERR;
	}
	gcry_mac_close(h);
	hex_encode(mac, maclen, out);
	return CRM_OK;
}

int ct_streq(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = (unsigned char)(la != lb);
	size_t n = la < lb ? la : lb;

	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

/* The words of a text as phone-book terms. Normalization drops ZWNJ, so a compound
 * such as مهندسی‌نرم‌افزار is one term, found when typed with ZWNJ or without it; it is
 * also filed from each of its parts on (نرمافزار, افزار), so the parts typed with spaces
 * between them each find a term by prefix. */
#include "domain/domain.h"
#include "i18n/i18n.h"

#include <string.h>

#define ZWNJ "\xE2\x80\x8C"
#define WORD_MAX 512 /* bytes; a longer "word" is not something anyone types */

/* Bytes of the word separator at p, 0 when none: ASCII space and punctuation as the terms were
 * always split, and the Persian comma, semicolon, question mark and the guillemets (a note's
 * «...» would otherwise start its word). */
static size_t delim_len(const char *p)
{
	static const char *const wide[] = { "\xD8\x8C", "\xD8\x9B", "\xD8\x9F", "\xC2\xAB", "\xC2\xBB" };

	if (*p && strchr(" \t\r\n,;()\"'", *p))
		return 1;
	for (size_t i = 0; i < CRM_ARRAY_LEN(wide); i++)
		if (!strncmp(p, wide[i], 2))
			return 2;
	return 0;
}

/* The search key of word (len bytes from s) through add; a key that does not fit is skipped. */
static int word_add(const char *s, size_t len, search_word_fn add, void *ctx)
{
	char raw[WORD_MAX + 1], key[WORD_MAX * 2];
	int rc;

	memcpy(raw, s, len);
	raw[len] = '\0';
	rc = text_search_key(raw, key, sizeof(key));
	if (rc == CRM_ETOOBIG || (rc == CRM_OK && !key[0]))
		return CRM_OK;
	return rc == CRM_OK ? add(ctx, key) : rc;
}

int search_words(const char *text, int max_words, search_word_fn add, void *ctx)
{
	const char *p = text;
	int words = 0, rc = CRM_OK;

	while (rc == CRM_OK && *p && words < max_words) {
		size_t len;

		for (size_t d; (d = delim_len(p));)
			p += d;
		for (len = 0; p[len] && !delim_len(p + len); len++)
			;
		if (!len)
			break;
		if (len <= WORD_MAX) {
			/* the whole word, then each tail that starts after a ZWNJ */
			rc = word_add(p, len, add, ctx);
			for (const char *z = p; rc == CRM_OK && z + 3 < p + len; z++)
				if (!memcmp(z, ZWNJ, 3))
					rc = word_add(z + 3, (size_t)(p + len - z - 3), add, ctx);
			words++;
		}
		p += len;
	}
	return rc;
}

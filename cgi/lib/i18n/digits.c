/* Digits in the user's numbering system; the digit characters come from ICU. */
#include "i18n/i18n.h"
#include "core/core.h"

#include <string.h>
#include <unicode/unumsys.h>
#include <unicode/ustring.h>

/* UTF-8 of the ten digits of ICU's "arabext" system (Persian digits). */
static int persian_digits(char digits[10][8])
{
	static char cache[10][8];
	static int loaded;
	UErrorCode st = U_ZERO_ERROR;
	UNumberingSystem *ns;
	UChar desc[32];
	int32_t len;

	if (!loaded) {
		ns = unumsys_openByName("arabext", &st);
		if (U_FAILURE(st))
			return CRM_ERR;
		len = unumsys_getDescription(ns, desc, 32, &st);
		unumsys_close(ns);
		if (U_FAILURE(st) || len != 10)
			return CRM_ERR;
		for (int i = 0; i < 10; i++) {
			int32_t n = 0;

			u_strToUTF8(cache[i], 8, &n, &desc[i], 1, &st);
			if (U_FAILURE(st))
				return CRM_ERR;
		}
		loaded = 1;
	}
	memcpy(digits, cache, sizeof(cache));
	return CRM_OK;
}

int digits_localize(const char *s, enum digits d, char *out, size_t outlen)
{
	char digits[10][8];
	size_t o = 0;

	if (d == DIGITS_PERSIAN && persian_digits(digits) != CRM_OK)
		return CRM_ERR;
	for (; *s; s++) {
		const char *piece = (d == DIGITS_PERSIAN && *s >= '0' && *s <= '9') ? digits[*s - '0'] : NULL;
		size_t n = piece ? strlen(piece) : 1;

		if (o + n >= outlen)
			return CRM_ETOOBIG;
		memcpy(out + o, piece ? piece : s, n);
		o += n;
	}
	out[o] = '\0';
	return CRM_OK;
}

/* Phone numbers as search keys: digits only, in any digit system, reversed so that "ends
 * with" is an index prefix; a stored number filed under its full international digits. */
#include "domain/domain.h"
#include "i18n/i18n.h"

#include <stdio.h>
#include <string.h>

int phone_search_key(const char *typed, char *out, size_t outlen)
{
	char folded[256], digits[64];
	size_t n = 0, start = 0;

	if (text_normalize(typed, folded, sizeof(folded)) != CRM_OK)
		return CRM_EINVAL;
	for (const char *p = folded; *p && n + 1 < sizeof(digits); p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	digits[n] = '\0';
	while (start < n && digits[start] == '0')
		start++; /* 0912..., 0098912... and +98912... end the same way */
	if (n - start < 3 || n - start + 1 > outlen)
		return CRM_EINVAL;
	for (size_t i = 0; i < n - start; i++)
		out[i] = digits[n - 1 - i];
	out[n - start] = '\0';
	return CRM_OK;
}

/* Digits of s (any digit system) into out. */
static int digits_of(const char *s, char *out, size_t outlen)
{
	char folded[256];
	size_t n = 0;

	if (text_normalize(s, folded, sizeof(folded)) != CRM_OK)
		return CRM_EINVAL;
	for (const char *p = folded; *p; p++)
		if (*p >= '0' && *p <= '9') {
			if (n + 1 >= outlen)
				return CRM_ETOOBIG;
			out[n++] = *p;
		}
	out[n] = '\0';
	return CRM_OK;
}

int phone_stored_key(const char *cc, const char *area, const char *number, const char *default_cc, char *out, size_t outlen)
{
	char d_cc[16], d_area[16], d_num[64], whole[128], folded[256];
	const char *num = d_num;

	if (digits_of(cc, d_cc, sizeof(d_cc)) || digits_of(area, d_area, sizeof(d_area)) ||
	    digits_of(number, d_num, sizeof(d_num)) || text_normalize(number, folded, sizeof(folded)))
		return CRM_EINVAL;
	if (!d_cc[0]) {
		const char *t = folded + strspn(folded, " ");

		if (t[0] == '+' || (d_num[0] == '0' && d_num[1] == '0')) {
			/* already international: +98..., 0098... */
		} else if (d_area[0] || d_num[0] == '0') {
			/* national form: a trunk 0 (on the area code or the number) stands for the default country */
			snprintf(d_cc, sizeof(d_cc), "%s", default_cc);
		}
	}
	while (d_area[0] == '0')
		memmove(d_area, d_area + 1, strlen(d_area));
	if (d_cc[0] || d_area[0])
		while (*num == '0')
			num++;
	snprintf(whole, sizeof(whole), "%s%s%s", d_cc, d_area, num);
	return phone_search_key(whole, out, outlen);
}

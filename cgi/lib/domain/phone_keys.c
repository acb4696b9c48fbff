/* Phone numbers as search keys: digits only, in any digit system. A stored number is filed
 * twice under its full international digits: reversed (any typed tail is an index prefix) and
 * forward after a '+' (any typed leading digits, in whatever form, become an index prefix). */
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

/* The full international digits of a stored number (country code, area code, number; a national
 * 0-prefix replaced by the default country code), leading zeros dropped. */
static int stored_digits(const char *cc, const char *area, const char *number, const char *default_cc, char *out,
			 size_t outlen)
{
	char d_cc[16], d_area[16], d_num[64], folded[256];
	const char *num = d_num;
	int n;

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
	n = snprintf(out, outlen, "%s%s%s", d_cc, d_area, num);
	if (n < 0 || (size_t)n >= outlen)
		return CRM_ETOOBIG;
	memmove(out, out + strspn(out, "0"), strlen(out + strspn(out, "0")) + 1);
	return CRM_OK;
}

int phone_stored_key(const char *cc, const char *area, const char *number, const char *default_cc, char *out, size_t outlen)
{
	char whole[128];

	if (stored_digits(cc, area, number, default_cc, whole, sizeof(whole)) != CRM_OK)
		return CRM_EINVAL;
	return phone_search_key(whole, out, outlen);
}

int phone_stored_lead(const char *cc, const char *area, const char *number, const char *default_cc, char *out,
		      size_t outlen)
{
	char whole[128];

	if (stored_digits(cc, area, number, default_cc, whole, sizeof(whole)) != CRM_OK || strlen(whole) < 3)
		return CRM_EINVAL;
	if ((size_t)snprintf(out, outlen, "+%s", whole) >= outlen)
		return CRM_ETOOBIG;
	return CRM_OK;
}

int phone_query_keys(const char *typed, const char *default_cc, struct phone_query *q)
{
	char folded[256], d[PHONE_QUERY_MAX];
	const char *t;
	size_t n = 0;

	memset(q, 0, sizeof(*q));
	if (text_normalize(typed, folded, sizeof(folded)) != CRM_OK)
		return CRM_EINVAL;
	for (const char *p = folded; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n + 1 >= sizeof(d) - 16)
				return CRM_EINVAL; /* longer than any number: not a phone */
			d[n++] = *p;
		} else if (!strchr("+-() .", *p)) {
			return CRM_EINVAL;
		}
	}
	d[n] = '\0';
	if (n < PHONE_QUERY_MIN)
		return CRM_EINVAL;
	t = folded + strspn(folded, " ");
	if (t[0] == '+') {
		/* +98 912...: the leading digits of the international number, nothing else */
		snprintf(q->lead[0], sizeof(q->lead[0]), "+%s", d);
		return CRM_OK;
	}
	if (d[0] == '0' && d[1] == '0')
		snprintf(q->lead[0], sizeof(q->lead[0]), "+%s", d + 2); /* 0098 912... */
	else if (d[0] == '0')
		snprintf(q->lead[0], sizeof(q->lead[0]), "+%s%s", default_cc, d + 1); /* 0912...: trunk 0 */
	else {
		/* 98912... (international without +) or 912... (national without the trunk 0) */
		snprintf(q->lead[0], sizeof(q->lead[0]), "+%s", d);
		snprintf(q->lead[1], sizeof(q->lead[1]), "+%s%s", default_cc, d);
	}
	/* and as the number's last digits, zeros kept: 0198 is the tail ...0198 */
	for (size_t i = 0; i < n; i++)
		q->tail[i] = d[n - 1 - i];
	q->tail[n] = '\0';
	return CRM_OK;
}

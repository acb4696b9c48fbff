/* Published check-digit rules; no library offers them. */
#include "domain/domain.h"

#include <string.h>

static int all_digits(const char *s, size_t n)
{
	if (!s || strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int iran_national_code_valid(const char *s)
{
	int sum = 0, check, rem;

	if (!all_digits(s, 10))
		return 0;
	/* all ten digits the same pass the checksum but are never issued */
	if (strspn(s, (char[]){ s[0], 0 }) == 10)
		return 0;
	for (int i = 0; i < 9; i++)
		sum += (s[i] - '0') * (10 - i);
	rem = sum % 11;
	check = s[9] - '0';
	return rem < 2 ? check == rem : check == 11 - rem;
}

int iran_legal_id_valid(const char *s)
{
	static const int weights[10] = { 29, 27, 23, 19, 17, 29, 27, 23, 19, 17 };
	int d, sum = 0, rem;

	if (!all_digits(s, 11))
		return 0;
	d = (s[9] - '0') + 2; /* the tenth digit plus two is added to each of the first ten */
	for (int i = 0; i < 10; i++)
		sum += ((s[i] - '0') + d) * weights[i];
	rem = sum % 11;
	if (rem == 10)
		rem = 0;
	return rem == s[10] - '0';
}

int turkish_tckn_valid(const char *s)
{
	int odd = 0, even = 0, first10 = 0, d10, d11;

	if (!all_digits(s, 11) || s[0] == '0')
		return 0;
	for (int i = 0; i < 9; i++) {
		if (i % 2 == 0)
			odd += s[i] - '0';
		else
			even += s[i] - '0';
	}
	d10 = ((odd * 7 - even) % 10 + 10) % 10;
	for (int i = 0; i < 10; i++)
		first10 += s[i] - '0';
	d11 = first10 % 10;
	return d10 == s[9] - '0' && d11 == s[10] - '0';
}

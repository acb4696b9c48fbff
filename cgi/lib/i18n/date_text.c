/* Dates as users read and type them, in their calendar and digits. */
#include "i18n/i18n.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>

static int iso_split(const char *iso, struct ymd *g)
{
	int n = 0;

	if (!iso || sscanf(iso, "%4d-%2d-%2d%n", &g->year, &g->month, &g->day, &n) != 3 || n != 10)
		return CRM_EINVAL;
	return CRM_OK;
}

int date_format(const char *iso, enum calendar c, enum digits d, char *out, size_t outlen)
{
	struct ymd g, local;
	char ascii[32];

	if (iso_split(iso, &g) != CRM_OK || cal_from_gregorian(g, c, &local) != CRM_OK)
		return CRM_EINVAL;
	/* Gregorian reads YYYY-MM-DD; Jalali and Hijri are written YYYY/MM/DD. */
	snprintf(ascii, sizeof(ascii), c == CAL_GREGORIAN ? "%04d-%02d-%02d" : "%04d/%02d/%02d", local.year,
		 local.month, local.day);
	return digits_localize(ascii, d, out, outlen);
}

int date_parse(const char *text, enum calendar c, char iso[11])
{
	char folded[DATE_TEXT_MAX * 4];
	struct ymd in, g;
	char sep1, sep2;
	int n = 0;

	if (!text || strlen(text) >= DATE_TEXT_MAX || text_normalize(text, folded, sizeof(folded)) != CRM_OK)
		return CRM_EINVAL;
	if (sscanf(folded, " %4d%c%2d%c%2d %n", &in.year, &sep1, &in.month, &sep2, &in.day, &n) != 5 ||
	    folded[n] != '\0' || sep1 != sep2 || !strchr("/-.", sep1))
		return CRM_EINVAL;
	if (cal_to_gregorian(in, c, &g) != CRM_OK)
		return CRM_EINVAL;
	snprintf(iso, 11, "%04d-%02d-%02d", g.year, g.month, g.day);
	return CRM_OK;
}

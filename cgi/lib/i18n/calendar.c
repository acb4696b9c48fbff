/* Calendar arithmetic by ICU's ucal: nothing of it is written here. */
#include "i18n/i18n.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

static const char *const cal_names[] = { "gregorian", "jalali", "hijri" };
/* ICU locale keywords for each calendar. */
static const char *const cal_locales[] = { "en@calendar=gregorian", "en@calendar=persian",
					   "en@calendar=islamic-umalqura" };

int calendar_parse_name(const char *name)
{
	for (size_t i = 0; name && i < CRM_ARRAY_LEN(cal_names); i++)
		if (strcmp(name, cal_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *calendar_name(enum calendar c)
{
	return (unsigned)c < CRM_ARRAY_LEN(cal_names) ? cal_names[c] : "gregorian";
}

int digits_parse_name(const char *name)
{
	if (name && strcmp(name, "latin") == 0)
		return DIGITS_LATIN;
	if (name && strcmp(name, "persian") == 0)
		return DIGITS_PERSIAN;
	return -1;
}

const char *cal_icu_locale(enum calendar c);
const char *cal_icu_locale(enum calendar c)
{
	return (unsigned)c < CRM_ARRAY_LEN(cal_locales) ? cal_locales[c] : cal_locales[0];
}

static UCalendar *cal_open(enum calendar c)
{
	static const UChar utc[] = { 'U', 'T', 'C', 0 };
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal = ucal_open(utc, -1, cal_icu_locale(c), UCAL_DEFAULT, &st);

	if (U_FAILURE(st))
		return NULL;
	/* Proleptic Gregorian: no switch to Julian dates before 1582. */
	if (c == CAL_GREGORIAN)
		ucal_setGregorianChange(cal, -8.64e15, &st);
	ucal_setAttribute(cal, UCAL_LENIENT, 0);
	if (U_FAILURE(st)) {
		ucal_close(cal);
		return NULL;
	}
	return cal;
}

/* Sets cal to in (strictly) and returns its instant, or a negative status. */
static int cal_set(UCalendar *cal, struct ymd in, UDate *when)
{
	UErrorCode st = U_ZERO_ERROR;

	if (in.month < 1 || in.month > 12 || in.day < 1 || in.day > 31 || in.year < 1 || in.year > 9999)
		return CRM_EINVAL;
	ucal_clear(cal);
	ucal_setDateTime(cal, in.year, in.month - 1, in.day, 12, 0, 0, &st);
	*when = ucal_getMillis(cal, &st); /* non-lenient: a day that does not exist fails here */
	return U_FAILURE(st) ? CRM_EINVAL : CRM_OK;
}

static int cal_get(UCalendar *cal, UDate when, struct ymd *out)
{
	UErrorCode st = U_ZERO_ERROR;

	ucal_setMillis(cal, when, &st);
	out->year = ucal_get(cal, UCAL_EXTENDED_YEAR, &st);
	out->month = ucal_get(cal, UCAL_MONTH, &st) + 1;
	out->day = ucal_get(cal, UCAL_DATE, &st);
	return U_FAILURE(st) ? CRM_ERR : CRM_OK;
}

/* One calendar object per kind, kept for the life of the worker (workers are
 * single-threaded). */
static UCalendar *cal_cached(enum calendar c)
{
	static UCalendar *cache[3];

	if ((unsigned)c >= CRM_ARRAY_LEN(cache))
		return NULL;
	if (!cache[c])
		cache[c] = cal_open(c);
	return cache[c];
}

static int cal_convert(struct ymd in, enum calendar from, enum calendar to, struct ymd *out)
{
	UCalendar *a = cal_cached(from), *b = cal_cached(to);
	UDate when;
	int rc;

	if (!a || !b)
		return CRM_ERR;
	rc = cal_set(a, in, &when);
	if (rc == CRM_OK)
		rc = cal_get(b, when, out);
	return rc;
}

int cal_from_gregorian(struct ymd g, enum calendar c, struct ymd *out)
{
	return cal_convert(g, CAL_GREGORIAN, c, out);
}

int cal_to_gregorian(struct ymd in, enum calendar c, struct ymd *g)
{
	return cal_convert(in, c, CAL_GREGORIAN, g);
}

int datetime_format(const char *utc, const char *tz, enum calendar c, enum digits d, char *out, size_t outlen)
{
	UCalendar *greg = cal_cached(CAL_GREGORIAN), *local;
	UErrorCode st = U_ZERO_ERROR;
	UChar utz[64];
	struct ymd g;
	int hh, mm, ss, n = 0, rc = CRM_EINVAL;
	UDate when;
	char ascii[48];

	if (!greg || !utc || sscanf(utc, "%4d-%2d-%2d %2d:%2d:%2d%n", &g.year, &g.month, &g.day, &hh, &mm, &ss, &n) != 6 ||
	    (utc[n] != '\0' && utc[n] != '.') || hh > 23 || mm > 59 || ss > 60)
		return CRM_EINVAL;
	if (cal_set(greg, g, &when) != CRM_OK)
		return CRM_EINVAL;
	when += ((hh - 12) * 3600.0 + mm * 60.0 + ss) * 1000.0; /* cal_set puts us at noon UTC */
	u_uastrncpy(utz, tz && *tz ? tz : "UTC", 63);
	utz[63] = 0;
	local = ucal_open(utz, -1, cal_icu_locale(c), UCAL_DEFAULT, &st);
	if (U_FAILURE(st))
		return CRM_ERR;
	if (c == CAL_GREGORIAN)
		ucal_setGregorianChange(local, -8.64e15, &st);
	ucal_setMillis(local, when, &st);
	snprintf(ascii, sizeof(ascii), c == CAL_GREGORIAN ? "%04d-%02d-%02d %02d:%02d" : "%04d/%02d/%02d %02d:%02d",
		 ucal_get(local, UCAL_EXTENDED_YEAR, &st), ucal_get(local, UCAL_MONTH, &st) + 1,
		 ucal_get(local, UCAL_DATE, &st), ucal_get(local, UCAL_HOUR_OF_DAY, &st), ucal_get(local, UCAL_MINUTE, &st));
	if (U_SUCCESS(st))
		rc = digits_localize(ascii, d, out, outlen);
	ucal_close(local);
	return rc;
}

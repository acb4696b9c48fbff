/* Calendars (every day of 1350-1450 Jalali and 1400-1500 Hijri against ICU's
 * own conversion), digits and search normalization. */
#include "i18n/i18n.h"
#include "core/core.h"
#include "test.h"

#include <unicode/ucal.h>

/* Walks every day from (from_year/1/1) to (to_year/12/end) in calendar locale
 * `loc` with ICU, and checks that libcrm parses and formats each one to the
 * Gregorian date ICU gives for the same instant. Returns the days checked. */
static int walk_days(const char *loc, enum calendar c, int from_year, int to_year)
{
	static const UChar utc[] = { 'U', 'T', 'C', 0 };
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal = ucal_open(utc, -1, loc, UCAL_DEFAULT, &st);
	UCalendar *greg = ucal_open(utc, -1, "en@calendar=gregorian", UCAL_DEFAULT, &st);
	int days = 0, bad = 0;

	CHECK(U_SUCCESS(st));
	if (U_FAILURE(st))
		return 0;
	ucal_clear(cal);
	ucal_setDateTime(cal, from_year, 0, 1, 12, 0, 0, &st);
	for (;;) {
		int y = ucal_get(cal, UCAL_EXTENDED_YEAR, &st), m = ucal_get(cal, UCAL_MONTH, &st) + 1,
		    d = ucal_get(cal, UCAL_DATE, &st);
		char text[32], want_iso[40], iso[11], back[DATE_TEXT_MAX]; /* room for any int, so -O2 sees no truncation */

		if (y > to_year || U_FAILURE(st))
			break;
		ucal_setMillis(greg, ucal_getMillis(cal, &st), &st);
		snprintf(want_iso, sizeof(want_iso), "%04d-%02d-%02d", ucal_get(greg, UCAL_EXTENDED_YEAR, &st),
			 ucal_get(greg, UCAL_MONTH, &st) + 1, ucal_get(greg, UCAL_DATE, &st));
		snprintf(text, sizeof(text), "%04d/%02d/%02d", y, m, d);
		if (date_parse(text, c, iso) != CRM_OK || strcmp(iso, want_iso) != 0 ||
		    date_format(want_iso, c, DIGITS_LATIN, back, sizeof(back)) != CRM_OK || strcmp(back, text) != 0) {
			if (bad++ < 5)
				fprintf(stderr, "  %s: %s -> %s, expected %s\n", loc, text, iso, want_iso);
		}
		days++;
		ucal_add(cal, UCAL_DATE, 1, &st);
	}
	CHECK(U_SUCCESS(st));
	CHECK(bad == 0);
	ucal_close(cal);
	ucal_close(greg);
	return days;
}

static void jalali_every_day_1350_1450(void)
{
	int days = walk_days("en@calendar=persian", CAL_JALALI, 1350, 1450);

	CHECK(days > 101 * 365 && days < 101 * 366 + 1);
}

static void hijri_every_day_1400_1500(void)
{
	int days = walk_days("en@calendar=islamic-umalqura", CAL_HIJRI, 1400, 1500);

	CHECK(days > 101 * 354 && days < 101 * 356);
}

static void known_dates_and_leap_edges(void)
{
	char iso[11], text[DATE_TEXT_MAX];

	/* Nowruz 1403 and 1404; 1403 is a leap year, 1402 is not. */
	CHECK(date_parse("1403/01/01", CAL_JALALI, iso) == CRM_OK);
	CHECK_STR(iso, "2024-03-20");
	CHECK(date_parse("1403/12/30", CAL_JALALI, iso) == CRM_OK);
	CHECK_STR(iso, "2025-03-20");
	CHECK(date_parse("1404/1/1", CAL_JALALI, iso) == CRM_OK);
	CHECK_STR(iso, "2025-03-21");
	CHECK(date_parse("1402/12/30", CAL_JALALI, iso) == CRM_EINVAL);
	CHECK(date_parse("1403/07/31", CAL_JALALI, iso) == CRM_EINVAL);
	CHECK(date_parse("1403/06/31", CAL_JALALI, iso) == CRM_OK);
	/* 1 Ramadan 1445 in Umm al-Qura. */
	CHECK(date_parse("1445/09/01", CAL_HIJRI, iso) == CRM_OK);
	CHECK_STR(iso, "2024-03-11");
	/* Gregorian leap days. */
	CHECK(date_parse("2024-02-29", CAL_GREGORIAN, iso) == CRM_OK);
	CHECK(date_parse("2023-02-29", CAL_GREGORIAN, iso) == CRM_EINVAL);
	CHECK(date_parse("1900-02-29", CAL_GREGORIAN, iso) == CRM_EINVAL);
	CHECK(date_format("2000-02-29", CAL_GREGORIAN, DIGITS_LATIN, text, sizeof(text)) == CRM_OK);
	CHECK_STR(text, "2000-02-29");
}

static void persian_digits_in_and_out(void)
{
	char iso[11], text[DATE_TEXT_MAX];

	CHECK(date_format("2025-03-20", CAL_JALALI, DIGITS_PERSIAN, text, sizeof(text)) == CRM_OK);
	CHECK_STR(text, "۱۴۰۳/۱۲/۳۰");
	CHECK(date_parse("۱۴۰۳/۱۲/۳۰", CAL_JALALI, iso) == CRM_OK);
	CHECK_STR(iso, "2025-03-20");
	CHECK(date_parse("١٤٠٣-١٢-٣٠", CAL_JALALI, iso) == CRM_OK); /* Arabic-Indic digits */
	CHECK_STR(iso, "2025-03-20");
	CHECK(digits_localize("Tel 0912-345", DIGITS_PERSIAN, text, sizeof(text)) == CRM_OK);
	CHECK_STR(text, "Tel ۰۹۱۲-۳۴۵");
	CHECK(digits_localize("0912", DIGITS_LATIN, text, sizeof(text)) == CRM_OK);
	CHECK_STR(text, "0912");
	CHECK(digits_localize("0123456789", DIGITS_PERSIAN, text, 5) == CRM_ETOOBIG);
}

static void malformed_dates_refused(void)
{
	const char *bad[] = { "", "abc", "1403/12", "1403/12/30x", "1403/13/01", "1403/00/10", "1403/12/00",
			      "1403/12-30", "99999/1/1", "1403//12/30" };
	char iso[11];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = date_parse(bad[i], CAL_JALALI, iso);

		if (rc != CRM_EINVAL)
			fprintf(stderr, "  accepted \"%s\"\n", bad[i]);
		CHECK(rc == CRM_EINVAL);
	}
	CHECK(date_format("2025-13-01", CAL_JALALI, DIGITS_LATIN, iso, sizeof(iso)) == CRM_EINVAL);
	CHECK(date_format("not a date", CAL_JALALI, DIGITS_LATIN, iso, sizeof(iso)) == CRM_EINVAL);
}

static void normalization(void)
{
	char out[256];

	CHECK(text_normalize("علي", out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "علی");
	CHECK(text_normalize("كتاب", out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "کتاب");
	CHECK(text_normalize("می‌خواهم", out, sizeof(out)) == CRM_OK); /* with ZWNJ */
	CHECK_STR(out, "میخواهم");
	CHECK(text_normalize("تـــهران", out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "تهران");
	CHECK(text_normalize("۰۹۱۲ ٠٩١٢", out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "0912 0912");
	CHECK(text_normalize("عَلِیّ", out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "علی");
	CHECK(text_normalize("Çağrı İstanbul", out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "Çağrı İstanbul");
	CHECK(text_normalize("", out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "");
	CHECK(text_normalize("كككككككككك", out, 8) == CRM_ETOOBIG);
}

static void datetimes_in_zone_and_calendar(void)
{
	char out[DATE_TEXT_MAX];

	/* Tehran is UTC+3:30 (no daylight saving since 2022). */
	CHECK(datetime_format("2025-03-20 21:00:00", "Asia/Tehran", CAL_JALALI, DIGITS_LATIN, out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "1404/01/01 00:30");
	CHECK(datetime_format("2025-03-20 08:05:09.123456", "UTC", CAL_GREGORIAN, DIGITS_LATIN, out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "2025-03-20 08:05");
	CHECK(datetime_format("2025-03-20 08:05:09", "Europe/Istanbul", CAL_GREGORIAN, DIGITS_PERSIAN, out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "۲۰۲۵-۰۳-۲۰ ۱۱:۰۵");
	CHECK(datetime_format("2025-03-20", "UTC", CAL_GREGORIAN, DIGITS_LATIN, out, sizeof(out)) == CRM_EINVAL);
	CHECK(datetime_format("2025-03-20 25:00:00", "UTC", CAL_GREGORIAN, DIGITS_LATIN, out, sizeof(out)) == CRM_EINVAL);
}

static void search_keys_fold_case_and_turkish_i(void)
{
	char out[128];

	CHECK(text_search_key("Yılmaz İSTANBUL Çelik", out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "yilmaz istanbul çelik");
	CHECK(text_search_key("علي KAZEMI", out, sizeof(out)) == CRM_OK);
	CHECK_STR(out, "علی kazemi");
}

static void names(void)
{
	CHECK(calendar_parse_name("jalali") == CAL_JALALI);
	CHECK(calendar_parse_name("hijri") == CAL_HIJRI);
	CHECK(calendar_parse_name("gregorian") == CAL_GREGORIAN);
	CHECK(calendar_parse_name("julian") == -1);
	CHECK(digits_parse_name("persian") == DIGITS_PERSIAN);
	CHECK(digits_parse_name("roman") == -1);
}

/* the slot is the column's place in every translated set, and ELT's index less one */
static void language_slots(void)
{
	CHECK(lang_slot("fa") == LANG_FA && lang_slot("en") == LANG_EN && lang_slot("tr") == LANG_TR);
	CHECK(lang_slot("de") == LANG_FA);
	CHECK(lang_slot(NULL) == LANG_FA);
	CHECK(lang_slot("") == LANG_FA);
	CHECK(lang_slot("EN") == LANG_FA); /* codes are as stored, lower case */
	for (unsigned i = 0; i < LANG_SLOTS; i++)
		CHECK(lang_slot(lang_codes[i]) == i);
}

const struct test_case calendar_tests[] = {
	{ "language_slots", language_slots },
	{ "jalali_every_day_1350_1450", jalali_every_day_1350_1450 },
	{ "hijri_every_day_1400_1500", hijri_every_day_1400_1500 },
	{ "known_dates_and_leap_edges", known_dates_and_leap_edges },
	{ "persian_digits_in_and_out", persian_digits_in_and_out },
	{ "malformed_dates_refused", malformed_dates_refused },
	{ "normalization", normalization },
	{ "calendar_names", names },
	{ "search_keys_fold_case_and_turkish_i", search_keys_fold_case_and_turkish_i },
	{ "datetimes_in_zone_and_calendar", datetimes_in_zone_and_calendar },
	{ NULL, NULL },
};

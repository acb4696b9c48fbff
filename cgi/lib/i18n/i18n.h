/* libcrm area i18n: Calendars, digits and search normalization, all through ICU. */
#ifndef CRM_LIB_I18N_H
#define CRM_LIB_I18N_H

#include <stddef.h>

/* ---- languages ---- */
/* The languages, in the order of every translated column set (name_fa, name_en, name_tr). */
enum lang_slot { LANG_FA, LANG_EN, LANG_TR, LANG_SLOTS };
extern const char *const lang_codes[LANG_SLOTS];
/* The slot of a language code ("en" -> LANG_EN); Persian for one we do not have. In SQL a column
 * is picked by it as ELT(? , x.name_fa, x.name_en, x.name_tr) bound to lang_slot(...) + 1. */
unsigned lang_slot(const char *lang);

/* ---- calendar ---- */
/* Calendars, digits and search normalization, all through ICU.
 * Stored dates are Gregorian ISO (YYYY-MM-DD); users see and type dates in
 * their own calendar (Gregorian, Jalali, Hijri Umm al-Qura) and digits. */
enum calendar { CAL_GREGORIAN, CAL_JALALI, CAL_HIJRI };
enum digits { DIGITS_LATIN, DIGITS_PERSIAN };

struct ymd {
	int year;
	int month; /* 1..12 (13 never occurs in these calendars) */
	int day;
};

#define DATE_TEXT_MAX 64

/* "gregorian", "jalali", "hijri" <-> enum; -1 when unknown. */
int calendar_parse_name(const char *name);
const char *calendar_name(enum calendar c);
int digits_parse_name(const char *name);

/* Converts a Gregorian date to the calendar's fields, and back. cal_to_gregorian
 * refuses a day that does not exist there (1402/12/30, 1403/07/31). */
int cal_from_gregorian(struct ymd g, enum calendar c, struct ymd *out);
int cal_to_gregorian(struct ymd in, enum calendar c, struct ymd *g);

/* "2025-03-20" -> "1403/12/30" (or "۱۴۰۳/۱۲/۳۰" with Persian digits). */
int date_format(const char *iso, enum calendar c, enum digits d, char *out, size_t outlen);
/* What a user typed ("1403/12/30", "۱۴۰۳-۱۲-۳۰", "1403/1/5") -> "2025-03-20". */
int date_parse(const char *text, enum calendar c, char iso[11]);

/* A stored UTC timestamp ("2025-03-20 08:30:00", fractions ignored) as
 * local date and time in time zone tz (IANA name): "1403/12/30 12:00". */
int datetime_format(const char *utc, const char *tz, enum calendar c, enum digits d, char *out, size_t outlen);

/* ASCII digits in s shown in the given digits. */
int digits_localize(const char *s, enum digits d, char *out, size_t outlen);

/* The form of text kept for search: Arabic yeh/kaf folded to Persian,
 * ZWNJ, tatweel and Arabic diacritics removed, Persian and Arabic-Indic
 * digits folded to Latin. */
int text_normalize(const char *in, char *out, size_t outlen);

/* text_normalize, then case-folded (Turkish and English letters): the form
 * search terms are kept and typed in. */
int text_search_key(const char *in, char *out, size_t outlen);

struct buf;
/* Appends the SQL of expr (a column, fixed in code) folded as text_search_key folds, for a
 * LIKE under the tables' utf8mb4_unicode_ci against a text_search_key of what was typed: the
 * collation does the case and the digits, the expression the rest. */
int text_fold_sql(struct buf *sql, const char *expr);

#endif

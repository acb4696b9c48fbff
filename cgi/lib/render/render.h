/* libcrm area render: Pages from ClearSilver templates; values as the user reads them; form messages; preferences. */
#ifndef CRM_LIB_RENDER_H
#define CRM_LIB_RENDER_H

#include "http/http.h"

/* ---- render ---- */
/* Pages from ClearSilver templates, escaped for HTML by default. */
/* Loads html/lang/{fa,en,tr}.hdf once per worker. */
int render_init(const struct crm_config *cfg);
void render_shutdown(void);
/* True when lang is one we have strings for. */
int lang_known(const char *lang);
/* A string of the request's language (key under Lang.), or the key itself. */
const char *lang_str(const struct req *r, const char *key);

/* Gives r->hdf the language strings and the data every page uses. */
int render_begin(struct req *r);
/* Ends the request's use of r->hdf (the main loop calls it before req_free). */
void render_release(struct req *r);
/* Renders a template into the response; returns the HTTP status to send. */
int render(struct req *r, const char *template);
/* An error page for status in the user's language; returns status. */
int reply_error(struct req *r, int status);
/* The error page a failed database call deserves: 503 when the database is
 * unreachable, 404 for CRM_ENOTFOUND (absent or outside the user's scope), else 500. */
int reply_db_error(struct req *r, int rc);
/* Renders a template against hdf into out (used by render and by tests). */
int render_to_buf(HDF *hdf, const char *templates_dir, const char *template, struct buf *out);

/* prefix.N.name for every module of the registry, in its order (filters, choices). */
int registry_hdf(struct req *r, const char *prefix);

/* ---- render_values ---- */
/* Values as the user reads them: dates in their calendar, digits in their
 * numbering system. Handlers store raw values in HDF through these. */
/* key = the ISO date in the user's calendar and digits ("" for NULL). */
int hdf_set_date(struct req *r, const char *key, const char *iso);
/* key = a stored UTC timestamp as local date and time. */
int hdf_set_datetime(struct req *r, const char *key, const char *utc);
/* key = digits of s in the user's numbering system. */
int hdf_set_digits(struct req *r, const char *key, const char *s);
/* For rows prefix.0 .. prefix.(count-1): rewrites each named column in place,
 * keeping the raw value as <column>_raw. kind: 'd' date, 't' timestamp, 'n' digits. */
int hdf_localize_rows(struct req *r, const char *prefix, int count, const char *columns, char kind);
/* A date the user typed in their calendar (and any digits) -> ISO. */
int req_date(struct req *r, const char *name, char iso[11]);

/* ---- form ---- */
/* Validation messages for a form shown again after bad input. */
/* Form.errors.<field> = the message under Lang.<lang_key>; marks the form failed. */
int form_error(struct req *r, const char *field, const char *lang_key);
/* Form.errors.<field> = "too long (at most maxchars characters)" in the user's language and digits. */
int form_too_long(struct req *r, const char *field, size_t maxchars);
int form_failed(const struct req *r);
/* Sets key to value in the page data (value NULL: empty). */
int hdf_put(struct req *r, const char *key, const char *value);
int hdf_putf(struct req *r, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- prefs ---- */
/* A user's display preferences: language, calendar, digits, first day of week. */
struct prefs {
	char lang[4];
	char calendar[16];
	char digits[16];
	long long week_start;
};

/* Reads the fields lang, calendar, digits, week_start of a form; each bad one
 * becomes a message on its field (form_error). */
void prefs_read(struct req *r, struct prefs *p);

#endif

/* Values as the user reads them: dates in their calendar, digits in their
 * numbering system. Handlers store raw values in HDF through these. */
#ifndef CRM_RENDER_VALUES_H
#define CRM_RENDER_VALUES_H

#include "req.h"

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

#endif

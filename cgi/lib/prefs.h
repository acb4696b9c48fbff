/* A user's display preferences: language, calendar, digits, first day of week. */
#ifndef CRM_PREFS_H
#define CRM_PREFS_H

#include "req.h"

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

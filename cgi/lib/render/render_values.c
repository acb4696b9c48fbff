#include "render/render.h"
#include "i18n/i18n.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>

static int set(struct req *r, const char *key, const char *value)
{
	NEOERR *err = hdf_set_value(r->hdf, key, value);

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	return CRM_OK;
}

int hdf_set_date(struct req *r, const char *key, const char *iso)
{
	char text[DATE_TEXT_MAX];

	if (!iso || !*iso)
		return set(r, key, "");
	if (date_format(iso, (enum calendar)r->user.calendar, (enum digits)r->user.digits, text, sizeof(text)) != CRM_OK)
		return set(r, key, iso); /* never hide a stored value, even an odd one */
	return set(r, key, text);
}

int hdf_set_datetime(struct req *r, const char *key, const char *utc)
{
	char text[DATE_TEXT_MAX];

	if (!utc || !*utc)
		return set(r, key, "");
	if (datetime_format(utc, r->cfg->timezone, (enum calendar)r->user.calendar, (enum digits)r->user.digits, text,
			    sizeof(text)) != CRM_OK)
		return set(r, key, utc);
	return set(r, key, text);
}

int hdf_set_digits(struct req *r, const char *key, const char *s)
{
	char text[512];

	if (!s)
		return set(r, key, "");
	if (digits_localize(s, (enum digits)r->user.digits, text, sizeof(text)) != CRM_OK)
		return set(r, key, s);
	return set(r, key, text);
}

int hdf_localize_rows(struct req *r, const char *prefix, int count, const char *columns, char kind)
{
	char key[256], raw_key[300], col[64];

	for (int i = 0; i < count; i++) {
		for (const char *c = columns; *c;) {
			size_t n = strcspn(c, ",");
			const char *v;
			int rc;

			snprintf(col, sizeof(col), "%.*s", (int)(n < sizeof(col) ? n : sizeof(col) - 1), c);
			c += n + (c[n] == ',');
			snprintf(key, sizeof(key), "%s.%d.%s", prefix, i, col);
			v = hdf_get_value(r->hdf, key, NULL);
			if (!v)
				continue;
			snprintf(raw_key, sizeof(raw_key), "%s_raw", key);
			if (set(r, raw_key, v) != CRM_OK)
				return CRM_ERR;
			v = hdf_get_value(r->hdf, raw_key, "");
			rc = kind == 'd' ? hdf_set_date(r, key, v) : kind == 't' ? hdf_set_datetime(r, key, v)
									  : hdf_set_digits(r, key, v);
			if (rc != CRM_OK)
				return rc;
		}
	}
	return CRM_OK;
}

int req_date(struct req *r, const char *name, char iso[11])
{
	const char *v = req_param(r, name);

	if (!v || !*v)
		return CRM_ENOTFOUND;
	return date_parse(v, (enum calendar)r->user.calendar, iso);
}

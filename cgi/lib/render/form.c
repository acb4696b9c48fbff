#include "render/render.h"
#include "core/core.h"
#include "i18n/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int hdf_put(struct req *r, const char *key, const char *value)
{
	NEOERR *err = hdf_set_value(r->hdf, key, value ? value : "");

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	return CRM_OK;
}

int hdf_putf(struct req *r, const char *key, const char *fmt, ...)
{
	char value[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	return hdf_put(r, key, value);
}

int form_error(struct req *r, const char *field, const char *lang_key)
{
	char key[128];

	snprintf(key, sizeof(key), "Form.errors.%s", field);
	if (hdf_put(r, key, lang_str(r, lang_key)) != CRM_OK)
		return CRM_ERR;
	return hdf_put(r, "Form.failed", "1");
}

int form_too_long(struct req *r, const char *field, size_t maxchars)
{
	const char *text = lang_str(r, "form.too_long");
	const char *at = strstr(text, "{n}");
	char n[32], digits[96], msg[512], key[128];

	snprintf(n, sizeof(n), "%zu", maxchars);
	if (digits_localize(n, (enum digits)r->user.digits, digits, sizeof(digits)) != CRM_OK)
		snprintf(digits, sizeof(digits), "%s", n);
	/* the number goes where the language puts it; never a format string from a file */
	if (at)
		snprintf(msg, sizeof(msg), "%.*s%s%s", (int)(at - text), text, digits, at + 3);
	else
		snprintf(msg, sizeof(msg), "%s", text);
	snprintf(key, sizeof(key), "Form.errors.%s", field);
	if (hdf_put(r, key, msg) != CRM_OK)
		return CRM_ERR;
	return hdf_put(r, "Form.failed", "1");
}

int form_failed(const struct req *r)
{
	return hdf_get_int_value(r->hdf, "Form.failed", 0) != 0;
}

int registry_hdf(struct req *r, const char *prefix)
{
	const struct crm_registry *reg = &r->cfg->registry;
	char key[128];

	for (unsigned i = 0; i < reg->n; i++) {
		snprintf(key, sizeof(key), "%s.%u.name", prefix, i);
		if (hdf_put(r, key, reg->modules[i].name) != CRM_OK)
			return CRM_ERR;
	}
	return CRM_OK;
}

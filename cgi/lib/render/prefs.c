#include "render/render.h"
#include "i18n/i18n.h"
#include "core/core.h"

void prefs_read(struct req *r, struct prefs *p)
{
	if (req_text(r, "lang", 3, p->lang, sizeof(p->lang)) != CRM_OK || !lang_known(p->lang))
		form_error(r, "lang", "admin.err.choice");
	if (req_text(r, "calendar", 15, p->calendar, sizeof(p->calendar)) != CRM_OK || calendar_parse_name(p->calendar) < 0)
		form_error(r, "calendar", "admin.err.choice");
	if (req_text(r, "digits", 15, p->digits, sizeof(p->digits)) != CRM_OK || digits_parse_name(p->digits) < 0)
		form_error(r, "digits", "admin.err.choice");
	if (req_int(r, "week_start", 0, 6, &p->week_start) != CRM_OK)
		form_error(r, "week_start", "admin.err.choice");
}

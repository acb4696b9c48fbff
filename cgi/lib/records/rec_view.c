/* A record as its page reads it (not as a form): each field that holds something, by its label,
 * its value as the page shows values, written to HDF once. */
#include "records/records.h"

#include <stdio.h>
#include <string.h>

int rec_view_hdf(struct req *r, const struct rec_entity *e, const struct rec *rec, const char *prefix)
{
	char key[128], text[4 * 4000 + 1];
	int n = 0;

	for (unsigned i = 0; i < e->nfields && i < REC_MAX_FIELDS; i++) {
		const struct rec_field *f = &e->fields[i];
		const char *v = rec->val[i];
		int ltr = (f->flags & RF_LTR) || f->type == REC_DATE || f->type == REC_DATETIME || f->type == REC_MONEY ||
			  f->type == REC_INT || f->type == REC_EMAIL;

		if (f->type == REC_LINK || f->type == REC_LINKS)
			v = rec->label[i];
		/* nothing to read: an empty value, an unset flag, a link out of the reader's scope */
		if (!v || !*v || (f->type == REC_FLAG && strcmp(v, "1")))
			continue;
		if (f->type == REC_LINK || f->type == REC_LINKS)
			snprintf(text, sizeof(text), "%s", v);
		else if (rec_value_text(r, f, v, text, sizeof(text)) != CRM_OK)
			return CRM_ERR;
#define PUT(k, val)                                                         \
	do {                                                                \
		snprintf(key, sizeof(key), "%s.%d.%s", prefix, n, (k));     \
		if (hdf_put(r, key, (val)) != CRM_OK)                       \
			return CRM_ERR;                                     \
	} while (0)
		PUT("name", f->name);
		PUT("label", rec_field_label(r, e, f));
		PUT("text", text);
		PUT("ltr", ltr ? "1" : "0");
		PUT("long", f->type == REC_LONGTEXT ? "1" : "0");
		PUT("section", f->section ? f->section : "");
#undef PUT
		n++;
	}
	return CRM_OK;
}

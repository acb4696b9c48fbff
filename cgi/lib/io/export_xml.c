/* XML: one element structure for every list, described by conf/export.xsd.
 * Values are stored forms (ISO dates, UTC timestamps, Latin digits); dates
 * also carry the user's calendar text in a "local" attribute. */
#include "core/core.h"
#include "io/io.h"

#include <time.h>

static const char *const type_names[] = { "text", "integer", "money", "date", "datetime" };

static int xml_begin(struct export *x)
{
	FILE *fp = x->fp;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	int rc = CRM_OK;

	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<export xmlns=\"urn:crm:export:1\" list=\"") < 0 ||
	    export_put_escaped(fp, x->list) || fprintf(fp, "\" lang=\"%s\" generated=\"%s\">\n  <title>", x->r->lang, now) < 0 ||
	    export_put_escaped(fp, x->title) || fputs("</title>\n  <filters>\n", fp) < 0)
		return CRM_ERR;
	for (unsigned i = 0; rc == CRM_OK && i < x->nfilters; i++) {
		if (fputs("    <filter label=\"", fp) < 0 || export_put_escaped(fp, x->filters[i].label) ||
		    fputs("\">", fp) < 0 || export_put_escaped(fp, x->filters[i].value) || fputs("</filter>\n", fp) < 0)
			rc = CRM_ERR;
	}
	if (rc == CRM_OK && fputs("  </filters>\n  <columns>\n", fp) < 0)
		rc = CRM_ERR;
	for (unsigned c = 0; rc == CRM_OK && c < x->ncols; c++) {
		if (fputs("    <column key=\"", fp) < 0 || export_put_escaped(fp, x->cols[c]->key) ||
		    fprintf(fp, "\" type=\"%s\">", type_names[x->cols[c]->type]) < 0 ||
		    export_put_escaped(fp, x->cols[c]->label) || fputs("</column>\n", fp) < 0)
			rc = CRM_ERR;
	}
	if (rc == CRM_OK && fputs("  </columns>\n  <rows>\n", fp) < 0)
		rc = CRM_ERR;
	return rc;
}

static int xml_row(struct export *x, const char *const *values)
{
	FILE *fp = x->fp;
	char local[128];

	if (fputs("    <row>", fp) < 0)
		return CRM_ERR;
	for (unsigned c = 0; c < x->ncols; c++) {
		const struct export_column *col = x->cols[c];
		const char *v = values[c];

		if (fputs("<v k=\"", fp) < 0 || export_put_escaped(fp, col->key) || putc('"', fp) == EOF)
			return CRM_ERR;
		if (!v) {
			if (fputs(" null=\"true\"/>", fp) < 0)
				return CRM_ERR;
			continue;
		}
		if ((col->type == EXPORT_DATE || col->type == EXPORT_DATETIME) && v[0]) {
			if (export_local_text(x, col->type, v, local, sizeof(local)) != CRM_OK ||
			    fputs(" local=\"", fp) < 0 || export_put_escaped(fp, local) || putc('"', fp) == EOF)
				return CRM_ERR;
		}
		if (putc('>', fp) == EOF || export_put_escaped(fp, v) || fputs("</v>", fp) < 0)
			return CRM_ERR;
	}
	return fputs("</row>\n", fp) < 0 ? CRM_ERR : CRM_OK;
}

static int xml_end(struct export *x)
{
	return fprintf(x->fp, "  </rows>\n  <count>%lld</count>\n</export>\n", x->rows) < 0 ? CRM_ERR : CRM_OK;
}

static void xml_abort(struct export *x)
{
	(void)x;
}

const struct export_writer_ops export_xml_ops = { xml_begin, xml_row, xml_end, xml_abort };

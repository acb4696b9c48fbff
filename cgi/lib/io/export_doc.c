/* Word-compatible HTML (.doc): Word and LibreOffice Writer open it as a
 * document. A title, the filters, then the table; right-to-left for Persian.
 * Values are as the user reads them (their calendar and digits). */
#include "core/core.h"
#include "io/io.h"

#include <string.h>

static int doc_begin(struct export *x)
{
	FILE *fp = x->fp;
	int rtl = !strcmp(x->r->lang, "fa");
	int rc = CRM_OK;

	if (fprintf(fp,
		    "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
		    "xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns=\"http://www.w3.org/TR/REC-html40\" "
		    "lang=\"%s\" dir=\"%s\">\n<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n"
		    "<title>",
		    x->r->lang, rtl ? "rtl" : "ltr") < 0 ||
	    export_put_escaped(fp, x->title) ||
	    fprintf(fp,
		    "</title>\n<style>body{font-family:Vazirmatn,Tahoma,Arial,sans-serif;font-size:10pt}"
		    "table{border-collapse:collapse}th,td{border:1px solid #999;padding:2pt 4pt;vertical-align:top}"
		    "th{background:#eee}</style>\n</head>\n<body dir=\"%s\">\n<h1>",
		    rtl ? "rtl" : "ltr") < 0 ||
	    export_put_escaped(fp, x->title) || fputs("</h1>\n", fp) < 0)
		return CRM_ERR;
	if (x->nfilters && fputs("<p class=\"filters\">", fp) < 0)
		return CRM_ERR;
	for (unsigned i = 0; rc == CRM_OK && i < x->nfilters; i++) {
		if ((i && fputs(" · ", fp) < 0) || export_put_escaped(fp, x->filters[i].label) || fputs(": <b>", fp) < 0 ||
		    export_put_escaped(fp, x->filters[i].value) || fputs("</b>", fp) < 0)
			rc = CRM_ERR;
	}
	if (rc == CRM_OK && x->nfilters && fputs("</p>\n", fp) < 0)
		rc = CRM_ERR;
	if (rc == CRM_OK && fputs("<table>\n<thead><tr>", fp) < 0)
		rc = CRM_ERR;
	for (unsigned c = 0; rc == CRM_OK && c < x->ncols; c++)
		if (fputs("<th>", fp) < 0 || export_put_escaped(fp, x->cols[c]->label) || fputs("</th>", fp) < 0)
			rc = CRM_ERR;
	if (rc == CRM_OK && fputs("</tr></thead>\n<tbody>\n", fp) < 0)
		rc = CRM_ERR;
	return rc;
}

static int doc_row(struct export *x, const char *const *values)
{
	FILE *fp = x->fp;
	char local[128];

	if (fputs("<tr>", fp) < 0)
		return CRM_ERR;
	for (unsigned c = 0; c < x->ncols; c++) {
		const char *v = values[c];

		if (x->cols[c]->type != EXPORT_TEXT) {
			if (export_local_text(x, x->cols[c]->type, v, local, sizeof(local)) != CRM_OK)
				return CRM_ERR;
			v = local;
		}
		if (fputs("<td>", fp) < 0 || export_put_escaped(fp, v) || fputs("</td>", fp) < 0)
			return CRM_ERR;
	}
	return fputs("</tr>\n", fp) < 0 ? CRM_ERR : CRM_OK;
}

static int doc_end(struct export *x)
{
	return fprintf(x->fp, "</tbody>\n</table>\n<p>%lld</p>\n</body>\n</html>\n", x->rows) < 0 ? CRM_ERR : CRM_OK;
}

static void doc_abort(struct export *x)
{
	(void)x;
}

const struct export_writer_ops export_doc_ops = { doc_begin, doc_row, doc_end, doc_abort };

#include "render/render.h"
#include "core/core.h"

#include <cgi/cgi.h>
#include <stdio.h>
#include <string.h>

static const char *const langs[] = { "fa", "en", "tr" };
static HDF *lang_hdf[3];
/* Per language, a page tree holding Lang.* once: a request borrows it, adds its
 * own top-level nodes and render_release removes them, so the strings are not
 * copied for every request (that copy was a large part of a page's cost). */
static HDF *page_hdf[3];
static const struct crm_config *render_cfg;

static void log_neoerr(const char *what, NEOERR *err)
{
	STRING s;

	string_init(&s);
	nerr_error_traceback(err, &s);
	crm_log("%s: %s", what, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
}

int render_init(const struct crm_config *cfg)
{
	char path[600];

	render_cfg = cfg;
	for (size_t i = 0; i < CRM_ARRAY_LEN(langs); i++) {
		NEOERR *err = hdf_init(&lang_hdf[i]);

		snprintf(path, sizeof(path), "%s/%s.hdf", cfg->lang_dir, langs[i]);
		if (err == STATUS_OK)
			err = hdf_read_file(lang_hdf[i], path);
		if (err == STATUS_OK)
			err = hdf_init(&page_hdf[i]);
		if (err == STATUS_OK)
			err = hdf_copy(page_hdf[i], "Lang", lang_hdf[i]);
		if (err != STATUS_OK) {
			log_neoerr(path, err);
			return CRM_ERR;
		}
	}
	return CRM_OK;
}

/* Parsed templates, per language tree: a template and its includes are read
 * and parsed once per worker, then rendered against the borrowed tree (its
 * set: writes land in the request's own nodes, which render_release removes).
 * A worker therefore sees template edits after a restart. */
struct parsed_template {
	char name[128];
	HDF *tree;
	CSPARSE *cs;
};
static struct parsed_template parsed[96];
static size_t nparsed;

void render_shutdown(void)
{
	for (size_t i = 0; i < nparsed; i++)
		cs_destroy(&parsed[i].cs);
	nparsed = 0;
	for (size_t i = 0; i < CRM_ARRAY_LEN(langs); i++) {
		if (lang_hdf[i])
			hdf_destroy(&lang_hdf[i]);
		if (page_hdf[i])
			hdf_destroy(&page_hdf[i]);
	}
}

static HDF *page_tree(const char *lang)
{
	for (size_t i = 0; i < CRM_ARRAY_LEN(langs); i++)
		if (strcmp(lang, langs[i]) == 0)
			return page_hdf[i];
	return NULL;
}

void render_release(struct req *r)
{
	char names[64][64];
	size_t n;

	if (!r->hdf)
		return;
	/* everything but Lang and the kept reference data (refdata.c) goes: the next
	 * request starts from those alone */
	do {
		n = 0;
		for (HDF *c = hdf_obj_child(r->hdf); c && n < CRM_ARRAY_LEN(names); c = hdf_obj_next(c))
			if (strcmp(hdf_obj_name(c), "Lang") && strcmp(hdf_obj_name(c), "Ref") && strcmp(hdf_obj_name(c), "RefVersion"))
				snprintf(names[n++], sizeof(names[0]), "%s", hdf_obj_name(c));
		for (size_t i = 0; i < n; i++) {
			NEOERR *err = hdf_remove_tree(r->hdf, names[i]);

			if (err != STATUS_OK)
				log_neoerr("render_release", err);
		}
	} while (n == CRM_ARRAY_LEN(names));
	r->hdf = NULL;
}

static HDF *lang_tree(const char *lang)
{
	for (size_t i = 0; i < CRM_ARRAY_LEN(langs); i++)
		if (strcmp(lang, langs[i]) == 0)
			return lang_hdf[i];
	return NULL;
}

int lang_known(const char *lang)
{
	return lang && lang_tree(lang) != NULL;
}

const char *lang_str(const struct req *r, const char *key)
{
	HDF *t = lang_tree(r->lang);

	return t ? hdf_get_value(t, key, key) : key;
}

int render_begin(struct req *r)
{
	NEOERR *err;
	HDF *t;

	if (r->hdf)
		return CRM_OK;
	if (!lang_known(r->lang))
		snprintf(r->lang, sizeof(r->lang), "%s", render_cfg->default_lang);
	t = lang_tree(r->lang);
	r->hdf = page_tree(r->lang);
	err = hdf_set_value(r->hdf, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Page.lang", r->lang);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Page.dir", hdf_get_value(t, "dir", "ltr"));
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Page.path", r->path);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Page.module", r->module);
	/* the country a phone number is in unless it says another (Site.DefaultCountryCode) */
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Page.country_code", render_cfg->default_country_code);
	if (err == STATUS_OK && r->csrf[0])
		err = hdf_set_value(r->hdf, "Page.csrf", r->csrf);
	if (err != STATUS_OK) {
		log_neoerr("render_begin", err);
		return CRM_ERR;
	}
	return CRM_OK;
}

static NEOERR *append_out(void *ctx, char *s)
{
	struct buf *b = ctx;

	if (buf_puts(b, s) != CRM_OK)
		return nerr_raise(NERR_NOMEM, "out of memory");
	return STATUS_OK;
}

int render_to_buf(HDF *hdf, const char *templates_dir, const char *template, struct buf *out)
{
	CSPARSE *cs = NULL;
	NEOERR *err;

	/* Escaping on for every var:, whatever the caller put in the HDF. */
	err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "hdf.loadpaths.0", templates_dir);
	if (err == STATUS_OK)
		err = cs_init(&cs, hdf);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(cs);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, template);
	if (err == STATUS_OK)
		err = cs_render(cs, out, append_out);
	cs_destroy(&cs);
	if (err != STATUS_OK) {
		log_neoerr(template, err);
		return CRM_ERR;
	}
	return CRM_OK;
}

/* The parse of template against tree, made on first use. NULL on failure (logged). */
static CSPARSE *template_parsed(HDF *tree, const char *template)
{
	CSPARSE *cs = NULL;
	NEOERR *err;

	for (size_t i = 0; i < nparsed; i++)
		if (parsed[i].tree == tree && strcmp(parsed[i].name, template) == 0)
			return parsed[i].cs;
	err = hdf_set_value(tree, "hdf.loadpaths.0", render_cfg->templates);
	if (err == STATUS_OK)
		err = cs_init(&cs, tree);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(cs);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, template);
	if (err != STATUS_OK) {
		log_neoerr(template, err);
		cs_destroy(&cs);
		return NULL;
	}
	if (nparsed < CRM_ARRAY_LEN(parsed) && strlen(template) < sizeof(parsed[0].name)) {
		snprintf(parsed[nparsed].name, sizeof(parsed[0].name), "%s", template);
		parsed[nparsed].tree = tree;
		parsed[nparsed++].cs = cs;
	}
	return cs;
}

static void template_done(CSPARSE *cs)
{
	for (size_t i = 0; i < nparsed; i++)
		if (parsed[i].cs == cs)
			return;
	cs_destroy(&cs); /* the cache was full: this one was for once */
}

int render(struct req *r, const char *template)
{
	CSPARSE *cs;
	NEOERR *err;
	int rc = CRM_ERR;

	if (render_begin(r) != CRM_OK)
		return resp_text(r, 500, "text/plain; charset=utf-8", "500 internal error\n");
	buf_reset(&r->out);
	cs = template_parsed(r->hdf, template);
	if (cs) {
		err = cs_render(cs, &r->out, append_out);
		if (err == STATUS_OK)
			rc = CRM_OK;
		else
			log_neoerr(template, err);
		template_done(cs);
	}
	if (rc != CRM_OK) {
		buf_reset(&r->out);
		return resp_text(r, 500, "text/plain; charset=utf-8", "500 internal error\n");
	}
	if (!r->status)
		r->status = 200;
	return r->status;
}

int reply_error(struct req *r, int status)
{
	char key[64];
	NEOERR *err;

	if (render_begin(r) != CRM_OK)
		return resp_text(r, status, "text/plain; charset=utf-8", "error\n");
	snprintf(key, sizeof(key), "error.e%d", status);
	if (!hdf_get_obj(r->hdf, "Lang.error") || !hdf_get_valuef(r->hdf, "Lang.%s.title", key))
		snprintf(key, sizeof(key), "error.e%d", status >= 500 ? 500 : 400);
	const char *title = hdf_get_valuef(r->hdf, "Lang.%s.title", key);
	const char *text = hdf_get_valuef(r->hdf, "Lang.%s.text", key);

	err = hdf_set_int_value(r->hdf, "Error.status", status);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Error.title", title ? title : "Error");
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Error.text", text ? text : "");
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return resp_text(r, status, "text/plain; charset=utf-8", "error\n");
	}
	r->status = status;
	return render(r, "error.cs");
}

int reply_db_error(struct req *r, int rc)
{
	return reply_error(r, rc == CRM_EDBDOWN ? 503 : rc == CRM_ENOTFOUND ? 404 : 500);
}

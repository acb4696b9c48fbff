/* Templates rendered with hostile data: every payload must come out inert.
 * 1. tests/templates/xss.cs, which uses each output context, must match
 *    tests/templates/expected/xss.html exactly.
 * 2. Every page template, in every language, rendered with payloads in each
 *    data field the templates read (found in html/templates, not listed
 *    here), must contain none of them in live form.
 * Prints "N passed, N failed". */
#include "core/core.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>

static const char *const payloads[] = {
	"<script>alert(1)</script>",
	"\"><img src=x onerror=alert(1)>",
	"javascript:alert(1)",
	"' onmouseover='alert(1)",
};

/* What must never appear in the output: the payloads in live form. */
static const char *const live_forms[] = {
	"<script>alert", "<img src=x", "onerror=alert(1)>", "href=\"javascript:", "' onmouseover='",
};

static int passed, failed;

static void result(const char *name, int ok)
{
	printf("%s %s\n", ok ? "ok  " : "FAIL", name);
	if (ok)
		passed++;
	else
		failed++;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return b.p ? b.p : strdup("");
}

static void xss_contexts(void)
{
	HDF *hdf;
	struct buf out = { 0 };
	char *expected = read_file("tests/templates/expected/xss.html");
	int ok;

	hdf_init(&hdf);
	hdf_set_value(hdf, "P.text", payloads[0]);
	hdf_set_value(hdf, "P.attr", payloads[1]);
	hdf_set_value(hdf, "P.url", payloads[2]);
	hdf_set_value(hdf, "P.good_url", "https://example.com/a?b=1&c=2");
	hdf_set_value(hdf, "List.0.name", payloads[3]);
	hdf_set_value(hdf, "List.1.name", payloads[0]);
	ok = render_to_buf(hdf, "tests/templates", "xss.cs", &out) == CRM_OK && expected && out.p &&
	     strcmp(out.p, expected) == 0;
	if (!ok && getenv("TEMPLATE_TESTS_SHOW"))
		fprintf(stderr, "---- got ----\n%s\n", out.p ? out.p : "(nothing)");
	result("xss_contexts_match_expected", ok);
	free(expected);
	buf_free(&out);
	hdf_destroy(&hdf);
}

/* The data names the templates read, found in the templates themselves, so a
 * new field is filled with payloads without anyone listing it here:
 *   Party.code                    named outright
 *   each:r = Rows ... r.code      Rows.0.code (and each inside each)
 *   def:m(x) ... x.name_fa        with call:m(Roles.0): Roles.0.name_fa
 *   Edit[name], call:m("brand")   Edit.brand
 *   each:f = Lang.x.shown ... Party[name(f) + "_text"]
 *                                 Party.<each name under Lang.x.shown>_text
 * Inside the finder, "@m#i" stands for parameter i of macro m and "{Lang.x}"
 * for each child name of Lang.x; neither is filled as such. */
#define MAX_NAMES 4096
#define MAX_ALIASES 256
#define MAX_CALLS 512
static char *names[MAX_NAMES];
static size_t nnames;

struct alias {
	char name[64];
	char path[256];
};

struct call {
	char macro[64];
	int arg;
	char value[256];
};
static struct call calls[MAX_CALLS];
static size_t ncalls;

struct finder {
	struct alias al[MAX_ALIASES];
	size_t nal, macro_nal;
	char macro[64];
};

static void name_add(const char *path)
{
	/* Lang holds the strings, Config the escaping mode: neither is data a user controls */
	if (!strcmp(path, "Lang") || !strncmp(path, "Lang.", 5) || !strcmp(path, "Config") || !strncmp(path, "Config.", 7) ||
	    !strcmp(path, "Page.step"))
		return;
	for (size_t i = 0; i < nnames; i++)
		if (!strcmp(names[i], path))
			return;
	if (nnames < MAX_NAMES)
		names[nnames++] = strdup(path);
}

static int ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t')
		p++;
	return p;
}

/* A "string" at p into out (without quotes); the end of it. */
static const char *string_at(const char *p, char *out, size_t outlen)
{
	size_t n = 0;

	for (p++; *p && *p != '"'; p++) {
		if (*p == '\\' && p[1])
			p++;
		if (n + 1 < outlen)
			out[n++] = *p;
	}
	out[n] = '\0';
	return *p ? p + 1 : p;
}

static const struct alias *alias_of(const struct finder *f, const char *word, size_t n)
{
	for (size_t i = f->nal; i-- > 0;)
		if (strlen(f->al[i].name) == n && !strncmp(f->al[i].name, word, n))
			return &f->al[i];
	return NULL;
}

static int is_data(const char *path)
{
	return (path[0] >= 'A' && path[0] <= 'Z') || path[0] == '@';
}

static int path_at(const char **pp, const struct finder *f, char *out, size_t outlen);

/* What [index] adds to a path: ".lit", ".@m#i", ".{Lang.x}suffix" or ".0". */
static void index_at(const char **pp, const struct finder *f, struct buf *b)
{
	const char *p = skip_space(*pp + 1), *end = strchr(p, ']');
	char v[256] = "";

	if (!end)
		end = p + strlen(p);
	if (*p == '"') {
		string_at(p, v, sizeof(v));
		buf_printf(b, ".%s", v);
	} else if (!strncmp(p, "name(", 5)) {
		const char *x = p + 5;
		const struct alias *a;
		size_t n = 0;

		while (ident_char(x[n]))
			n++;
		a = alias_of(f, x, n);
		x = skip_space(strchr(x, ')') ? strchr(x, ')') + 1 : x);
		if (a && !strncmp(a->path, "Lang.", 5) && strlen(a->path) > 2) {
			buf_printf(b, ".{%.*s}", (int)strlen(a->path) - 2, a->path); /* the each's node, without .0 */
			if (*x == '+' && *(x = skip_space(x + 1)) == '"') {
				string_at(x, v, sizeof(v));
				buf_puts(b, v);
			}
		} else {
			buf_puts(b, ".0");
		}
	} else {
		const char *x = p;

		if (ident_char(*x) && path_at(&x, f, v, sizeof(v)) && v[0] == '@' && !strchr(v, '.')) {
			buf_printf(b, ".%s", v);
		} else {
			if (v[0] && is_data(v))
				name_add(v); /* the index is data too: Lang.x[Filter.level] */
			buf_puts(b, ".0");
		}
	}
	*pp = *end ? end + 1 : end;
}

/* The path starting at *pp (a.b[c].d) into out, with a loop variable, with:
 * name or macro parameter in front replaced by what it stands for; 0 if it is
 * no data name. */
static int path_at(const char **pp, const struct finder *f, char *out, size_t outlen)
{
	const char *p = *pp;
	const struct alias *a;
	struct buf b = { 0 };
	size_t n = 0;
	int ok;

	while (ident_char(p[n]))
		n++;
	if (*skip_space(p + n) == '(' || (p[0] >= '0' && p[0] <= '9')) {
		*pp = p + n;
		return 0; /* a function or macro name, or a number */
	}
	if ((a = alias_of(f, p, n)) != NULL)
		buf_puts(&b, a->path);
	else
		buf_printf(&b, "%.*s", (int)n, p);
	for (p += n;;) {
		if (*p == '.' && ident_char(p[1])) {
			for (n = 1; ident_char(p[n]); n++)
				;
			buf_append(&b, p, n);
			p += n;
		} else if (*p == '[') {
			index_at(&p, f, &b);
		} else {
			break;
		}
	}
	*pp = p;
	ok = b.p && is_data(b.p) && snprintf(out, outlen, "%s", b.p) < (int)outlen;
	buf_free(&b);
	return ok;
}

static void call_add(const char *macro, int arg, const char *value)
{
	if (ncalls < MAX_CALLS) {
		snprintf(calls[ncalls].macro, sizeof(calls[ncalls].macro), "%s", macro);
		calls[ncalls].arg = arg;
		snprintf(calls[ncalls].value, sizeof(calls[ncalls].value), "%s", value);
		ncalls++;
	}
}

/* call:m(a, "b", C.d): what each argument stands for. */
static void call_args(const char *c, const char *end, const struct finder *f)
{
	char macro[64], v[256];
	size_t n = 0;
	int arg = 0;

	while (ident_char(c[n]) && n + 1 < sizeof(macro))
		n++;
	snprintf(macro, sizeof(macro), "%.*s", (int)n, c);
	c = skip_space(c + n);
	if (*c != '(')
		return;
	for (c = skip_space(c + 1); c < end && *c != ')'; arg++) {
		if (*c == '"') {
			c = string_at(c, v, sizeof(v));
			call_add(macro, arg, v);
		} else if (ident_char(*c) && path_at(&c, f, v, sizeof(v))) {
			call_add(macro, arg, v);
		}
		while (c < end && *c != ',' && *c != ')')
			c++;
		if (*c == ',')
			c = skip_space(c + 1);
	}
}

static void alias_add(struct finder *f, const char *name, size_t n, const char *path)
{
	if (f->nal < MAX_ALIASES) {
		snprintf(f->al[f->nal].name, sizeof(f->al[f->nal].name), "%.*s", (int)n, name);
		snprintf(f->al[f->nal].path, sizeof(f->al[f->nal].path), "%s", path);
		f->nal++;
	}
}

/* def:m(a, b): its parameters stand for @m#0, @m#1 until /def. */
static void def_params(const char *c, struct finder *f)
{
	char path[128];
	size_t n = 0;
	int arg = 0;

	while (ident_char(c[n]) && n + 1 < sizeof(f->macro))
		n++;
	snprintf(f->macro, sizeof(f->macro), "%.*s", (int)n, c);
	f->macro_nal = f->nal;
	for (c = strchr(c, '('); c && *c && *c != ')'; arg++) {
		c = skip_space(c + 1);
		for (n = 0; ident_char(c[n]); n++)
			;
		snprintf(path, sizeof(path), "@%s#%d", f->macro, arg);
		if (n)
			alias_add(f, c, n, path);
		c = strpbrk(c, ",)");
	}
}

/* Every data name in one <?cs ... ?> command; each:/with:/def: define aliases. */
static void names_in_command(const char *c, const char *end, struct finder *f)
{
	char path[512];

	c = skip_space(c);
	if (c >= end || *c == '#' || !strncmp(c, "include:", 8) || !strncmp(c, "linclude:", 9))
		return;
	if (!strncmp(c, "/def", 4)) {
		f->nal = f->macro_nal;
		f->macro[0] = '\0';
		return;
	}
	if (!strncmp(c, "/each", 5) || !strncmp(c, "/with", 5) || !strncmp(c, "/loop", 5)) {
		if (f->nal > 0)
			f->nal--; /* the loop's name goes out of scope */
		return;
	}
	if (*c == '/')
		return;
	if (!strncmp(c, "def:", 4)) {
		def_params(c + 4, f);
		return;
	}
	if (!strncmp(c, "each:", 5) || !strncmp(c, "with:", 5) || !strncmp(c, "loop:", 5)) {
		int each = c[0] == 'e', loop = c[0] == 'l';
		const char *v = c + 5, *eq = memchr(v, '=', (size_t)(end - v)), *x;
		size_t n = 0;

		if (!eq)
			return;
		while (ident_char(v[n]))
			n++;
		x = skip_space(eq + 1);
		if (loop) {
			alias_add(f, v, n, "loop"); /* a number: lower case, no data */
		} else if (path_at(&x, f, path, sizeof(path)) && strlen(path) + 3 < sizeof(f->al[0].path)) {
			name_add(path);
			if (each)
				strcat(path, ".0");
			alias_add(f, v, n, path);
		} else {
			alias_add(f, v, n, "local");
		}
		return;
	}
	if (!strncmp(c, "call:", 5))
		call_args(c + 5, end, f);
	if ((c = memchr(c, ':', (size_t)(end - c))) == NULL)
		return; /* else: nothing named */
	for (c++; c < end;) {
		if (*c == '"') {
			c = string_at(c, path, sizeof(path));
		} else if (ident_char(*c) && !(c[-1] == '.' || ident_char(c[-1]))) {
			if (path_at(&c, f, path, sizeof(path)))
				name_add(path);
		} else {
			c++;
		}
	}
}

/* Macro parameters replaced by the arguments of each call, until nothing new
 * (a macro may pass its parameter on); then Lang children spelled out. */
static void names_resolve(HDF *lang)
{
	size_t before;
	char out[512], marker[256];

	do {
		before = nnames;
		for (size_t i = 0; i < nnames; i++) {
			const char *at = strchr(names[i], '@');

			for (size_t k = 0; at && k < ncalls; k++) {
				int len = snprintf(marker, sizeof(marker), "@%s#%d", calls[k].macro, calls[k].arg);
				size_t rest;

				if (strncmp(at, marker, (size_t)len) || ident_char(at[len]))
					continue;
				rest = strlen(at + len);
				if (snprintf(out, sizeof(out), "%.*s%s%.*s", (int)(at - names[i]), names[i], calls[k].value,
					     (int)rest, at + len) < (int)sizeof(out))
					name_add(out);
			}
		}
	} while (nnames > before);
	for (size_t i = 0, n = nnames; i < n; i++) {
		const char *open = strchr(names[i], '{'), *close = open ? strchr(open, '}') : NULL;
		HDF *node;

		if (!close || strchr(names[i], '@'))
			continue;
		snprintf(marker, sizeof(marker), "%.*s", (int)(close - open - 1 - 5), open + 1 + 5); /* without "Lang." */
		for (node = hdf_obj_child(hdf_get_obj(lang, marker)); node; node = hdf_obj_next(node))
			if (snprintf(out, sizeof(out), "%.*s%s%s", (int)(open - names[i]), names[i], hdf_obj_name(node),
				     close + 1) < (int)sizeof(out))
				name_add(out);
	}
}

static void names_in_text(const char *text)
{
	struct finder f = { .nal = 0 };

	for (const char *p = text; p && (p = strstr(p, "<?cs")) != NULL;) {
		const char *end = strstr(p, "?>");

		if (!end)
			break;
		names_in_command(p + 4, end, &f);
		p = end + 2;
	}
}

static void names_in_file(const char *path)
{
	char *text = read_file(path);

	names_in_text(text);
	free(text);
}

static int name_known(const char *path)
{
	for (size_t i = 0; i < nnames; i++)
		if (!strcmp(names[i], path))
			return 1;
	return 0;
}

static void names_clear(void)
{
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	nnames = ncalls = 0;
}

/* The finder itself: loops, nested loops, macros and their arguments, computed
 * indexes, strings, locals. */
static void names_found(void)
{
	static const char *const want[] = { "Rows", "Rows.0.code", "Rows.0.cells.0.x", "Party.icon", "Perm.a", "Held.0",
					    "Roles.0.name_fa", "Edit.brand", "Party.brand_text", "Party.income_text",
					    "Users.0.label", "Menu.0.url", "Languages.0.x" };
	static const char *const not_want[] = { "X.y", "i", "r.code", "Lang.a.b", "m", "Party.income" };
	HDF *lang;
	int ok = 1;

	hdf_init(&lang);
	hdf_set_value(lang, "shown.brand", "x");
	hdf_set_value(lang, "shown.income", "x");
	names_in_text("<?cs each:r = Rows ?><?cs var:r.code ?><?cs each:c = r.cells ?><?cs var:c.x ?>"
		      "<?cs call:m(Party.icon) ?><?cs if:Perm.a == \"X.y\" ?><?cs loop:i = 0, 3 ?><?cs var:i ?>"
		      "<?cs var:Lang.a.b ?><?cs each:h = Held ?><?cs var:Held[h.id] ?><?cs /each ?>"
		      "<?cs def:lname(x) ?><?cs var:x.name_fa ?><?cs call:label(x) ?><?cs /def ?>"
		      "<?cs def:label(y) ?><?cs var:y.label ?><?cs /def ?><?cs def:xtext(name, n) ?><?cs var:Edit[name] ?><?cs /def ?>"
		      "<?cs each:o = Roles ?><?cs call:lname(o) ?><?cs /each ?><?cs call:xtext(\"brand\", 12) ?>"
		      "<?cs each:u = Users ?><?cs call:label(u) ?><?cs /each ?><?cs with:m = Menu.0 ?><?cs var:m.url ?><?cs /with ?>"
		      "<?cs each:g = Languages ?><?cs var:g.x ?><?cs /each ?><?cs each:f = Lang.shown ?><?cs var:Party[name(f) + \"_text\"] ?><?cs /each ?>");
	names_resolve(lang);
	hdf_destroy(&lang);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (!name_known(want[i])) {
			fprintf(stderr, "  names: %s not found\n", want[i]);
			ok = 0;
		}
	for (size_t i = 0; i < sizeof(not_want) / sizeof(not_want[0]); i++)
		if (name_known(not_want[i])) {
			fprintf(stderr, "  names: %s taken for data\n", not_want[i]);
			ok = 0;
		}
	if (!ok && getenv("TEMPLATE_TESTS_SHOW"))
		for (size_t i = 0; i < nnames; i++)
			fprintf(stderr, "  found %s\n", names[i]);
	result("template_names_found", ok);
	names_clear();
}

static void names_in_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (n > 3 && !strcmp(e->d_name + n - 3, ".cs"))
			names_in_file(path);
		else
			names_in_dir(path);
	}
	closedir(d);
}

/* Puts payload p into every data name the templates read, then the values
 * that open the branches a payload would keep shut. */
static void fill_hostile(HDF *hdf, const char *p)
{
	for (size_t i = 0; i < nnames; i++)
		if (!strpbrk(names[i], "@{"))
			hdf_set_value(hdf, names[i], p);
	hdf_set_value(hdf, "Perm.admin.edit", "all");
	hdf_set_value(hdf, "Perm.parties.edit", "all");
	hdf_set_value(hdf, "Perm.parties.assign", "all");
	hdf_set_value(hdf, "Perm.parties.star", "all");
	hdf_set_value(hdf, "Perm.parties.export", "all");
	hdf_set_value(hdf, "Perm.admin.export", "all");
	hdf_set_value(hdf, "Perm.admin.purge", "all");
	hdf_set_value(hdf, "Perm.parties.create", "all");
	hdf_set_value(hdf, "Perm.parties.delete", "all");
	hdf_set_value(hdf, "Import.status", "done");
	/* a cell read at a key that is itself data (p[c.key]): the column named here */
	hdf_set_value(hdf, "Columns.1.key", "income");
	hdf_set_value(hdf, "Rows.0.income", p);
	hdf_set_value(hdf, "Channels.0.is_primary", "1");
	hdf_set_value(hdf, "Channels.1.type", "website");
	hdf_set_value(hdf, "Channels.1.value", "javascript:alert(1)");
	hdf_set_value(hdf, "Lookups.0.kind", "party_role");
	hdf_set_value(hdf, "Perm.admin.create", "all");
	hdf_set_value(hdf, "Perm.admin.activate", "all");
	hdf_set_value(hdf, "Form.conflict", "1");
	hdf_set_value(hdf, "Form.failed", "1");
	hdf_set_value(hdf, "Password.forced", "1");
	hdf_set_value(hdf, "Password.done", "1");
}

static void page_templates(const char *lang, const char *only)
{
	static const char *const pages[] = { "auth/login.cs", "auth/password.cs", "home/start.cs", "error.cs",
					     "admin/users.cs", "admin/user.cs", "admin/roles.cs", "admin/role.cs",
					     "admin/teams.cs", "admin/audit.cs", "admin/password_shown.cs",
					     "auth/preferences.cs", "parties/list.cs", "parties/party.cs", "parties/form.cs",
					     "parties/search.cs", "parties/results.cs", "parties/groups.cs",
					     "parties/lists.cs", "parties/list_entry.cs", "parties/places.cs", "admin/backups.cs",
					     "parties/ranks.cs",
					     /* one page in steps: template#Page.step */
					     "parties/import.cs#start", "parties/import.cs#map", "parties/import.cs#preview",
					     "parties/import.cs#view", "home/floor.cs" };
	char langfile[128], name[128];

	snprintf(langfile, sizeof(langfile), "html/lang/%s.hdf", lang);
	for (size_t t = 0; t < sizeof(pages) / sizeof(pages[0]); t++) {
		char tpl[128];
		const char *step = strchr(pages[t], '#');
		int ok = 1;

		snprintf(name, sizeof(name), "inert_%s_%s", lang, pages[t]);
		if (only && !strstr(name, only))
			continue;
		snprintf(tpl, sizeof(tpl), "%.*s", step ? (int)(step - pages[t]) : (int)strlen(pages[t]), pages[t]);

		for (size_t p = 0; p < sizeof(payloads) / sizeof(payloads[0]); p++) {
			HDF *hdf, *l;
			struct buf out = { 0 };

			hdf_init(&hdf);
			hdf_init(&l);
			if (hdf_read_file(l, langfile) != STATUS_OK || hdf_copy(hdf, "Lang", l) != STATUS_OK)
				ok = 0;
			fill_hostile(hdf, payloads[p]);
			if (step)
				hdf_set_value(hdf, "Page.step", step + 1);
			if (render_to_buf(hdf, "html/templates", tpl, &out) != CRM_OK || !out.p) {
				ok = 0;
			} else {
				for (size_t k = 0; k < sizeof(live_forms) / sizeof(live_forms[0]); k++) {
					if (strstr(out.p, live_forms[k])) {
						fprintf(stderr, "  %s: live \"%s\"\n", pages[t], live_forms[k]);
						ok = 0;
					}
				}
			}
			buf_free(&out);
			hdf_destroy(&hdf);
			hdf_destroy(&l);
		}
		result(name, ok);
	}
}

/* template_tests [FILTER]: only the tests whose name holds FILTER;
 * template_tests --names: the data names found in html/templates. */
int main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : NULL;

	HDF *lang;

	names_found();
	names_in_dir("html/templates");
	hdf_init(&lang);
	if (hdf_read_file(lang, "html/lang/en.hdf") != STATUS_OK)
		result("template_names_lang", 0);
	names_resolve(lang);
	hdf_destroy(&lang);
	if (only && !strcmp(only, "--names")) {
		for (size_t i = 0; i < nnames; i++)
			printf("%s\n", names[i]);
		return 0;
	}
	/* a finder that broke and found nothing would fill nothing and pass */
	result("template_names_many", nnames > 300);
	if (!only || strstr("xss_contexts_match_expected", only))
		xss_contexts();
	page_templates("fa", only);
	page_templates("en", only);
	page_templates("tr", only);
	names_clear();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

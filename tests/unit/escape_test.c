/* Escaping: var: is HTML-escaped by default; js_escape and url_escape exist
 * for scripts and URLs; JSON strings are escaped. */
#include "core/core.h"
#include "render/render.h"
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

static char tdir[] = "/tmp/crm-escape-test-XXXXXX";

static int render_string(const char *template_text, HDF *hdf, struct buf *out)
{
	char path[300];
	FILE *f;

	snprintf(path, sizeof(path), "%s/t.cs", tdir);
	f = fopen(path, "w");
	if (!f)
		return CRM_ERR;
	fputs(template_text, f);
	fclose(f);
	return render_to_buf(hdf, tdir, "t.cs", out);
}

static void var_escapes_html_by_default(void)
{
	HDF *hdf = NULL;
	struct buf out = { 0 };

	strcpy(tdir, "/tmp/crm-escape-test-XXXXXX");
	CHECK(mkdtemp(tdir) != NULL);
	CHECK(hdf_init(&hdf) == STATUS_OK);
	CHECK(hdf_set_value(hdf, "X", "<script>alert(\"x\")</script>&'") == STATUS_OK);
	/* A caller that tries to switch escaping off is overruled. */
	CHECK(hdf_set_value(hdf, "Config.VarEscapeMode", "none") == STATUS_OK);
	CHECK(render_string("[<?cs var:X ?>]", hdf, &out) == CRM_OK);
	CHECK_STR(out.p, "[&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;]");
	buf_reset(&out);
	CHECK(render_string("<a onclick=\"f('<?cs var:js_escape(X) ?>')\">", hdf, &out) == CRM_OK);
	CHECK(out.p && !strstr(out.p, "<script>") && !strstr(out.p, "\"x\""));
	buf_reset(&out);
	CHECK(hdf_set_value(hdf, "U", "a b&c=d/é") == STATUS_OK);
	CHECK(render_string("<?cs var:url_escape(U) ?>", hdf, &out) == CRM_OK);
	CHECK_STR(out.p, "a+b%26c%3Dd%2F%C3%A9");
	buf_reset(&out);
	CHECK(hdf_set_value(hdf, "L", "javascript:alert(1)") == STATUS_OK);
	CHECK(render_string("<?cs var:url_validate(L) ?>", hdf, &out) == CRM_OK);
	CHECK(out.p && !strstr(out.p, "javascript:"));
	buf_free(&out);
	hdf_destroy(&hdf);
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tdir);
	CHECK(system(cmd) == 0);
}

static void json_strings(void)
{
	struct buf b = { 0 };

	CHECK(json_str(&b, "a\"b\\c\n\x01علی") == CRM_OK);
	CHECK_STR(b.p, "\"a\\\"b\\\\c\\u000a\\u0001علی\"");
	buf_reset(&b);
	CHECK(json_str(&b, NULL) == CRM_OK);
	CHECK_STR(b.p, "null");
	buf_free(&b);
}

const struct test_case escape_tests[] = {
	{ "var_escapes_html_by_default", var_escapes_html_by_default },
	{ "json_strings", json_strings },
	{ NULL, NULL },
};

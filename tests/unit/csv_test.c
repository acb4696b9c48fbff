/* The CSV reader and the encodings of imported files. */
#include "core/core.h"
#include "io/io.h"
#include "test.h"

struct collected {
	struct buf out; /* records as "a|b|c;" */
	size_t lines[16];
	size_t n;
};

static int collect(void *ctx, size_t line, const char *const *f, size_t n)
{
	struct collected *c = ctx;

	if (c->n < 16)
		c->lines[c->n] = line;
	c->n++;
	for (size_t i = 0; i < n; i++)
		buf_printf(&c->out, "%s%s", i ? "|" : "", f[i]);
	buf_puts(&c->out, ";");
	return CRM_OK;
}

static int parse(const char *text, char delim, struct collected *c, size_t *bad)
{
	memset(c, 0, sizeof(*c));
	return csv_parse(text, strlen(text), delim, collect, c, bad);
}

static void test_csv_rfc4180(void)
{
	struct collected c;
	size_t bad;

	CHECK(parse("a,b,c\r\n1,\"x, y\",\"he said \"\"hi\"\"\"\r\n", ',', &c, &bad) == CRM_OK);
	CHECK_STR(c.out.p, "a|b|c;1|x, y|he said \"hi\";");
	buf_free(&c.out);
	/* a line break inside quotes; LF endings; no final newline; blank lines skipped */
	CHECK(parse("n,notes\n\n1,\"two\nlines\"\n2,last", ',', &c, &bad) == CRM_OK);
	CHECK_STR(c.out.p, "n|notes;1|two\nlines;2|last;");
	CHECK(c.n == 3 && c.lines[1] == 3 && c.lines[2] == 5);
	buf_free(&c.out);
	/* empty fields keep their place */
	CHECK(parse(",,\r\nx,,\r\n", ',', &c, &bad) == CRM_OK);
	CHECK_STR(c.out.p, "||;x||;");
	buf_free(&c.out);
	CHECK(parse("a;b\n1;\"2;3\"\n", ';', &c, &bad) == CRM_OK);
	CHECK_STR(c.out.p, "a|b;1|2;3;");
	buf_free(&c.out);
}

static void test_csv_malformed(void)
{
	struct collected c;
	size_t bad;

	CHECK(parse("a,b\n1,\"open\n2,3\n", ',', &c, &bad) == CRM_EINVAL);
	CHECK(bad == 2);
	buf_free(&c.out);
	CHECK(parse("a,b\n\"x\"y,2\n", ',', &c, &bad) == CRM_EINVAL);
	CHECK(bad == 2);
	buf_free(&c.out);
	{
		/* a NUL byte is refused at its line, never the rest of the line dropped */
		static const char nul[] = "a,b\n1,2\nx\0y,3\n";

		memset(&c, 0, sizeof(c));
		CHECK(csv_parse(nul, sizeof(nul) - 1, ',', collect, &c, &bad) == CRM_EINVAL);
		CHECK(bad == 3);
		CHECK(c.n == 0); /* nothing handed on before the refusal */
		buf_free(&c.out);
	}
	{
		struct buf wide = { 0 };

		for (int i = 0; i < CSV_MAX_FIELDS + 1; i++)
			buf_puts(&wide, i ? ",x" : "x");
		CHECK(parse(wide.p, ',', &c, &bad) == CRM_ETOOBIG);
		buf_free(&wide);
		buf_free(&c.out);
	}
}

static void test_csv_sniff(void)
{
	CHECK(csv_sniff_delimiter("a;b;c\n1,2;3", 11) == ';');
	CHECK(csv_sniff_delimiter("a\tb\tc\n", 6) == '\t');
	CHECK(csv_sniff_delimiter("\"a;b\",c\n", 8) == ',');
	CHECK(csv_sniff_delimiter("", 0) == ',');
}

static void test_csv_encodings(void)
{
	struct buf out = { 0 };
	/* "علي" in Windows-1256 (it has only the Arabic yeh): DA E1 ED; "Şİğ" in Windows-1254: DE DD F0 */
	CHECK(csv_to_utf8("\xDA\xE1\xED", 3, "windows-1256", &out) == CRM_OK);
	CHECK_STR(out.p, "علي");
	CHECK(csv_to_utf8("\xDE\xDD\xF0", 3, "windows-1254", &out) == CRM_OK);
	CHECK_STR(out.p, "Şİğ");
	CHECK(csv_to_utf8("\xEF\xBB\xBFname", 7, "auto", &out) == CRM_OK);
	CHECK_STR(out.p, "name");
	CHECK(csv_to_utf8("\xDA\xE1\xED", 3, "auto", &out) == CRM_EINVAL); /* not UTF-8: ask */
	CHECK(csv_to_utf8("x", 1, "latin9", &out) == CRM_EINVAL);
	buf_free(&out);
}

const struct test_case csv_tests[] = {
	{ "csv_rfc4180", test_csv_rfc4180 },
	{ "csv_malformed", test_csv_malformed },
	{ "csv_sniff", test_csv_sniff },
	{ "csv_encodings", test_csv_encodings },
	{ NULL, NULL },
};

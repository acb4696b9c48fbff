/* Search normalization by an ICU transliterator with our rules. MariaDB's
 * Persian collation ignores ZWNJ and equates digits, but not Arabic yeh/kaf
 * with Persian yeh/keheh, so normalized copies of searchable text are kept. */
#include "i18n/i18n.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/uchar.h>
#include <unicode/utrans.h>

static const char rules[] =
	"\\u064A > \\u06CC;"          /* Arabic yeh -> Persian yeh */
	"\\u0649 > \\u06CC;"          /* alef maksura -> Persian yeh */
	"\\u0643 > \\u06A9;"          /* Arabic kaf -> keheh */
	"[\\u200C\\u200D\\u0640] > ;" /* ZWNJ, ZWJ, tatweel */
	"[\\u064B-\\u065F\\u0670] > ;" /* harakat and superscript alef */
	"[\\u06F0\\u0660] > 0; [\\u06F1\\u0661] > 1; [\\u06F2\\u0662] > 2; [\\u06F3\\u0663] > 3;"
	"[\\u06F4\\u0664] > 4; [\\u06F5\\u0665] > 5; [\\u06F6\\u0666] > 6; [\\u06F7\\u0667] > 7;"
	"[\\u06F8\\u0668] > 8; [\\u06F9\\u0669] > 9;";

static UTransliterator *normalizer(void)
{
	static UTransliterator *t;
	UErrorCode st = U_ZERO_ERROR;
	UChar urules[sizeof(rules)];
	UParseError pe;
	int32_t n = 0;

	if (t)
		return t;
	u_strFromUTF8(urules, (int32_t)CRM_ARRAY_LEN(urules), &n, rules, -1, &st);
	if (U_FAILURE(st))
		return NULL;
	t = utrans_openU((const UChar[]){ 'c', 'r', 'm', '-', 'n', 'o', 'r', 'm', 0 }, -1, UTRANS_FORWARD, urules, n,
			 &pe, &st);
	if (U_FAILURE(st)) {
		crm_log("normalizer rules: %s at offset %d", u_errorName(st), pe.offset);
		t = NULL;
	}
	return t;
}

int text_normalize(const char *in, char *out, size_t outlen)
{
	UTransliterator *t = normalizer();
	UErrorCode st = U_ZERO_ERROR;
	size_t inlen = strlen(in);
	int32_t cap = (int32_t)inlen + 1, len = 0, limit, n = 0;
	UChar stackbuf[512], *u = stackbuf;
	int rc = CRM_ERR;

	if (!t || inlen > 65536)
		return CRM_ERR;
	if (cap > (int32_t)CRM_ARRAY_LEN(stackbuf) && !(u = malloc(sizeof(UChar) * (size_t)cap)))
		return CRM_ERR;
	u_strFromUTF8(u, cap, &len, in, (int32_t)inlen, &st);
	if (U_FAILURE(st))
		goto out;
	limit = len;
	/* The rules only delete or replace one code unit by one: the text never grows. */
	utrans_transUChars(t, u, &len, cap, 0, &limit, &st);
	if (U_FAILURE(st))
		goto out;
	u_strToUTF8(out, (int32_t)outlen, &n, u, limit, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING)
		rc = CRM_ETOOBIG;
	else if (U_SUCCESS(st))
		rc = CRM_OK;
out:
	if (u != stackbuf)
		free(u);
	return rc;
}

int text_search_key(const char *in, char *out, size_t outlen)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar a[1024], b[1024];
	int32_t n = 0, m;
	int rc = text_normalize(in, out, outlen);

	if (rc != CRM_OK)
		return rc;
	u_strFromUTF8(a, 1024, &n, out, -1, &st);
	if (U_FAILURE(st))
		return CRM_ETOOBIG;
	m = u_strFoldCase(b, 1024, a, n, U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st) || m >= 1024)
		return CRM_ETOOBIG;
	/* Turkish dotless ı and the dot İ folds to are dropped to plain i, so
	 * "yilmaz" typed on any keyboard finds "Yılmaz" and "İstanbul". */
	int32_t k = 0;

	for (int32_t i = 0; i < m; i++) {
		if (b[i] == 0x0307)
			continue;
		b[k++] = b[i] == 0x0131 ? 'i' : b[i];
	}
	m = k;
	u_strToUTF8(out, (int32_t)outlen, &n, b, m, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		return CRM_ETOOBIG;
	return CRM_OK;
}

/* MariaDB's utf8mb4_unicode_ci LIKE folds case, the dotted I and Persian and Arabic-Indic
 * digits by itself, but neither yeh/kaf, alef maksura, the dotless i, nor does it skip ZWNJ,
 * ZWJ, tatweel or harakat (measured on 10.11: 'علی‌رضا' LIKE 'علیرضا%' is 0, = is 1); this
 * expression does what the rules above (and text_search_key's dotless i) do that it lacks. */
int text_fold_sql(struct buf *sql, const char *expr)
{
	return buf_printf(sql,
			  "REPLACE(REPLACE(REPLACE(REPLACE(REGEXP_REPLACE(%s, '[\u200C\u200D\u0640\u064B-\u065F\u0670]', ''), "
			  "'\u064A', '\u06CC'), '\u0649', '\u06CC'), '\u0643', '\u06A9'), '\u0131', 'i')",
			  expr);
}

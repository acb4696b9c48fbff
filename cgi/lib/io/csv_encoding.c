/* Text files in the encodings our users' spreadsheets write: UTF-8 (with or
 * without BOM), Windows-1256 (Persian Excel) and Windows-1254 (Turkish),
 * converted by ICU. */
#include "core/core.h"
#include "io/io.h"
#include "http/http.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>

int csv_to_utf8(const char *data, size_t len, const char *encoding, struct buf *out)
{
	const char *from;
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv;
	char *dst;
	const char *src;
	size_t cap;

	buf_reset(out);
	if (!strcmp(encoding, "utf-8") || !strcmp(encoding, "auto")) {
		if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
			data += 3, len -= 3;
		if (!utf8_valid(data, len))
			return CRM_EINVAL;
		return buf_append(out, data, len) == CRM_OK ? CRM_OK : CRM_ERR;
	}
	if (!strcmp(encoding, "windows-1256"))
		from = "windows-1256";
	else if (!strcmp(encoding, "windows-1254"))
		from = "windows-1254";
	else
		return CRM_EINVAL;
	/* single-byte to UTF-8: at most three bytes per byte */
	if (len > (SIZE_MAX - 1) / 3 || len > INT32_MAX / 3)
		return CRM_ETOOBIG;
	cap = len * 3 + 1;
	dst = malloc(cap);
	if (!dst)
		return CRM_ERR;
	cnv = ucnv_open(from, &err);
	if (U_FAILURE(err)) {
		free(dst);
		return CRM_ERR;
	}
	/* a byte with no character in the code page is an error, not a silent U+FFFD */
	ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
	src = data;
	{
		UConverter *utf8 = ucnv_open("UTF-8", &err);
		char *target = dst;

		if (U_SUCCESS(err))
			ucnv_convertEx(utf8, cnv, &target, dst + cap - 1, &src, data + len, NULL, NULL, NULL, NULL, 1, 1,
				       &err);
		if (utf8)
			ucnv_close(utf8);
		ucnv_close(cnv);
		if (U_FAILURE(err)) {
			free(dst);
			return CRM_EINVAL;
		}
		*target = '\0';
		if (buf_append(out, dst, (size_t)(target - dst)) != CRM_OK) {
			free(dst);
			return CRM_ERR;
		}
	}
	free(dst);
	return CRM_OK;
}

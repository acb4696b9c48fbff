/* What an uploaded file is, judged from its bytes, and its name made safe to show (files.h).
 * No I/O here: these run on whatever a client sends, and have a fuzz target. */
#include "files/files.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static int starts(const char *data, size_t len, const char *magic, size_t mlen)
{
	return len >= mlen && !memcmp(data, magic, mlen);
}

static int ends_with(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e && !strcasecmp(name + n - e, ext);
}

/* Containers (zip, OLE) hold several formats: the name's extension picks
 * among the known ones, anything else in them is the container itself. */
static const char *by_extension(const char *name, const char *const (*map)[2], size_t n, const char *fallback)
{
	for (size_t i = 0; i < n; i++)
		if (ends_with(name, map[i][0]))
			return map[i][1];
	return fallback;
}

static const char *const zip_types[][2] = {
	{ ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
	{ ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	{ ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
	{ ".odt", "application/vnd.oasis.opendocument.text" },
	{ ".ods", "application/vnd.oasis.opendocument.spreadsheet" },
	{ ".odp", "application/vnd.oasis.opendocument.presentation" },
};

static const char *const ole_types[][2] = {
	{ ".doc", "application/msword" },
	{ ".xls", "application/vnd.ms-excel" },
	{ ".ppt", "application/vnd.ms-powerpoint" },
};

static int text_plain(const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
			return 0;
	}
	return 1;
}

const char *file_sniff(const char *data, size_t len, const char *client_name, unsigned allowed)
{
	const char *name = client_name ? client_name : "";

	if (!len)
		return NULL;
	if (allowed & FILE_IMAGE) {
		if (starts(data, len, "\x89PNG\r\n\x1a\n", 8))
			return "image/png";
		if (starts(data, len, "\xff\xd8\xff", 3))
			return "image/jpeg";
		if (starts(data, len, "GIF87a", 6) || starts(data, len, "GIF89a", 6))
			return "image/gif";
		if (len >= 12 && starts(data, len, "RIFF", 4) && !memcmp(data + 8, "WEBP", 4))
			return "image/webp";
	}
	if (!(allowed & FILE_DOCUMENT))
		return NULL;
	if (starts(data, len, "%PDF-", 5))
		return "application/pdf";
	if (starts(data, len, "PK\x03\x04", 4))
		return by_extension(name, zip_types, CRM_ARRAY_LEN(zip_types), "application/zip");
	if (starts(data, len, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
		return by_extension(name, ole_types, CRM_ARRAY_LEN(ole_types), NULL);
	/* text: valid UTF-8 (a BOM is fine) without control characters but tab, line ends and form feed */
	if (text_plain(data, len) && utf8_valid(data, len))
		return ends_with(name, ".csv") ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8";
	return NULL;
}

void file_name_clean(const char *client_name, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)(client_name ? client_name : "");
	size_t o = 0;

	for (const unsigned char *s = p; *s; s++)
		if (*s == '/' || *s == '\\')
			p = s + 1;
	/* whole characters only, so a long name is cut at a character boundary */
	while (*p) {
		size_t clen = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
		size_t have = 0;

		while (have < clen && p[have])
			have++;
		if (!clen || have < clen) { /* not a character: skipped */
			p++;
			continue;
		}
		if (o + clen >= outlen)
			break;
		if (!(clen == 1 && (*p < 0x20 || *p == 0x7f))) {
			memcpy(out + o, p, clen);
			o += clen;
		}
		p += clen;
	}
	out[o] = '\0';
	if (!o || !strcmp(out, ".") || !strcmp(out, ".."))
		snprintf(out, outlen, "file");
}


/* libFuzzer target: the CSV reader of imports, with each delimiter, and the
 * encoding conversion in front of it. The input is an exact-length copy, so
 * any read past its end is caught. */
#include "core/core.h"
#include "io/io.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int count(void *ctx, size_t line, const char *const *f, size_t n)
{
	size_t *total = ctx;

	(void)line;
	for (size_t i = 0; i < n; i++)
		*total += strlen(f[i]);
	return CRM_OK;
}

/* libFuzzer calls it; declared here as no header does */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = { "auto", "windows-1256", "windows-1254" };
	char *copy = malloc(size ? size : 1);
	struct buf text = { 0 };
	size_t total = 0, bad;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	csv_parse(copy, size, csv_sniff_delimiter(copy, size), count, &total, &bad);
	csv_parse(copy, size, ';', count, &total, &bad);
	if (size && csv_to_utf8(copy, size, encodings[data[0] % 3], &text) == CRM_OK)
		csv_parse(text.p ? text.p : "", text.len, ',', count, &total, &bad);
	buf_free(&text);
	free(copy);
	return 0;
}

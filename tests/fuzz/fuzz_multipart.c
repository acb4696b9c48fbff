/* libFuzzer target: multipart/form-data. The input's first line is the
 * Content-Type header, the rest the body. */
#include "http/http.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* libFuzzer calls it; declared here as no header does */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	struct kv_list fields = { 0 };
	struct upload_list files = { 0 };
	size_t hlen, blen;
	char *ctype, *body;

	if (!nl)
		return 0;
	hlen = (size_t)(nl - data);
	blen = size - hlen - 1;
	ctype = malloc(hlen + 1);
	body = malloc(blen ? blen : 1); /* exact size: ASan sees any overread */
	if (!ctype || !body) {
		free(ctype);
		free(body);
		return 0;
	}
	memcpy(ctype, data, hlen);
	ctype[hlen] = '\0';
	memcpy(body, nl + 1, blen);
	if (multipart_parse(body, blen, ctype, &fields, &files) == 0) {
		for (size_t i = 0; i < files.n; i++)
			if (files.items[i].data < body || files.items[i].data + files.items[i].len > body + blen)
				__builtin_trap();
	}
	kv_free(&fields);
	upload_list_free(&files);
	free(ctype);
	free(body);
	return 0;
}

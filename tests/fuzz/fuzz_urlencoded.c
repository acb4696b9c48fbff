/* libFuzzer target: query strings and urlencoded bodies. */
#include "http/http.h"

#include <stdint.h>
#include <string.h>

/* libFuzzer calls it; declared here as no header does */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kv_list l = { 0 };

	if (urlencoded_parse((const char *)data, size, &l) == 0) {
		/* Whatever was accepted must be valid UTF-8 without NUL. */
		for (size_t i = 0; i < l.n; i++)
			if (!utf8_valid(l.items[i].value, l.items[i].value_len) || !utf8_valid(l.items[i].name, strlen(l.items[i].name)))
				__builtin_trap();
	}
	kv_free(&l);
	return 0;
}

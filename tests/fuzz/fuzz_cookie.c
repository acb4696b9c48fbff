/* libFuzzer target: the Cookie header. */
#include "http/http.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* libFuzzer calls it; declared here as no header does */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kv_list l = { 0 };
	char *s = malloc(size + 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0'; /* headers arrive NUL-terminated from the environment */
	cookie_parse(s, &l);
	kv_free(&l);
	free(s);
	return 0;
}

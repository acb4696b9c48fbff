/* libFuzzer target: judging an upload's type from its bytes, and cleaning the client's file name. */
#include "files/files.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* libFuzzer calls it; declared here as no header does */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *name = malloc(size + 1), clean[256];

	if (!name)
		return 0;
	memcpy(name, data, size);
	name[size] = '\0';
	file_name_clean(name, clean, sizeof(clean));
	if (strlen(clean) >= sizeof(clean) || !clean[0])
		abort();
	file_sniff((const char *)data, size, clean, FILE_IMAGE | FILE_DOCUMENT);
	free(name);
	return 0;
}

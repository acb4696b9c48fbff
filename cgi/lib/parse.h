/* Strict parsers for what a client sends. Each returns CRM_OK, CRM_EINVAL for
 * malformed input (a 400 page) or CRM_ETOOBIG past a limit (413), and never
 * reads outside the bytes it was given. Every one has a fuzz target. */
#ifndef CRM_PARSE_H
#define CRM_PARSE_H

#include "kv.h"

#include <stddef.h>

#define PARSE_MAX_FIELDS 1000

/* True when s[0..n) is well-formed UTF-8 without overlongs or surrogates. */
int utf8_valid(const char *s, size_t n);

/* application/x-www-form-urlencoded (also query strings). Names and values
 * must decode to valid UTF-8 with no NUL or other C0 control except
 * tab, CR and LF in values. */
int urlencoded_parse(const char *s, size_t n, struct kv_list *out);

/* The Cookie request header: "a=1; b=2". Cookies with invalid bytes are
 * skipped, as browsers send whatever other sites set. */
int cookie_parse(const char *header, struct kv_list *out);

struct upload {
	char *field;
	char *filename;
	char *content_type;
	const char *data; /* points into the request body */
	size_t len;
};

struct upload_list {
	struct upload *items;
	size_t n;
	size_t cap;
};

/* multipart/form-data: content_type is the whole header, with boundary.
 * Text fields go to fields; file parts (those with a filename) to files. */
int multipart_parse(const char *body, size_t n, const char *content_type,
		    struct kv_list *fields, struct upload_list *files);
void upload_list_free(struct upload_list *l);

#endif

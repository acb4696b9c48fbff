/* Growable byte buffer, always NUL-terminated. */
#ifndef CRM_BUF_H
#define CRM_BUF_H

#include <stddef.h>

struct buf {
	char *p;
	size_t len;
	size_t cap;
};

int buf_append(struct buf *b, const void *data, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif

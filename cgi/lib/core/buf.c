#include "core/core.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *(*buf_realloc)(void *p, size_t n) = realloc;

static int buf_fail(struct buf *b)
{
	b->failed = 1;
	return CRM_ERR;
}

static int buf_reserve(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->failed)
		return CRM_ERR;
	if (extra > (size_t)-1 / 2 - b->len)
		return buf_fail(b);
	need = b->len + extra + 1;
	if (need <= b->cap)
		return CRM_OK;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	p = buf_realloc(b->p, cap);
	if (!p)
		return buf_fail(b);
	b->p = p;
	b->cap = cap;
	return CRM_OK;
}

int buf_append(struct buf *b, const void *data, size_t n)
{
	if (buf_reserve(b, n) != CRM_OK)
		return CRM_ERR;
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return CRM_OK;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return buf_fail(b);
	if (buf_reserve(b, (size_t)n) != CRM_OK)
		return CRM_ERR;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return CRM_OK;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->p)
		b->p[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

int buf_failed(const struct buf *b)
{
	return b->failed;
}

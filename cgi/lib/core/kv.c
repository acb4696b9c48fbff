#include "core/core.h"

#include <stdlib.h>
#include <string.h>

static char *dup_n(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int kv_add(struct kv_list *l, const char *name, size_t name_len, const char *value, size_t value_len)
{
	struct kv *items;
	char *n, *v;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;

		items = realloc(l->items, cap * sizeof(*items));
		if (!items)
			return CRM_ERR;
		l->items = items;
		l->cap = cap;
	}
	n = dup_n(name, name_len);
	v = dup_n(value, value_len);
	if (!n || !v) {
		free(n);
		free(v);
		return CRM_ERR;
	}
	l->items[l->n].name = n;
	l->items[l->n].value = v;
	l->items[l->n].value_len = value_len;
	l->n++;
	return CRM_OK;
}

const char *kv_get(const struct kv_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, name) == 0)
			return l->items[i].value;
	return NULL;
}

void kv_free(struct kv_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].name);
		free(l->items[i].value);
	}
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

/* An ordered list of name/value pairs (query, form fields, cookies). */
#ifndef CRM_KV_H
#define CRM_KV_H

#include <stddef.h>

struct kv {
	char *name;
	char *value;
	size_t value_len;
};

struct kv_list {
	struct kv *items;
	size_t n;
	size_t cap;
};

/* Takes copies of name and value. */
int kv_add(struct kv_list *l, const char *name, size_t name_len, const char *value, size_t value_len);
/* First value for name, or NULL. */
const char *kv_get(const struct kv_list *l, const char *name);
void kv_free(struct kv_list *l);

#endif

/* The module registry (conf/modules): which modules exist, their menu entries and
 * the actions of their permission matrix. Read once per process, like the settings. */
#include "config/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const registry_actions[] = { "view",   "create", "edit", "delete", "purge",    "export",
					 "activate", "star", "assign", "print", "configure" };
const unsigned registry_nactions = sizeof(registry_actions) / sizeof(registry_actions[0]);
_Static_assert(sizeof(registry_actions) / sizeof(registry_actions[0]) <= REGISTRY_MAX_ACTIONS,
	       "a user keeps REGISTRY_MAX_ACTIONS scopes per module");

static const struct crm_registry *current;

int registry_action(const char *name)
{
	for (unsigned i = 0; name && i < registry_nactions; i++)
		if (!strcmp(registry_actions[i], name))
			return (int)i;
	return -1;
}

int registry_module(const struct crm_registry *reg, const char *name)
{
	for (unsigned i = 0; reg && name && i < reg->n; i++)
		if (!strcmp(reg->modules[i].name, name))
			return (int)i;
	return -1;
}

/* A name: lower-case letters, digits and '_', starting with a letter (it becomes a path and a file). */
static int name_ok(const char *s)
{
	if (!*s || *s < 'a' || *s > 'z' || strlen(s) >= sizeof(((struct crm_module *)0)->name))
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

/* A path under the module's own base, in characters that need no escaping in a URL or HTML. */
static int path_ok(const char *module, const char *path, size_t max)
{
	size_t n = strlen(module);

	if (strlen(path) >= max || path[0] != '/' || strncmp(path + 1, module, n) || path[n + 1] != '/')
		return 0;
	return strspn(path, "abcdefghijklmnopqrstuvwxyz0123456789/_-.?=&") == strlen(path);
}

/* Whether an item of this kind is already named so by any module (its label key is global). */
static int item_named(const struct crm_registry *reg, const struct crm_module *m, int panel, const char *name)
{
	for (unsigned i = 0; i <= reg->n; i++) {
		const struct crm_module *o = i < reg->n ? &reg->modules[i] : m;
		const struct registry_item *it = panel ? o->panels : o->news;
		unsigned k = panel ? o->npanels : o->nnews;

		for (unsigned j = 0; j < k; j++)
			if (!strcmp(it[j].name, name))
				return 1;
	}
	return 0;
}

/* key=value after the actions: search=<path>, new=<name>:<path>, panel=<name>:<path>. */
static int parse_attr(struct crm_registry *reg, struct crm_module *m, char *tok, unsigned lineno, char *err,
		      size_t errlen)
{
	char *value = strchr(tok, '='), *path;
	int panel;
	struct registry_item *it;

	*value++ = '\0';
	if (!strcmp(tok, "search")) {
		if (!path_ok(m->name, value, sizeof(m->search)) || m->search[0])
			goto bad;
		snprintf(m->search, sizeof(m->search), "%s", value);
		return 0;
	}
	panel = !strcmp(tok, "panel");
	if ((!panel && strcmp(tok, "new")) || !(path = strchr(value, ':')))
		goto bad;
	*path++ = '\0';
	if (!name_ok(value) || !path_ok(m->name, path, sizeof(it->path)) || item_named(reg, m, panel, value))
		goto bad;
	if ((panel ? m->npanels : m->nnews) == REGISTRY_MAX_ITEMS) {
		snprintf(err, errlen, "line %u: more than %d %s items; raise REGISTRY_MAX_ITEMS", lineno,
			 REGISTRY_MAX_ITEMS, tok);
		return -1;
	}
	it = panel ? &m->panels[m->npanels++] : &m->news[m->nnews++];
	snprintf(it->name, sizeof(it->name), "%s", value);
	snprintf(it->path, sizeof(it->path), "%s", path);
	return 0;
bad:
	snprintf(err, errlen,
		 "line %u: want search=/%s/..., new=<name>:/%s/... or panel=<name>:/%s/... (a name used once, "
		 "a plain path)",
		 lineno, m->name, m->name, m->name);
	return -1;
}

static int parse_line(struct crm_registry *reg, char *line, unsigned lineno, char *err, size_t errlen)
{
	char *save = NULL, *name = strtok_r(line, " \t", &save), *menu = strtok_r(NULL, " \t", &save);
	char *start = strtok_r(NULL, " \t", &save), *tok;
	struct crm_module *m;

	if (!name)
		return 0;
	if (!menu || !start || !name_ok(name)) {
		snprintf(err, errlen, "line %u: want 'name menu start actions...' with a lower-case name", lineno);
		return -1;
	}
	if (registry_module(reg, name) >= 0) {
		snprintf(err, errlen, "line %u: module %s named twice", lineno, name);
		return -1;
	}
	if (reg->n == REGISTRY_MAX_MODULES) {
		snprintf(err, errlen, "line %u: more than %d modules; raise REGISTRY_MAX_MODULES", lineno,
			 REGISTRY_MAX_MODULES);
		return -1;
	}
	m = &reg->modules[reg->n];
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", name);
	if (strcmp(menu, "-")) {
		char *end;
		long order = strtol(menu, &end, 10);

		if (*end || order <= 0 || order > 10000 || start[0] != '/' || strlen(start) >= sizeof(m->start)) {
			snprintf(err, errlen, "line %u: menu order 1..10000 and a start path beginning with /", lineno);
			return -1;
		}
		m->menu = (int)order;
		snprintf(m->start, sizeof(m->start), "%s", start);
	}
	while ((tok = strtok_r(NULL, " \t", &save))) {
		int a = registry_action(tok);

		if (!strcmp(tok, "-"))
			continue;
		if (strchr(tok, '=')) {
			if (parse_attr(reg, m, tok, lineno, err, errlen))
				return -1;
			continue;
		}
		if (a < 0) {
			snprintf(err, errlen, "line %u: unknown action %s", lineno, tok);
			return -1;
		}
		m->actions |= 1u << a;
	}
	reg->n++;
	return 0;
}

int registry_parse(const char *text, struct crm_registry *reg, char *err, size_t errlen)
{
	char line[1024];
	unsigned lineno = 0;

	memset(reg, 0, sizeof(*reg));
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		char *hash;

		lineno++;
		if (n >= sizeof(line)) {
			snprintf(err, errlen, "line %u is too long", lineno);
			return -1;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		if ((hash = strchr(line, '#')))
			*hash = '\0';
		if (parse_line(reg, line, lineno, err, errlen))
			return -1;
		p += n + (p[n] == '\n');
	}
	if (!reg->n) {
		snprintf(err, errlen, "no modules");
		return -1;
	}
	return 0;
}

int registry_load(const char *path, struct crm_registry *reg, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char text[16384], perr[256];
	size_t n;
	int rc = -1;

	if (!f) {
		snprintf(err, errlen, "%s: cannot be read", path);
		return -1;
	}
	n = fread(text, 1, sizeof(text) - 1, f);
	if (ferror(f) || !feof(f)) {
		snprintf(err, errlen, "%s: unreadable or over %zu bytes", path, sizeof(text) - 1);
		goto out;
	}
	text[n] = '\0';
	if (registry_parse(text, reg, perr, sizeof(perr))) {
		snprintf(err, errlen, "%s: %s", path, perr);
		goto out;
	}
	rc = 0;
out:
	fclose(f);
	return rc;
}

void registry_use(const struct crm_registry *reg)
{
	current = reg;
}

const struct crm_registry *registry(void)
{
	return current;
}

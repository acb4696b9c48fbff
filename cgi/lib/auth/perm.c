#include "auth/auth.h"
#include "core/core.h"
#include "db/db.h"

#include <stdio.h>
#include <string.h>

static const char *const scope_names[] = { "none", "own", "team", "all" };

const char *scope_name(enum scope s)
{
	return (unsigned)s < CRM_ARRAY_LEN(scope_names) ? scope_names[s] : "none";
}

enum scope scope_parse(const char *s)
{
	for (size_t i = 0; i < CRM_ARRAY_LEN(scope_names); i++)
		if (s && strcmp(s, scope_names[i]) == 0)
			return (enum scope)i;
	return SCOPE_NONE;
}

int perm_grant(struct user *u, const char *module, const char *action, enum scope s)
{
	int m = registry_module(registry(), module), a = registry_action(action);

	if (m < 0 || a < 0 || !(registry()->modules[m].actions & (1u << a)))
		return CRM_ENOTFOUND;
	/* The widest scope of all roles wins. */
	if (s > (enum scope)u->scopes[m][a])
		u->scopes[m][a] = (unsigned char)s;
	return CRM_OK;
}

static int grant_row(void *ctx, const struct db_row *row)
{
	struct user *u = ctx;

	if (row->values[0]) { /* the admin role: a rule, not rows */
		u->is_admin = 1;
		return CRM_OK;
	}
	/* A grant the registry no longer has (a module removed) gives nothing: said, not silent. */
	if (perm_grant(u, row->values[1], row->values[2], scope_parse(row->values[3])) != CRM_OK)
		crm_log("user %lld: a role grants %s.%s, which conf/modules does not list; ignored", u->id,
			row->values[1], row->values[2]);
	return CRM_OK;
}

int perm_load(struct db *db, struct user *u)
{
	struct db_param p[] = { DB_I(u->id), DB_I(u->id) };

	u->is_admin = 0;
	memset(u->scopes, 0, sizeof(u->scopes));
	if (!registry())
		return CRM_ERR;
	return db_query(db,
			"SELECT 1, NULL, NULL, NULL FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id "
			"WHERE ur.user_id = ? AND ro.name = 'admin' "
			"UNION ALL SELECT NULL, rp.module, rp.action, rp.scope FROM user_roles ur "
			"JOIN role_permissions rp ON rp.role_id = ur.role_id "
			"WHERE ur.user_id = ? AND rp.scope <> 'none'",
			p, 2, grant_row, u);
}

enum scope perm_scope(const struct user *u, const char *module, const char *action)
{
	int m = registry_module(registry(), module), a = registry_action(action);

	if (m < 0 || a < 0 || !(registry()->modules[m].actions & (1u << a)))
		return SCOPE_NONE;
	return u->is_admin ? SCOPE_ALL : (enum scope)u->scopes[m][a];
}

int perm_allows(const struct user *u, const char *module, const char *action)
{
	return perm_scope(u, module, action) != SCOPE_NONE;
}

int perm_decide(enum scope s, int mine, int team, int listed)
{
	if (!listed)
		return 0;
	switch (s) {
	case SCOPE_ALL:
		return 1;
	case SCOPE_TEAM:
		return mine || team;
	case SCOPE_OWN:
		return mine;
	default:
		return 0;
	}
}

int perm_scope_narrows(const struct user *u, const char *module, const char *action, const struct scope_sql *s)
{
	return s && (perm_scope(u, module, action) != SCOPE_ALL || (s->listed && u->has_customer_list));
}

int perm_scope_sql(const struct user *u, const char *module, const char *action, const struct scope_sql *s,
		   struct buf *sql, struct db_param *p, unsigned *n)
{
	enum scope sc = perm_scope(u, module, action);
	int rc;

	switch (sc) {
	case SCOPE_ALL:
		rc = buf_puts(sql, " AND (1 = 1)");
		break;
	case SCOPE_TEAM:
		if (s->members && u->nteam > 0 && !u->team_overflow) {
			/* the user and their team mates, bound: one index lookup per row */
			char marks[USER_TEAM_MAX * 3];
			size_t o = 0;

			for (unsigned i = 0; i < u->nteam; i++) {
				o += (size_t)snprintf(marks + o, sizeof(marks) - o, "%s?", i ? ", " : "");
				p[(*n)++] = DB_I(u->team[i]);
			}
			const char *at = strstr(s->members, "%s");

			if (!at)
				return CRM_ERR;
			rc = buf_puts(sql, " AND (");
			if (rc == CRM_OK)
				rc = buf_append(sql, s->members, (size_t)(at - s->members));
			if (rc == CRM_OK)
				rc = buf_puts(sql, marks);
			if (rc == CRM_OK)
				rc = buf_puts(sql, at + 2);
			if (rc == CRM_OK)
				rc = buf_puts(sql, ")");
			break;
		}
		/* the team condition covers the user's own rows too (a user is in their teams);
		 * a user without a team still sees their own */
		rc = buf_printf(sql, " AND ((%s) OR (%s))", s->own, s->team);
		p[(*n)++] = DB_I(u->id);
		p[(*n)++] = DB_I(u->id);
		break;
	case SCOPE_OWN:
		rc = buf_printf(sql, " AND (%s)", s->own);
		p[(*n)++] = DB_I(u->id);
		break;
	default:
		return buf_puts(sql, " AND (1 = 0)");
	}
	if (rc == CRM_OK && s->listed && u->has_customer_list) {
		rc = buf_printf(sql, " AND (%s)", s->listed);
		p[(*n)++] = DB_I(u->id);
	}
	return rc;
}

#include "auth/auth.h"
#include "core/core.h"
#include "db/db.h"

#include <stdio.h>
#include <string.h>

const char *const perm_actions[] = { "view",     "create", "edit",   "delete", "purge",
				     "export",   "activate", "star", "assign", "print" };
const unsigned perm_nactions = CRM_ARRAY_LEN(perm_actions);

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

static int grant_row(void *ctx, const struct db_row *row)
{
	struct user *u = ctx;
	struct grant *g;

	if (u->ngrants == USER_GRANTS_MAX) {
		crm_log("user %lld has more than %d grants; the rest are ignored", u->id, USER_GRANTS_MAX);
		return CRM_OK;
	}
	g = &u->grants[u->ngrants];
	snprintf(g->module, sizeof(g->module), "%s", row->values[0]);
	snprintf(g->action, sizeof(g->action), "%s", row->values[1]);
	g->scope = scope_parse(row->values[2]);
	/* The widest scope of all roles wins; rows come ordered by module, action. */
	if (u->ngrants && strcmp(u->grants[u->ngrants - 1].module, g->module) == 0 &&
	    strcmp(u->grants[u->ngrants - 1].action, g->action) == 0) {
		if (g->scope > u->grants[u->ngrants - 1].scope)
			u->grants[u->ngrants - 1].scope = g->scope;
		return CRM_OK;
	}
	u->ngrants++;
	return CRM_OK;
}

int perm_load(struct db *db, struct user *u)
{
	struct db_param p[] = { DB_I(u->id) };

	u->ngrants = 0;
	return db_query(db,
			"SELECT rp.module, rp.action, rp.scope FROM user_roles ur "
			"JOIN role_permissions rp ON rp.role_id = ur.role_id "
			"WHERE ur.user_id = ? AND rp.scope <> 'none' ORDER BY rp.module, rp.action",
			p, 1, grant_row, u);
}

enum scope perm_scope(const struct user *u, const char *module, const char *action)
{
	for (unsigned i = 0; i < u->ngrants; i++)
		if (strcmp(u->grants[i].module, module) == 0 && strcmp(u->grants[i].action, action) == 0)
			return u->grants[i].scope;
	return SCOPE_NONE;
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

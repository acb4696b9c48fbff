/* Bulk actions on the persons and companies lists: the records engine's (records/rec_bulk.c)
 * over the same one-party functions the record page's buttons call. */
#include "core/core.h"
#include "db/db.h"
#include "records/records.h"
#include "parties.h"

#include <stdlib.h>
#include <string.h>

static int activate(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)arg;
	(void)b;
	return party_active_one(r, id, 1, changed);
}

static int deactivate(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)arg;
	(void)b;
	return party_active_one(r, id, 0, changed);
}

static int star(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)arg;
	(void)b;
	return party_star_one(r, id, 1, changed);
}

static int unstar(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)arg;
	(void)b;
	return party_star_one(r, id, 0, changed);
}

/* the bin's own entity, whichever list asked */
static int to_bin(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)arg;
	const struct rec_bulk bin = { .entity = &party_bin_entity, .module = b->module };

	return rec_bulk_delete(r, &bin, id, 0, changed);
}

static int from_bin(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)arg;
	const struct rec_bulk bin = { .entity = &party_bin_entity, .module = b->module };

	return rec_bulk_restore(r, &bin, id, 0, changed);
}

/* A bulk action's choices are reference data kept per worker (refdata): its select links to the
 * kept copy (set), so a list page queries nothing for it. */
static int choices_of(struct req *r, const char *prefix, const char *set, int *n)
{
	NEOERR *err = hdf_set_symlink(r->hdf, prefix, set);

	*n = 0;
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	for (HDF *c = hdf_obj_child(hdf_get_obj(r->hdf, set)); c; c = hdf_obj_next(c))
		(*n)++;
	return CRM_OK;
}

/* A group to add the rows to or take them out of: the tree in its order, each with its depth. */
static int group_choices(struct req *r, const char *prefix, int *n)
{
	int rc = groups_load(r, 0);

	*n = 0;
	return rc == CRM_OK ? choices_of(r, prefix, "Groups", n) : rc;
}

/* A user to assign the rows to or take off them: the active users by name. */
static int expert_choices(struct req *r, const char *prefix, int *n)
{
	int rc = party_expert_staff(r);

	*n = 0;
	return rc == CRM_OK ? choices_of(r, prefix, "ExpertChoices", n) : rc;
}

static int group_add(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)b;
	return party_group_one(r, id, arg, 1, changed);
}

static int group_remove(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)b;
	return party_group_one(r, id, arg, 0, changed);
}

static int expert_add(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)b;
	return party_expert_one(r, id, arg, 1, changed);
}

static int expert_remove(struct req *r, const struct rec_bulk *b, long long id, long long arg, int *changed)
{
	(void)b;
	return party_expert_one(r, id, arg, 0, changed);
}

static const struct rec_bulk_action actions[] = {
	{ "star", "star", 0, 0, star, NULL, NULL },
	{ "unstar", "star", 0, 0, unstar, NULL, NULL },
	{ "activate", "activate", 0, 0, activate, NULL, NULL },
	{ "deactivate", "activate", 0, 0, deactivate, NULL, NULL },
	{ "group_add", "edit", 0, 0, group_add, group_choices, party_group_exists },
	{ "group_remove", "edit", 0, 0, group_remove, group_choices, party_group_exists },
	{ "expert_add", "assign", 0, 0, expert_add, expert_choices, party_expert_ok },
	{ "expert_remove", "assign", 0, 0, expert_remove, expert_choices, party_expert_ok },
	{ "delete", "delete", 1, 0, to_bin, NULL, NULL },
	{ "restore", "delete", 0, 1, from_bin, NULL, NULL },
};

/* The list's filters from the job's query string, as its page read them (party_filter_read). */
static int list_ids(struct req *r, const struct rec_bulk *b, const char *action, long long after, long long *out,
		    unsigned max, unsigned *n)
{
	struct party_filter *f = calloc(1, sizeof(*f));
	struct db_param p[PARTY_FILTER_PARAMS];
	struct buf sql = { 0 };
	unsigned np = 0;
	int rc;

	*n = 0;
	if (!f)
		return CRM_ERR;
	/* the list's kind is in its path */
	snprintf(r->path, sizeof(r->path), "%s", b->url);
	rc = party_filter_read(r, f);
	if (rc == CRM_OK)
		rc = party_filter_ids_sql(r, f, action, after, max, &sql, p, &np);
	if (rc == CRM_OK)
		rc = db_query_ids(r->db, sql.p, p, np, out, max, n);
	buf_free(&sql);
	free(f);
	return rc;
}

const struct rec_bulk party_bulk_persons = {
	.name = "persons",
	.module = "parties",
	.url = "/parties/persons",
	.post_url = "/parties/bulk",
	.actions = actions,
	.nactions = CRM_ARRAY_LEN(actions),
	.ids = list_ids,
};

const struct rec_bulk party_bulk_companies = {
	.name = "companies",
	.module = "parties",
	.url = "/parties/companies",
	.post_url = "/parties/bulk",
	.actions = actions,
	.nactions = CRM_ARRAY_LEN(actions),
	.ids = list_ids,
};

const struct rec_bulk *const party_bulks[] = { &party_bulk_persons, &party_bulk_companies, NULL };

/* POST /parties/bulk: list=companies|persons says which list the rows were chosen on. */
int party_bulk(struct req *r)
{
	const char *list = req_param(r, "list");

	return rec_page_bulk(r, list && !strcmp(list, "companies") ? &party_bulk_companies : &party_bulk_persons);
}

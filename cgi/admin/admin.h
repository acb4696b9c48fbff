/* Module admin: users, roles with their permission matrix, teams, audit search. */
#ifndef CRM_ADMIN_H
#define CRM_ADMIN_H

#include "render/render.h"
#include "http/http.h"

#define ADMIN_MAX_CUSTOMERS 500

struct rec_entity;
/* users_entity.c: the users, described for the records engine */
extern const struct rec_entity user_entity;
/* teams.c */
extern const struct rec_entity team_entity;
/* exports.c: the entities whose large exports crm-worker runs (admin.list_export), NULL-ended */
extern const struct rec_entity *const admin_entities[];

int users_list(struct req *r);
int user_form(struct req *r);
int user_new_form(struct req *r);
int user_create(struct req *r);
int user_update(struct req *r);
int user_set_active(struct req *r);
/* POST /admin/users/bulk: activate or deactivate the chosen users (records/rec_bulk.c). */
extern const struct rec_bulk user_bulk;
extern const struct rec_bulk *const admin_bulks[]; /* NULL-ended: the worker's admin.bulk */
int users_bulk(struct req *r);
int user_reset_password(struct req *r);

int roles_list(struct req *r);
int role_form(struct req *r);
int role_new_form(struct req *r);
int role_create(struct req *r);
int role_update(struct req *r);

/* fields.c: Administration > Fields */
extern const struct rec_entity field_entity;
int fields_list(struct req *r);
int field_form(struct req *r);
int field_new_form(struct req *r);
int field_create(struct req *r);
int field_update(struct req *r);
int field_set_active(struct req *r);
int field_rules_form(struct req *r);
int field_rules_save(struct req *r);

int teams_list(struct req *r);
int team_form(struct req *r);
int team_create(struct req *r);
int team_update(struct req *r);

int audit_search(struct req *r);
int audit_export(struct req *r);
int users_export(struct req *r);
int teams_export(struct req *r);
int backups_page(struct req *r);
int backup_create(struct req *r);
int backup_download(struct req *r);
int backup_restore(struct req *r);

/* escalation.c: nobody grants more than they hold */
int roles_added_within(struct req *r, long long user_id, const long long *ids, size_t n, int *within);
int user_holds_admin(struct req *r, long long user_id, int *holds);
int teams_added_within(struct req *r, long long user_id, const long long *ids, size_t n, int *within);
int customers_within(struct req *r, const long long *ids, size_t n, int *within);

int temp_password(struct req *r, char *password, size_t len, char *hash);

#endif

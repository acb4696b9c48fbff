/* Module admin: users, roles with their permission matrix, teams, audit search. */
#ifndef CRM_ADMIN_H
#define CRM_ADMIN_H

#include "render/render.h"
#include "http/http.h"

#define ADMIN_MAX_LINKS 64
#define ADMIN_MAX_CUSTOMERS 500

/* What the user form sends. */
struct user_input {
	long long id;
	long long version;
	char username[65];
	char display_name[129];
	char email[256];
	struct prefs prefs;
	int must_change_password;
	long long roles[ADMIN_MAX_LINKS];
	size_t nroles;
	long long teams[ADMIN_MAX_LINKS];
	size_t nteams;
	long long person_id;            /* 0: not linked to a person record */
	long long customers[ADMIN_MAX_CUSTOMERS]; /* "sees only these accounts"; none: no limit */
	size_t ncustomers;
};

int users_list(struct req *r);
int user_form(struct req *r);
int user_new_form(struct req *r);
int user_create(struct req *r);
int user_update(struct req *r);
int user_set_active(struct req *r);
int user_reset_password(struct req *r);

int roles_list(struct req *r);
int role_form(struct req *r);
int role_new_form(struct req *r);
int role_create(struct req *r);
int role_update(struct req *r);

int teams_list(struct req *r);
int team_create(struct req *r);
int team_update(struct req *r);

int audit_search(struct req *r);
int audit_export(struct req *r);
int users_export(struct req *r);
int backups_page(struct req *r);
int backup_create(struct req *r);
int backup_download(struct req *r);
int backup_restore(struct req *r);

/* escalation.c: nobody grants more than they hold */
int roles_added_within(struct req *r, long long user_id, const long long *ids, size_t n, int *within);
int user_holds_admin(struct req *r, long long user_id, int *holds);

/* users_db.c */
int users_db_list(struct req *r);
int users_db_load(struct req *r, long long id);
int users_db_choices(struct req *r, long long user_id);
int users_db_create(struct req *r, const struct user_input *in, const char *password_hash, long long *id);
int users_db_update(struct req *r, const struct user_input *in);
int users_db_set_active(struct req *r, long long id, int active);
int users_db_set_password(struct req *r, long long id, const char *hash);

/* A random temporary password (shown once) and its hash. */
int temp_password(struct req *r, char *password, size_t len, char *hash);

#endif

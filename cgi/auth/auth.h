/* Module auth: login, logout, password change, language choice. */
#ifndef CRM_AUTH_H
#define CRM_AUTH_H

#include "http/http.h"

int login_form(struct req *r);
int login_submit(struct req *r);
int logout_submit(struct req *r);
int password_form(struct req *r);
int password_submit(struct req *r);
int language_submit(struct req *r);
int preferences_form(struct req *r);
int preferences_submit(struct req *r);

/* Throttling of failed logins, per account name and per client address. */
/* Sets *wait_s > 0 with the seconds left when either limit is reached. */
int throttle_check(struct req *r, const char *username, long long *wait_s);
/* Records one attempt; call inside the login transaction. */
int throttle_record(struct req *r, const char *username, int success);

/* Password cost from the configuration. */
void auth_password_params(const struct req *r, struct password_params *pp);

#endif

/* Storing a user's new password: one place for the web form, the admin reset and crmctl. */
#ifndef CRM_USER_PASSWORD_H
#define CRM_USER_PASSWORD_H

#include "req.h"

struct password_store {
	long long user_id;
	const char *hash;         /* from password_hash() */
	int must_change;          /* the user must choose another at next login */
	long long keep_session;   /* this session stays; every other of the user ends (0: all end) */
	const char *action;       /* audit action: password_change, password_reset */
	const char *details;      /* audit details (JSON) or NULL */
};

/* Call inside a transaction. CRM_ENOTFOUND when there is no such user. */
int user_password_store(struct req *r, const struct password_store *ps);

#endif

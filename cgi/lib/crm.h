/* Shared return codes and small helpers for libcrm. */
#ifndef CRM_H
#define CRM_H

#include <stddef.h>
#include <stdint.h>

enum crm_rc {
	CRM_OK = 0,
	CRM_ERR = -1,      /* internal failure, logged */
	CRM_EINVAL = -2,   /* bad input from the client */
	CRM_ETOOBIG = -3,  /* input over a configured limit */
	CRM_ENOTFOUND = -4,
	CRM_EDBDOWN = -5,  /* database unreachable: 503 */
	CRM_ECONFLICT = -6 /* stale version or duplicate key */
};

#define CRM_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Logs to stderr (the module's log file) with a timestamp and the module name. */
void crm_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void crm_log_set_module(const char *module);

#endif

/* libcrm area config: Settings from conf/crm.hdf, the environment and crm.local.hdf. */
#ifndef CRM_LIB_CONFIG_H
#define CRM_LIB_CONFIG_H

#include <ClearSilver.h>

/* ---- config ---- */
/* Settings from conf/crm.hdf with environment overrides. */
struct crm_config {
	HDF *hdf;               /* the whole file, for keys read rarely */
	char root[512];
	char var[512];
	char templates[512];
	char lang_dir[512];
	char db_socket[512];
	char db_host[128];
	unsigned db_port;
	char db_name[64];
	char db_user[64];
	char db_password[256];
	unsigned db_connect_timeout;
	unsigned char app_key[64];
	size_t app_key_len;
	char default_lang[4];
	char timezone[64];
	char default_calendar[16];
	char default_digits[16];
	char default_country_code[8];
	int https;
	int bench_routes;       /* Bench.Routes: the benchmark's baseline pages answer */
	char session_cookie[64];
	long session_idle;
	long session_absolute;
	long session_remember;
	long login_max_account;
	long login_max_address;
	long login_window;
	size_t max_body;
	size_t max_query;
	size_t max_file;        /* an attached file, in bytes */
	size_t max_image;       /* a logo or other picture, in bytes */
	unsigned long pw_mem_kib;
	unsigned long pw_iterations;
	unsigned long pw_parallelism;
	long pw_min_length;
	/* Jobs: the worker's timings (crm.hdf documents each) */
	long jobs_lease_seconds;
	long jobs_poll_seconds;
	long jobs_backoff_base_ms;
	long jobs_backoff_max_seconds;
	long jobs_max_attempts;
	long jobs_keep_login_attempts; /* seconds; never under Login.WindowSeconds */
};

/* Loads path (or $CRM_CONFIG, or conf/crm.hdf) then applies the overrides.
 * On failure writes a reason to errbuf. */
int config_load(struct crm_config *cfg, const char *path, char *errbuf, size_t errlen);
void config_free(struct crm_config *cfg);

/* Resolves a path relative to the root into out. */
int config_path(const struct crm_config *cfg, const char *rel, char *out, size_t outlen);

#endif

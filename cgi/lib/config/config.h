/* libcrm area config: Settings from conf/crm.hdf, the environment and crm.local.hdf. */
#ifndef CRM_LIB_CONFIG_H
#define CRM_LIB_CONFIG_H

#include <ClearSilver.h>

/* ---- registry ---- */
/* The module registry, conf/modules: every module once, with its menu entry and the
 * actions of its permission matrix (README, Modules). */
#define REGISTRY_MAX_MODULES 32
#define REGISTRY_MAX_ACTIONS 16
#define REGISTRY_MAX_ITEMS 4 /* quick-create items and panels, each, per module */

/* The actions a module may list, in the matrix's column order. */
extern const char *const registry_actions[];
extern const unsigned registry_nactions;

/* A named route of a module: new=<name>:<path> (quick create, label Lang.quick.<name>) or
 * panel=<name>:<path> (a start-page panel, title Lang.panel.<name>); the path is the module's own. */
struct registry_item {
	char name[32];
	char path[128];
};

struct crm_module {
	char name[32];   /* program, base path /<name>/, permission module */
	int menu;        /* order in the menu; 0: not in it */
	char start[128]; /* where its menu entry leads */
	unsigned actions; /* bit i: registry_actions[i] is in its matrix row */
	char search[128]; /* search=<path>: the header's global search asks it (""): none */
	struct registry_item news[REGISTRY_MAX_ITEMS];   /* shown with the module's create */
	struct registry_item panels[REGISTRY_MAX_ITEMS]; /* shown with the module's view */
	unsigned nnews, npanels;
};

struct crm_registry {
	struct crm_module modules[REGISTRY_MAX_MODULES];
	unsigned n;
};

/* Parses the registry's text; -1 with a reason in err for a malformed line,
 * an unknown action, a name given twice or more modules than fit. */
int registry_parse(const char *text, struct crm_registry *reg, char *err, size_t errlen);
int registry_load(const char *path, struct crm_registry *reg, char *err, size_t errlen);
/* The registry this process uses (config_load sets it; tests may set their own). */
void registry_use(const struct crm_registry *reg);
const struct crm_registry *registry(void);
/* Index of a module in reg, of an action in registry_actions; -1 when unknown. */
int registry_module(const struct crm_registry *reg, const char *name);
int registry_action(const char *name);

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
	int default_week_start; /* 0 Sunday ... 6 Saturday */
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
	struct crm_registry registry; /* <root>/conf/modules */
	/* Jobs: the worker's timings (crm.hdf documents each) */
	long jobs_lease_seconds;
	long jobs_poll_seconds;
	long jobs_backoff_base_ms;
	long jobs_backoff_max_seconds;
	long jobs_max_attempts;
	long jobs_keep_login_attempts; /* seconds; never under Login.WindowSeconds */
	long lists_exact_count; /* Lists.ExactCount: a list's rows counted exactly up to this many */
	long lists_text_few;    /* Lists.TextFew: a text box word with fewer matches is read first */
	long jobs_export_direct_rows;  /* an export of more rows runs as a job (0: every export does) */
};

/* Loads path (or $CRM_CONFIG, or conf/crm.hdf) then applies the overrides.
 * On failure writes a reason to errbuf. */
int config_load(struct crm_config *cfg, const char *path, char *errbuf, size_t errlen);
void config_free(struct crm_config *cfg);

/* Resolves a path relative to the root into out. */
int config_path(const struct crm_config *cfg, const char *rel, char *out, size_t outlen);

#endif

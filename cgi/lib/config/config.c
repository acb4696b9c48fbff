#include "config/config.h"
#include "i18n/i18n.h"
#include "core/core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *setting(HDF *hdf, const char *key, const char *env, const char *def)
{
	const char *v = env ? getenv(env) : NULL;

	if (v && *v)
		return v;
	return hdf_get_value(hdf, key, def);
}

static long setting_long(HDF *hdf, const char *key, const char *env, long def)
{
	const char *v = setting(hdf, key, env, NULL);
	char *end;
	long n;

	if (!v || !*v)
		return def;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end || n < 0)
		return -1;
	return n;
}

int config_path(const struct crm_config *cfg, const char *rel, char *out, size_t outlen)
{
	int n;

	if (rel[0] == '/')
		n = snprintf(out, outlen, "%s", rel);
	else
		n = snprintf(out, outlen, "%s/%s", cfg->root, rel);
	return (n < 0 || (size_t)n >= outlen) ? CRM_ERR : CRM_OK;
}

/* Run-time files (socket, secrets) are relative to Paths.Var. */
static int var_path(const struct crm_config *cfg, const char *rel, char *out, size_t outlen)
{
	int n = rel[0] == '/' ? snprintf(out, outlen, "%s", rel) : snprintf(out, outlen, "%s/%s", cfg->var, rel);

	return (n < 0 || (size_t)n >= outlen) ? CRM_ERR : CRM_OK;
}

static int copy_str(char *dst, size_t dlen, const char *src)
{
	int n = snprintf(dst, dlen, "%s", src ? src : "");

	return (n < 0 || (size_t)n >= dlen) ? CRM_ERR : CRM_OK;
}

/* Reads the first line of a secret file. */
static int read_first_line(const char *path, char *out, size_t outlen)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return CRM_ERR;
	if (!fgets(out, (int)outlen, f)) {
		fclose(f);
		return CRM_ERR;
	}
	fclose(f);
	out[strcspn(out, "\r\n")] = '\0';
	return CRM_OK;
}

static int hex_to_bytes(const char *hex, unsigned char *out, size_t max, size_t *len)
{
	size_t n = strlen(hex);

	if (n % 2 || n / 2 > max)
		return CRM_ERR;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return CRM_ERR;
		out[i] = (unsigned char)v;
	}
	*len = n / 2;
	return CRM_OK;
}

static int config_paths(struct crm_config *cfg, char *errbuf, size_t errlen)
{
	HDF *h = cfg->hdf;
	char tmp[512];

	if (copy_str(cfg->root, sizeof(cfg->root), setting(h, "Paths.Root", "CRM_ROOT", ".")) ||
	    copy_str(tmp, sizeof(tmp), setting(h, "Paths.Var", "CRM_VAR", "var")) ||
	    config_path(cfg, tmp, cfg->var, sizeof(cfg->var)) ||
	    copy_str(tmp, sizeof(tmp), setting(h, "Paths.Templates", "CRM_TEMPLATES", "html/templates")) ||
	    config_path(cfg, tmp, cfg->templates, sizeof(cfg->templates)) ||
	    copy_str(tmp, sizeof(tmp), setting(h, "Paths.Lang", "CRM_LANG_DIR", "html/lang")) ||
	    config_path(cfg, tmp, cfg->lang_dir, sizeof(cfg->lang_dir))) {
		snprintf(errbuf, errlen, "a path under Paths is too long");
		return CRM_ERR;
	}
	return CRM_OK;
}

static int config_database(struct crm_config *cfg, char *errbuf, size_t errlen)
{
	HDF *h = cfg->hdf;
	const char *pw = getenv("CRM_DB_PASSWORD");
	const char *sock = setting(h, "Database.Socket", "CRM_DB_SOCKET", "");

	/* (a socket path, like the secret files below, is relative to Paths.Var) */
	long port = setting_long(h, "Database.Port", "CRM_DB_PORT", 3306);
	char file[512];

	cfg->db_socket[0] = '\0';
	if (*sock && var_path(cfg, sock, cfg->db_socket, sizeof(cfg->db_socket))) {
		snprintf(errbuf, errlen, "Database.Socket is too long");
		return CRM_ERR;
	}
	if (port <= 0 || port > 65535) {
		snprintf(errbuf, errlen, "Database.Port must be 1..65535");
		return CRM_ERR;
	}
	cfg->db_port = (unsigned)port;
	cfg->db_connect_timeout = (unsigned)setting_long(h, "Database.ConnectTimeout", NULL, 2);
	if (copy_str(cfg->db_host, sizeof(cfg->db_host), setting(h, "Database.Host", "CRM_DB_HOST", "127.0.0.1")) ||
	    copy_str(cfg->db_name, sizeof(cfg->db_name), setting(h, "Database.Name", "CRM_DB_NAME", "crm")) ||
	    copy_str(cfg->db_user, sizeof(cfg->db_user), setting(h, "Database.User", "CRM_DB_USER", "crm"))) {
		snprintf(errbuf, errlen, "a Database setting is too long");
		return CRM_ERR;
	}
	if (pw) {
		if (copy_str(cfg->db_password, sizeof(cfg->db_password), pw)) {
			snprintf(errbuf, errlen, "CRM_DB_PASSWORD is too long");
			return CRM_ERR;
		}
		return CRM_OK;
	}
	if (var_path(cfg, setting(h, "Database.PasswordFile", "CRM_DB_PASSWORD_FILE", "secrets/db-password"),
			file, sizeof(file)) ||
	    read_first_line(file, cfg->db_password, sizeof(cfg->db_password))) {
		snprintf(errbuf, errlen, "cannot read the database password file %s", file);
		return CRM_ERR;
	}
	return CRM_OK;
}

static int config_secrets(struct crm_config *cfg, char *errbuf, size_t errlen)
{
	char file[512], hex[160];

	if (var_path(cfg, setting(cfg->hdf, "Secrets.KeyFile", "CRM_SECRET_FILE", "secrets/app-key"),
			file, sizeof(file)) ||
	    read_first_line(file, hex, sizeof(hex)) ||
	    hex_to_bytes(hex, cfg->app_key, sizeof(cfg->app_key), &cfg->app_key_len) ||
	    cfg->app_key_len < 32) {
		snprintf(errbuf, errlen, "cannot read a key of 32+ hex bytes from %s", file);
		return CRM_ERR;
	}
	return CRM_OK;
}

static int config_numbers(struct crm_config *cfg, char *errbuf, size_t errlen)
{
	HDF *h = cfg->hdf;
	const char *lang = setting(h, "Site.DefaultLanguage", NULL, "fa");

	if (strcmp(lang, "fa") && strcmp(lang, "en") && strcmp(lang, "tr")) {
		snprintf(errbuf, errlen, "Site.DefaultLanguage must be fa, en or tr");
		return CRM_ERR;
	}
	snprintf(cfg->default_lang, sizeof(cfg->default_lang), "%s", lang);
	if (copy_str(cfg->timezone, sizeof(cfg->timezone), setting(h, "Site.TimeZone", NULL, "UTC")) ||
	    copy_str(cfg->default_calendar, sizeof(cfg->default_calendar), setting(h, "Site.DefaultCalendar", NULL, "gregorian")) ||
	    copy_str(cfg->default_digits, sizeof(cfg->default_digits), setting(h, "Site.DefaultDigits", NULL, "latin")) ||
	    copy_str(cfg->default_country_code, sizeof(cfg->default_country_code), setting(h, "Site.DefaultCountryCode", NULL, "98")) ||
	    strspn(cfg->default_country_code, "0123456789") != strlen(cfg->default_country_code) ||
	    calendar_parse_name(cfg->default_calendar) < 0 || digits_parse_name(cfg->default_digits) < 0) {
		snprintf(errbuf, errlen, "Site.TimeZone, DefaultCalendar (gregorian, jalali, hijri) or DefaultDigits (latin, persian) is wrong");
		return CRM_ERR;
	}
	/* the first day of a new user's week: Saturday in Iran, Monday in Türkiye, Sunday elsewhere */
	cfg->default_week_start = (int)setting_long(h, "Site.DefaultWeekStart", NULL, 1);
	if (cfg->default_week_start < 0 || cfg->default_week_start > 6) {
		snprintf(errbuf, errlen, "Site.DefaultWeekStart must be 0 (Sunday) to 6 (Saturday)");
		return CRM_ERR;
	}
	cfg->https = setting_long(h, "Site.Https", NULL, 0) > 0;
	cfg->bench_routes = setting_long(h, "Bench.Routes", "CRM_BENCH_ROUTES", 0) > 0;
	if (copy_str(cfg->session_cookie, sizeof(cfg->session_cookie), setting(h, "Session.Cookie", NULL, "crm_session"))) {
		snprintf(errbuf, errlen, "Session.Cookie is too long");
		return CRM_ERR;
	}
	cfg->session_idle = setting_long(h, "Session.IdleSeconds", NULL, 1800);
	cfg->session_absolute = setting_long(h, "Session.AbsoluteSeconds", NULL, 43200);
	cfg->session_remember = setting_long(h, "Session.RememberSeconds", NULL, 2592000);
	cfg->login_max_account = setting_long(h, "Login.MaxFailuresPerAccount", NULL, 5);
	cfg->login_max_address = setting_long(h, "Login.MaxFailuresPerAddress", NULL, 20);
	cfg->login_window = setting_long(h, "Login.WindowSeconds", NULL, 900);
	long max_body = setting_long(h, "Limits.MaxBody", NULL, 10485760);
	long max_query = setting_long(h, "Limits.MaxQuery", NULL, 8192);
	long max_file = setting_long(h, "Limits.MaxFile", NULL, 8388608);
	long max_image = setting_long(h, "Limits.MaxImage", NULL, 2097152);
	long mem = setting_long(h, "Password.MemoryKiB", NULL, 19456);
	long iter = setting_long(h, "Password.Iterations", NULL, 2);
	long par = setting_long(h, "Password.Parallelism", NULL, 1);

	cfg->pw_min_length = setting_long(h, "Password.MinLength", NULL, 10);
	if (cfg->session_idle <= 0 || cfg->session_absolute <= 0 || cfg->session_remember <= 0 ||
	    cfg->login_max_account <= 0 || cfg->login_max_address <= 0 || cfg->login_window <= 0 ||
	    max_body <= 0 || max_query <= 0 || max_file <= 0 || max_image <= 0 || mem < 8192 || iter < 1 || par < 1 || cfg->pw_min_length < 8) {
		snprintf(errbuf, errlen, "a number in Session, Login, Limits or Password is missing, negative or too small");
		return CRM_ERR;
	}
	cfg->max_body = (size_t)max_body;
	cfg->max_query = (size_t)max_query;
	cfg->max_file = (size_t)max_file;
	cfg->max_image = (size_t)max_image;
	cfg->pw_mem_kib = (unsigned long)mem;
	cfg->pw_iterations = (unsigned long)iter;
	cfg->pw_parallelism = (unsigned long)par;
	return CRM_OK;
}

/* The module registry lives beside the settings: <root>/conf/modules. */
static int config_registry(struct crm_config *cfg, char *errbuf, size_t errlen)
{
	char path[600];

	if (config_path(cfg, "conf/modules", path, sizeof(path)) != CRM_OK) {
		snprintf(errbuf, errlen, "the path of conf/modules is too long");
		return CRM_ERR;
	}
	return registry_load(path, &cfg->registry, errbuf, errlen) ? CRM_ERR : CRM_OK;
}

static int config_jobs(struct crm_config *cfg, char *errbuf, size_t errlen)
{
	HDF *h = cfg->hdf;

	cfg->jobs_lease_seconds = setting_long(h, "Jobs.LeaseSeconds", NULL, 60);
	cfg->jobs_poll_seconds = setting_long(h, "Jobs.PollSeconds", NULL, 5);
	cfg->jobs_backoff_base_ms = setting_long(h, "Jobs.BackoffBaseMs", NULL, 2000);
	cfg->jobs_backoff_max_seconds = setting_long(h, "Jobs.BackoffMaxSeconds", NULL, 3600);
	cfg->jobs_max_attempts = setting_long(h, "Jobs.MaxAttempts", NULL, 5);
	cfg->jobs_keep_login_attempts = setting_long(h, "Jobs.KeepLoginAttemptsSeconds", NULL, 86400);
	cfg->jobs_export_direct_rows = setting_long(h, "Jobs.ExportDirectRows", NULL, 5000);
	/* a lease must outlive a few renewals (a third of it each), a poll must happen at all */
	if (cfg->jobs_lease_seconds < 2 || cfg->jobs_poll_seconds < 1 || cfg->jobs_backoff_base_ms < 1 ||
	    cfg->jobs_backoff_max_seconds < 1 || cfg->jobs_max_attempts < 1 || cfg->jobs_keep_login_attempts < 0 ||
	    cfg->jobs_export_direct_rows < 0) {
		snprintf(errbuf, errlen, "a number in Jobs is missing or too small (LeaseSeconds >= 2, the others >= 1)");
		return CRM_ERR;
	}
	cfg->lists_exact_count = setting_long(h, "Lists.ExactCount", NULL, 1000);
	if (cfg->lists_exact_count < 1)
		cfg->lists_exact_count = 1;
	cfg->lists_text_few = setting_long(h, "Lists.TextFew", NULL, 10000);
	if (cfg->lists_text_few < 1)
		cfg->lists_text_few = 1;
	/* attempts inside the window still count against a login: they must stay */
	if (cfg->jobs_keep_login_attempts < cfg->login_window)
		cfg->jobs_keep_login_attempts = cfg->login_window;
	return CRM_OK;
}

static int read_hdf(HDF *hdf, const char *path, char *errbuf, size_t errlen)
{
	NEOERR *err = hdf_read_file(hdf, path);

	if (err != STATUS_OK) {
		STRING s;

		string_init(&s);
		nerr_error_string(err, &s);
		snprintf(errbuf, errlen, "%s: %s", path, s.buf ? s.buf : "unreadable");
		string_clear(&s);
		nerr_ignore(&err);
		return CRM_ERR;
	}
	return CRM_OK;
}

int config_load(struct crm_config *cfg, const char *path, char *errbuf, size_t errlen)
{
	const char *local = getenv("CRM_CONFIG_LOCAL");
	char local_path[600];
	NEOERR *err;

	memset(cfg, 0, sizeof(*cfg));
	if (!path)
		path = getenv("CRM_CONFIG");
	if (!path)
		path = "conf/crm.hdf";
	err = hdf_init(&cfg->hdf);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		snprintf(errbuf, errlen, "out of memory");
		return CRM_ERR;
	}
	if (read_hdf(cfg->hdf, path, errbuf, errlen) || config_paths(cfg, errbuf, errlen))
		goto fail;
	if (!local) {
		snprintf(local_path, sizeof(local_path), "%s/crm.local.hdf", cfg->var);
		local = local_path;
	}
	if (access(local, R_OK) == 0) {
		if (read_hdf(cfg->hdf, local, errbuf, errlen) || config_paths(cfg, errbuf, errlen))
			goto fail;
	}
	if (config_database(cfg, errbuf, errlen) || config_secrets(cfg, errbuf, errlen) ||
	    config_numbers(cfg, errbuf, errlen) || config_registry(cfg, errbuf, errlen) ||
	    config_jobs(cfg, errbuf, errlen))
		goto fail;
	registry_use(&cfg->registry);
	return CRM_OK;
fail:
	hdf_destroy(&cfg->hdf);
	return CRM_ERR;
}

void config_free(struct crm_config *cfg)
{
	if (registry() == &cfg->registry)
		registry_use(NULL);
	if (cfg->hdf)
		hdf_destroy(&cfg->hdf);
	memset(cfg->db_password, 0, sizeof(cfg->db_password));
	memset(cfg->app_key, 0, sizeof(cfg->app_key));
}

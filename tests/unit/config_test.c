/* conf/crm.hdf loading, environment overrides and validation. */
#include "config/config.h"
#include "core/core.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/crm-config-test-XXXXXX";

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void setup(void)
{
	char cmd[700];

	strcpy(dir, "/tmp/crm-config-test-XXXXXX");
	if (!mkdtemp(dir))
		return;
	write_file("key", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n");
	write_file("dbpw", "s3cret pw\n");
	/* the module registry lives beside the settings: the project's own, copied */
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/conf' && cp conf/modules '%s/conf/modules'", dir, dir);
	if (system(cmd) != 0)
		fprintf(stderr, "  could not copy conf/modules\n");
	setenv("CRM_ROOT", dir, 1);
	setenv("CRM_VAR", dir, 1);
	unsetenv("CRM_DB_PASSWORD");
	unsetenv("CRM_DB_SOCKET");
	unsetenv("CRM_CONFIG_LOCAL");
}

static void cleanup(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "  could not remove %s\n", dir);
	unsetenv("CRM_ROOT");
	unsetenv("CRM_VAR");
	unsetenv("CRM_DB_PORT");
}

static void config_reads_project_file_and_overrides(void)
{
	struct crm_config cfg;
	char err[256] = "";
	char conf[300];

	setup();
	write_file("c.hdf", "Database.PasswordFile = dbpw\nSecrets.KeyFile = key\nDatabase.Socket = run/db.sock\n"
			    "Site.DefaultLanguage = en\nLogin.MaxFailuresPerAccount = 7\n");
	snprintf(conf, sizeof(conf), "%s/c.hdf", dir);
	setenv("CRM_DB_PORT", "3399", 1);
	CHECK(config_load(&cfg, conf, err, sizeof(err)) == CRM_OK);
	if (err[0])
		fprintf(stderr, "  %s\n", err);
	CHECK_STR(cfg.db_password, "s3cret pw");
	CHECK(cfg.app_key_len == 32 && cfg.app_key[31] == 0x1f);
	CHECK(cfg.db_port == 3399);
	CHECK_STR(cfg.default_lang, "en");
	CHECK(cfg.login_max_account == 7);
	CHECK(cfg.login_max_address == 20); /* default */
	CHECK(strstr(cfg.db_socket, "/run/db.sock") != NULL && cfg.db_socket[0] == '/');
	config_free(&cfg);
	cleanup();
}

static void config_local_file_wins(void)
{
	struct crm_config cfg;
	char err[256] = "", conf[300];

	setup();
	write_file("c.hdf", "Database.PasswordFile = dbpw\nSecrets.KeyFile = key\nSession.IdleSeconds = 100\n");
	write_file("crm.local.hdf", "Session.IdleSeconds = 42\n");
	snprintf(conf, sizeof(conf), "%s/c.hdf", dir);
	CHECK(config_load(&cfg, conf, err, sizeof(err)) == CRM_OK);
	CHECK(cfg.session_idle == 42);
	config_free(&cfg);
	cleanup();
}

static void config_rejects_bad_values(void)
{
	struct crm_config cfg;
	char err[256] = "", conf[300];

	setup();
	snprintf(conf, sizeof(conf), "%s/c.hdf", dir);
	write_file("c.hdf", "Database.PasswordFile = dbpw\nSecrets.KeyFile = key\nSite.DefaultLanguage = xx\n");
	CHECK(config_load(&cfg, conf, err, sizeof(err)) == CRM_ERR);
	CHECK(strstr(err, "DefaultLanguage") != NULL);
	write_file("c.hdf", "Database.PasswordFile = dbpw\nSecrets.KeyFile = key\nSite.DefaultWeekStart = 7\n");
	CHECK(config_load(&cfg, conf, err, sizeof(err)) == CRM_ERR);
	CHECK(strstr(err, "DefaultWeekStart") != NULL);
	write_file("c.hdf", "Database.PasswordFile = dbpw\nSecrets.KeyFile = key\nLimits.MaxBody = -5\n");
	CHECK(config_load(&cfg, conf, err, sizeof(err)) == CRM_ERR);
	write_file("c.hdf", "Database.PasswordFile = missing\nSecrets.KeyFile = key\n");
	CHECK(config_load(&cfg, conf, err, sizeof(err)) == CRM_ERR);
	CHECK(strstr(err, "password file") != NULL);
	write_file("short", "0011\n");
	write_file("c.hdf", "Database.PasswordFile = dbpw\nSecrets.KeyFile = short\n");
	CHECK(config_load(&cfg, conf, err, sizeof(err)) == CRM_ERR);
	CHECK(config_load(&cfg, "/nonexistent/crm.hdf", err, sizeof(err)) == CRM_ERR);
	/* a registry that names an action nobody knows stops the start, saying where */
	write_file("c.hdf", "Database.PasswordFile = dbpw\nSecrets.KeyFile = key\n");
	write_file("conf/modules", "home 10 /home/ view\nparties 20 /parties/ view fly\n");
	CHECK(config_load(&cfg, conf, err, sizeof(err)) == CRM_ERR);
	CHECK(strstr(err, "conf/modules") && strstr(err, "line 2") && strstr(err, "fly"));
	cleanup();
}

static void shipped_config_is_valid(void)
{
	struct crm_config cfg;
	char err[256] = "";

	setup();
	setenv("CRM_DB_PASSWORD", "x", 1);
	setenv("CRM_SECRET_FILE", "key", 1);
	CHECK(config_load(&cfg, "conf/crm.hdf", err, sizeof(err)) == CRM_OK);
	if (err[0])
		fprintf(stderr, "  %s\n", err);
	CHECK(cfg.session_idle > 0 && cfg.max_body > 0 && cfg.pw_mem_kib >= 19456);
	CHECK(cfg.default_week_start == 6); /* shipped for Iran, with Jalali */
	config_free(&cfg);
	unsetenv("CRM_DB_PASSWORD");
	unsetenv("CRM_SECRET_FILE");
	cleanup();
}

/* search=, new= and panel= after the actions: kept in order; a path outside the module's own
 * base, a name used twice, an unknown key or one item too many is refused, saying where. */
static void registry_items(void)
{
	static struct crm_registry reg;
	char err[256] = "";

	CHECK(registry_parse("home 10 /home/ view\nparties 20 /parties/persons view create search=/parties/search "
			     "new=person:/parties/person/new new=company:/parties/company/new panel=imports:/parties/import/panel\n",
			     &reg, err, sizeof(err)) == 0);
	CHECK(reg.n == 2 && reg.modules[1].actions == 3u);
	CHECK(!strcmp(reg.modules[1].search, "/parties/search") && !reg.modules[0].search[0]);
	CHECK(reg.modules[1].nnews == 2 && !strcmp(reg.modules[1].news[1].name, "company") &&
	      !strcmp(reg.modules[1].news[1].path, "/parties/company/new"));
	CHECK(reg.modules[1].npanels == 1 && !strcmp(reg.modules[1].panels[0].path, "/parties/import/panel"));
	const char *bad[] = {
		"home 10 /home/ view new=x:/admin/x\n",              /* another module's path */
		"home 10 /home/ view new=x:/homex/y\n",              /* not under /home/ */
		"home 10 /home/ view panel=x:/home/\"y\n",          /* a character HTML would need escaped */
		"home 10 /home/ view new=/home/x\n",                 /* no name */
		"home 10 /home/ view new=X:/home/x\n",               /* not a name */
		"home 10 /home/ view colour=/home/x\n",              /* unknown key */
		"home 10 /home/ view search=/home/a search=/home/b\n", /* two searches */
		"home 10 /home/ view new=a:/home/a\nparties 20 /parties/ view new=a:/parties/a\n", /* a name twice */
		"home 10 /home/ view panel=a:/home/a panel=b:/home/b panel=c:/home/c panel=d:/home/d panel=e:/home/e\n",
	};
	for (size_t i = 0; i < CRM_ARRAY_LEN(bad); i++) {
		err[0] = '\0';
		CHECK(registry_parse(bad[i], &reg, err, sizeof(err)) == -1);
		CHECK(strstr(err, "line ") != NULL);
	}
}

const struct test_case config_tests[] = {
	{ "registry_items", registry_items },
	{ "config_reads_project_file_and_overrides", config_reads_project_file_and_overrides },
	{ "config_local_file_wins", config_local_file_wins },
	{ "config_rejects_bad_values", config_rejects_bad_values },
	{ "shipped_config_is_valid", shipped_config_is_valid },
	{ NULL, NULL },
};

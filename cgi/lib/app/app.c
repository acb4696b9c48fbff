#include "app/app.h"
#include "audit/audit.h"
#include "core/core.h"
#include "i18n/i18n.h"
#include "render/render.h"
#include "auth/auth.h"
#include "db/db.h"
#include "domain/domain.h"

#include <cgi/cgi.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const struct route *route_find(const struct route *routes, const char *method, const char *path,
				      int *path_known)
{
	int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;

	*path_known = 0;
	for (const struct route *rt = routes; rt->path; rt++) {
		if (strcmp(rt->path, path) != 0)
			continue;
		*path_known = 1;
		if ((get && strcmp(rt->method, "GET") == 0) || strcmp(rt->method, method) == 0)
			return rt;
	}
	return NULL;
}

/* Language: the user's own, else ?lang=, else the crm_lang cookie, else the default. */
static void choose_language(struct req *r)
{
	const char *q = kv_get(&r->query, "lang");
	const char *c = kv_get(&r->cookies, "crm_lang");

	if (r->logged_in && lang_known(r->user.lang))
		snprintf(r->lang, sizeof(r->lang), "%s", r->user.lang);
	else if (lang_known(q))
		snprintf(r->lang, sizeof(r->lang), "%s", q);
	else if (lang_known(c))
		snprintf(r->lang, sizeof(r->lang), "%s", c);
	else
		snprintf(r->lang, sizeof(r->lang), "%s", r->cfg->default_lang);
}

/* The menu: the registry's modules with a menu place that the user may view, in their order. */
static int fill_menu(struct req *r)
{
	const struct crm_registry *reg = &r->cfg->registry;
	int n = 0, last = 0;

	for (;;) {
		const struct crm_module *next = NULL;
		char key[64];
		NEOERR *err;

		/* the next menu place after the last one shown (few modules: a scan each) */
		for (unsigned i = 0; i < reg->n; i++)
			if (reg->modules[i].menu > last && (!next || reg->modules[i].menu < next->menu))
				next = &reg->modules[i];
		if (!next)
			return CRM_OK;
		last = next->menu;
		if (!perm_allows(&r->user, next->name, "view"))
			continue;
		snprintf(key, sizeof(key), "menu.%s", next->name);
		err = hdf_set_valuef(r->hdf, "Menu.%d.url=%s", n, next->start);
		if (err == STATUS_OK)
			err = hdf_set_valuef(r->hdf, "Menu.%d.label=%s", n, lang_str(r, key));
		if (err == STATUS_OK)
			err = hdf_set_valuef(r->hdf, "Menu.%d.module=%s", n, next->name);
		if (err == STATUS_OK)
			err = hdf_set_valuef(r->hdf, "Menu.%d.active=%d", n, strcmp(next->name, r->module) == 0);
		if (err != STATUS_OK) {
			nerr_ignore(&err);
			return CRM_ERR;
		}
		n++;
	}
}

/* The header's global search (Header.search.N: each module's search route the user may view)
 * and "+ New" (Header.quick.N.{url,label}: each module's items the user may create), from the
 * registry, so a later module adds its own without touching the header. */
static int fill_header(struct req *r)
{
	const struct crm_registry *reg = &r->cfg->registry;
	NEOERR *err = STATUS_OK;
	int ns = 0, nq = 0;

	for (unsigned i = 0; err == STATUS_OK && i < reg->n; i++) {
		const struct crm_module *m = &reg->modules[i];

		if (m->search[0] && perm_allows(&r->user, m->name, "view"))
			err = hdf_set_valuef(r->hdf, "Header.search.%d=%s", ns++, m->search);
		if (!m->nnews || !perm_allows(&r->user, m->name, "create"))
			continue;
		for (unsigned k = 0; err == STATUS_OK && k < m->nnews; k++) {
			char key[64];

			snprintf(key, sizeof(key), "quick.%s", m->news[k].name);
			err = hdf_set_valuef(r->hdf, "Header.quick.%d.url=%s", nq, m->news[k].path);
			if (err == STATUS_OK)
				err = hdf_set_valuef(r->hdf, "Header.quick.%d.name=%s", nq, m->news[k].name);
			if (err == STATUS_OK)
				err = hdf_set_valuef(r->hdf, "Header.quick.%d.label=%s", nq, lang_str(r, key));
			nq++;
		}
	}
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	return CRM_OK;
}

/* User, permissions and menu for templates. */
static int fill_user(struct req *r)
{
	NEOERR *err;

	if (!r->logged_in)
		return CRM_OK;
	err = hdf_set_valuef(r->hdf, "User.id=%lld", r->user.id);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "User.username", r->user.username);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "User.calendar", calendar_name((enum calendar)r->user.calendar));
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "User.digits", r->user.digits == DIGITS_PERSIAN ? "persian" : "latin");
	if (err == STATUS_OK)
		err = hdf_set_int_value(r->hdf, "User.week_start", r->user.week_start);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "User.name", r->user.display_name);
	if (err == STATUS_OK && r->user.is_admin)
		err = hdf_set_value(r->hdf, "User.is_admin", "1");
	/* Perm.<module>.<action> = scope, for the templates' "may I" questions. */
	for (unsigned m = 0; err == STATUS_OK && m < r->cfg->registry.n; m++) {
		const struct crm_module *mod = &r->cfg->registry.modules[m];

		for (unsigned a = 0; err == STATUS_OK && a < registry_nactions; a++) {
			enum scope s = perm_scope(&r->user, mod->name, registry_actions[a]);

			if (s != SCOPE_NONE)
				err = hdf_set_valuef(r->hdf, "Perm.%s.%s=%s", mod->name, registry_actions[a], scope_name(s));
		}
	}
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	time_t now = time(NULL);
	struct tm tm;
	char today[32];

	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d %H:%M:%S", &tm);
	if (hdf_set_datetime(r, "Page.now", today) != CRM_OK)
		return CRM_ERR;
	if (fill_menu(r) != CRM_OK)
		return CRM_ERR;
	return fill_header(r);
}

/* Sends the browser to the login page, keeping what it asked for. */
static int redirect_to_login(struct req *r)
{
	const char *qs = req_env(r, "QUERY_STRING");
	char next[2048], *esc = NULL;
	char target[4096];
	NEOERR *err;

	if (strcmp(r->method, "POST") == 0)
		snprintf(next, sizeof(next), "/home/");
	else
		snprintf(next, sizeof(next), "%s%s%s", r->path, qs && *qs ? "?" : "", qs && *qs ? qs : "");
	err = cgi_url_escape(next, &esc);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return reply_error(r, 500);
	}
	snprintf(target, sizeof(target), "/auth/login?next=%s%s", esc, r->session_expired ? "&expired=1" : "");
	free(esc);
	if (r->session_expired)
		resp_cookie(r, r->cfg->session_cookie, "", 0);
	return resp_redirect(r, target);
}

/* A refused request is kept in the audit trail too, where admins search. */
static int audit_denial(struct req *r, const struct route *rt)
{
	struct buf d = { 0 };
	int rc;

	/* sticky buffer: the last append fails if any did */
	buf_puts(&d, "{\"method\":");
	json_str(&d, r->method);
	buf_puts(&d, ",\"path\":");
	json_str(&d, r->path);
	rc = buf_printf(&d, ",\"needs\":\"%s.%s\"}", rt->perm_module, rt->perm_action);
	if (rc == CRM_OK)
		rc = audit_write(r, 0, "routes", 0, "denied", d.p);
	buf_free(&d);
	return rc;
}

int app_handle(struct req *r, const struct route *routes)
{
	const struct route *rt;
	int known, rc, st;

	st = req_read(r);
	if (st) {
		choose_language(r);
		return reply_error(r, st);
	}
	rt = route_find(routes, r->method, r->path, &known);
	if (!rt) {
		choose_language(r);
		return reply_error(r, known ? 405 : 404);
	}
	if (rt->flags & ROUTE_NO_DB)
		return rt->handler(r);
	r->user.calendar = calendar_parse_name(r->cfg->default_calendar);
	r->user.digits = digits_parse_name(r->cfg->default_digits);
	rc = db_ensure(r->db);
	if (rc == CRM_OK)
		rc = session_load(r);
	choose_language(r);
	if (rc != CRM_OK)
		return reply_error(r, rc == CRM_EDBDOWN ? 503 : 500);
	if (csrf_prepare(r) != CRM_OK || render_begin(r) != CRM_OK || fill_user(r) != CRM_OK)
		return reply_error(r, 500);
	if (!(rt->flags & ROUTE_PUBLIC) && !r->logged_in)
		return redirect_to_login(r);
	if (strcmp(r->method, "POST") == 0 && !csrf_valid(r)) {
		crm_log("csrf rejected: %s %s user=%lld", r->method, r->path, r->logged_in ? r->user.id : 0);
		return reply_error(r, 403);
	}
	if (r->logged_in && r->user.must_change_password && !(rt->flags & (ROUTE_PASSWORD_CHANGE | ROUTE_PUBLIC)))
		return resp_redirect(r, "/auth/password");
	if (!(rt->flags & (ROUTE_PUBLIC | ROUTE_ANY_USER)) &&
	    (!perm_allows(&r->user, rt->perm_module, rt->perm_action) ||
	     ((rt->flags & ROUTE_ADMIN) && !r->user.is_admin))) {
		crm_log("denied: user=%lld %s %s needs %s.%s", r->user.id, r->method, r->path, rt->perm_module,
			rt->perm_action);
		if (audit_denial(r, rt) != CRM_OK)
			crm_log("denied: the audit row could not be written");
		return reply_error(r, 403);
	}
	return rt->handler(r);
}

int app_health(struct req *r)
{
	return resp_text(r, 200, "text/plain; charset=utf-8", "ok\n");
}

/* ---- the two ways in: FastCGI and plain CGI ---- */

static const char *fcgi_getenv(void *ctx, const char *name)
{
	return FCGX_GetParam(name, ((FCGX_Request *)ctx)->envp);
}

static long fcgi_read(void *ctx, char *buf, size_t n)
{
	return FCGX_GetStr(buf, (int)(n > 65536 ? 65536 : n), ((FCGX_Request *)ctx)->in);
}

static int fcgi_write(void *ctx, const char *buf, size_t n)
{
	return FCGX_PutStr(buf, (int)n, ((FCGX_Request *)ctx)->out) == (int)n ? CRM_OK : CRM_ERR;
}

static const char *cgi_getenv(void *ctx, const char *name)
{
	(void)ctx;
	return getenv(name);
}

static long cgi_read(void *ctx, char *buf, size_t n)
{
	(void)ctx;
	return (long)fread(buf, 1, n, stdin);
}

static int cgi_write(void *ctx, const char *buf, size_t n)
{
	(void)ctx;
	return fwrite(buf, 1, n, stdout) == n ? CRM_OK : CRM_ERR;
}

static void serve_one(const char *module, const struct route *routes, const struct crm_config *cfg,
		      struct db *db, const struct io *io)
{
	struct req r;
	int st;

	memset(&r, 0, sizeof(r));
	r.cfg = cfg;
	r.io = io;
	r.db = db;
	r.module = module;
	r.started_us = now_us();
	db_statements_reset(db);
	st = app_handle(&r, routes);
	if (!r.status)
		r.status = st;
	if (resp_send(&r) != CRM_OK)
		crm_log("client went away: %s", r.path);
	crm_log("access %s %s %d user=%lld addr=%s us=%lld sql=%lu", r.method[0] ? r.method : "-",
		r.path[0] ? r.path : "-", r.status, r.logged_in ? r.user.id : 0, r.remote_addr,
		now_us() - r.started_us, db_statements(db));
	render_release(&r); /* the page tree is render's; the request is http's */
	req_free(&r);
}

/* spawn-fcgi gives workers /dev/null as stderr: log to <var>/log/<module>.log. */
static void log_to_file(const struct crm_config *cfg, const char *module)
{
	char path[700];
	int fd;

	snprintf(path, sizeof(path), "%s/log/%s.log", cfg->var, module);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0 || dup2(fd, STDERR_FILENO) < 0)
		return; /* keep whatever stderr we have */
	close(fd);
}

static void on_term(int sig)
{
	(void)sig;
	FCGX_ShutdownPending();
}

int crm_main(const char *module, const struct route *routes)
{
	struct crm_config cfg;
	struct db *db;
	char err[512];
	struct sigaction sa;

	crm_log_set_module(module);
	domain_init();
	if (config_load(&cfg, NULL, err, sizeof(err)) != CRM_OK) {
		crm_log("configuration: %s", err);
		if (FCGX_IsCGI())
			printf("Status: 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\nconfiguration error\n");
		return 1;
	}
	if (crypto_init() != CRM_OK || render_init(&cfg) != CRM_OK || !(db = db_new(&cfg))) {
		crm_log("start-up failed");
		config_free(&cfg);
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term; /* no SA_RESTART: accept() returns and the loop ends */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (FCGX_IsCGI()) {
		struct io io = { NULL, cgi_getenv, cgi_read, cgi_write };

		serve_one(module, routes, &cfg, db, &io);
		fflush(stdout);
	} else {
		FCGX_Request rq;

		log_to_file(&cfg, module);
		if (FCGX_Init() || FCGX_InitRequest(&rq, 0, 0)) {
			crm_log("FastCGI start-up failed");
			return 1;
		}
		while (FCGX_Accept_r(&rq) >= 0) {
			struct io io = { &rq, fcgi_getenv, fcgi_read, fcgi_write };

			serve_one(module, routes, &cfg, db, &io);
			FCGX_Finish_r(&rq);
		}
		crm_log("stopping");
	}
	db_free(db); /* closes the connection cleanly */
	render_shutdown();
	config_free(&cfg);
	return 0;
}

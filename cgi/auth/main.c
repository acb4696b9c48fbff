/* Module auth: its routes. */
#include "app/app.h"
#include "auth.h"

static int auth_index(struct req *r)
{
	return resp_redirect(r, "/auth/login");
}

static const struct route routes[] = {
	{ "GET", "/auth/health", NULL, NULL, ROUTE_PUBLIC | ROUTE_NO_DB, app_health },
	{ "GET", "/auth/", NULL, NULL, ROUTE_PUBLIC, auth_index },
	{ "GET", "/auth/login", NULL, NULL, ROUTE_PUBLIC, login_form },
	{ "POST", "/auth/login", NULL, NULL, ROUTE_PUBLIC, login_submit },
	{ "POST", "/auth/logout", NULL, NULL, ROUTE_ANY_USER | ROUTE_PASSWORD_CHANGE, logout_submit },
	{ "GET", "/auth/password", NULL, NULL, ROUTE_ANY_USER | ROUTE_PASSWORD_CHANGE, password_form },
	{ "POST", "/auth/password", NULL, NULL, ROUTE_ANY_USER | ROUTE_PASSWORD_CHANGE, password_submit },
	{ "GET", "/auth/preferences", NULL, NULL, ROUTE_ANY_USER, preferences_form },
	{ "POST", "/auth/preferences", NULL, NULL, ROUTE_ANY_USER, preferences_submit },
	{ "POST", "/auth/language", NULL, NULL, ROUTE_PUBLIC | ROUTE_PASSWORD_CHANGE, language_submit },
	{ NULL, NULL, NULL, NULL, 0, NULL }
};

int main(void)
{
	return crm_main("auth", routes);
}

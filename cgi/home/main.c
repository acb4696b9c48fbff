/* Module home: the start page after login. */
#include "../lib/app.h"
#include "../lib/render.h"

/* GET /home/ */
static int start_page(struct req *r)
{
	return render(r, "home/start.cs");
}

static const struct route routes[] = {
	{ "GET", "/home/health", NULL, NULL, ROUTE_PUBLIC | ROUTE_NO_DB, app_health },
	{ "GET", "/home/", "home", "view", 0, start_page },
	{ NULL, NULL, NULL, NULL, 0, NULL }
};

int main(void)
{
	return crm_main("home", routes);
}

/* Module home: the start page after login (start.c), the job pages, the benchmark's floor. */
#include "home.h"
#include "app/app.h"
#include "core/core.h"
#include "db/db.h"
#include "domain/domain.h"
#include "render/render.h"

/* GET /home/floor: the benchmark's floor, only when Bench.Routes is on. One
 * prepared SELECT of 50 rows from the primary key, a minimal template. */
static int bench_floor(struct req *r)
{
	int rc;

	if (!r->cfg->bench_routes)
		return reply_error(r, 404);
	rc = db_query_hdf(r->db, "SELECT id, code, display_name FROM parties ORDER BY id LIMIT 50", NULL, 0, r->hdf, "Rows",
			  NULL);
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	return render(r, "home/floor.cs");
}

static const struct route routes[] = {
	{ "GET", "/home/health", NULL, NULL, ROUTE_PUBLIC | ROUTE_NO_DB, app_health },
	{ "GET", "/home/", "home", "view", 0, start_page },
	{ "GET", "/home/floor", NULL, NULL, ROUTE_ANY_USER, bench_floor },
	/* any module's background job: its owner's (or an admin's), checked by the page itself */
	{ "GET", "/home/job", NULL, NULL, ROUTE_ANY_USER, job_page },
	{ "GET", "/home/job/file", NULL, NULL, ROUTE_ANY_USER, job_file },
	{ NULL, NULL, NULL, NULL, 0, NULL }
};

int main(void)
{
	return crm_main("home", routes);
}

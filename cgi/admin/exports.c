/* The module's entities whose exports past Jobs.ExportDirectRows run in crm-worker: the
 * admin.list_export line of cgi/worker/handlers.c names this table, so a new entity here needs
 * no worker code. Not in main.c, which the worker does not link. */
#include "records/records.h"
#include "admin.h"

#include <stddef.h>

const struct rec_entity *const admin_entities[] = { &user_entity, &team_entity, NULL };

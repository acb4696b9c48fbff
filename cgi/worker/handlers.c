/* The kinds of job this worker runs. A module adds one: a file job_<name>.c
 * with its handler (see worker.h for the contract), a line here (a kind named
 * "<module>.<what>" links that module's code into the worker), and
 * jobs_enqueue(..., "<kind>", ...) + jobs_kick() where it is asked for. */
#include "worker.h"
#include "records/records.h"
#include "../admin/admin.h"
#include "../parties/parties.h"

#include <string.h>

static const struct job_kind kinds[] = {
	{ "sessions.purge", job_sessions_purge, NULL, NULL }, /* scheduled hourly (sql/020_jobs.sql) */
	{ "audit.export", job_audit_export, NULL, NULL },   /* Administration > Audit trail, as a file */
	{ "fields.apply", job_fields_apply, NULL, NULL },   /* Administration > Fields: a custom field's column */
	/* "<module>.": the Makefile links that module's objects into the worker */
	{ "parties.import", job_party_import, NULL, NULL }, /* Parties > Import, the run step */
	{ "parties.export", job_party_export, NULL, NULL }, /* a persons/companies list over Jobs.ExportDirectRows */
	/* the phone book's terms again (sql/025_search_keys.sql); split so the language check reads
	 * it as the kind it is (its name: jobs.kind.parties.search_rebuild), not as a parties.* key */
	{ "parties." "search_rebuild", job_party_search, NULL, NULL },
	/* a records-engine list over Jobs.ExportDirectRows: one handler, the module names its entities */
	{ "admin." REC_EXPORT_KIND, job_rec_export, admin_entities, NULL },
	/* "all N matching" of a list's bulk action: one handler, the module names its lists */
	{ "parties." REC_BULK_KIND, job_rec_bulk, NULL, party_bulks },
	{ "admin." REC_BULK_KIND, job_rec_bulk, NULL, admin_bulks },
};

const struct job_kind *job_kind_find(const char *kind)
{
	for (size_t i = 0; i < CRM_ARRAY_LEN(kinds); i++)
		if (!strcmp(kinds[i].kind, kind))
			return &kinds[i];
	return NULL;
}

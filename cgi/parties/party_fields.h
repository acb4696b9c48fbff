/* The many optional fields of persons and companies, described once: the form,
 * validation, saving, loading and the audit row all walk this table. Column
 * names come only from here, never from input. */
#ifndef CRM_PARTY_FIELDS_H
#define CRM_PARTY_FIELDS_H

#include "audit/audit.h"
#include "http/http.h"

enum field_kind { F_TEXT, F_DATE, F_INT, F_MONEY, F_LOOKUP, F_COLOR, F_CHOICE, F_CITY, F_DISTRICT, F_FLAG };

/* The icons a party can carry; the templates draw each (layout/macros.cs, party_icon). */
#define PARTY_ICONS "star|flag|heart|diamond|bolt|crown|warning|check|phone|briefcase"

struct party_field {
	const char *name;   /* form field and column */
	const char *table;  /* parties, persons or companies */
	enum field_kind kind;
	size_t max;         /* characters (text) */
	const char *arg;    /* lookup kind, or choices separated by | */
	long long lo, hi;   /* integer range */
};

extern const struct party_field party_fields[];
extern const unsigned party_nfields;

/* What the form sent, one value per field ("" for none), stored form (ISO dates, plain numbers). */
struct party_extra {
	char *val[32];
};

/* Reads and validates the fields of kind ("person"/"company"); messages via form_error. */
void party_extra_read(struct req *r, const char *kind, struct party_extra *x);
void party_extra_free(struct party_extra *x);
/* Writes the fields of kind for party id (inside the transaction). */
int party_extra_save(struct db *db, long long id, const char *kind, const struct party_extra *x);
/* Stored values of kind for party id, for the audit row (caller frees). */
int party_extra_load(struct db *db, long long id, const char *kind, struct party_extra *x);
/* Appends an audit change per field of kind into c (at most party_nfields). */
unsigned party_extra_changes(const char *kind, const struct party_extra *before, const struct party_extra *after,
			     struct audit_change *c);
/* The SELECT list of every field, for party_db_load ("p.income, pe.marital_status, ..."). */
const char *party_extra_columns(void);
/* Party.<name>_text for the dates among Party.* (loaded with the row), in the user's calendar. */
int party_extra_dates(struct req *r, const char *kind);
/* Edit.<name> from Party.* (dates as the user types them), for the edit form. */
int party_extra_to_edit(struct req *r, const char *kind);
/* Edit.<name> from what the form sent, to show it again. */
int party_extra_keep(struct req *r, const char *kind);

#endif

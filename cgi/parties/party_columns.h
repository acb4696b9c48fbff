/* The columns of the party lists, shared by the list page and its exports. */
#ifndef CRM_PARTY_COLUMNS_H
#define CRM_PARTY_COLUMNS_H

#include "io/io.h"

#include <stddef.h>

#define PC_PERSON 1u
#define PC_COMPANY 2u

struct party_column {
	const char *key;   /* query alias, HDF name, and label key parties.col.<key> */
	enum export_type type;
	double width;      /* characters, for XLSX and TXT */
	const char *sql;   /* fixed select expression over parties p */
	const char *join;  /* the join it needs on the page's rows (NULL: none) */
	unsigned kinds;    /* PC_PERSON | PC_COMPANY */
	int shown;         /* in the default set */
	int ltr;           /* codes, numbers, addresses of the web: left-to-right */
	int lang_param;    /* takes one parameter: 1 fa, 2 en, 3 tr (lookup names) */
};

extern const struct party_column party_columns[];
extern const unsigned party_ncolumns;

/* The column named by key[0..len) for a kind, or NULL. */
const struct party_column *party_column_find(const char *key, size_t len, unsigned kind);

#endif

/* Just enough JSON writing for audit details. */
#ifndef CRM_JSON_H
#define CRM_JSON_H

#include "buf.h"

/* Appends s as a quoted JSON string (NULL as null). */
int json_str(struct buf *b, const char *s);

#endif

/* Validation messages for a form shown again after bad input. */
#ifndef CRM_FORM_H
#define CRM_FORM_H

#include "req.h"

/* Form.errors.<field> = the message under Lang.<lang_key>; marks the form failed. */
int form_error(struct req *r, const char *field, const char *lang_key);
int form_failed(const struct req *r);
/* Sets key to value in the page data (value NULL: empty). */
int hdf_put(struct req *r, const char *key, const char *value);
int hdf_putf(struct req *r, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif

/* Pages from ClearSilver templates, escaped for HTML by default. */
#ifndef CRM_RENDER_H
#define CRM_RENDER_H

#include "req.h"

/* Loads html/lang/{fa,en,tr}.hdf once per worker. */
int render_init(const struct crm_config *cfg);
void render_shutdown(void);
/* True when lang is one we have strings for. */
int lang_known(const char *lang);
/* A string of the request's language (key under Lang.), or the key itself. */
const char *lang_str(const struct req *r, const char *key);

/* Gives r->hdf the language strings and the data every page uses. */
int render_begin(struct req *r);
/* Ends the request's use of r->hdf (req_free calls it). */
void render_release(struct req *r);
/* Renders a template into the response; returns the HTTP status to send. */
int render(struct req *r, const char *template);
/* An error page for status in the user's language; returns status. */
int reply_error(struct req *r, int status);
/* The error page a failed database call deserves: 503 when the database is
 * unreachable, 404 for CRM_ENOTFOUND (absent or outside the user's scope), else 500. */
int reply_db_error(struct req *r, int rc);
/* Renders a template against hdf into out (used by render and by tests). */
int render_to_buf(HDF *hdf, const char *templates_dir, const char *template, struct buf *out);

#endif

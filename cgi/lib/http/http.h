/* libcrm area http: One HTTP request and its response; the strict parsers of what a client sends. */
#ifndef CRM_LIB_HTTP_H
#define CRM_LIB_HTTP_H

#include "core/core.h"
#include "config/config.h"

#include <ClearSilver.h>
#include <stddef.h>

/* ---- parse ---- */
/* Strict parsers for what a client sends. Each returns CRM_OK, CRM_EINVAL for
 * malformed input (a 400 page) or CRM_ETOOBIG past a limit (413), and never
 * reads outside the bytes it was given. Every one has a fuzz target. */
#define PARSE_MAX_FIELDS 1000

/* True when s[0..n) is well-formed UTF-8 without overlongs or surrogates. */
int utf8_valid(const char *s, size_t n);
/* Characters (code points) in a valid UTF-8 string. */
size_t utf8_chars(const char *s);

/* application/x-www-form-urlencoded (also query strings). Names and values
 * must decode to valid UTF-8 with no NUL or other C0 control except
 * tab, CR and LF in values. */
int urlencoded_parse(const char *s, size_t n, struct kv_list *out);

/* The Cookie request header: "a=1; b=2". Cookies with invalid bytes are
 * skipped, as browsers send whatever other sites set. */
int cookie_parse(const char *header, struct kv_list *out);

struct upload {
	char *field;
	char *filename;
	char *content_type;
	const char *data; /* points into the request body */
	size_t len;
};

struct upload_list {
	struct upload *items;
	size_t n;
	size_t cap;
};

/* multipart/form-data: content_type is the whole header, with boundary.
 * Text fields go to fields; file parts (those with a filename) to files. */
int multipart_parse(const char *body, size_t n, const char *content_type,
		    struct kv_list *fields, struct upload_list *files);
void upload_list_free(struct upload_list *l);

/* ---- req ---- */
struct db; /* db/db.h: the request only carries its connection */

/* One HTTP request and its response, as every handler sees it. */
/* How the program talks to the web server: FastCGI or plain CGI. */
struct io {
	void *ctx;
	const char *(*getenv)(void *ctx, const char *name);
	long (*read)(void *ctx, char *buf, size_t n);
	int (*write)(void *ctx, const char *buf, size_t n);
};

enum scope { SCOPE_NONE = 0, SCOPE_OWN = 1, SCOPE_TEAM = 2, SCOPE_ALL = 3 };

/* Team mates bound one by one in scope conditions; more fall back to a join. */
#define USER_TEAM_MAX 24
struct user {
	long long id;
	char username[65];
	char display_name[129];
	char lang[4];
	int calendar;   /* enum calendar */
	int digits;     /* enum digits */
	int week_start; /* 0 Sunday .. 6 Saturday */
	int must_change_password;
	int has_customer_list; /* limited to the parties in user_customers */
	long long team[USER_TEAM_MAX]; /* the users who share a team with this one (itself included) */
	unsigned nteam;
	int team_overflow;     /* more than USER_TEAM_MAX of them */
	int is_admin;          /* holds the built-in admin role: every action of every module, all records */
	/* the widest scope any of the user's roles grants, per registry module and action (auth: perm_load) */
	unsigned char scopes[REGISTRY_MAX_MODULES][REGISTRY_MAX_ACTIONS];
};

struct req {
	const struct crm_config *cfg;
	const struct io *io;
	struct db *db;
	const char *module;
	long long started_us;

	/* what the client sent */
	char method[8];
	char path[1024];
	char remote_addr[64];
	char user_agent[256];
	struct kv_list query;
	struct kv_list form;
	struct kv_list cookies;
	struct upload_list uploads;
	char *body;
	size_t body_len;

	/* who is asking */
	int logged_in;
	int session_expired;        /* a session cookie came but its session ended */
	long long session_id;
	char session_hash[SHA256_HEX];
	char anon_token[TOKEN_HEX]; /* signs the CSRF token before login */
	char csrf[SHA256_HEX];
	char lang[4];
	struct user user;
	char ref_versions[512];     /* "set=version;..." of reference data (refdata.c) */
	int ref_versions_known;

	/* the answer */
	HDF *hdf;
	int status;
	struct buf headers;
	struct buf out;
	int headers_sent;           /* a streamed download has begun */
};

/* Fills method, path, query, cookies and (for POST) the form from io.
 * Returns 0 or the HTTP status for bad input (400, 405, 413, 414, 415). */
int req_read(struct req *r);
void req_free(struct req *r);
/* Header value from the CGI environment (e.g. "HTTP_X_CSRF_TOKEN"). */
const char *req_env(const struct req *r, const char *name);

/* Input for handlers: form fields first (POST), then the query string. */
const char *req_param(const struct req *r, const char *name);
/* A text field with surrounding spaces trimmed, at most maxchars characters;
 * CRM_ENOTFOUND when absent or empty, CRM_ETOOBIG when too long. */
int req_text(const struct req *r, const char *name, size_t maxchars, char *out, size_t outlen);
/* Every value of a field sent several times (checkboxes); returns how many
 * (at most max) went into out. */
size_t req_all(const struct req *r, const char *name, const char **out, size_t max);
/* A decimal integer in [min, max]; CRM_EINVAL otherwise. */
int req_int(const struct req *r, const char *name, long long min, long long max, long long *out);

/* Response. */
int resp_header(struct req *r, const char *name, const char *value);
/* max_age < 0: a browser-session cookie; 0: delete it. */
int resp_cookie(struct req *r, const char *name, const char *value, long max_age);
/* 303 See Other to a local path. Returns the status for the handler to return. */
int resp_redirect(struct req *r, const char *local_path);
int resp_text(struct req *r, int status, const char *content_type, const char *body);
/* Writes status, headers and body to the client (once). */
int resp_send(struct req *r);
/* Begins a streamed response (downloads): headers go out now, the body with resp_stream. */
int resp_stream_begin(struct req *r, const char *content_type, const char *filename);
int resp_stream(struct req *r, const void *data, size_t n);

/* A local path that is safe to redirect to (starts with one '/', no scheme or
 * host, no control characters). */
int local_path_safe(const char *p);

long long now_us(void);

#endif

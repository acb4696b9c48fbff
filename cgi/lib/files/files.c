/* The upload store: see files.h. */
#include "files/files.h"
#include "core/core.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int stored_name_valid(const char *name)
{
	return name && token_well_formed(name);
}

/* <var>/uploads/<first two characters>/<name>; with make_dir, the folder is made when missing. */
static int stored_path(const struct crm_config *cfg, const char *name, char *out, size_t outlen, int make_dir)
{
	int n = snprintf(out, outlen, "%s/uploads/%.2s", cfg->var, name);

	if (n < 0 || (size_t)n >= outlen)
		return CRM_ERR;
	if (make_dir && mkdir(out, 0750) != 0 && errno != EEXIST) {
		crm_log("files: cannot make %s: %s", out, strerror(errno));
		return CRM_ERR;
	}
	n = snprintf(out, outlen, "%s/uploads/%.2s/%s", cfg->var, name, name);
	return n < 0 || (size_t)n >= outlen ? CRM_ERR : CRM_OK;
}

static int write_new(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	size_t done = 0;

	if (fd < 0)
		return CRM_ERR;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	/* the database will say the file exists once this returns: it must be on disk */
	if (done < len || fsync(fd) != 0) {
		close(fd);
		unlink(path);
		return CRM_ERR;
	}
	return close(fd) == 0 ? CRM_OK : CRM_ERR;
}

int file_store(const struct crm_config *cfg, const struct upload *u, unsigned allowed, size_t max,
	       struct stored_file *out)
{
	const char *type;
	char path[700];

	memset(out, 0, sizeof(*out));
	if (u->len > max)
		return CRM_ETOOBIG;
	file_name_clean(u->filename, out->file_name, sizeof(out->file_name));
	type = file_sniff(u->data, u->len, out->file_name, allowed);
	if (!type)
		return CRM_EINVAL;
	snprintf(out->content_type, sizeof(out->content_type), "%s", type);
	out->size = u->len;
	if (sha256_hex(u->data, u->len, out->sha256) != CRM_OK || token_new(out->name) != CRM_OK ||
	    stored_path(cfg, out->name, path, sizeof(path), 1) != CRM_OK)
		return CRM_ERR;
	if (write_new(path, u->data, u->len) != CRM_OK) {
		crm_log("files: cannot write %s: %s", path, strerror(errno));
		return CRM_ERR;
	}
	return CRM_OK;
}

int file_remove(const struct crm_config *cfg, const char *name)
{
	char path[700];

	if (!stored_name_valid(name) || stored_path(cfg, name, path, sizeof(path), 0) != CRM_OK)
		return CRM_EINVAL;
	if (unlink(path) != 0 && errno != ENOENT) {
		crm_log("files: cannot remove %s: %s", path, strerror(errno));
		return CRM_ERR;
	}
	return CRM_OK;
}

int resp_send_file(struct req *r, const char *path, const char *content_type, const char *file_name, int as_download)
{
	char buf[65536], len[32];
	struct stat st;
	FILE *in = fopen(path, "rb");
	size_t n;
	int rc;

	if (!in) {
		crm_log("files: cannot open %s: %s", path, strerror(errno));
		return errno == ENOENT ? CRM_ENOTFOUND : CRM_ERR;
	}
	/* judged before the headers go, so a failure is still an error page */
	if (fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode)) {
		crm_log("files: %s is not a readable file", path);
		fclose(in);
		return CRM_ERR;
	}
	snprintf(len, sizeof(len), "%lld", (long long)st.st_size);
	rc = resp_header(r, "Content-Length", len);
	if (rc == CRM_OK)
		rc = resp_stream_begin(r, content_type, as_download ? file_name : NULL);
	while (rc == CRM_OK && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		rc = resp_stream(r, buf, n);
	if (rc == CRM_OK && ferror(in))
		rc = CRM_ERR;
	fclose(in);
	if (rc != CRM_OK)
		crm_log("files: sending %s failed", path);
	return rc;
}

int file_send(struct req *r, const char *name, const char *content_type, const char *file_name, int as_download)
{
	char path[700];

	if (!stored_name_valid(name) || stored_path(r->cfg, name, path, sizeof(path), 0) != CRM_OK)
		return CRM_ENOTFOUND;
	return resp_send_file(r, path, content_type, file_name, as_download);
}

/* A job's export file: moved, once complete on disk, to its name under
 * <var>/exports, which the job page's download (/home/job/file) serves to
 * the job's owner. Shared by every export kind. */
#include "worker.h"
#include "io/io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int job_export_publish(struct worker *w, struct job *j, struct export *x)
{
	char dir[600], dest[700];
	int fd;

	snprintf(dir, sizeof(dir), "%s/exports", w->cfg->var);
	if (mkdir(dir, 0750) != 0 && errno != EEXIST)
		goto fail;
	snprintf(j->result, sizeof(j->result), "%lld-%s.%s", j->id, x->list, export_format_name(x->format));
	if (snprintf(dest, sizeof(dest), "%s/%s", dir, j->result) >= (int)sizeof(dest))
		goto fail;
	/* on disk before it has a name: a crash never leaves a named, half-written file */
	fd = open(x->path, O_RDONLY);
	if (fd < 0 || fsync(fd) != 0) {
		if (fd >= 0)
			close(fd);
		goto fail;
	}
	close(fd);
	if (rename(x->path, dest) != 0)
		goto fail;
	x->path[0] = '\0';
	return CRM_OK;
fail:
	snprintf(j->error, sizeof(j->error), "io: %s: %s", dir, strerror(errno));
	j->result[0] = '\0';
	return CRM_ERR;
}

static int audit_in_done_tx(struct db *db, void *ctx)
{
	(void)db;
	return export_audit_write(ctx);
}

int job_export_done(struct worker *w, struct job *j, struct export *x)
{
	int rc = job_export_publish(w, j, x);

	return rc == CRM_OK ? job_done(w, j, audit_in_done_tx, x) : rc;
}

int job_export_error(struct job *j, int rc)
{
	snprintf(j->error, sizeof(j->error), "%s", rc == CRM_EINVAL ? "params" : rc == CRM_ETOOBIG ? "toobig" : "export");
	return rc == CRM_ETOOBIG ? CRM_EINVAL : rc; /* too many rows stays too many */
}

/* Administration > Backups: make one now, list and download them, restore one.
 * The work is conf/backup.sh's (the same script `make backup` and `make restore`
 * run): a consistent mariadb-dump plus the uploaded files in one archive with
 * a manifest of checksums. A restore takes a fresh backup first. */
#include "audit/audit.h"
#include "core/core.h"
#include "files/files.h"
#include "render/render.h"
#include "admin.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define BACKUPS_MAX 200

/* Names the script makes: crm-YYYYMMDD-HHMMSS.tar.gz; nothing else is served. */
static int backup_name_valid(const char *s)
{
	static const char pattern[] = "crm-########-######.tar.gz";

	if (!s || strlen(s) != sizeof(pattern) - 1)
		return 0;
	for (size_t i = 0; pattern[i]; i++)
		if (pattern[i] == '#' ? (s[i] < '0' || s[i] > '9') : s[i] != pattern[i])
			return 0;
	return 1;
}

/* Runs conf/backup.sh with args; its first output line (a backup's name) into out. */
static int backup_script(struct req *r, const char *action, const char *file, char *out, size_t outlen)
{
	const struct crm_config *cfg = r->cfg;
	char script[600], var[600], sock[600], dbname[100], dbuser[100], pw[300];
	char bash[] = "bash", path_env[] = "PATH=/usr/local/bin:/usr/bin:/bin";
	/* posix_spawn takes char *const argv[]; it does not write to them */
	char *argv[] = { bash, script, (char *)(uintptr_t)action, (char *)(uintptr_t)file, NULL };
	char *envp[] = { var, sock, dbname, dbuser, pw, path_env, NULL };
	posix_spawn_file_actions_t fa;
	int pipefd[2], status = 0, rc = CRM_ERR;
	pid_t pid;
	FILE *in;

	snprintf(script, sizeof(script), "%s/conf/backup.sh", cfg->root);
	snprintf(var, sizeof(var), "CRM_VAR=%s", cfg->var);
	snprintf(sock, sizeof(sock), "CRM_DB_SOCKET=%s", cfg->db_socket);
	snprintf(dbname, sizeof(dbname), "CRM_DB_NAME=%s", cfg->db_name);
	snprintf(dbuser, sizeof(dbuser), "CRM_DB_USER=%s", cfg->db_user);
	snprintf(pw, sizeof(pw), "CRM_DB_PASSWORD=%s", cfg->db_password);
	if (pipe(pipefd) != 0)
		return CRM_ERR;
	if (posix_spawn_file_actions_init(&fa) != 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return CRM_ERR;
	}
	/* stdout to us; stderr stays the module's log */
	if (posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO) != 0 ||
	    posix_spawn_file_actions_addclose(&fa, pipefd[0]) != 0 ||
	    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0) != 0 ||
	    posix_spawn(&pid, "/bin/bash", &fa, NULL, argv, envp) != 0) {
		crm_log("backup: cannot start %s: %s", script, strerror(errno));
		posix_spawn_file_actions_destroy(&fa);
		close(pipefd[0]);
		close(pipefd[1]);
		return CRM_ERR;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	in = fdopen(pipefd[0], "r");
	out[0] = '\0';
	if (in) {
		char line[256];

		while (fgets(line, sizeof(line), in)) {
			line[strcspn(line, "\n")] = '\0';
			if (backup_name_valid(line))
				snprintf(out, outlen, "%s", line);
		}
		fclose(in);
	} else {
		close(pipefd[0]);
	}
	if (waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0 && out[0])
		rc = CRM_OK;
	else
		crm_log("backup: %s %s failed (status %d)", action, file ? file : "", status);
	return rc;
}

static int by_name_desc(const void *a, const void *b)
{
	return strcmp(*(char *const *)b, *(char *const *)a);
}

int backups_page(struct req *r)
{
	char dir[600], path[900], *names[BACKUPS_MAX];
	size_t n = 0;
	DIR *d;
	struct dirent *e;
	int rc = CRM_OK;

	snprintf(dir, sizeof(dir), "%s/backups", r->cfg->var);
	d = opendir(dir);
	if (d) {
		while ((e = readdir(d)) && n < BACKUPS_MAX)
			if (backup_name_valid(e->d_name) && (names[n] = strdup(e->d_name)))
				n++;
		closedir(d);
	}
	qsort(names, n, sizeof(names[0]), by_name_desc);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		char key[64], size[32];

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (rc == CRM_OK && stat(path, &st) == 0) {
			snprintf(key, sizeof(key), "Backups.%zu.name", i);
			rc = hdf_put(r, key, names[i]);
			snprintf(key, sizeof(key), "Backups.%zu.size", i);
			snprintf(size, sizeof(size), "%.1f", (double)st.st_size / 1048576.0);
			if (rc == CRM_OK)
				rc = hdf_put(r, key, size);
		}
		free(names[i]);
	}
	if (rc != CRM_OK || hdf_put(r, "Done.made", req_param(r, "made")) || hdf_put(r, "Done.restored", req_param(r, "restored")) ||
	    hdf_put(r, "Done.before", req_param(r, "before")))
		return reply_error(r, 500);
	return render(r, "admin/backups.cs");
}

static int audit_backup(struct req *r, const char *action, const char *name, const char *before)
{
	struct buf d = { 0 };
	int rc;

	/* the buffer's failure is sticky: one check after the last fragment */
	buf_puts(&d, "{\"file\":");
	json_str(&d, name);
	if (before) {
		buf_puts(&d, ",\"backup_before\":");
		json_str(&d, before);
	}
	rc = buf_puts(&d, "}");
	if (rc == CRM_OK)
		rc = audit_write(r, 0, "backups", 0, action, d.p);
	buf_free(&d);
	return rc;
}

int backup_create(struct req *r)
{
	char name[64], url[128];

	if (backup_script(r, "backup", NULL, name, sizeof(name)) != CRM_OK)
		return reply_error(r, 500);
	/* The archive exists; its audit row follows (a file is not part of a transaction). */
	if (audit_backup(r, "backup", name, NULL) != CRM_OK)
		crm_log("backup: %s made, but its audit row failed", name);
	snprintf(url, sizeof(url), "/admin/backups?made=%s", name);
	return resp_redirect(r, url);
}

int backup_download(struct req *r)
{
	const char *name = req_param(r, "name");
	char path[700];
	int rc;

	if (!backup_name_valid(name))
		return reply_error(r, 404);
	snprintf(path, sizeof(path), "%s/backups/%s", r->cfg->var, name);
	if (access(path, R_OK) != 0)
		return reply_error(r, 404);
	if (audit_backup(r, "download", name, NULL) != CRM_OK)
		return reply_error(r, 500);
	rc = resp_send_file(r, path, "application/gzip", name, 1);
	if (rc == CRM_OK || r->headers_sent)
		return 200; /* once headers are out, a failure is a cut download */
	return reply_error(r, rc == CRM_ENOTFOUND ? 404 : 500);
}

int backup_restore(struct req *r)
{
	const char *name = req_param(r, "name");
	const char *confirm = req_param(r, "confirm");
	char before[64], url[200];

	if (!backup_name_valid(name))
		return reply_error(r, 404);
	if (!confirm || strcmp(confirm, name)) {
		/* the name must be typed again: a restore replaces everything */
		form_error(r, "confirm", "admin.err.confirm");
		r->status = 422;
		if (hdf_put(r, "Restore.name", name))
			return reply_error(r, 500);
		return backups_page(r);
	}
	if (backup_script(r, "restore", name, before, sizeof(before)) != CRM_OK)
		return reply_error(r, 500);
	/* Written into the restored database, so the trail says what happened to it. */
	if (audit_backup(r, "restore", name, before) != CRM_OK)
		crm_log("backup: restored %s (backup before: %s); the audit row failed", name, before);
	snprintf(url, sizeof(url), "/admin/backups?restored=%s&before=%s", name, before);
	return resp_redirect(r, url);
}

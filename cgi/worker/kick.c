/* The kick socket: a unix datagram socket at <var>/run/worker.sock that
 * modules send a byte to after committing a job (jobs_kick), so the loop wakes
 * at once instead of at its next poll. One worker owns it; others (a second
 * worker on the same var/) only poll. */
#include "worker.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/un.h>
#include <unistd.h>

static int addr_of(const struct worker *w, struct sockaddr_un *a)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	return jobs_socket_path(w->cfg, a->sun_path, sizeof(a->sun_path));
}

/* A socket file nobody listens on is left over from a worker that died. */
static int stale(const struct sockaddr_un *a)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int dead;

	if (fd < 0)
		return 0;
	dead = connect(fd, (const struct sockaddr *)a, sizeof(*a)) != 0 && errno == ECONNREFUSED;
	close(fd);
	return dead;
}

int kick_open(struct worker *w)
{
	struct sockaddr_un a;
	int fd, err;

	w->kick_fd = -1;
	w->kick_bound = 0;
	if (addr_of(w, &a) != CRM_OK)
		return CRM_ERR;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return CRM_ERR;
	if (bind(fd, (const struct sockaddr *)&a, sizeof(a)) == 0)
		goto bound;
	err = errno;
	if (err == EADDRINUSE && stale(&a)) {
		unlink(a.sun_path);
		if (bind(fd, (const struct sockaddr *)&a, sizeof(a)) == 0)
			goto bound;
		err = errno;
	}
	crm_log("kick socket %s: %s; polling every %lds", a.sun_path,
		err == EADDRINUSE ? "another worker listens there" : strerror(err), w->cfg->jobs_poll_seconds);
	close(fd);
	return CRM_OK;
bound:
	chmod(a.sun_path, 0660); /* the modules' processes send to it */
	w->kick_fd = fd;
	w->kick_bound = 1;
	return CRM_OK;
}

void kick_wait(struct worker *w, long ms)
{
	char b[64];

	if (w->kick_fd < 0) {
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

		nanosleep(&ts, NULL); /* a signal cuts it short */
		return;
	}
	{
		struct pollfd p = { w->kick_fd, POLLIN, 0 };

		if (poll(&p, 1, (int)ms) <= 0)
			return;
	}
	/* many kicks while we worked are one wake-up */
	while (recv(w->kick_fd, b, sizeof(b), MSG_DONTWAIT) > 0)
		;
}

void kick_close(struct worker *w)
{
	struct sockaddr_un a;

	if (w->kick_fd >= 0)
		close(w->kick_fd);
	if (w->kick_bound && addr_of(w, &a) == CRM_OK)
		unlink(a.sun_path);
	w->kick_fd = -1;
	w->kick_bound = 0;
}

/* Error and access logging: one line per event on stderr, which the stack
 * script sends to var/log/<module>.log. */
#include "core/core.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *log_module = "crm";

void crm_log_set_module(const char *module)
{
	log_module = module;
}

void crm_log(const char *fmt, ...)
{
	char line[4096];
	time_t now = time(NULL);
	struct tm tm;
	va_list ap;
	size_t n;
	int k;

	gmtime_r(&now, &tm);
	n = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%SZ ", &tm);
	k = snprintf(line + n, sizeof(line) - n, "%s: ", log_module);
	n += k > 0 ? (size_t)k : 0;
	va_start(ap, fmt);
	k = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	n = k < 0 ? n : n + (size_t)k >= sizeof(line) - 1 ? sizeof(line) - 2 : n + (size_t)k;
	line[n++] = '\n';
	/* one write per line: the workers of a module append to the same file, and
	 * O_APPEND keeps a single write whole, where stdio's pieces interleave */
	if (write(STDERR_FILENO, line, n) < 0)
		return; /* nowhere left to tell */
}

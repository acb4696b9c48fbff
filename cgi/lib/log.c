/* Error and access logging: one line per event on stderr, which the stack
 * script sends to var/log/<module>.log. */
#include "crm.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static const char *log_module = "crm";

void crm_log_set_module(const char *module)
{
	log_module = module;
}

void crm_log(const char *fmt, ...)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	va_list ap;

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s: ", when, log_module);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

/* When a failed job is tried again, and when a schedule is next due. */
#include "jobs/jobs.h"

long long jobs_backoff_ms(long long base_ms, long long max_ms, long long attempt)
{
	long long d = base_ms > 0 ? base_ms : 1;

	if (max_ms < d)
		return max_ms > 0 ? max_ms : d;
	/* doubling stops at the cap, so it never overflows */
	for (long long i = 1; i < attempt && d < max_ms; i++)
		d *= 2;
	return d < max_ms ? d : max_ms;
}

long long jobs_next_due(long long due, long long every, long long now)
{
	if (every <= 0)
		every = 1;
	if (due > now)
		return due;
	return due + ((now - due) / every + 1) * every;
}

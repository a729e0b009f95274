#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H

#include <linux/types.h>

struct timespec {
	time_t	tv_sec;		/* seconds */
	long	tv_nsec;	/* nanoseconds */
};

struct timeval {
	time_t		tv_sec;		/* seconds */
	long		tv_usec;	/* microseconds */
};

/*
 * The model has no clock: every timestamp is zero, so that runs are
 * deterministic and atime/mtime never force a lock conversion.
 */
static inline unsigned long get_seconds(void)
{
	return 0;
}

#endif

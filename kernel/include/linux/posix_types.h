#ifndef _LINUX_POSIX_TYPES_H
#define _LINUX_POSIX_TYPES_H

#include <linux/types.h>

#endif /* _LINUX_POSIX_TYPES_H */

#ifndef _SIM_STRING_H_
#define _SIM_STRING_H_

#include <linux/types.h>

/*
 * The memory block functions are builtins of the simulator: they are the
 * hand-written assembly of a real architecture, and the simulator checks
 * both ranges against its allocation table in one step.
 */
#define __HAVE_ARCH_MEMCPY
extern void *memcpy(void *to, const void *from, size_t n);
#define __HAVE_ARCH_MEMMOVE
extern void *memmove(void *dest, const void *src, size_t n);
#define __HAVE_ARCH_MEMSET
extern void *memset(void *s, int c, size_t count);
#define __HAVE_ARCH_MEMCMP
extern int memcmp(const void *cs, const void *ct, size_t count);

#endif

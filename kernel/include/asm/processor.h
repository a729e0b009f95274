#ifndef __ASM_SIM_PROCESSOR_H
#define __ASM_SIM_PROCESSOR_H

#include <asm/page.h>

/*
 * User space process size: 3GB (default).
 */
#define TASK_SIZE	(PAGE_OFFSET)

/* This decides where the kernel will search for a free chunk of vm
 * space during mmap's.
 */
#define TASK_UNMAPPED_BASE	(PAGE_ALIGN(TASK_SIZE / 3))

#define cpu_relax()	do { } while (0)

#endif /* __ASM_SIM_PROCESSOR_H */

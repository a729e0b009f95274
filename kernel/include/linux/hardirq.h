#ifndef LINUX_HARDIRQ_H
#define LINUX_HARDIRQ_H

#include <linux/preempt.h>

#define in_interrupt()		(0)
#define in_irq()		(0)
#define in_atomic()		(preempt_count() != 0)

#endif /* LINUX_HARDIRQ_H */

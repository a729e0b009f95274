#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H

/*
 * The model has no kernel preemption; the count exists because kmap_atomic()
 * raises it, and a page fault taken while it is raised is not handled but
 * fixed up (the copy fails), exactly as in_atomic() makes do_page_fault()
 * behave on i386 in 2.6.13.  The count lives in task_struct (the model folds
 * thread_info into it).
 */
#include <asm/current.h>

#define inc_preempt_count()	(current->preempt_count++)
#define dec_preempt_count()	(current->preempt_count--)
#define preempt_count()		(current->preempt_count)

#define preempt_disable()		inc_preempt_count()
#define preempt_enable_no_resched()	dec_preempt_count()
#define preempt_enable()		dec_preempt_count()

#endif /* __LINUX_PREEMPT_H */

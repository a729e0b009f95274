#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002

/*
 * Wait queues.  The queue itself lives in the simulator (BUILTINS.md,
 * "Sleeping and waking"), with Linux semantics: prepare_to_wait() puts the
 * task on the queue and sets its state before the caller tests its
 * condition, so a wake_up() that comes between the test and schedule()
 * makes schedule() return at once and no wakeup is lost.
 */
#include <linux/config.h>
#include <linux/list.h>
#include <linux/stddef.h>
#include <linux/spinlock.h>
#include <asm/current.h>

typedef struct __wait_queue wait_queue_t;

struct __wait_queue {
	unsigned int flags;
#define WQ_FLAG_EXCLUSIVE	0x01
	struct task_struct *task;
	struct list_head task_list;	/* unused by C: kept by the simulator */
};

struct __wait_queue_head {
	const char *name;
	struct list_head task_list;	/* unused by C: kept by the simulator */
};
typedef struct __wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { \
	#name, { &(name).task_list, &(name).task_list } }

#define DECLARE_WAIT_QUEUE_HEAD(name) \
	wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

void __init_waitqueue_head(wait_queue_head_t *q, const char *name);
#define init_waitqueue_head(q)	__init_waitqueue_head((q), #q)

/* task states, as in linux/sched.h */
#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2

#define DEFINE_WAIT(name)						\
	wait_queue_t name = {						\
		.flags		= 0,					\
		.task		= current,				\
		.task_list	= { &(name).task_list, &(name).task_list }, \
	}

void prepare_to_wait(wait_queue_head_t *q, wait_queue_t *wait, int state);
void prepare_to_wait_exclusive(wait_queue_head_t *q, wait_queue_t *wait,
			       int state);
void finish_wait(wait_queue_head_t *q, wait_queue_t *wait);
void __wake_up(wait_queue_head_t *q, unsigned int mode, int nr);
int waitqueue_active(wait_queue_head_t *q);

#define wake_up(x)	__wake_up(x, TASK_UNINTERRUPTIBLE | TASK_INTERRUPTIBLE, 1)
#define wake_up_nr(x, nr) __wake_up(x, TASK_UNINTERRUPTIBLE | TASK_INTERRUPTIBLE, nr)
#define wake_up_all(x)	__wake_up(x, TASK_UNINTERRUPTIBLE | TASK_INTERRUPTIBLE, 0)

/* builtin, in kernel/sched.c in a real tree */
asmlinkage void schedule(void);

#define __wait_event(wq, condition) 					\
do {									\
	DEFINE_WAIT(__wait);						\
									\
	for (;;) {							\
		prepare_to_wait(&wq, &__wait, TASK_UNINTERRUPTIBLE);	\
		if (condition)						\
			break;						\
		schedule();						\
	}								\
	finish_wait(&wq, &__wait);					\
} while (0)

/**
 * wait_event - sleep until a condition gets true
 * @wq: the waitqueue to wait on
 * @condition: a C expression for the event to wait for
 *
 * The process is put to sleep (TASK_UNINTERRUPTIBLE) until the
 * @condition evaluates to true. The @condition is checked each time
 * the waitqueue @wq is woken up.
 *
 * wake_up() has to be called after changing any variable that could
 * change the result of the wait condition.
 */
#define wait_event(wq, condition) 					\
do {									\
	if (condition)	 						\
		break;							\
	__wait_event(wq, condition);					\
} while (0)

#endif

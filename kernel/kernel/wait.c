/*
 * Generic waiting primitives.
 *
 * The wait queues themselves are builtins (include/linux/wait.h); the
 * completions built on them are C, as in kernel/sched.c.
 */

#include <linux/config.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/completion.h>

void fastcall complete(struct completion *x)
{
	x->done++;
	__wake_up(&x->wait, TASK_UNINTERRUPTIBLE | TASK_INTERRUPTIBLE, 1);
}
EXPORT_SYMBOL(complete);

void fastcall complete_all(struct completion *x)
{
	x->done += UINT_MAX/2;
	__wake_up(&x->wait, TASK_UNINTERRUPTIBLE | TASK_INTERRUPTIBLE, 0);
}
EXPORT_SYMBOL(complete_all);

/*
 * Sleep until complete() was called for us.  The test of ->done and its
 * decrement are not separated by a sync point, so two waiters cannot both
 * take the same completion.
 */
void fastcall wait_for_completion(struct completion *x)
{
	DEFINE_WAIT(wait);

	might_sleep();
	for (;;) {
		prepare_to_wait(&x->wait, &wait, TASK_UNINTERRUPTIBLE);
		if (x->done) {
			x->done--;
			break;
		}
		schedule();
	}
	finish_wait(&x->wait, &wait);
}
EXPORT_SYMBOL(wait_for_completion);

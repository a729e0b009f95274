#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H
/* Simple interface for creating and stopping kernel threads without mess. */
#include <linux/err.h>
#include <linux/sched.h>

/**
 * kthread_run: create and wake a thread.
 * @threadfn: the function to run until signal_pending(current).
 * @data: data ptr for @threadfn.
 * @name: the name of the thread.
 *
 * The model's kthread_run() is a function and takes a plain name: the
 * interpreter has no user-defined variadic functions.  The thread runs on
 * the node of its creator and exits when @threadfn returns.
 */
struct task_struct *kthread_run(int (*threadfn)(void *data),
				void *data, const char *name);

/*
 * Builtin: make the simulator run a new task for @p, starting in
 * @fn(@data) on the current node (kernel/kthread.c builds @p).
 */
void __sim_spawn(struct task_struct *p, int (*fn)(void *data), void *data);

#endif /* _LINUX_KTHREAD_H */

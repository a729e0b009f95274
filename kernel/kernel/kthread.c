/* Kernel thread helper functions.
 *
 * The model's kernel threads: a task_struct in C, a task of the simulator
 * behind it (the __sim_spawn() builtin).
 */
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/string.h>
#include <linux/module.h>

extern struct files_struct init_files;
extern pid_t alloc_pid(void);

struct task_struct *kthread_run(int (*threadfn)(void *data),
				void *data, const char *name)
{
	struct task_struct *p;

	p = alloc_task_struct();
	if (!p)
		return ERR_PTR(-ENOMEM);
	memset(p, 0, sizeof(*p));

	p->flags = PF_KTHREAD;
	p->pid = p->tgid = alloc_pid();
	p->group_leader = p;
	p->mm = NULL;
	p->active_mm = &init_mm;
	atomic_inc(&init_files.count);
	p->files = &init_files;
	set_task_comm(p, name);
	list_add_tail(&p->tasks, &init_task.tasks);

	__sim_spawn(p, threadfn, data);
	return p;
}
EXPORT_SYMBOL(kthread_run);

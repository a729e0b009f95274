/*
 *  linux/arch/sim/kernel/process.c
 *
 *  Processes and threads of a scenario (ENTRY.md, "Tasks").  The
 *  simulator creates each one with these entry points, running as the
 *  node's init_task, and then runs system calls as the new task: it
 *  makes get_current() return the task_struct returned here.
 */

#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/file.h>
#include <linux/module.h>

/**
 * sim_process_create - a new process with one thread
 * @comm: its name
 *
 * The process has an empty address space and no open files.
 *
 * Returns: the task, or NULL when out of memory.
 */
struct task_struct *sim_process_create(const char *comm)
{
	return copy_process_sim(NULL, comm);
}

/**
 * sim_thread_create - a new thread in @leader's process
 * @leader: a task of the process
 * @comm: the thread's name
 *
 * The thread shares the address space (mmap_sem, VMAs, page tables) and
 * the file descriptors of the process.
 *
 * Returns: the task, or NULL when out of memory.
 */
struct task_struct *sim_thread_create(struct task_struct *leader,
				      const char *comm)
{
	if (!leader || !leader->mm)
		return NULL;
	return copy_process_sim(leader, comm);
}

/**
 * sim_task_exit - the current task exits
 *
 * Run as the exiting task: its share of the file table and of the
 * address space is released (the last thread out closes the files and
 * unmaps everything).  The task_struct stays until sim_task_reap().
 */
void sim_task_exit(void)
{
	struct task_struct *tsk = current;

	tsk->flags |= PF_EXITING;
	exit_files(tsk);
	exit_mm(tsk);
	tsk->exit_state = EXIT_ZOMBIE;
}

/**
 * sim_task_reap - free an exited task
 * @p: the task, after sim_task_exit() ran as it
 *
 * Run as the node's init_task.
 */
void sim_task_reap(struct task_struct *p)
{
	BUG_ON(!(p->flags & PF_EXITING));
	p->exit_state = EXIT_DEAD;
	release_task(p);
}

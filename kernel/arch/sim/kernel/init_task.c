/*
 *  linux/arch/sim/kernel/init_task.c
 *
 *  The first task of a node (pid 0, "swapper"): the simulator runs the
 *  node's setup entry points (ENTRY.md) as this task.
 */

#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/init.h>
#include <linux/file.h>

struct files_struct init_files = {
	.count		= ATOMIC_INIT(1),
	.file_lock	= __SPIN_LOCK_UNLOCKED(init_files.file_lock),
	.max_fds	= NR_OPEN_DEFAULT,
	.next_fd	= 0,
	.fd		= &init_files.fd_array[0],
};

/* the mm of kernel threads' active_mm: never has user mappings */
struct mm_struct init_mm = {
	.mm_users	= ATOMIC_INIT(2),
	.mm_count	= ATOMIC_INIT(1),
	.mmap_sem	= __RWSEM_INITIALIZER(init_mm.mmap_sem),
	.page_table_lock = __SPIN_LOCK_UNLOCKED(init_mm.page_table_lock),
};

EXPORT_SYMBOL(init_mm);

/*
 * Initial task structure.
 *
 * All other task structs will be allocated on slabs in fork.c
 */
struct task_struct init_task = {
	.flags		= PF_KTHREAD,
	.pid		= 0,
	.tgid		= 0,
	.group_leader	= &init_task,
	.tasks		= { &init_task.tasks, &init_task.tasks },
	.mm		= NULL,
	.active_mm	= &init_mm,
	.comm		= "swapper",
	.files		= &init_files,
};

EXPORT_SYMBOL(init_task);

/*
 *  linux/kernel/fork.c
 *
 *  Creating processes and threads.  The model has no fork(): the
 *  simulator creates each process of a scenario from scratch (an empty mm
 *  and file table) and threads that share them (ENTRY.md).
 */

#include <linux/config.h>
#include <linux/slab.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/fs.h>

static pid_t last_pid;

pid_t alloc_pid(void)
{
	return ++last_pid;
}

struct task_struct *alloc_task_struct(void)
{
	return kmalloc(sizeof(struct task_struct), GFP_KERNEL);
}

void free_task(struct task_struct *tsk)
{
	kfree(tsk);
}
EXPORT_SYMBOL(free_task);

void set_task_comm(struct task_struct *tsk, const char *buf)
{
	strlcpy(tsk->comm, buf, sizeof(tsk->comm));
}

void get_task_comm(char *buf, struct task_struct *tsk)
{
	memcpy(buf, tsk->comm, TASK_COMM_LEN);
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *p;

	if (init_task.pid == pid)
		return &init_task;
	for_each_process(p)
		if (p->pid == pid)
			return p;
	return NULL;
}

static struct mm_struct * mm_init(struct mm_struct * mm)
{
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	init_rwsem(&mm->mmap_sem);
	mm->map_count = 0;
	mm->mmap = NULL;
	mm->mmap_cache = NULL;
	mm->rss = mm->anon_rss = 0;
	mm->total_vm = mm->locked_vm = mm->shared_vm = 0;
	mm->def_flags = 0;
	spin_lock_init(&mm->page_table_lock);
	mm->get_unmapped_area = arch_get_unmapped_area;
	mm->mmap_base = TASK_UNMAPPED_BASE;
	mm->free_area_cache = mm->mmap_base;
	return mm;
}

/*
 * Allocate and initialize an mm_struct.
 */
struct mm_struct * mm_alloc(void)
{
	struct mm_struct * mm;

	mm = kmalloc(sizeof(*mm), GFP_KERNEL);
	if (mm) {
		memset(mm, 0, sizeof(*mm));
		mm = mm_init(mm);
	}
	return mm;
}

/*
 * Called when the last reference to the mm
 * is dropped: either by a lazy thread or by
 * mmput. Free the page directory and the mm.
 */
void fastcall __mmdrop(struct mm_struct *mm)
{
	BUG_ON(mm == &init_mm);
	kfree(mm);
}

/*
 * Decrement the use count and release all resources for an mm.
 */
void mmput(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_users)) {
		exit_mmap(mm);
		mmdrop(mm);
	}
}
EXPORT_SYMBOL_GPL(mmput);

struct files_struct *alloc_files(void)
{
	struct files_struct *newf;

	newf = kmalloc(sizeof(*newf), GFP_KERNEL);
	if (!newf)
		return NULL;
	memset(newf, 0, sizeof(*newf));

	atomic_set(&newf->count, 1);
	spin_lock_init(&newf->file_lock);
	newf->next_fd = 0;
	newf->max_fds = NR_OPEN_DEFAULT;
	newf->fd = &newf->fd_array[0];
	return newf;
}

/*
 * Make a task.  With @leader NULL: a new process, with a new empty
 * address space and file table.  Otherwise a new thread of @leader's
 * process, sharing both (CLONE_VM | CLONE_FILES).
 */
struct task_struct *copy_process_sim(struct task_struct *leader,
				     const char *comm)
{
	struct task_struct *p;

	p = alloc_task_struct();
	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));

	if (leader) {
		atomic_inc(&leader->mm->mm_users);
		p->mm = leader->mm;
		atomic_inc(&leader->files->count);
		p->files = leader->files;
		p->tgid = leader->tgid;
		p->group_leader = leader;
		p->pid = alloc_pid();
	} else {
		p->mm = mm_alloc();
		if (!p->mm)
			goto bad_mm;
		p->files = alloc_files();
		if (!p->files)
			goto bad_files;
		p->pid = p->tgid = alloc_pid();
		p->group_leader = p;
	}
	p->active_mm = p->mm;
	set_task_comm(p, comm);
	list_add_tail(&p->tasks, &init_task.tasks);
	return p;

bad_files:
	mmput(p->mm);
bad_mm:
	free_task(p);
	return NULL;
}

#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <asm/param.h>	/* for HZ */

#include <linux/config.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/rwsem.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/preempt.h>
#include <asm/atomic.h>
#include <asm/semaphore.h>
#include <asm/page.h>
#include <asm/current.h>

struct vm_area_struct;
struct file;
struct files_struct;

#define TASK_STOPPED		4
#define TASK_TRACED		8
#define EXIT_ZOMBIE		16
#define EXIT_DEAD		32

#define MAX_SCHEDULE_TIMEOUT	LONG_MAX

/*
 * The memory of a process.  In 2.6.13 this lives in sched.h.
 *
 * The page tables are not here: they belong to the simulator, which plays
 * the MMU (BUILTINS.md, "User page tables"), keyed by the mm pointer.
 */
struct mm_struct {
	struct vm_area_struct * mmap;		/* list of VMAs */
	struct vm_area_struct * mmap_cache;	/* last find_vma result */
	unsigned long (*get_unmapped_area) (struct file *filp,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);
	unsigned long mmap_base;		/* base of mmap area */
	unsigned long free_area_cache;		/* first hole */
	atomic_t mm_users;			/* How many users with user space? */
	atomic_t mm_count;			/* How many references to "struct mm_struct" (users count as 1) */
	int map_count;				/* number of VMAs */
	struct rw_semaphore mmap_sem;
	spinlock_t page_table_lock;		/* Protects page tables, mm->rss, mm->anon_rss */

	/* Special counters protected by the page_table_lock */
	unsigned long rss, anon_rss;

	unsigned long total_vm, locked_vm, shared_vm;
	unsigned long def_flags;
};

/*
 * Per process flags
 */
#define PF_ALIGNWARN	0x00000001	/* Print alignment warning msgs */
#define PF_STARTING	0x00000002	/* being created */
#define PF_EXITING	0x00000004	/* getting shut down */
#define PF_FORKNOEXEC	0x00000040	/* forked but didn't exec */
#define PF_SUPERPRIV	0x00000100	/* used super-user privileges */
#define PF_DUMPCORE	0x00000200	/* dumped core */
#define PF_SIGNALED	0x00000400	/* killed by a signal */
#define PF_MEMALLOC	0x00000800	/* Allocating memory */
#define PF_FLUSHER	0x00001000	/* responsible for disk writeback */
#define PF_BORROWED_MM	0x00400000	/* I am a kthread doing use_mm */
#define PF_KTHREAD	0x00800000	/* model: a kernel thread (kthread_run) */

#define TASK_COMM_LEN 16

/*
 * Only what the model uses.  thread_info is folded in (preempt_count).
 * The scheduling state (running, sleeping, on which wait queue) is kept by
 * the simulator, not here.
 */
struct task_struct {
	unsigned long flags;	/* per process flags, defined above */
	int preempt_count;	/* 0 => preemptable, <0 => BUG */
	int lock_depth;		/* BKL lock depth */

	int exit_state;
	int exit_code;

	pid_t pid;
	pid_t tgid;
	struct task_struct *group_leader;	/* threadgroup leader */
	struct list_head tasks;

	struct mm_struct *mm, *active_mm;

/* mm fault and swap info: this can arguably be seen as either mm-specific or thread-specific */
	unsigned long min_flt, maj_flt;

	char comm[TASK_COMM_LEN]; /* executable name excluding path
				     - access with [gs]et_task_comm (which lock
				       it with task_lock())
				     - initialized normally by flush_old_exec */
/* open file information */
	struct files_struct *files;

/* journalling filesystem info */
	void *journal_info;

/* i/o counters(bytes read/written, #syscalls */
	u64 rchar, wchar, syscr, syscw;
};

extern struct task_struct init_task;
extern struct mm_struct init_mm;

#define next_task(p)	list_entry((p)->tasks.next, struct task_struct, tasks)

#define for_each_process(p) \
	for (p = &init_task ; (p = next_task(p)) != &init_task ; )

extern struct task_struct *find_task_by_pid(int pid);

/* kernel/fork.c */
extern struct mm_struct * mm_alloc(void);
extern void FASTCALL(__mmdrop(struct mm_struct *));
static inline void mmdrop(struct mm_struct * mm)
{
	if (atomic_dec_and_test(&mm->mm_count))
		__mmdrop(mm);
}
extern void mmput(struct mm_struct *);
extern struct task_struct *alloc_task_struct(void);
extern void free_task(struct task_struct *tsk);
extern struct task_struct *copy_process_sim(struct task_struct *leader,
					    const char *comm);

/* kernel/exit.c */
extern void exit_mm(struct task_struct *tsk);
extern void exit_files(struct task_struct *tsk);
extern void release_task(struct task_struct *p);

extern void set_task_comm(struct task_struct *tsk, const char *from);
extern void get_task_comm(char *to, struct task_struct *tsk);

static inline int signal_pending(struct task_struct *p)
{
	return 0;
}

#endif

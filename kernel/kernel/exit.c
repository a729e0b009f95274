/*
 *  linux/kernel/exit.c
 *
 *  Releasing what a task holds when it exits: its files and its mm.
 */

#include <linux/config.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/module.h>
#include <linux/file.h>
#include <linux/fs.h>

static void close_files(struct files_struct * files)
{
	int i;

	for (i = 0; i < files->max_fds; i++) {
		struct file * file = files->fd[i];

		if (file) {
			files->fd[i] = NULL;
			filp_close(file, files);
		}
	}
	files->open_fds = 0;
}

struct files_struct *get_files_struct(struct task_struct *task)
{
	struct files_struct *files;

	files = task->files;
	if (files)
		atomic_inc(&files->count);
	return files;
}

void fastcall put_files_struct(struct files_struct *files)
{
	if (atomic_dec_and_test(&files->count)) {
		close_files(files);
		kfree(files);
	}
}

EXPORT_SYMBOL(put_files_struct);

void exit_files(struct task_struct *tsk)
{
	struct files_struct * files = tsk->files;

	if (files) {
		tsk->files = NULL;
		put_files_struct(files);
	}
}

/*
 * Turn us into a lazy TLB process if we
 * aren't already..
 */
void exit_mm(struct task_struct * tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	tsk->mm = NULL;
	tsk->active_mm = &init_mm;
	mmput(mm);
}

void release_task(struct task_struct * p)
{
	list_del(&p->tasks);
	free_task(p);
}

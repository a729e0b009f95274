/*
 * fs/ocfs2/mmap.c
 *
 * OCFS2 mappings: private and read-only shared ones only (a shared
 * writable mmap is refused, as in 2005).  A fault takes the file's meta
 * lock PR and data lock PR around filemap_nopage().
 *
 * In 2005 the handler skipped the cluster locks when the faulting task
 * already held them through its I/O context (ocfs2_is_in_io_marker_list);
 * without the context (the base model) a fault from inside a read of the
 * same file takes them again, as one more local holder -- which waits if
 * the lock is blocked on behalf of another node, behind a downconvert
 * that waits for the reader itself.
 */

#include <linux/fs.h>
#include <linux/types.h>
#include <linux/slab.h>
#include <linux/highmem.h>
#include <linux/pagemap.h>
#include <linux/mm.h>

#include "ocfs2.h"

static struct page *ocfs2_nopage(struct vm_area_struct * area,
				 unsigned long address,
				 int *type)
{
	struct inode *inode = area->vm_file->f_dentry->d_inode;
	struct page *page = NOPAGE_SIGBUS;
	int ret;

	ret = ocfs2_meta_lock(inode, 0);
	if (ret < 0)
		goto bail;

	ret = ocfs2_data_lock(inode, 0);
	if (ret < 0)
		goto bail_unlock;

	page = filemap_nopage(area, address, type);

	ocfs2_data_unlock(inode, 0);
bail_unlock:
	ocfs2_meta_unlock(inode, 0);
bail:
	return page;
}

static struct vm_operations_struct ocfs2_file_vm_ops = {
	.nopage = ocfs2_nopage,
};

int ocfs2_mmap(struct file *file, struct vm_area_struct *vma)
{
	/* We don't want to support shared writable mappings yet. */
	if ((vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_MAYWRITE))
		return -EINVAL;

	file_accessed(file);
	vma->vm_ops = &ocfs2_file_vm_ops;
	return 0;
}

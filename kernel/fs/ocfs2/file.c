/*
 * fs/ocfs2/file.c
 *
 * read(2) and write(2) of OCFS2 files.
 *
 * A read takes the target's meta lock PR, then its data lock PR, around
 * generic_file_read(); a write takes i_sem, then the meta lock (EX when
 * it may extend the file, else PR), then the data lock EX.  The copy to
 * or from the user buffer runs under them, so a fault on a buffer mapped
 * from another OCFS2 file takes that file's locks (mmap.c) meanwhile.
 *
 * 2005 OCFS2 in -mm put all of them in one "I/O context" first: the
 * target and every OCFS2 inode mapped under the buffer, locked in block
 * number order (ocfs2_setup_io_locks(), research Q6).  The base model
 * does not; that is policy P5, a patch series.
 */

#include <linux/fs.h>
#include <linux/types.h>
#include <linux/slab.h>
#include <linux/highmem.h>
#include <linux/pagemap.h>
#include <linux/uio.h>
#include <linux/mm.h>

#include "ocfs2.h"

static int ocfs2_file_open(struct inode *inode, struct file *file)
{
	return generic_file_open(inode, file);
}

static ssize_t ocfs2_file_read(struct file *filp, char __user *buf,
			       size_t count, loff_t *ppos)
{
	struct inode *inode = filp->f_dentry->d_inode;
	ssize_t ret;

	ret = ocfs2_meta_lock(inode, 0);
	if (ret < 0)
		goto bail;

	ret = ocfs2_data_lock(inode, 0);
	if (ret < 0)
		goto bail_unlock_meta;

	ret = generic_file_read(filp, buf, count, ppos);

	ocfs2_data_unlock(inode, 0);
bail_unlock_meta:
	ocfs2_meta_unlock(inode, 0);
bail:
	return ret;
}

static ssize_t ocfs2_file_write(struct file *filp, const char __user *buf,
				size_t count, loff_t *ppos)
{
	struct inode *inode = filp->f_dentry->d_inode;
	struct ocfs2_inode_info *oi = OCFS2_I(inode);
	struct iovec local_iov = { .iov_base = (void __user *)buf,
				   .iov_len = count };
	int meta_level = 0;
	ssize_t ret;

	down(&inode->i_sem);

	ret = ocfs2_meta_lock(inode, meta_level);
	if (ret < 0)
		goto bail;

	/* extending or appending changes i_size: that needs the meta lock EX */
	if ((filp->f_flags & O_APPEND) ||
	    *ppos + (loff_t)count > i_size_read(inode)) {
		ocfs2_meta_unlock(inode, meta_level);
		meta_level = 1;
		ret = ocfs2_meta_lock(inode, meta_level);
		if (ret < 0)
			goto bail;
	}

	ret = ocfs2_data_lock(inode, 1);
	if (ret < 0)
		goto bail_unlock_meta;

	ret = generic_file_write_nolock(filp, &local_iov, 1, ppos);

	if (meta_level && oi->ip_di.di_size < (u64)i_size_read(inode))
		oi->ip_di.di_size = i_size_read(inode);

	ocfs2_data_unlock(inode, 1);
bail_unlock_meta:
	ocfs2_meta_unlock(inode, meta_level);
bail:
	up(&inode->i_sem);
	return ret;
}

/*
 * SEEK_END looks at i_size: refresh it under the meta lock.
 */
static loff_t ocfs2_file_llseek(struct file *file, loff_t offset, int origin)
{
	struct inode *inode = file->f_dentry->d_inode;
	loff_t ret;

	if (origin == 2) {
		ret = ocfs2_meta_lock(inode, 0);
		if (ret < 0)
			return ret;
		ret = remote_llseek(file, offset, origin);
		ocfs2_meta_unlock(inode, 0);
		return ret;
	}
	return remote_llseek(file, offset, origin);
}

struct file_operations ocfs2_fops = {
	.read		= ocfs2_file_read,
	.write		= ocfs2_file_write,
	.mmap		= ocfs2_mmap,
	.open		= ocfs2_file_open,
	.llseek		= ocfs2_file_llseek,
};

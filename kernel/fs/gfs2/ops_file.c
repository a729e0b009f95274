/*
 * fs/gfs2/ops_file.c
 *
 * read(2), write(2), mmap(2) and open(2) of GFS2 files: policy P0 "base".
 *
 * Every read and write takes the target inode's glock (SH for a read, EX
 * for a write) around the generic page cache routine, and the copy to or
 * from the user buffer happens inside it.  If the buffer is a mapping of
 * a GFS2 file that is not resident, the copy faults, and the fault
 * handler (ops_vm.c) takes that file's glock -- while this one is held.
 *
 * 2005 GFS2 did more here: walk_vm() looked at the VMAs of the buffer and
 * took the glocks of the mapped GFS2 files together with the target's,
 * sorted by lock number (research Q3).  The workers below keep walk_vm's
 * calling convention (num_gh holders for the mapped files plus one for
 * the target), so that walk_vm comes back as a patch to gfs2_read() and
 * gfs2_write() alone; here num_gh is always 0.
 */

#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/buffer_head.h>
#include <linux/pagemap.h>
#include <linux/uio.h>
#include <linux/mm.h>
#include <linux/file.h>
#include <asm/semaphore.h>
#include <asm/uaccess.h>

#include "gfs2.h"
#include "glock.h"
#include "glops.h"
#include "inode.h"
#include "ops_file.h"
#include "ops_vm.h"

typedef ssize_t(*do_rw_t) (struct file *file,
			   char __user *buf,
			   size_t size, loff_t *offset,
			   unsigned int num_gh, struct gfs2_holder *ghs);

/**
 * gfs2_llseek - seek to a location in a file
 * @file: the file
 * @offset: the offset
 * @origin: Where to seek from (SEEK_SET, SEEK_CUR, or SEEK_END)
 *
 * SEEK_END requires the glock for the file because it references the
 * file's size.
 *
 * Returns: The new offset, or errno
 */

static loff_t gfs2_llseek(struct file *file, loff_t offset, int origin)
{
	struct gfs2_inode *ip = get_v2ip(file->f_mapping->host);
	struct gfs2_holder i_gh;
	loff_t error;

	atomic_inc(&ip->i_sbd->sd_ops_file);

	if (origin == 2) {
		error = gfs2_glock_nq_init(ip->i_gl, LM_ST_SHARED, LM_FLAG_ANY,
					   &i_gh);
		if (!error) {
			error = remote_llseek(file, offset, origin);
			gfs2_glock_dq_uninit(&i_gh);
		}
	} else
		error = remote_llseek(file, offset, origin);

	return error;
}

/**
 * do_read_buf - Read bytes from a file
 * @file: The file to read from
 * @buf: The buffer to copy into
 * @size: The amount of data requested
 * @offset: The current file offset
 * @num_gh: The number of other locks we need to do the read
 * @ghs: the locks we need plus one for our lock
 *
 * Outputs: Offset - updated according to number of bytes read
 *
 * Returns: The number of bytes read, errno on failure
 */

static ssize_t do_read_buf(struct file *file, char __user *buf, size_t size,
			   loff_t *offset, unsigned int num_gh,
			   struct gfs2_holder *ghs)
{
	struct gfs2_inode *ip = get_v2ip(file->f_mapping->host);
	ssize_t count = 0;
	int error;

	gfs2_holder_init(ip->i_gl, LM_ST_SHARED, GL_ATIME, &ghs[num_gh]);

	error = gfs2_glock_nq_m_atime(num_gh + 1, ghs);
	if (error)
		goto out;

	count = generic_file_read(file, buf, size, offset);

	gfs2_glock_dq_m(num_gh + 1, ghs);

 out:
	gfs2_holder_uninit(&ghs[num_gh]);

	return (count) ? count : error;
}

/**
 * gfs2_read - Read bytes from a file
 * @file: The file to read from
 * @buf: The buffer to copy into
 * @size: The amount of data requested
 * @offset: The current file offset
 *
 * Outputs: Offset - updated according to number of bytes read
 *
 * Returns: The number of bytes read, errno on failure
 */

static ssize_t gfs2_read(struct file *file, char __user *buf, size_t size,
			 loff_t *offset)
{
	struct gfs2_holder gh;

	atomic_inc(&get_v2sdp(file->f_mapping->host->i_sb)->sd_ops_file);

	return do_read_buf(file, buf, size, offset, 0, &gh);
}

/**
 * grope_mapping - feel up a mapping that needs to be written
 * @buf: the start of the memory to be written
 * @size: the size of the memory to be written
 *
 * We do this after acquiring the locks on the mapping,
 * but before starting the write transaction.  We need to make
 * sure that we don't cause recursive transactions if blocks
 * need to be allocated to the file backing the mapping.
 *
 * (Only used when other holders come with the write, i.e. with walk_vm.)
 *
 * Returns: errno
 */

static int grope_mapping(char __user *buf, size_t size)
{
	unsigned long start = (unsigned long)buf;
	unsigned long stop = start + size;
	char c;

	while (start < stop) {
		if (copy_from_user(&c, (char __user *)start, 1))
			return -EFAULT;
		start += PAGE_CACHE_SIZE;
		start &= PAGE_CACHE_MASK;
	}

	return 0;
}

/**
 * do_do_write_buf - Write bytes to a file
 * @file: The file to write to
 * @buf: The buffer to copy from
 * @size: The amount of data requested
 * @offset: The current file offset
 *
 * The 2005 code wraps this in a journal transaction and logs the dinode;
 * the model has no journal: the glock is marked dirty and inode_go_sync()
 * writes the dinode when the node gives up EX.
 *
 * Outputs: Offset - updated according to number of bytes written
 *
 * Returns: The number of bytes written, errno on failure
 */

static ssize_t do_do_write_buf(struct file *file, char __user *buf,
			       size_t size, loff_t *offset)
{
	struct inode *inode = file->f_mapping->host;
	struct gfs2_inode *ip = get_v2ip(inode);
	struct iovec local_iov = { .iov_base = buf, .iov_len = size };
	ssize_t count;

	count = generic_file_write_nolock(file, &local_iov, 1, offset);
	if (count < 0)
		return count;

	if (ip->i_di.di_size < inode->i_size)
		ip->i_di.di_size = inode->i_size;
	set_bit(GLF_DIRTY, &ip->i_gl->gl_flags);

	return count;
}

/**
 * do_write_buf - Write bytes to a file
 * @file: The file to write to
 * @buf: The buffer to copy from
 * @size: The amount of data requested
 * @offset: The current file offset
 * @num_gh: The number of other locks we need to do the read
 * @gh: the locks we need plus one for our lock
 *
 * Outputs: Offset - updated according to number of bytes written
 *
 * Returns: The number of bytes written, errno on failure
 */

static ssize_t do_write_buf(struct file *file, char __user *buf, size_t size,
			    loff_t *offset, unsigned int num_gh,
			    struct gfs2_holder *ghs)
{
	struct gfs2_inode *ip = get_v2ip(file->f_mapping->host);
	struct gfs2_sbd *sdp = ip->i_sbd;
	size_t s;
	ssize_t count = 0;
	int error;

	gfs2_holder_init(ip->i_gl, LM_ST_EXCLUSIVE, 0, &ghs[num_gh]);

	error = gfs2_glock_nq_m(num_gh + 1, ghs);
	if (error)
		goto out;

	if (num_gh) {
		error = grope_mapping(buf, size);
		if (error)
			goto out_gunlock;
	}

	if (file->f_flags & O_APPEND)
		*offset = ip->i_di.di_size;

	if (!(file->f_flags & O_LARGEFILE)) {
		error = -EFBIG;
		if (*offset >= 0x7FFFFFFFull)
			goto out_gunlock;
		if (*offset + size > 0x7FFFFFFFull)
			size = 0x7FFFFFFFull - *offset;
	}

	/* split large writes into smaller atomic transactions */
	while (size) {
		s = gfs2_tune_get(sdp, gt_max_atomic_write);
		if (s > size)
			s = size;

		error = do_do_write_buf(file, buf, s, offset);
		if (error < 0)
			goto out_gunlock;

		buf += error;
		size -= error;
		count += error;
	}

	error = 0;

 out_gunlock:
	gfs2_glock_dq_m(num_gh + 1, ghs);

 out:
	gfs2_holder_uninit(&ghs[num_gh]);

	return (count) ? count : error;
}

/**
 * gfs2_write - Write bytes to a file
 * @file: The file to write to
 * @buf: The buffer to copy from
 * @size: The amount of data requested
 * @offset: The current file offset
 *
 * Lock order: i_sem, then the glock.
 *
 * Outputs: Offset - updated according to number of bytes written
 *
 * Returns: The number of bytes written, errno on failure
 */

static ssize_t gfs2_write(struct file *file, const char __user *buf,
			  size_t size, loff_t *offset)
{
	struct inode *inode = file->f_mapping->host;
	struct gfs2_holder gh;
	ssize_t count;

	atomic_inc(&get_v2sdp(inode->i_sb)->sd_ops_file);

	if (*offset < 0)
		return -EINVAL;
	if (!access_ok(VERIFY_READ, buf, size))
		return -EFAULT;

	down(&inode->i_sem);
	count = do_write_buf(file, (char __user *)buf, size, offset, 0, &gh);
	up(&inode->i_sem);

	return count;
}

/**
 * gfs2_mmap -
 * @file: The file to map
 * @vma: The VMA which described the mapping
 *
 * Takes the glock SH (to update the atime in 2005) while mmap_sem is held
 * for write by do_mmap_pgoff()'s caller: mmap_sem, then the glock -- the
 * reverse of a read or write that faults on its buffer.
 *
 * Returns: 0 or error code
 */

static int gfs2_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct gfs2_inode *ip = get_v2ip(file->f_mapping->host);
	struct gfs2_holder i_gh;
	int error;

	atomic_inc(&ip->i_sbd->sd_ops_file);

	gfs2_holder_init(ip->i_gl, LM_ST_SHARED, GL_ATIME, &i_gh);
	error = gfs2_glock_nq_atime(&i_gh);
	if (error) {
		gfs2_holder_uninit(&i_gh);
		return error;
	}

	/* This is VM_MAYWRITE instead of VM_WRITE because a call
	   to mprotect() can turn on VM_WRITE later. */

	if ((vma->vm_flags & (VM_MAYSHARE | VM_MAYWRITE)) ==
	    (VM_MAYSHARE | VM_MAYWRITE))
		vma->vm_ops = &gfs2_vm_ops_sharewrite;
	else
		vma->vm_ops = &gfs2_vm_ops_private;

	gfs2_glock_dq_uninit(&i_gh);

	return error;
}

/**
 * gfs2_open - open a file
 * @inode: the inode to open
 * @file: the struct file for this opening
 *
 * Returns: errno
 */

static int gfs2_open(struct inode *inode, struct file *file)
{
	struct gfs2_inode *ip = get_v2ip(inode);
	struct gfs2_holder i_gh;
	struct gfs2_file *fp;
	int error;

	atomic_inc(&ip->i_sbd->sd_ops_file);

	fp = kmalloc(sizeof(struct gfs2_file), GFP_KERNEL);
	if (!fp)
		return -ENOMEM;
	memset(fp, 0, sizeof(struct gfs2_file));

	init_MUTEX(&fp->f_fl_mutex);

	fp->f_inode = ip;
	fp->f_vfile = file;

	gfs2_assert_warn(ip->i_sbd, !get_v2fp(file));
	set_v2fp(file, fp);

	if (S_ISREG(ip->i_di.di_mode)) {
		error = gfs2_glock_nq_init(ip->i_gl,
					  LM_ST_SHARED, LM_FLAG_ANY,
					  &i_gh);
		if (error)
			goto fail;

		if (!(file->f_flags & O_LARGEFILE) &&
		    ip->i_di.di_size > 0x7FFFFFFFull) {
			error = -EFBIG;
			goto fail_gunlock;
		}

		gfs2_glock_dq_uninit(&i_gh);
	}

	return 0;

 fail_gunlock:
	gfs2_glock_dq_uninit(&i_gh);

 fail:
	set_v2fp(file, NULL);
	kfree(fp);

	return error;
}

/**
 * gfs2_close - called to close a struct file
 * @inode: the inode the struct file belongs to
 * @file: the struct file being closed
 *
 * Returns: errno
 */

static int gfs2_close(struct inode *inode, struct file *file)
{
	struct gfs2_sbd *sdp = get_v2sdp(inode->i_sb);
	struct gfs2_file *fp;

	atomic_inc(&sdp->sd_ops_file);

	fp = get_v2fp(file);
	set_v2fp(file, NULL);

	if (gfs2_assert_warn(sdp, fp))
		return -EIO;

	kfree(fp);

	return 0;
}

struct file_operations gfs2_file_fops = {
	.llseek = gfs2_llseek,
	.read = gfs2_read,
	.write = gfs2_write,
	.mmap = gfs2_mmap,
	.open = gfs2_open,
	.release = gfs2_close,
};

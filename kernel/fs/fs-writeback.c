/*
 * fs/fs-writeback.c
 *
 * Dirty inodes.  The model has no periodic writeback, so an inode only
 * remembers that it is dirty, and is written when somebody asks
 * (write_inode_now(), or a cluster filesystem's lock code).
 */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/writeback.h>
#include <linux/blkdev.h>
#include <linux/pagemap.h>

/**
 *	__mark_inode_dirty -	internal function
 *	@inode: inode to mark
 *	@flags: what kind of dirty (i.e. I_DIRTY_SYNC)
 *	Mark an inode as dirty. Callers should use mark_inode_dirty or
 *  	mark_inode_dirty_sync.
 */
void __mark_inode_dirty(struct inode *inode, int flags)
{
	struct super_block *sb = inode->i_sb;

	/*
	 * Don't do this for I_DIRTY_PAGES - that doesn't actually
	 * dirty the inode itself
	 */
	if (flags & (I_DIRTY_SYNC | I_DIRTY_DATASYNC)) {
		if (sb->s_op->dirty_inode)
			sb->s_op->dirty_inode(inode);
	}

	inode->i_state |= flags;
}

EXPORT_SYMBOL(__mark_inode_dirty);

/**
 * write_inode_now	-	write an inode to disk
 * @inode: inode to write to disk
 * @sync: whether the write should be synchronous or not
 *
 * This function commits an inode to disk immediately if it is
 * dirty. This is primarily needed by knfsd.
 */
int write_inode_now(struct inode *inode, int sync)
{
	int ret;
	unsigned dirty;

	ret = filemap_fdatawrite(inode->i_mapping);
	dirty = inode->i_state & I_DIRTY;
	inode->i_state &= ~I_DIRTY;
	if ((dirty & (I_DIRTY_SYNC | I_DIRTY_DATASYNC)) &&
	    inode->i_sb->s_op->write_inode) {
		int err = inode->i_sb->s_op->write_inode(inode, sync);
		if (ret == 0)
			ret = err;
	}
	return ret;
}

EXPORT_SYMBOL(write_inode_now);

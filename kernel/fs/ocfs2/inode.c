/*
 * fs/ocfs2/inode.c
 *
 * OCFS2 inodes: the dinode is read under the meta lock, by the first
 * holder after the node (re)acquired it.
 */

#include <linux/fs.h>
#include <linux/types.h>
#include <linux/slab.h>
#include <linux/highmem.h>
#include <linux/pagemap.h>
#include <linux/err.h>

#include "ocfs2.h"

/* Copy the dinode into the VFS inode.  Called with the meta lock held. */
void ocfs2_refresh_inode(struct inode *inode)
{
	struct ocfs2_inode_info *oi = OCFS2_I(inode);

	inode->i_mode = oi->ip_di.di_mode;
	inode->i_nlink = oi->ip_di.di_nlink;
	i_size_write(inode, oi->ip_di.di_size);
	inode->i_blocks = oi->ip_di.di_blocks << (SIMFS_BLOCK_BITS - 9);
}

struct inode *ocfs2_iget(struct super_block *sb, u64 blkno)
{
	struct inode *inode;
	struct ocfs2_inode_info *oi;
	int status;

	inode = iget_locked(sb, blkno);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (!(inode->i_state & I_NEW)) {
		if (!inode->i_mode) {
			iput(inode);
			return ERR_PTR(-EIO);
		}
		return inode;
	}

	oi = OCFS2_I(inode);
	oi->ip_blkno = blkno;
	ocfs2_inode_lock_res_init(&oi->ip_meta_lockres,
				  OCFS2_LOCK_TYPE_META, inode);
	ocfs2_inode_lock_res_init(&oi->ip_data_lockres,
				  OCFS2_LOCK_TYPE_DATA, inode);

	status = ocfs2_meta_lock(inode, 0);
	if (status < 0)
		goto bail;
	ocfs2_meta_unlock(inode, 0);

	inode->i_blksize = PAGE_SIZE;
	if (S_ISREG(inode->i_mode)) {
		inode->i_op = &ocfs2_file_iops;
		inode->i_fop = &ocfs2_fops;
		inode->i_mapping->a_ops = &ocfs2_aops;
	} else if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &ocfs2_dir_iops;
	}

	unlock_new_inode(inode);
	return inode;

bail:
	inode->i_mode = 0;
	unlock_new_inode(inode);
	iput(inode);
	return ERR_PTR(status);
}

struct inode_operations ocfs2_file_iops = {
	.permission	= NULL,
};

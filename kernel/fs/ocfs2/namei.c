/*
 * fs/ocfs2/namei.c
 *
 * Lookup in the (only, fixed) root directory, under its meta lock.
 */

#include <linux/fs.h>
#include <linux/types.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/namei.h>

#include "ocfs2.h"

static struct dentry *ocfs2_lookup(struct inode *dir, struct dentry *dentry,
				   struct nameidata *nd)
{
	struct inode *inode = NULL;
	unsigned long blkno;
	int status;

	if (dentry->d_name.len >= SIMFS_NAME_LEN)
		return ERR_PTR(-ENAMETOOLONG);

	status = ocfs2_meta_lock(dir, 0);
	if (status < 0)
		return ERR_PTR(status);

	blkno = simfs_find_entry(dir->i_sb, OCFS2_I(dir)->ip_di.di_start,
				 dentry->d_name.name, dentry->d_name.len);

	ocfs2_meta_unlock(dir, 0);

	if (blkno) {
		inode = ocfs2_iget(dir->i_sb, blkno);
		if (IS_ERR(inode))
			return (struct dentry *)inode;
	}

	d_add(dentry, inode);
	return NULL;
}

struct inode_operations ocfs2_dir_iops = {
	.lookup		= ocfs2_lookup,
};

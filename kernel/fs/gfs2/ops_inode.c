/*
 * fs/gfs2/ops_inode.c
 *
 * Inode operations.  The model's GFS2 has one directory, the root, whose
 * entries never change; a lookup reads it under the directory's glock.
 */

#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/buffer_head.h>
#include <linux/namei.h>
#include <linux/err.h>
#include <asm/semaphore.h>

#include "gfs2.h"
#include "glock.h"
#include "inode.h"
#include "ops_inode.h"

/**
 * gfs2_lookup - Look up a filename in a directory and return its inode
 * @dir: The directory inode
 * @dentry: The dentry of the new inode
 * @nd: passed from Linux VFS, ignored by us
 *
 * Called by the VFS layer. Lock dir and call gfs2_lookupi()
 *
 * Returns: errno
 */

static struct dentry *gfs2_lookup(struct inode *dir, struct dentry *dentry,
				  struct nameidata *nd)
{
	struct gfs2_inode *dip = get_v2ip(dir);
	struct gfs2_sbd *sdp = dip->i_sbd;
	struct inode *inode = NULL;
	struct gfs2_holder d_gh;
	unsigned long ino;
	int error;

	atomic_inc(&sdp->sd_ops_file);

	if (dentry->d_name.len >= SIMFS_NAME_LEN)
		return ERR_PTR(-ENAMETOOLONG);

	error = gfs2_glock_nq_init(dip->i_gl, LM_ST_SHARED, 0, &d_gh);
	if (error)
		return ERR_PTR(error);

	ino = simfs_find_entry(dir->i_sb, dip->i_di.di_start,
			       dentry->d_name.name, dentry->d_name.len);

	gfs2_glock_dq_uninit(&d_gh);

	if (ino) {
		inode = gfs2_iget(dir->i_sb, ino);
		if (IS_ERR(inode))
			return (struct dentry *)inode;
	}

	d_add(dentry, inode);

	return NULL;
}

struct inode_operations gfs2_file_iops = {
	.permission = NULL,
};

struct inode_operations gfs2_dir_iops = {
	.lookup = gfs2_lookup,
};

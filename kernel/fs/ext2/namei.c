/*
 * linux/fs/ext2/namei.c
 *
 * The root directory is the only directory, and it is fixed: names are
 * looked up on the disk, nothing is ever created or removed.
 */

#include <linux/pagemap.h>
#include <linux/err.h>
#include <linux/namei.h>
#include "ext2.h"

static struct dentry *ext2_lookup(struct inode * dir, struct dentry *dentry, struct nameidata *nd)
{
	struct inode * inode;
	unsigned long ino;

	if (dentry->d_name.len > EXT2_NAME_LEN)
		return ERR_PTR(-ENAMETOOLONG);

	ino = simfs_find_entry(dir->i_sb, EXT2_I(dir)->i_di.di_start,
			       dentry->d_name.name, dentry->d_name.len);
	inode = NULL;
	if (ino) {
		inode = iget(dir->i_sb, ino);
		if (!inode)
			return ERR_PTR(-EACCES);
		if (!inode->i_mode) {
			iput(inode);
			return ERR_PTR(-EIO);
		}
	}
	d_add(dentry, inode);
	return NULL;
}

struct inode_operations ext2_dir_inode_operations = {
	.lookup		= ext2_lookup,
};

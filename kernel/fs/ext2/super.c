/*
 *  linux/fs/ext2/super.c
 *
 *  Mounting the model's ext2.  A local filesystem: mounting the same disk
 *  on two nodes is allowed, as on real hardware, and just as unsafe.
 */

#include <linux/config.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/init.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include <linux/err.h>
#include "ext2.h"

static kmem_cache_t * ext2_inode_cachep;

static struct inode *ext2_alloc_inode(struct super_block *sb)
{
	struct ext2_inode_info *ei;

	ei = (struct ext2_inode_info *)kmem_cache_alloc(ext2_inode_cachep, GFP_KERNEL);
	if (!ei)
		return NULL;
	/* what the slab constructor does in Linux */
	inode_init_once(&ei->vfs_inode);
	memset(&ei->i_di, 0, sizeof(ei->i_di));
	return &ei->vfs_inode;
}

static void ext2_destroy_inode(struct inode *inode)
{
	kmem_cache_free(ext2_inode_cachep, EXT2_I(inode));
}

static void ext2_put_super (struct super_block * sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	sb->s_fs_info = NULL;
	kfree(sbi);
}

static struct super_operations ext2_sops = {
	.alloc_inode	= ext2_alloc_inode,
	.destroy_inode	= ext2_destroy_inode,
	.read_inode	= ext2_read_inode,
	.write_inode	= ext2_write_inode,
	.put_super	= ext2_put_super,
};

static int ext2_fill_super(struct super_block *sb, void *data, int silent)
{
	struct ext2_sb_info * sbi;
	struct inode *root;
	int err;

	sbi = kmalloc(sizeof(*sbi), GFP_KERNEL);
	if (!sbi)
		return -ENOMEM;
	sb->s_fs_info = sbi;
	memset(sbi, 0, sizeof(*sbi));

	err = simfs_read_super(sb, EXT2_SUPER_MAGIC, &sbi->s_es);
	if (err) {
		if (!silent)
			printk(KERN_ERR "EXT2-fs: %s: can't find an ext2 filesystem\n",
			       sb->s_id);
		goto failed_sbi;
	}

	sb->s_magic = EXT2_SUPER_MAGIC;
	sb->s_op = &ext2_sops;
	sb->s_maxbytes = MAX_NON_LFS;

	err = -EINVAL;
	root = iget(sb, sbi->s_es.s_root_ino);
	if (!root)
		goto failed_sbi;
	if (!S_ISDIR(root->i_mode)) {
		iput(root);
		printk(KERN_ERR "EXT2-fs: corrupt root inode, run e2fsck\n");
		goto failed_sbi;
	}
	sb->s_root = d_alloc_root(root);
	if (!sb->s_root) {
		iput(root);
		err = -ENOMEM;
		goto failed_sbi;
	}
	return 0;

failed_sbi:
	sb->s_fs_info = NULL;
	kfree(sbi);
	return err;
}

static struct super_block *ext2_get_sb(struct file_system_type *fs_type,
	int flags, const char *dev_name, void *data)
{
	return get_sb_bdev(fs_type, flags, dev_name, data, ext2_fill_super);
}

static struct file_system_type ext2_fs_type = {
	.owner		= THIS_MODULE,
	.name		= "ext2",
	.get_sb		= ext2_get_sb,
	.kill_sb	= kill_block_super,
	.fs_flags	= FS_REQUIRES_DEV,
};

int __init init_ext2_fs(void)
{
	ext2_inode_cachep = kmem_cache_create("ext2_inode_cache",
					     sizeof(struct ext2_inode_info),
					     0, SLAB_RECLAIM_ACCOUNT,
					     NULL, NULL);
	if (ext2_inode_cachep == NULL)
		return -ENOMEM;
	return register_filesystem(&ext2_fs_type);
}

module_init(init_ext2_fs);

/*
 * fs/ocfs2/super.c
 *
 * Mounting OCFS2: read the superblock, join the DLM lockspace named by the
 * superblock's lock table (the volume UUID in OCFS2), start the vote
 * thread, get the root directory.
 */

#include <linux/module.h>
#include <linux/fs.h>
#include <linux/types.h>
#include <linux/slab.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include <linux/pagemap.h>

#include "ocfs2.h"

static kmem_cache_t *ocfs2_inode_cachep = NULL;

static struct inode *ocfs2_alloc_inode(struct super_block *sb)
{
	struct ocfs2_inode_info *oi;

	oi = kmem_cache_alloc(ocfs2_inode_cachep, GFP_KERNEL);
	if (!oi)
		return NULL;

	/* what the slab constructor does in Linux */
	memset(oi, 0, sizeof(*oi));
	inode_init_once(&oi->vfs_inode);

	return &oi->vfs_inode;
}

static void ocfs2_destroy_inode(struct inode *inode)
{
	kmem_cache_free(ocfs2_inode_cachep, OCFS2_I(inode));
}

static void ocfs2_clear_inode(struct inode *inode)
{
	struct ocfs2_inode_info *oi = OCFS2_I(inode);

	if (oi->ip_meta_lockres.l_flags & OCFS2_LOCK_INITIALIZED)
		ocfs2_drop_inode_locks(inode);
}

static void ocfs2_put_super(struct super_block *sb)
{
	struct ocfs2_super *osb = OCFS2_SB(sb);

	if (!osb)
		return;
	ocfs2_dlm_shutdown(osb);
	sb->s_fs_info = NULL;
	kfree(osb);
}

static struct super_operations ocfs2_sops = {
	.alloc_inode	= ocfs2_alloc_inode,
	.destroy_inode	= ocfs2_destroy_inode,
	.clear_inode	= ocfs2_clear_inode,
	.put_super	= ocfs2_put_super,
};

static int ocfs2_fill_super(struct super_block *sb, void *data, int silent)
{
	struct ocfs2_super *osb;
	struct inode *inode;
	int status;

	osb = kmalloc(sizeof(struct ocfs2_super), GFP_KERNEL);
	if (!osb)
		return -ENOMEM;
	memset(osb, 0, sizeof(struct ocfs2_super));
	sb->s_fs_info = osb;
	osb->sb = sb;

	status = simfs_read_super(sb, OCFS2_SUPER_MAGIC, &osb->s_es);
	if (status < 0) {
		if (!silent)
			printk(KERN_ERR "ocfs2: %s: not an ocfs2 volume\n",
			       sb->s_id);
		goto bail;
	}

	sb->s_magic = OCFS2_SUPER_MAGIC;
	sb->s_op = &ocfs2_sops;
	sb->s_maxbytes = MAX_NON_LFS;

	strlcpy(osb->uuid_str, osb->s_es.s_locktable, sizeof(osb->uuid_str));
	if (!osb->uuid_str[0])
		snprintf(osb->uuid_str, sizeof(osb->uuid_str), "ocfs2:%s",
			 sb->s_id);

	status = ocfs2_dlm_init(osb);
	if (status < 0)
		goto bail;

	inode = ocfs2_iget(sb, osb->s_es.s_root_ino);
	if (IS_ERR(inode)) {
		status = PTR_ERR(inode);
		goto bail_dlm;
	}

	sb->s_root = d_alloc_root(inode);
	if (!sb->s_root) {
		status = -ENOMEM;
		iput(inode);
		goto bail_dlm;
	}

	printk(KERN_INFO "ocfs2: Mounting device %s, lockspace %s\n",
	       sb->s_id, osb->uuid_str);
	return 0;

bail_dlm:
	invalidate_inodes(sb);
	ocfs2_dlm_shutdown(osb);
bail:
	sb->s_fs_info = NULL;
	kfree(osb);
	return status;
}

static struct super_block *ocfs2_get_sb(struct file_system_type *fs_type,
					int flags,
					const char *dev_name,
					void *data)
{
	return get_sb_bdev(fs_type, flags, dev_name, data, ocfs2_fill_super);
}

static struct file_system_type ocfs2_fs_type = {
	.owner          = THIS_MODULE,
	.name           = "ocfs2",
	.get_sb         = ocfs2_get_sb,
	.kill_sb        = kill_block_super,
	.fs_flags       = FS_REQUIRES_DEV,
	.next           = NULL
};

int __init init_ocfs2_fs(void)
{
	ocfs2_inode_cachep = kmem_cache_create("ocfs2_inode_cache",
				       sizeof(struct ocfs2_inode_info),
				       0, SLAB_HWCACHE_ALIGN|SLAB_RECLAIM_ACCOUNT,
				       NULL, NULL);
	if (!ocfs2_inode_cachep)
		return -ENOMEM;

	return register_filesystem(&ocfs2_fs_type);
}

module_init(init_ocfs2_fs);

/*
 * fs/gfs2/ops_fstype.c
 *
 * Mounting GFS2: read the superblock, join the filesystem's DLM
 * lockspace, get the root directory.  Mount options (comma separated):
 *
 *	locktable=NAME	the lockspace (default: the superblock's)
 *	debug		assertion failures BUG() instead of warning
 *	era=2005|2007	glock recursion rules (default 2005, see glock.c)
 */

#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/buffer_head.h>
#include <linux/blkdev.h>
#include <linux/err.h>
#include <linux/module.h>
#include <asm/semaphore.h>

#include "gfs2.h"
#include "glock.h"
#include "glops.h"
#include "inode.h"
#include "lm.h"

static struct gfs2_sbd *init_sbd(struct super_block *sb)
{
	struct gfs2_sbd *sdp;
	unsigned int x;

	sdp = kmalloc(sizeof(struct gfs2_sbd), GFP_KERNEL);
	if (!sdp)
		return NULL;

	memset(sdp, 0, sizeof(struct gfs2_sbd));

	set_v2sdp(sb, sdp);
	sdp->sd_vfs = sb;

	spin_lock_init(&sdp->sd_tune.gt_spin);
	sdp->sd_tune.gt_greedy_default = 0;	/* no timers: see glock.c */
	sdp->sd_tune.gt_greedy_quantum = HZ / 40;
	sdp->sd_tune.gt_greedy_max = HZ / 4;
	sdp->sd_tune.gt_max_atomic_write = 4 << 20;

	for (x = 0; x < GFS2_GL_HASH_SIZE; x++) {
		spin_lock_init(&sdp->sd_gl_hash[x].hb_lock);
		INIT_LIST_HEAD(&sdp->sd_gl_hash[x].hb_list);
	}

	sdp->sd_args.ar_era = 2005;

	return sdp;
}

/**
 * gfs2_mount_args - Parse mount options
 * @sdp:
 * @data:
 *
 * Return: errno
 */

static int gfs2_mount_args(struct gfs2_sbd *sdp, char *data_arg)
{
	struct gfs2_args *args = &sdp->sd_args;
	char *data, *options, *o, *v;
	int error = 0;

	if (!data_arg || !*data_arg)
		return 0;

	data = kstrdup(data_arg, GFP_KERNEL);
	if (!data)
		return -ENOMEM;

	options = data;
	for (;;) {
		o = strsep(&options, ",");
		if (!o)
			break;
		if (!*o)
			continue;

		v = strchr(o, '=');
		if (v)
			*v++ = 0;

		if (!strcmp(o, "locktable")) {
			if (!v || !*v)
				goto need_value;
			strlcpy(args->ar_locktable, v, GFS2_LOCKNAME_LEN);
		} else if (!strcmp(o, "debug"))
			args->ar_debug = TRUE;
		else if (!strcmp(o, "nodebug"))
			args->ar_debug = FALSE;
		else if (!strcmp(o, "era")) {
			if (!v || !*v)
				goto need_value;
			args->ar_era = simple_strtoul(v, NULL, 0);
			if (args->ar_era != 2005 && args->ar_era != 2007) {
				printk(KERN_WARNING "GFS2: era must be 2005 or 2007\n");
				error = -EINVAL;
				break;
			}
		} else {
			printk(KERN_WARNING "GFS2: unknown option: %s\n", o);
			error = -EINVAL;
			break;
		}
		continue;

 need_value:
		printk(KERN_WARNING "GFS2: %s requires a value\n", o);
		error = -EINVAL;
		break;
	}

	kfree(data);
	return error;
}

static void gfs2_clear_inode(struct inode *inode)
{
	struct gfs2_inode *ip = get_v2ip(inode);

	if (ip) {
		spin_lock(&ip->i_gl->gl_spin);
		ip->i_vnode = NULL;
		set_v2ip(inode, NULL);
		spin_unlock(&ip->i_gl->gl_spin);
		gfs2_inode_put(ip);
	}
}

/*
 * Before the inodes go: give up every glock this node holds, which writes
 * back what is dirty (EX) and drops the cached pages.
 */
static int gfs2_sync_fs(struct super_block *sb, int wait)
{
	struct gfs2_sbd *sdp = get_v2sdp(sb);

	if (sdp)
		gfs2_gl_hash_clear(sdp, NO_WAIT);
	return 0;
}

static void gfs2_put_super(struct super_block *sb)
{
	struct gfs2_sbd *sdp = get_v2sdp(sb);

	if (!sdp)
		return;

	gfs2_gl_hash_clear(sdp, WAIT);
	gfs2_lm_unmount(sdp);

	set_v2sdp(sb, NULL);
	kfree(sdp);
}

static struct super_operations gfs2_super_ops = {
	.clear_inode = gfs2_clear_inode,
	.sync_fs = gfs2_sync_fs,
	.put_super = gfs2_put_super,
};

static int fill_super(struct super_block *sb, void *data, int silent)
{
	struct gfs2_sbd *sdp;
	struct inode *inode;
	int error = 0;

	sdp = init_sbd(sb);
	if (!sdp) {
		printk(KERN_WARNING "GFS2: can't alloc struct gfs2_sbd\n");
		return -ENOMEM;
	}

	error = gfs2_mount_args(sdp, (char *)data);
	if (error) {
		printk(KERN_WARNING "GFS2: can't parse mount arguments\n");
		goto fail;
	}

	error = simfs_read_super(sb, GFS2_MAGIC, &sdp->sd_sb);
	if (error) {
		if (!silent)
			printk(KERN_WARNING "GFS2: %s: not a GFS2 filesystem\n",
			       sb->s_id);
		goto fail;
	}

	sb->s_magic = GFS2_MAGIC;
	sb->s_op = &gfs2_super_ops;
	sb->s_maxbytes = MAX_NON_LFS;

	error = gfs2_lm_mount(sdp, silent);
	if (error)
		goto fail;

	inode = gfs2_iget(sb, sdp->sd_sb.s_root_ino);
	if (IS_ERR(inode)) {
		error = PTR_ERR(inode);
		printk(KERN_WARNING "GFS2: can't get root inode: %d\n", error);
		goto fail_lm;
	}
	sdp->sd_root_dir = get_v2ip(inode);

	sb->s_root = d_alloc_root(inode);
	if (!sb->s_root) {
		printk(KERN_WARNING "GFS2: can't get root dentry\n");
		error = -ENOMEM;
		iput(inode);
		goto fail_lm;
	}

	return 0;

 fail_lm:
	gfs2_gl_hash_clear(sdp, NO_WAIT);
	invalidate_inodes(sb);
	gfs2_gl_hash_clear(sdp, WAIT);
	gfs2_lm_unmount(sdp);

 fail:
	set_v2sdp(sb, NULL);
	kfree(sdp);

	return error;
}

static struct super_block *gfs2_get_sb(struct file_system_type *fs_type,
				       int flags, const char *dev_name,
				       void *data)
{
	return get_sb_bdev(fs_type, flags, dev_name, data, fill_super);
}

struct file_system_type gfs2_fs_type = {
	.name = "gfs2",
	.fs_flags = FS_REQUIRES_DEV,
	.get_sb = gfs2_get_sb,
	.kill_sb = kill_block_super,
	.owner = THIS_MODULE,
};

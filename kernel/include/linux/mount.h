/*
 * Definitions for mount interface.
 */
#ifndef _LINUX_MOUNT_H
#define _LINUX_MOUNT_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <asm/atomic.h>

#define MNT_NOSUID	1
#define MNT_NODEV	2
#define MNT_NOEXEC	4

/*
 * The model's namespace is a flat table of mounts (fs/namespace.c): no
 * mount tree, each mount is found by its mount point path.
 */
struct vfsmount
{
	struct list_head mnt_list;	/* on the mount table */
	struct dentry *mnt_root;	/* root of the mounted tree */
	struct super_block *mnt_sb;	/* pointer to superblock */
	atomic_t mnt_count;
	int mnt_flags;
	char *mnt_devname;		/* Name of device e.g. /dev/dsk/hda1 */
	char *mnt_dirname;		/* model: the mount point path */
};

static inline struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt)
		atomic_inc(&mnt->mnt_count);
	return mnt;
}

extern void __mntput(struct vfsmount *mnt);

static inline void mntput(struct vfsmount *mnt)
{
	if (mnt) {
		if (atomic_dec_and_test(&mnt->mnt_count))
			__mntput(mnt);
	}
}

extern struct vfsmount *alloc_vfsmnt(const char *name);
extern struct vfsmount *lookup_mnt_path(const char *path, const char **rest);

#endif /* _LINUX_MOUNT_H */

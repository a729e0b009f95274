/*
 *  linux/fs/namespace.c
 *
 *  The model's namespace: a flat table of mounts, each found by the path
 *  of its mount point ("/mnt/gfs2").  There is no mount tree, no chroot
 *  and no per-process namespace: every task of a node sees the same table.
 */

#include <linux/config.h>
#include <linux/syscalls.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/err.h>
#include <linux/string.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <asm/uaccess.h>

static LIST_HEAD(vfsmntlist);
static DEFINE_SPINLOCK(vfsmount_lock);

struct vfsmount *alloc_vfsmnt(const char *name)
{
	struct vfsmount *mnt = kmalloc(sizeof(*mnt), GFP_KERNEL);

	if (mnt) {
		memset(mnt, 0, sizeof(struct vfsmount));
		atomic_set(&mnt->mnt_count,1);
		INIT_LIST_HEAD(&mnt->mnt_list);
		if (name) {
			mnt->mnt_devname = kstrdup(name, GFP_KERNEL);
			if (!mnt->mnt_devname) {
				kfree(mnt);
				mnt = NULL;
			}
		}
	}
	return mnt;
}

static void free_vfsmnt(struct vfsmount *mnt)
{
	kfree(mnt->mnt_devname);
	kfree(mnt->mnt_dirname);
	kfree(mnt);
}

void __mntput(struct vfsmount *mnt)
{
	struct super_block *sb = mnt->mnt_sb;

	dput(mnt->mnt_root);
	free_vfsmnt(mnt);
	deactivate_super(sb);
}

EXPORT_SYMBOL(__mntput);

struct vfsmount *
do_kern_mount(const char *fstype, int flags, const char *name, void *data)
{
	struct file_system_type *type = get_fs_type(fstype);
	struct super_block *sb = ERR_PTR(-ENOMEM);
	struct vfsmount *mnt;

	if (!type)
		return ERR_PTR(-ENODEV);

	mnt = alloc_vfsmnt(name);
	if (!mnt)
		goto out;
	sb = type->get_sb(type, flags, name, data);
	if (IS_ERR(sb))
		goto out_mnt;
	mnt->mnt_sb = sb;
	mnt->mnt_root = dget(sb->s_root);
	up_write(&sb->s_umount);
	return mnt;
out_mnt:
	free_vfsmnt(mnt);
out:
	return (struct vfsmount *)sb;
}

EXPORT_SYMBOL(do_kern_mount);

/* The mount whose mount point is exactly @dir (vfsmount_lock held). */
static struct vfsmount *__find_mnt(const char *dir, int len)
{
	struct vfsmount *mnt;

	list_for_each_entry(mnt, &vfsmntlist, mnt_list) {
		if ((int)strlen(mnt->mnt_dirname) == len &&
		    !strncmp(mnt->mnt_dirname, dir, len))
			return mnt;
	}
	return NULL;
}

/*
 * The mount whose mount point is the longest leading part of @path (ending
 * at a '/' or at the end), with a reference; *@rest points after it.
 */
struct vfsmount *lookup_mnt_path(const char *path, const char **rest)
{
	struct vfsmount *mnt, *best = NULL;
	int best_len = -1;

	spin_lock(&vfsmount_lock);
	list_for_each_entry(mnt, &vfsmntlist, mnt_list) {
		int len = strlen(mnt->mnt_dirname);

		if (len <= best_len || strncmp(mnt->mnt_dirname, path, len))
			continue;
		if (path[len] != '\0' && path[len] != '/' &&
		    !(len == 1 && path[0] == '/'))
			continue;
		best = mnt;
		best_len = len;
	}
	if (best) {
		mntget(best);
		*rest = path + best_len;
	}
	spin_unlock(&vfsmount_lock);
	return best;
}

/*
 * Mount a filesystem of type @type_page from the device @dev_name on the
 * mount point @dir_name, with the filesystem options in @data_page (a
 * string).  @dir_name is an absolute path; it need not exist anywhere.
 */
long do_mount(char * dev_name, char * dir_name, char *type_page,
		  unsigned long flags, void *data_page)
{
	struct vfsmount *mnt;
	char *dir;
	int len;

	if (!dir_name || dir_name[0] != '/' || !type_page)
		return -EINVAL;

	dir = kstrdup(dir_name, GFP_KERNEL);
	if (!dir)
		return -ENOMEM;
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';

	spin_lock(&vfsmount_lock);
	mnt = __find_mnt(dir, len);
	spin_unlock(&vfsmount_lock);
	if (mnt) {
		kfree(dir);
		return -EBUSY;
	}

	mnt = do_kern_mount(type_page, flags, dev_name, data_page);
	if (IS_ERR(mnt)) {
		kfree(dir);
		return PTR_ERR(mnt);
	}
	mnt->mnt_dirname = dir;

	spin_lock(&vfsmount_lock);
	list_add_tail(&mnt->mnt_list, &vfsmntlist);
	spin_unlock(&vfsmount_lock);
	return 0;
}

/*
 * Unmount what is mounted on @dir_name; -EBUSY while files on it are open.
 */
long do_umount_path(const char *dir_name)
{
	struct vfsmount *mnt;

	spin_lock(&vfsmount_lock);
	mnt = __find_mnt(dir_name, strlen(dir_name));
	if (!mnt) {
		spin_unlock(&vfsmount_lock);
		return -EINVAL;
	}
	if (atomic_read(&mnt->mnt_count) > 1) {
		spin_unlock(&vfsmount_lock);
		return -EBUSY;
	}
	list_del_init(&mnt->mnt_list);
	spin_unlock(&vfsmount_lock);

	mntput(mnt);
	return 0;
}

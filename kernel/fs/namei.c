/*
 *  linux/fs/namei.c
 *
 *  Path lookup, cut down to the model's namespace: an absolute path is a
 *  mount point (fs/namespace.c) followed by at most one name, looked up
 *  in the root directory of that filesystem.  The dcache and the
 *  directory's i_sem are used as in 2.6.13.
 */

#include <linux/init.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fcntl.h>
#include <asm/uaccess.h>

#define ACC_MODE(x) ("\000\004\002\006"[(x)&O_ACCMODE])

/* In order to reduce some races, while at the same time doing additional
 * checking and hopefully speeding things up, we copy filenames to the
 * kernel data space before using them..
 *
 * POSIX.1 2.4: an empty pathname is invalid (ENOENT).
 * PATH_MAX includes the nul terminator --RR.
 */
static int do_getname(const char __user *filename, char *page)
{
	int retval;
	unsigned long len = PATH_MAX;

	if (!access_ok(VERIFY_READ, filename, 1))
		return -EFAULT;

	retval = strncpy_from_user(page, filename, len);
	if (retval > 0) {
		if ((unsigned long)retval < len)
			return 0;
		return -ENAMETOOLONG;
	} else if (!retval)
		retval = -ENOENT;
	return retval;
}

char * getname(const char __user * filename)
{
	char *tmp, *result;

	result = ERR_PTR(-ENOMEM);
	tmp = __getname();
	if (tmp)  {
		int retval = do_getname(filename, tmp);

		result = tmp;
		if (retval < 0) {
			__putname(tmp);
			result = ERR_PTR(retval);
		}
	}
	return result;
}

void path_release(struct nameidata *nd)
{
	dput(nd->dentry);
	mntput(nd->mnt);
}

/*
 * This is called when everything else fails, and we actually have
 * to go to the low-level filesystem to find out what we should do..
 *
 * We get the directory semaphore, and after getting that we also
 * make sure that nobody added the entry to the dcache in the meantime..
 */
static struct dentry * real_lookup(struct dentry * parent, struct qstr * name, struct nameidata *nd)
{
	struct dentry * result;
	struct inode *dir = parent->d_inode;

	down(&dir->i_sem);
	/*
	 * First re-do the cached lookup just in case it was created
	 * while we waited for the directory semaphore..
	 */
	result = d_lookup(parent, name);
	if (!result) {
		struct dentry * dentry = d_alloc(parent, name);
		result = ERR_PTR(-ENOMEM);
		if (dentry) {
			result = dir->i_op->lookup(dir, dentry, nd);
			if (result)
				dput(dentry);
			else
				result = dentry;
		}
	}
	up(&dir->i_sem);
	return result;
}

/*
 * Look up one name in a directory: the dcache first, the filesystem on a
 * miss.  Returns a referenced dentry, maybe negative, or an ERR_PTR.
 */
static struct dentry *__lookup_hash(struct qstr *name, struct dentry *base,
				    struct nameidata *nd)
{
	struct dentry *dentry;
	struct inode *inode = base->d_inode;

	if (!inode->i_op || !inode->i_op->lookup)
		return ERR_PTR(-ENOTDIR);

	dentry = d_lookup(base, name);
	if (!dentry)
		dentry = real_lookup(base, name, nd);
	return dentry;
}

struct dentry * lookup_one_len(const char * name, struct dentry * base, int len)
{
	struct qstr this;

	this.name = (const unsigned char *)name;
	this.len = len;
	this.hash = full_name_hash(this.name, len);
	return __lookup_hash(&this, base, NULL);
}

/*
 * path_lookup - find the dentry of an absolute path.
 *
 * Returns 0 with nd->dentry and nd->mnt referenced, or an error.
 */
int fastcall path_lookup(const char *name, unsigned int flags, struct nameidata *nd)
{
	const char *rest;
	struct vfsmount *mnt;
	struct dentry *dentry;
	int len;

	if (*name != '/')
		return -ENOENT;		/* no current directory in the model */

	mnt = lookup_mnt_path(name, &rest);
	if (!mnt)
		return -ENOENT;

	nd->mnt = mnt;
	nd->dentry = dget(mnt->mnt_root);
	nd->flags = flags;
	nd->depth = 0;
	nd->last_type = LAST_ROOT;

	while (*rest == '/')
		rest++;
	if (!*rest)
		return 0;

	len = strlen(rest);
	while (len > 0 && rest[len - 1] == '/')
		len--;
	if (memchr(rest, '/', len)) {
		/* one level of names only */
		path_release(nd);
		return -ENOENT;
	}
	if (len > 255) {
		path_release(nd);
		return -ENAMETOOLONG;
	}

	nd->last.name = (const unsigned char *)rest;
	nd->last.len = len;
	nd->last.hash = full_name_hash(nd->last.name, len);
	nd->last_type = LAST_NORM;
	if (flags & LOOKUP_PARENT)
		return 0;

	dentry = __lookup_hash(&nd->last, nd->dentry, nd);
	if (IS_ERR(dentry)) {
		path_release(nd);
		return PTR_ERR(dentry);
	}
	dput(nd->dentry);
	nd->dentry = dentry;
	if (!dentry->d_inode) {
		path_release(nd);
		return -ENOENT;
	}
	return 0;
}

/*
 *	open_namei()
 *
 * namei for open - this is in fact almost the whole open-routine.
 *
 * Note that the low bits of "flag" aren't the same as in the open
 * system call - they are 00 - no permissions needed
 *			  01 - read permission needed
 *			  10 - write permission needed
 *			  11 - read/write permissions needed
 * which is a lot more logical, and also allows the "no perm" needed
 * for symlinks (where the permissions are checked later).
 *
 * The model's filesystems cannot create or truncate files: O_CREAT only
 * opens a file that exists, O_TRUNC is refused.
 */
int open_namei(const char * pathname, int flag, int mode, struct nameidata *nd)
{
	int acc_mode, error;
	struct dentry *dentry;
	struct inode *inode;

	acc_mode = ACC_MODE(flag);

	error = path_lookup(pathname, LOOKUP_FOLLOW | LOOKUP_OPEN, nd);
	if (error) {
		if (error == -ENOENT && (flag & O_CREAT))
			return -EACCES;		/* no ->create */
		return error;
	}

	dentry = nd->dentry;
	inode = dentry->d_inode;

	error = -EEXIST;
	if ((flag & O_CREAT) && (flag & O_EXCL))
		goto exit;

	error = -EISDIR;
	if (S_ISDIR(inode->i_mode) && (flag & FMODE_WRITE))
		goto exit;

	error = -EROFS;
	if (IS_RDONLY(inode) && (acc_mode & MAY_WRITE))
		goto exit;

	error = -EPERM;
	if (IS_APPEND(inode)) {
		if  ((flag & FMODE_WRITE) && !(flag & O_APPEND))
			goto exit;
	}

	error = -EOPNOTSUPP;
	if (flag & O_TRUNC)
		goto exit;

	return 0;

exit:
	path_release(nd);
	return error;
}

EXPORT_SYMBOL(getname);
EXPORT_SYMBOL(lookup_one_len);
EXPORT_SYMBOL(path_lookup);
EXPORT_SYMBOL(path_release);

/*
 * fs/dcache.c
 *
 * The directory cache, reduced to what a flat namespace needs: each
 * filesystem's root dentry and, below it, one dentry per name looked up,
 * positive or negative.  Dentries are never evicted while the filesystem
 * is mounted; unmount frees them (shrink_dcache_sb()).
 */

#include <linux/config.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/init.h>
#include <linux/module.h>

/* the lock protecting every d_subdirs list and the hashed flags */
static DEFINE_SPINLOCK(dcache_lock);

static void d_free(struct dentry *dentry)
{
	if (dentry->d_name.name != dentry->d_iname)
		kfree(dentry->d_name.name);
	kfree(dentry);
}

/*
 * dput - release a dentry
 * @dentry: dentry to release 
 *
 * Release a dentry. This will drop the usage count and if appropriate
 * call the dentry unlink method as well as removing it from the queues and
 * releasing its resources. If the parent dentries were scheduled for release
 * they too may now get deleted.
 *
 * Hashed dentries stay cached with a zero count; only an unhashed one
 * (a lookup that failed half way) is freed here.
 */
void dput(struct dentry *dentry)
{
	struct dentry *parent;
	struct inode *inode;

repeat:
	if (!dentry)
		return;
	if (!atomic_dec_and_test(&dentry->d_count))
		return;
	if (!d_unhashed(dentry))
		return;

	spin_lock(&dcache_lock);
	list_del(&dentry->d_child);
	spin_unlock(&dcache_lock);
	inode = dentry->d_inode;
	if (inode) {
		list_del_init(&dentry->d_alias);
		dentry->d_inode = NULL;
		iput(inode);
	}
	parent = dentry->d_parent;
	d_free(dentry);
	if (parent == dentry)
		return;
	dentry = parent;
	goto repeat;
}

/**
 * d_alloc	-	allocate a dcache entry
 * @parent: parent of entry to allocate
 * @name: qstr of the name
 *
 * Allocates a dentry. It returns %NULL if there is insufficient memory
 * available. On a success the dentry is returned. The name passed in is
 * copied and the copy passed in may be reused after this call.
 */
struct dentry *d_alloc(struct dentry * parent, const struct qstr *name)
{
	struct dentry *dentry;
	unsigned char *dname;

	dentry = kmalloc(sizeof(*dentry), GFP_KERNEL);
	if (!dentry)
		return NULL;

	if (name->len > DNAME_INLINE_LEN-1) {
		dname = kmalloc(name->len + 1, GFP_KERNEL);
		if (!dname) {
			kfree(dentry);
			return NULL;
		}
	} else  {
		dname = dentry->d_iname;
	}
	dentry->d_name.name = dname;

	dentry->d_name.len = name->len;
	dentry->d_name.hash = name->hash;
	memcpy(dname, name->name, name->len);
	dname[name->len] = 0;

	atomic_set(&dentry->d_count, 1);
	dentry->d_flags = DCACHE_UNHASHED;
	spin_lock_init(&dentry->d_lock);
	dentry->d_inode = NULL;
	dentry->d_parent = NULL;
	dentry->d_sb = NULL;
	dentry->d_op = NULL;
	dentry->d_fsdata = NULL;
	dentry->d_mounted = 0;
	INIT_LIST_HEAD(&dentry->d_subdirs);
	INIT_LIST_HEAD(&dentry->d_alias);

	if (parent) {
		dentry->d_parent = dget(parent);
		dentry->d_sb = parent->d_sb;
	} else {
		INIT_LIST_HEAD(&dentry->d_child);
	}

	spin_lock(&dcache_lock);
	if (parent)
		list_add(&dentry->d_child, &parent->d_subdirs);
	spin_unlock(&dcache_lock);

	return dentry;
}

/**
 * d_instantiate - fill in inode information for a dentry
 * @entry: dentry to complete
 * @inode: inode to attach to this dentry
 *
 * Fill in inode information in the entry.
 *
 * This turns negative dentries into productive full members
 * of society.
 *
 * NOTE! This assumes that the inode count has been incremented
 * (or otherwise set) by the caller to indicate that it is now
 * in use by the dcache.
 */
void d_instantiate(struct dentry *entry, struct inode * inode)
{
	if (!list_empty(&entry->d_alias))
		BUG();
	spin_lock(&dcache_lock);
	if (inode)
		list_add(&entry->d_alias, &inode->i_dentry);
	entry->d_inode = inode;
	spin_unlock(&dcache_lock);
}

/**
 * d_rehash	- add an entry back to the hash
 * @entry: dentry to add to the hash
 *
 * Makes the dentry visible to d_lookup().
 */
void d_rehash(struct dentry * entry)
{
	spin_lock(&dcache_lock);
	entry->d_flags &= ~DCACHE_UNHASHED;
	spin_unlock(&dcache_lock);
}

/**
 * d_alloc_root - allocate root dentry
 * @root_inode: inode to allocate the root for
 *
 * Allocate a root ("/") dentry for the inode given. The inode is
 * instantiated and returned. %NULL is returned if there is insufficient
 * memory or the inode passed is %NULL.
 */
struct dentry * d_alloc_root(struct inode * root_inode)
{
	struct dentry *res = NULL;

	if (root_inode) {
		static const struct qstr name = { .name = (const unsigned char *)"/", .len = 1 };

		res = d_alloc(NULL, &name);
		if (res) {
			res->d_sb = root_inode->i_sb;
			res->d_parent = res;
			d_instantiate(res, root_inode);
			d_rehash(res);
		}
	}
	return res;
}

/**
 * d_lookup - search for a dentry
 * @parent: parent dentry
 * @name: qstr of name we wish to find
 *
 * Searches the children of the parent dentry for the name in question. If
 * the dentry is found its reference count is incremented and the dentry
 * is returned. The caller must use d_put to free the entry when it has
 * finished using it. %NULL is returned on failure.
 */
struct dentry * d_lookup(struct dentry * parent, struct qstr * name)
{
	struct dentry *dentry;
	struct dentry *found = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(dentry, &parent->d_subdirs, d_child) {
		if (d_unhashed(dentry))
			continue;
		if (dentry->d_name.hash != name->hash ||
		    dentry->d_name.len != name->len)
			continue;
		if (memcmp(dentry->d_name.name, name->name, name->len))
			continue;
		found = dget(dentry);
		break;
	}
	spin_unlock(&dcache_lock);
	return found;
}

/*
 * Unmount: free every dentry below the root (all must be unused), then
 * the caller drops the root.
 */
void shrink_dcache_sb_root(struct super_block * sb, struct dentry *root)
{
	struct dentry *dentry, *next;

	if (!root)
		return;
	list_for_each_entry_safe(dentry, next, &root->d_subdirs, d_child) {
		if (atomic_read(&dentry->d_count)) {
			printk(KERN_ERR "VFS: dentry %s still in use at unmount\n",
			       dentry->d_name.name);
			continue;
		}
		/* make dput() free it (and drop its reference on the root) */
		atomic_set(&dentry->d_count, 1);
		dentry->d_flags |= DCACHE_UNHASHED;
		dput(dentry);
	}
}

extern void inode_init(unsigned long);

void __init vfs_caches_init(unsigned long mempages)
{
	inode_init(mempages);
}

EXPORT_SYMBOL(d_alloc);
EXPORT_SYMBOL(d_alloc_root);
EXPORT_SYMBOL(d_instantiate);
EXPORT_SYMBOL(d_lookup);
EXPORT_SYMBOL(d_rehash);
EXPORT_SYMBOL(dput);

/*
 * linux/fs/inode.c
 *
 * The inode cache: one struct inode per (superblock, inode number) on a
 * node, found by iget_locked().  An inode whose last reference goes stays
 * cached (with its pages) until its filesystem is unmounted; there is no
 * memory pressure in the model to evict it earlier.
 */

#include <linux/config.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/dcache.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/module.h>
#include <linux/pagemap.h>
#include <linux/wait.h>

/*
 * Inode lookup is no longer as critical as it used to be:
 * most of the lookups are going to be through the dcache.
 */
#define I_HASHBITS	5
#define I_HASHMASK	((1 << I_HASHBITS) - 1)

/*
 * Each inode can be on two separate lists. One is
 * the hash list of the inode, used for lookups. The
 * other linked list is the "type" list:
 *  "in_use" - valid inode, i_count > 0, i_nlink > 0
 *  "unused" - valid inode, i_count = 0
 *
 * A "dirty" list is maintained for each super block,
 * allowing for low-overhead inode sync() operations.
 */

LIST_HEAD(inode_in_use);
LIST_HEAD(inode_unused);
static struct list_head inode_hashtable[1 << I_HASHBITS];

/*
 * A simple spinlock to protect the list manipulations.
 */
DEFINE_SPINLOCK(inode_lock);

/* iget_locked() waiters for an inode being read in (I_LOCK) */
static DECLARE_WAIT_QUEUE_HEAD(inode_wait);

static unsigned long hash(struct super_block *sb, unsigned long hashval)
{
	unsigned long tmp;

	tmp = (hashval * (unsigned long)sb) ^ (0x9e370001UL + hashval) /
			16;
	tmp = tmp ^ ((tmp ^ 0x9e370001UL) >> I_HASHBITS);
	return tmp & I_HASHMASK;
}

static struct inode *alloc_inode(struct super_block *sb)
{
	static struct address_space_operations empty_aops;
	static struct inode_operations empty_iops;
	static struct file_operations empty_fops;
	struct inode *inode;

	if (sb->s_op->alloc_inode)
		inode = sb->s_op->alloc_inode(sb);
	else {
		inode = kmalloc(sizeof(struct inode), GFP_KERNEL);
		if (inode)
			inode_init_once(inode);
	}

	if (inode) {
		struct address_space * const mapping = &inode->i_data;

		inode->i_sb = sb;
		inode->i_blkbits = sb->s_blocksize_bits;
		inode->i_flags = 0;
		atomic_set(&inode->i_count, 1);
		inode->i_op = &empty_iops;
		inode->i_fop = &empty_fops;
		inode->i_nlink = 1;
		atomic_set(&inode->i_writecount, 0);
		inode->i_size = 0;
		inode->i_blocks = 0;
		inode->i_bytes = 0;
		inode->i_security = NULL;
		inode->dirtied_when = 0;
		inode->i_state = 0;

		mapping->a_ops = &empty_aops;
 		mapping->host = inode;
		mapping->flags = 0;
		mapping_set_gfp_mask(mapping, GFP_HIGHUSER);
		mapping->assoc_mapping = NULL;
		mapping->backing_dev_info = NULL;

		inode->u.generic_ip = NULL;
		inode->i_mapping = mapping;
	}
	return inode;
}

void destroy_inode(struct inode *inode) 
{
	if (inode->i_sb->s_op->destroy_inode)
		inode->i_sb->s_op->destroy_inode(inode);
	else
		kfree(inode);
}

static void address_space_init_once(struct address_space *mapping)
{
	memset(mapping, 0, sizeof(*mapping));
	INIT_LIST_HEAD(&mapping->pages);
	spin_lock_init(&mapping->tree_lock);
	INIT_LIST_HEAD(&mapping->i_mmap);
	spin_lock_init(&mapping->i_mmap_lock);
	spin_lock_init(&mapping->private_lock);
	INIT_LIST_HEAD(&mapping->private_list);
}

/*
 * These are initializations that only need to be done
 * once, because the fields are idempotent across use
 * of the inode, so let the slab aware of that.
 *
 * The model has no slab constructors: alloc_inode() and the filesystems'
 * ->alloc_inode call this on every new inode.
 */
void inode_init_once(struct inode *inode)
{
	memset(inode, 0, sizeof(*inode));
	INIT_LIST_HEAD(&inode->i_hash);
	INIT_LIST_HEAD(&inode->i_list);
	INIT_LIST_HEAD(&inode->i_sb_list);
	INIT_LIST_HEAD(&inode->i_dentry);
	init_MUTEX(&inode->i_sem);
	init_rwsem(&inode->i_alloc_sem);
	address_space_init_once(&inode->i_data);
	spin_lock_init(&inode->i_lock);
}

EXPORT_SYMBOL(inode_init_once);

/*
 * inode_lock must be held
 */
static inline void __iget(struct inode * inode)
{
	if (atomic_read(&inode->i_count)) {
		atomic_inc(&inode->i_count);
		return;
	}
	atomic_inc(&inode->i_count);
	if (!(inode->i_state & (I_DIRTY|I_LOCK)))
		list_move(&inode->i_list, &inode_in_use);
}

/**
 * clear_inode - clear an inode
 * @inode: inode to clear
 *
 * This is called by the filesystem to tell us
 * that the inode is no longer useful. We just
 * terminate it with extreme prejudice.
 */
void clear_inode(struct inode *inode)
{
	might_sleep();
	if (inode->i_data.nrpages)
		BUG();
	if (!(inode->i_state & I_FREEING))
		BUG();
	if (inode->i_state & I_CLEAR)
		BUG();
	if (inode->i_sb->s_op->clear_inode)
		inode->i_sb->s_op->clear_inode(inode);
	inode->i_state = I_CLEAR;
}

EXPORT_SYMBOL(clear_inode);

/**
 *	invalidate_inodes	- discard the inodes on a device
 *	@sb: superblock
 *
 *	Discard all of the inodes for a given superblock. If the discard
 *	fails because there are busy inodes then a non zero value is returned.
 *	If the discard is successful all the inodes have been discarded.
 */
int invalidate_inodes(struct super_block * sb)
{
	struct inode *inode, *next;
	int busy = 0;

	spin_lock(&inode_lock);
	list_for_each_entry_safe(inode, next, &sb->s_inodes, i_sb_list) {
		if (atomic_read(&inode->i_count)) {
			busy = 1;
			continue;
		}
		list_del_init(&inode->i_hash);
		list_del_init(&inode->i_sb_list);
		list_del_init(&inode->i_list);
		inode->i_state |= I_FREEING;
		spin_unlock(&inode_lock);

		truncate_inode_pages(&inode->i_data, 0);
		clear_inode(inode);
		destroy_inode(inode);

		spin_lock(&inode_lock);
	}
	spin_unlock(&inode_lock);
	return busy;
}

EXPORT_SYMBOL(invalidate_inodes);

/*
 * find_inode_fast is the fast path version of find_inode, see the comment at
 * iget_locked for details.
 */
static struct inode * find_inode_fast(struct super_block * sb, struct list_head *head, unsigned long ino)
{
	struct inode * inode;

	list_for_each_entry(inode, head, i_hash) {
		if (inode->i_ino != ino)
			continue;
		if (inode->i_sb != sb)
			continue;
		if (inode->i_state & (I_FREEING|I_CLEAR))
			continue;
		return inode;
	}
	return NULL;
}

/**
 *	new_inode 	- obtain an inode
 *	@sb: superblock
 *
 *	Allocates a new inode for given superblock.
 */
struct inode *new_inode(struct super_block *sb)
{
	static unsigned long last_ino;
	struct inode * inode;

	inode = alloc_inode(sb);
	if (inode) {
		spin_lock(&inode_lock);
		list_add(&inode->i_list, &inode_in_use);
		list_add(&inode->i_sb_list, &sb->s_inodes);
		inode->i_ino = ++last_ino;
		inode->i_state = 0;
		spin_unlock(&inode_lock);
	}
	return inode;
}

EXPORT_SYMBOL(new_inode);

static void wait_on_inode(struct inode *inode)
{
	might_sleep();
	wait_event(inode_wait, !(inode->i_state & I_LOCK));
}

/**
 *	unlock_new_inode - clear the I_LOCK and I_NEW state and wake up
 *	@inode:	new inode to unlock
 *
 *	Called when the inode is fully initialised to clear the new state of the
 *	inode and wake up anyone waiting for the inode to finish initialisation.
 */
void unlock_new_inode(struct inode *inode)
{
	/*
	 * This is special!  We do not need the spinlock
	 * when clearing I_LOCK, because we're guaranteed
	 * that nobody else tries to do anything about the
	 * state of the inode when it is locked, as we
	 * just created it (so there can be no old holders
	 * that haven't tested I_LOCK).
	 */
	inode->i_state &= ~(I_LOCK|I_NEW);
	wake_up_all(&inode_wait);
}

EXPORT_SYMBOL(unlock_new_inode);

/*
 * The inode is not in the cache: allocate one, and unless somebody else
 * added it meanwhile, hash it locked and new for the caller to fill in.
 */
static struct inode * get_new_inode_fast(struct super_block *sb, struct list_head *head, unsigned long ino)
{
	struct inode * inode;

	inode = alloc_inode(sb);
	if (inode) {
		struct inode * old;

		spin_lock(&inode_lock);
		/* We released the lock, so.. */
		old = find_inode_fast(sb, head, ino);
		if (!old) {
			inode->i_ino = ino;
			list_add(&inode->i_list, &inode_in_use);
			list_add(&inode->i_sb_list, &sb->s_inodes);
			list_add(&inode->i_hash, head);
			inode->i_state = I_LOCK|I_NEW;
			spin_unlock(&inode_lock);

			/* Return the locked inode with I_NEW set, the
			 * caller is responsible for filling in the contents
			 */
			return inode;
		}

		/*
		 * Uhhuh, somebody else created the same inode under
		 * us. Use the old inode instead of the one we just
		 * allocated.
		 */
		__iget(old);
		spin_unlock(&inode_lock);
		destroy_inode(inode);
		inode = old;
		wait_on_inode(inode);
	}
	return inode;
}

/**
 * iget_locked - obtain an inode from a mounted file system
 * @sb:		super block of file system
 * @ino:	inode number to get
 *
 * This is iget() without the read_inode() portion of get_new_inode_fast().
 *
 * iget_locked() uses ifind_fast() to search for the inode specified by @ino in
 * the inode cache and if present it is returned with an increased reference
 * count. This is for file systems where the inode number is sufficient for
 * unique identification of an inode.
 *
 * If the inode is not in cache, get_new_inode_fast() is called to allocate a
 * new inode and this is returned locked, hashed, and with the I_NEW flag set.
 * The file system gets to fill it in before unlocking it via
 * unlock_new_inode().
 */
struct inode *iget_locked(struct super_block *sb, unsigned long ino)
{
	struct list_head *head = inode_hashtable + hash(sb, ino);
	struct inode *inode;

	spin_lock(&inode_lock);
	inode = find_inode_fast(sb, head, ino);
	if (inode) {
		__iget(inode);
		spin_unlock(&inode_lock);
		wait_on_inode(inode);
		return inode;
	}
	spin_unlock(&inode_lock);

	return get_new_inode_fast(sb, head, ino);
}

EXPORT_SYMBOL(iget_locked);

struct inode *igrab(struct inode *inode)
{
	spin_lock(&inode_lock);
	if (!(inode->i_state & I_FREEING))
		__iget(inode);
	else
		/*
		 * Handle the case where s_op->clear_inode is not been
		 * called yet, and somebody is calling igrab
		 * while the inode is getting freed.
		 */
		inode = NULL;
	spin_unlock(&inode_lock);
	return inode;
}

EXPORT_SYMBOL(igrab);

/**
 *	iput	- put an inode 
 *	@inode: inode to put
 *
 *	Puts an inode, dropping its usage count. If the inode use count hits
 *	zero the inode stays cached, unused, until the filesystem is
 *	unmounted (invalidate_inodes()).
 */
void iput(struct inode *inode)
{
	if (inode) {
		struct super_operations *op = inode->i_sb->s_op;

		BUG_ON(inode->i_state == I_CLEAR);

		if (op && op->put_inode)
			op->put_inode(inode);

		spin_lock(&inode_lock);
		if (atomic_dec_and_test(&inode->i_count)) {
			if (!(inode->i_state & (I_DIRTY|I_LOCK)))
				list_move(&inode->i_list, &inode_unused);
		}
		spin_unlock(&inode_lock);
	}
}

EXPORT_SYMBOL(iput);

void __init inode_init(unsigned long mempages)
{
	int loop;

	for (loop = 0; loop < (1 << I_HASHBITS); loop++)
		INIT_LIST_HEAD(&inode_hashtable[loop]);
}

/*
 * fs/ocfs2/dlmglue.c
 *
 * OCFS2's cluster locks on top of the DLM.
 *
 * A lock resource is a node-level lock: the node holds it in the DLM at
 * l_level, and its local users count as holders (l_ro_holders,
 * l_ex_holders) without excluding each other.  A local request for more
 * than the node holds goes to the DLM.  When another node's request is
 * blocked by ours (a blocking AST), the lock is marked BLOCKED: local
 * requests that the blocked-for level does not allow wait, and the vote
 * thread downconverts as soon as the holders that stand in the way are
 * gone -- writing back and dropping the cache on the way down.
 *
 * Model simplifications (docs/model-kernel.md): no lock value blocks, no
 * convert cancellation, and an up-conversion waits until the node has no
 * local holders of the lock, then goes through NL (an unlock and a new
 * request) instead of converting in place.
 */

#include <linux/types.h>
#include <linux/slab.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/kthread.h>
#include <linux/err.h>
#include <linux/string.h>

#include "ocfs2.h"

static void ocfs2_data_convert_worker(struct ocfs2_lock_res *lockres,
				      int old_level, int new_level);
static void ocfs2_meta_convert_worker(struct ocfs2_lock_res *lockres,
				      int old_level, int new_level);

static struct ocfs2_lock_res_ops ocfs2_inode_meta_lops = {
	.downconvert_worker = ocfs2_meta_convert_worker,
};

static struct ocfs2_lock_res_ops ocfs2_inode_data_lops = {
	.downconvert_worker = ocfs2_data_convert_worker,
};

static inline int ocfs2_highest_compat_lock_level(int level)
{
	int new_level = DLM_LOCK_EX;

	if (level == DLM_LOCK_EX)
		new_level = DLM_LOCK_NL;
	else if (level == DLM_LOCK_PR)
		new_level = DLM_LOCK_PR;
	return new_level;
}

void ocfs2_inode_lock_res_init(struct ocfs2_lock_res *res,
			       enum ocfs2_lock_type type,
			       struct inode *inode)
{
	struct ocfs2_super *osb = OCFS2_SB(inode->i_sb);

	memset(res, 0, sizeof(struct ocfs2_lock_res));
	spin_lock_init(&res->l_lock);
	init_waitqueue_head(&res->l_event);
	INIT_LIST_HEAD(&res->l_blocked_list);

	res->l_type = type;
	res->l_priv = inode;
	res->l_osb = osb;
	res->l_ops = (type == OCFS2_LOCK_TYPE_META) ?
		&ocfs2_inode_meta_lops : &ocfs2_inode_data_lops;
	res->l_level = DLM_LOCK_IV;
	res->l_requested = DLM_LOCK_IV;
	res->l_blocking = DLM_LOCK_NL;
	res->l_action = OCFS2_AST_INVALID;

	snprintf(res->l_name, OCFS2_LOCK_ID_MAX_LEN, "%c%016llx",
		 (type == OCFS2_LOCK_TYPE_META) ? 'M' : 'D',
		 (unsigned long long)OCFS2_I(inode)->ip_blkno);
	lockdep_init_map(&res->l_dep_map, res->l_name,
			 (type == OCFS2_LOCK_TYPE_META) ?
			 "ocfs2_meta_lock" : "ocfs2_data_lock");
	res->l_lksb.sb_dep_map = &res->l_dep_map;

	res->l_flags = OCFS2_LOCK_INITIALIZED;
}

static inline void ocfs2_inc_holders(struct ocfs2_lock_res *lockres,
				     int level)
{
	switch(level) {
	case DLM_LOCK_EX:
		lockres->l_ex_holders++;
		break;
	case DLM_LOCK_PR:
		lockres->l_ro_holders++;
		break;
	default:
		BUG();
	}
}

static inline void ocfs2_dec_holders(struct ocfs2_lock_res *lockres,
				     int level)
{
	switch(level) {
	case DLM_LOCK_EX:
		BUG_ON(!lockres->l_ex_holders);
		lockres->l_ex_holders--;
		break;
	case DLM_LOCK_PR:
		BUG_ON(!lockres->l_ro_holders);
		lockres->l_ro_holders--;
		break;
	default:
		BUG();
	}
}

/* the vote thread has work, or a holder left that it may wait for */
static void ocfs2_kick_vote_thread(struct ocfs2_super *osb)
{
	spin_lock(&osb->vote_task_lock);
	osb->vote_wake_sequence++;
	spin_unlock(&osb->vote_task_lock);

	wake_up(&osb->vote_event);
}

static void ocfs2_schedule_blocked_lock(struct ocfs2_super *osb,
					struct ocfs2_lock_res *lockres)
{
	spin_lock(&osb->vote_task_lock);
	if (!(lockres->l_flags & OCFS2_LOCK_QUEUED)) {
		lockres->l_flags |= OCFS2_LOCK_QUEUED;
		list_add_tail(&lockres->l_blocked_list,
			      &osb->blocked_lock_list);
		osb->blocked_lock_count++;
	}
	spin_unlock(&osb->vote_task_lock);
}

/*
 * The DLM's completion AST: a request made by this node is through.
 */
static void ocfs2_locking_ast(void *opaque)
{
	struct ocfs2_lock_res *lockres = opaque;
	struct dlm_lksb *lksb = &lockres->l_lksb;

	spin_lock(&lockres->l_lock);

	if (lksb->sb_status != 0) {
		printk(KERN_ERR "ocfs2: lockres %s: lksb status %d\n",
		       lockres->l_name, lksb->sb_status);
		lockres->l_action = OCFS2_AST_INVALID;
		lockres->l_flags &= ~OCFS2_LOCK_BUSY;
		spin_unlock(&lockres->l_lock);
		wake_up_all(&lockres->l_event);
		return;
	}

	switch(lockres->l_action) {
	case OCFS2_AST_ATTACH:
		/*
		 * A new lock: whatever blocked the old one is history (a
		 * request still waiting sends a new blocking AST).
		 */
		lockres->l_level = lockres->l_requested;
		lockres->l_blocking = DLM_LOCK_NL;
		lockres->l_flags &= ~OCFS2_LOCK_BLOCKED;
		lockres->l_flags |= OCFS2_LOCK_ATTACHED |
				    OCFS2_LOCK_NEEDS_REFRESH;
		break;
	case OCFS2_AST_DOWNCONVERT:
		lockres->l_level = lockres->l_requested;
		if (lockres->l_level <=
		    ocfs2_highest_compat_lock_level(lockres->l_blocking)) {
			lockres->l_blocking = DLM_LOCK_NL;
			lockres->l_flags &= ~OCFS2_LOCK_BLOCKED;
		}
		break;
	default:
		printk(KERN_ERR "ocfs2: lockres %s: AST fired with invalid "
		       "action %u\n", lockres->l_name, lockres->l_action);
		BUG();
	}

	lockres->l_action = OCFS2_AST_INVALID;
	lockres->l_flags &= ~OCFS2_LOCK_BUSY;
	spin_unlock(&lockres->l_lock);

	wake_up_all(&lockres->l_event);
}

/*
 * The DLM's blocking AST: another node's request in @level waits for us.
 */
static void ocfs2_blocking_ast(void *opaque, int level)
{
	struct ocfs2_lock_res *lockres = opaque;
	struct ocfs2_super *osb = lockres->l_osb;
	int needs_downconvert = 0;

	spin_lock(&lockres->l_lock);
	if (lockres->l_level > ocfs2_highest_compat_lock_level(level)) {
		needs_downconvert = 1;
		lockres->l_flags |= OCFS2_LOCK_BLOCKED;
		if (level > lockres->l_blocking)
			lockres->l_blocking = level;
	}
	spin_unlock(&lockres->l_lock);

	if (needs_downconvert) {
		ocfs2_schedule_blocked_lock(osb, lockres);
		ocfs2_kick_vote_thread(osb);
	}
}

/*
 * A lock that is BLOCKED on behalf of another node can still be taken
 * locally at a level that the blocked request can live with.
 */
static inline int ocfs2_may_continue_on_blocked_lock(struct ocfs2_lock_res *lockres,
						     int wanted)
{
	return wanted <= ocfs2_highest_compat_lock_level(lockres->l_blocking);
}

/* May a request for @level be granted locally now?  (l_lock held) */
static int ocfs2_lock_ready(struct ocfs2_lock_res *lockres, int level)
{
	if (lockres->l_flags & OCFS2_LOCK_BUSY)
		return 0;
	if ((lockres->l_flags & OCFS2_LOCK_BLOCKED) &&
	    !ocfs2_may_continue_on_blocked_lock(lockres, level))
		return 0;
	return 1;
}

/*
 * Take @lockres at @level for the current task.
 */
static int ocfs2_cluster_lock(struct ocfs2_super *osb,
			      struct ocfs2_lock_res *lockres,
			      int level)
{
	int ret;
	int old_level;
	int contended = 0;
	int read = (level != DLM_LOCK_EX);

again:
	spin_lock(&lockres->l_lock);

	if (!ocfs2_lock_ready(lockres, level)) {
		/*
		 * Somebody is in the DLM for this lock, or the lock is
		 * blocked on behalf of another node and our level would
		 * keep it blocked: wait.
		 */
		spin_unlock(&lockres->l_lock);
		if (!contended) {
			lock_contended(&lockres->l_dep_map, read);
			contended = 1;
		}
		wait_event(lockres->l_event, ocfs2_lock_ready(lockres, level));
		goto again;
	}

	if (level > lockres->l_level) {
		if (lockres->l_ro_holders || lockres->l_ex_holders) {
			/* model: no in-place up-conversion (see the top) */
			spin_unlock(&lockres->l_lock);
			if (!contended) {
				lock_contended(&lockres->l_dep_map, read);
				contended = 1;
			}
			wait_event(lockres->l_event,
				   !lockres->l_ro_holders &&
				   !lockres->l_ex_holders);
			goto again;
		}

		old_level = lockres->l_level;
		lockres->l_action = OCFS2_AST_ATTACH;
		lockres->l_requested = level;
		lockres->l_flags |= OCFS2_LOCK_BUSY;
		spin_unlock(&lockres->l_lock);

		if (old_level > DLM_LOCK_NL) {
			/*
			 * Through NL: another node may change the data while
			 * we hold nothing, so drop what we cache first.
			 */
			lockres->l_ops->downconvert_worker(lockres, old_level,
							   DLM_LOCK_NL);
			dlm_unlock(osb->dlm, lockres->l_lksb.sb_lkid, 0,
				   &lockres->l_lksb, lockres);
			spin_lock(&lockres->l_lock);
			lockres->l_level = DLM_LOCK_IV;
			spin_unlock(&lockres->l_lock);
		}

		ret = dlm_lock(osb->dlm, level, &lockres->l_lksb, 0,
			       lockres->l_name, strlen(lockres->l_name), 0,
			       ocfs2_locking_ast, lockres,
			       ocfs2_blocking_ast, NULL);
		if (ret) {
			printk(KERN_ERR "ocfs2: dlm_lock of %s returned %d\n",
			       lockres->l_name, ret);
			spin_lock(&lockres->l_lock);
			lockres->l_flags &= ~OCFS2_LOCK_BUSY;
			spin_unlock(&lockres->l_lock);
			wake_up_all(&lockres->l_event);
			if (contended)
				lock_acquired(&lockres->l_dep_map);
			return -EIO;
		}

		if (!contended) {
			lock_contended(&lockres->l_dep_map, read);
			contended = 1;
		}
		wait_event(lockres->l_event,
			   !(lockres->l_flags & OCFS2_LOCK_BUSY));
		goto again;
	}

	/* Ok, if we get here then we're good to go. */
	ocfs2_inc_holders(lockres, level);
	spin_unlock(&lockres->l_lock);

	if (contended)
		lock_acquired(&lockres->l_dep_map);
	lock_acquire(&lockres->l_dep_map, 0, 0, read);
	return 0;
}

static void ocfs2_cluster_unlock(struct ocfs2_super *osb,
				 struct ocfs2_lock_res *lockres,
				 int level)
{
	int blocked;

	lock_release(&lockres->l_dep_map);

	spin_lock(&lockres->l_lock);
	ocfs2_dec_holders(lockres, level);
	blocked = lockres->l_flags & OCFS2_LOCK_BLOCKED;
	spin_unlock(&lockres->l_lock);

	/* waiters for the holders to drain (up-conversions) */
	wake_up_all(&lockres->l_event);
	if (blocked)
		ocfs2_kick_vote_thread(osb);
}

/*
 * Downconvert a BLOCKED lock if the holders allow it.  Returns 1 when the
 * lock has to be looked at again later.  Runs in the vote thread.
 */
static int ocfs2_unblock_lock(struct ocfs2_super *osb,
			      struct ocfs2_lock_res *lockres)
{
	int new_level, old_level;
	int ret;

	spin_lock(&lockres->l_lock);

	if (!(lockres->l_flags & OCFS2_LOCK_BLOCKED))
		goto leave;

	/* a request of ours is in the DLM: its AST comes first */
	if (lockres->l_flags & OCFS2_LOCK_BUSY)
		goto leave_requeue;

	/* if we're blocking an exclusive and we have *any* holders,
	 * then requeue. */
	if ((lockres->l_blocking == DLM_LOCK_EX)
	    && (lockres->l_ex_holders || lockres->l_ro_holders))
		goto leave_requeue;

	/* If it's a PR we're blocking, then only
	 * requeue if we've got any EX holders */
	if (lockres->l_blocking == DLM_LOCK_PR &&
	    lockres->l_ex_holders)
		goto leave_requeue;

	new_level = ocfs2_highest_compat_lock_level(lockres->l_blocking);
	old_level = lockres->l_level;
	if (old_level <= new_level) {
		/* already compatible */
		lockres->l_blocking = DLM_LOCK_NL;
		lockres->l_flags &= ~OCFS2_LOCK_BLOCKED;
		spin_unlock(&lockres->l_lock);
		wake_up_all(&lockres->l_event);
		return 0;
	}

	lockres->l_action = OCFS2_AST_DOWNCONVERT;
	lockres->l_requested = new_level;
	lockres->l_flags |= OCFS2_LOCK_BUSY;
	spin_unlock(&lockres->l_lock);

	lockres->l_ops->downconvert_worker(lockres, old_level, new_level);

	if (new_level == DLM_LOCK_NL) {
		ret = dlm_unlock(osb->dlm, lockres->l_lksb.sb_lkid, 0,
				 &lockres->l_lksb, lockres);
		if (ret)
			printk(KERN_ERR "ocfs2: dlm_unlock of %s returned %d\n",
			       lockres->l_name, ret);
		spin_lock(&lockres->l_lock);
		lockres->l_level = DLM_LOCK_IV;
		lockres->l_blocking = DLM_LOCK_NL;
		lockres->l_action = OCFS2_AST_INVALID;
		lockres->l_flags &= ~(OCFS2_LOCK_BLOCKED | OCFS2_LOCK_BUSY |
				      OCFS2_LOCK_ATTACHED);
		spin_unlock(&lockres->l_lock);
		wake_up_all(&lockres->l_event);
		return 0;
	}

	ret = dlm_lock(osb->dlm, new_level, &lockres->l_lksb,
		       DLM_LKF_CONVERT, lockres->l_name,
		       strlen(lockres->l_name), 0, ocfs2_locking_ast, lockres,
		       ocfs2_blocking_ast, NULL);
	if (ret) {
		printk(KERN_ERR "ocfs2: dlm_lock (downconvert) of %s "
		       "returned %d\n", lockres->l_name, ret);
		spin_lock(&lockres->l_lock);
		lockres->l_flags &= ~OCFS2_LOCK_BUSY;
		spin_unlock(&lockres->l_lock);
		wake_up_all(&lockres->l_event);
	}
	return 0;

leave_requeue:
	spin_unlock(&lockres->l_lock);
	return 1;
leave:
	spin_unlock(&lockres->l_lock);
	return 0;
}

/*
 * Data lock going down: from EX the dirty pages go to disk; to NL the
 * pages go away, with every user mapping of them, so that the next read
 * on this node comes from the disk.
 */
static void ocfs2_data_convert_worker(struct ocfs2_lock_res *lockres,
				      int old_level, int new_level)
{
	struct inode *inode = lockres->l_priv;
	struct address_space *mapping = inode->i_mapping;

	if (!S_ISREG(inode->i_mode))
		return;

	if (old_level == DLM_LOCK_EX)
		filemap_write_and_wait(mapping);

	if (new_level == DLM_LOCK_NL) {
		unmap_mapping_range(mapping, 0, 0, 0);
		truncate_inode_pages(mapping, 0);
	}
}

/*
 * Meta lock going down: from EX the dinode goes to disk; to NL it must be
 * read again next time.
 */
static void ocfs2_meta_convert_worker(struct ocfs2_lock_res *lockres,
				      int old_level, int new_level)
{
	struct inode *inode = lockres->l_priv;
	struct ocfs2_inode_info *oi = OCFS2_I(inode);

	if (old_level == DLM_LOCK_EX) {
		if (oi->ip_di.di_size < (u64)i_size_read(inode))
			oi->ip_di.di_size = i_size_read(inode);
		if (simfs_write_dinode(inode->i_sb, &oi->ip_di))
			printk(KERN_ERR "ocfs2: can't write dinode %llu\n",
			       (unsigned long long)oi->ip_blkno);
	}

	if (new_level == DLM_LOCK_NL) {
		spin_lock(&lockres->l_lock);
		lockres->l_flags |= OCFS2_LOCK_NEEDS_REFRESH;
		spin_unlock(&lockres->l_lock);
	}
}

/*
 * The first holder after the lock was (re)acquired from nothing reads
 * the dinode; the others wait for it.
 */
static int ocfs2_meta_lock_update(struct inode *inode)
{
	struct ocfs2_inode_info *oi = OCFS2_I(inode);
	struct ocfs2_lock_res *lockres = &oi->ip_meta_lockres;
	int refresh = 0;
	int status = 0;

	spin_lock(&lockres->l_lock);
	while (lockres->l_flags & OCFS2_LOCK_REFRESHING) {
		spin_unlock(&lockres->l_lock);
		wait_event(lockres->l_event,
			   !(lockres->l_flags & OCFS2_LOCK_REFRESHING));
		spin_lock(&lockres->l_lock);
	}
	if (lockres->l_flags & OCFS2_LOCK_NEEDS_REFRESH) {
		lockres->l_flags &= ~OCFS2_LOCK_NEEDS_REFRESH;
		lockres->l_flags |= OCFS2_LOCK_REFRESHING;
		refresh = 1;
	}
	spin_unlock(&lockres->l_lock);

	if (!refresh)
		return 0;

	status = simfs_read_dinode(inode->i_sb, oi->ip_blkno, &oi->ip_di);
	if (!status)
		ocfs2_refresh_inode(inode);

	spin_lock(&lockres->l_lock);
	lockres->l_flags &= ~OCFS2_LOCK_REFRESHING;
	if (status)
		lockres->l_flags |= OCFS2_LOCK_NEEDS_REFRESH;
	spin_unlock(&lockres->l_lock);
	wake_up_all(&lockres->l_event);

	return status;
}

int ocfs2_meta_lock(struct inode *inode, int ex)
{
	struct ocfs2_super *osb = OCFS2_SB(inode->i_sb);
	struct ocfs2_lock_res *lockres = &OCFS2_I(inode)->ip_meta_lockres;
	int level = ex ? DLM_LOCK_EX : DLM_LOCK_PR;
	int status;

	status = ocfs2_cluster_lock(osb, lockres, level);
	if (status < 0)
		return status;

	status = ocfs2_meta_lock_update(inode);
	if (status < 0) {
		ocfs2_cluster_unlock(osb, lockres, level);
		return status;
	}
	return 0;
}

void ocfs2_meta_unlock(struct inode *inode, int ex)
{
	int level = ex ? DLM_LOCK_EX : DLM_LOCK_PR;

	ocfs2_cluster_unlock(OCFS2_SB(inode->i_sb),
			     &OCFS2_I(inode)->ip_meta_lockres, level);
}

int ocfs2_data_lock(struct inode *inode, int write)
{
	int level = write ? DLM_LOCK_EX : DLM_LOCK_PR;

	return ocfs2_cluster_lock(OCFS2_SB(inode->i_sb),
				  &OCFS2_I(inode)->ip_data_lockres, level);
}

void ocfs2_data_unlock(struct inode *inode, int write)
{
	int level = write ? DLM_LOCK_EX : DLM_LOCK_PR;

	ocfs2_cluster_unlock(OCFS2_SB(inode->i_sb),
			     &OCFS2_I(inode)->ip_data_lockres, level);
}

/*
 * The inode is going away (unmount): give its locks back, writing back
 * first what EX covered.
 */
static void ocfs2_drop_lock(struct ocfs2_super *osb,
			    struct ocfs2_lock_res *lockres)
{
	int old_level;

	spin_lock(&osb->vote_task_lock);
	if (lockres->l_flags & OCFS2_LOCK_QUEUED) {
		list_del_init(&lockres->l_blocked_list);
		lockres->l_flags &= ~OCFS2_LOCK_QUEUED;
		osb->blocked_lock_count--;
	}
	spin_unlock(&osb->vote_task_lock);

	wait_event(lockres->l_event, !(lockres->l_flags & OCFS2_LOCK_BUSY));

	spin_lock(&lockres->l_lock);
	old_level = lockres->l_level;
	BUG_ON(lockres->l_ro_holders || lockres->l_ex_holders);
	spin_unlock(&lockres->l_lock);

	if (old_level == DLM_LOCK_IV)
		return;

	lockres->l_ops->downconvert_worker(lockres, old_level, DLM_LOCK_NL);
	dlm_unlock(osb->dlm, lockres->l_lksb.sb_lkid, 0, &lockres->l_lksb,
		   lockres);
	lockres->l_level = DLM_LOCK_IV;
}

void ocfs2_drop_inode_locks(struct inode *inode)
{
	struct ocfs2_super *osb = OCFS2_SB(inode->i_sb);
	struct ocfs2_inode_info *oi = OCFS2_I(inode);

	/* data first: its writeback may extend i_size, which meta writes */
	ocfs2_drop_lock(osb, &oi->ip_data_lockres);
	ocfs2_drop_lock(osb, &oi->ip_meta_lockres);
}

/*
 * The vote thread (ocfs2vote): downconverts the locks other nodes wait
 * for, whenever a blocking AST or a departing holder kicks it.
 */
static int ocfs2_vote_thread(void *arg)
{
	struct ocfs2_super *osb = arg;

	for (;;) {
		struct list_head todo;
		unsigned long work;

		wait_event(osb->vote_event,
			   osb->vote_wake_sequence != osb->vote_work_sequence ||
			   osb->vote_exit);
		if (osb->vote_exit)
			break;

		spin_lock(&osb->vote_task_lock);
		work = osb->vote_wake_sequence;
		INIT_LIST_HEAD(&todo);
		list_splice_init(&osb->blocked_lock_list, &todo);
		spin_unlock(&osb->vote_task_lock);

		while (!list_empty(&todo)) {
			struct ocfs2_lock_res *lockres;

			lockres = list_entry(todo.next, struct ocfs2_lock_res,
					     l_blocked_list);
			list_del_init(&lockres->l_blocked_list);

			if (ocfs2_unblock_lock(osb, lockres)) {
				/* back on the list, for the next kick */
				spin_lock(&osb->vote_task_lock);
				list_add_tail(&lockres->l_blocked_list,
					      &osb->blocked_lock_list);
				spin_unlock(&osb->vote_task_lock);
			} else {
				spin_lock(&osb->vote_task_lock);
				lockres->l_flags &= ~OCFS2_LOCK_QUEUED;
				osb->blocked_lock_count--;
				spin_unlock(&osb->vote_task_lock);
			}
		}

		spin_lock(&osb->vote_task_lock);
		osb->vote_work_sequence = work;
		spin_unlock(&osb->vote_task_lock);
	}

	complete(&osb->vote_done);
	return 0;
}

int ocfs2_dlm_init(struct ocfs2_super *osb)
{
	struct task_struct *p;
	int status;

	spin_lock_init(&osb->vote_task_lock);
	init_waitqueue_head(&osb->vote_event);
	INIT_LIST_HEAD(&osb->blocked_lock_list);
	init_completion(&osb->vote_done);
	osb->vote_wake_sequence = osb->vote_work_sequence = 0;
	osb->vote_exit = 0;

	status = dlm_new_lockspace(osb->uuid_str, strlen(osb->uuid_str),
				   &osb->dlm, 0, 0);
	if (status) {
		printk(KERN_ERR "ocfs2: can't join lockspace %s: %d\n",
		       osb->uuid_str, status);
		return status;
	}

	p = kthread_run(ocfs2_vote_thread, osb, "ocfs2vote");
	if (IS_ERR(p)) {
		dlm_release_lockspace(osb->dlm, 2);
		osb->dlm = NULL;
		return PTR_ERR(p);
	}
	osb->vote_task = p;
	return 0;
}

void ocfs2_dlm_shutdown(struct ocfs2_super *osb)
{
	if (osb->vote_task) {
		osb->vote_exit = 1;
		wake_up(&osb->vote_event);
		wait_for_completion(&osb->vote_done);
		osb->vote_task = NULL;
	}
	if (osb->dlm) {
		dlm_release_lockspace(osb->dlm, 2);
		osb->dlm = NULL;
	}
}

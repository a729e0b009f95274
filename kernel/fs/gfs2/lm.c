/*
 * fs/gfs2/lm.c
 *
 * GFS2's lock module, with lock_dlm (gfs-kernel/src/dlm in 2005) folded
 * in: one DLM lock per glock, glock states mapped to DLM modes
 *
 *	UNLOCKED  -> no lock		SHARED    -> PR
 *	DEFERRED  -> CW			EXCLUSIVE -> EX
 *
 * A request is asynchronous: gfs2_lm_lock() returns LM_OUT_ASYNC and the
 * DLM's completion AST (run by this node's dlm_astd thread) hands the
 * result to the glock code (LM_CB_ASYNC -> xmote_bh()).  A blocking AST --
 * another node's request is stuck behind our lock -- becomes a demote
 * callback (LM_CB_NEED_E/_D/_S).  An unlock is synchronous.
 *
 * Conversions: lock_dlm converts in place with DLM_LKF_CONVDEADLK, and the
 * DLM may then demote the lock to NL on the way to resolve a conversion
 * deadlock.  The model keeps the DLM simple and does the same thing every
 * time: anything but a plain down-conversion from EX is an unlock followed
 * by a new request, and the result is reported "not cacheable", so the
 * glock code drops the node's cached copy (xmote_bh()).
 */

#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/dlm.h>
#include <asm/semaphore.h>

#include "gfs2.h"
#include "glock.h"
#include "lm.h"

#define GDLM_STRNAME_BYTES	24

struct gdlm_lock {
	struct gfs2_sbd *sdp;
	struct lm_lockname lockname;
	char strname[GDLM_STRNAME_BYTES + 1];
	struct dlm_lksb lksb;
	int cur;		/* granted DLM mode, DLM_LOCK_IV if none */
	int req;		/* mode of the request in flight */
	int cacheable;		/* the request keeps the node's cached data valid */
};

/* convert gfs lock-state to dlm lock-mode */

static int make_mode(int lmstate)
{
	switch (lmstate) {
	case LM_ST_UNLOCKED:
		return DLM_LOCK_NL;
	case LM_ST_EXCLUSIVE:
		return DLM_LOCK_EX;
	case LM_ST_DEFERRED:
		return DLM_LOCK_CW;
	case LM_ST_SHARED:
		return DLM_LOCK_PR;
	}
	printk(KERN_ERR "lock_dlm: unknown LM state %d\n", lmstate);
	return DLM_LOCK_IV;
}

/* convert dlm lock-mode to gfs lock-state */

static int make_lmstate(int dlmmode)
{
	switch (dlmmode) {
	case DLM_LOCK_IV:
	case DLM_LOCK_NL:
		return LM_ST_UNLOCKED;
	case DLM_LOCK_EX:
		return LM_ST_EXCLUSIVE;
	case DLM_LOCK_CW:
		return LM_ST_DEFERRED;
	case DLM_LOCK_PR:
		return LM_ST_SHARED;
	}
	printk(KERN_ERR "lock_dlm: unknown DLM mode %d\n", dlmmode);
	return LM_ST_UNLOCKED;
}

/*
 * The DLM's completion AST: the request is granted, or (NOQUEUE) refused.
 */
static void gdlm_ast(void *astarg)
{
	struct gdlm_lock *lp = astarg;
	struct lm_async_cb acb;
	unsigned int ret;

	if (lp->lksb.sb_status == 0)
		lp->cur = lp->req;
	else if (lp->lksb.sb_status != -EAGAIN)
		printk(KERN_ERR "lock_dlm: %s: status %d\n", lp->strname,
		       lp->lksb.sb_status);

	ret = make_lmstate(lp->cur);
	if (lp->cacheable)
		ret |= LM_OUT_CACHEABLE;

	acb.lc_name = lp->lockname;
	acb.lc_ret = ret;
	gfs2_glock_cb(lp->sdp, LM_CB_ASYNC, &acb);
}

/*
 * The DLM's blocking AST: a request in @mode waits for our lock.
 */
static void gdlm_bast(void *astarg, int mode)
{
	struct gdlm_lock *lp = astarg;
	unsigned int cb;

	switch (mode) {
	case DLM_LOCK_PR:
		cb = LM_CB_NEED_S;
		break;
	case DLM_LOCK_CW:
		cb = LM_CB_NEED_D;
		break;
	default:
		cb = LM_CB_NEED_E;
		break;
	}
	gfs2_glock_cb(lp->sdp, cb, &lp->lockname);
}

int gfs2_lm_get_lock(struct gfs2_sbd *sdp, struct lm_lockname *name,
		     struct lockdep_map *dep_map, void **lockp)
{
	struct gdlm_lock *lp;

	lp = kmalloc(sizeof(struct gdlm_lock), GFP_KERNEL);
	if (!lp)
		return -ENOMEM;
	memset(lp, 0, sizeof(struct gdlm_lock));

	lp->sdp = sdp;
	lp->lockname = *name;
	snprintf(lp->strname, sizeof(lp->strname), "%8x%16llx", name->ln_type,
		 (unsigned long long)name->ln_number);
	lp->cur = DLM_LOCK_IV;
	lp->req = DLM_LOCK_IV;
	lp->lksb.sb_dep_map = dep_map;

	*lockp = lp;
	return 0;
}

void gfs2_lm_put_lock(struct gfs2_sbd *sdp, void *lock)
{
	struct gdlm_lock *lp = lock;

	gfs2_assert_warn(sdp, lp->cur == DLM_LOCK_IV);
	kfree(lp);
}

/*
 * A plain down-conversion is granted at once and keeps the data valid.
 */
static int down_conversion(int cur, int req)
{
	return cur == DLM_LOCK_EX && (req == DLM_LOCK_PR || req == DLM_LOCK_CW);
}

unsigned int gfs2_lm_lock(struct gfs2_sbd *sdp, void *lock,
			  unsigned int cur_state, unsigned int req_state,
			  unsigned int flags)
{
	struct gdlm_lock *lp = lock;
	uint32_t lkf = 0;
	int error;

	lp->req = make_mode(req_state);
	lp->cacheable = 1;

	if (flags & LM_FLAG_TRY)
		lkf |= DLM_LKF_NOQUEUE;
	if (flags & LM_FLAG_TRY_1CB)
		lkf |= DLM_LKF_NOQUEUE | DLM_LKF_NOQUEUEBAST;

	if (lp->cur != DLM_LOCK_IV) {
		if (down_conversion(lp->cur, lp->req)) {
			lkf |= DLM_LKF_CONVERT;
		} else {
			/* through NL: see the comment at the top */
			error = dlm_unlock(sdp->sd_lockspace, lp->lksb.sb_lkid,
					   0, &lp->lksb, lp);
			gfs2_assert_warn(sdp, !error);
			lp->cur = DLM_LOCK_IV;
			lp->cacheable = 0;
		}
	}

	error = dlm_lock(sdp->sd_lockspace, lp->req, &lp->lksb, lkf,
			 lp->strname, GDLM_STRNAME_BYTES, 0, gdlm_ast, lp,
			 gdlm_bast, NULL);
	if (error) {
		printk(KERN_ERR "lock_dlm: %s: dlm_lock error %d\n",
		       lp->strname, error);
		lp->req = lp->cur;
		return make_lmstate(lp->cur) |
		       (lp->cacheable ? LM_OUT_CACHEABLE : 0);
	}

	return LM_OUT_ASYNC;
}

unsigned int gfs2_lm_unlock(struct gfs2_sbd *sdp, void *lock,
			    unsigned int cur_state)
{
	struct gdlm_lock *lp = lock;
	int error;

	if (lp->cur == DLM_LOCK_IV)
		return 0;

	error = dlm_unlock(sdp->sd_lockspace, lp->lksb.sb_lkid, 0, &lp->lksb, lp);
	gfs2_assert_warn(sdp, !error);
	lp->cur = DLM_LOCK_IV;

	return 0;
}

/*
 * Join the filesystem's lockspace, named by the lock table of the
 * superblock (or the locktable= mount option): every node that mounts the
 * same disk joins the same lockspace.
 */
int gfs2_lm_mount(struct gfs2_sbd *sdp, int silent)
{
	char *table = sdp->sd_args.ar_locktable;
	int error;

	if (!table[0])
		strlcpy(table, sdp->sd_sb.s_locktable, GFS2_LOCKNAME_LEN);
	if (!table[0]) {
		if (!silent)
			printk(KERN_ERR "GFS2: no lock table\n");
		return -EINVAL;
	}

	error = dlm_new_lockspace(table, strlen(table), &sdp->sd_lockspace,
				  0, 0);
	if (error) {
		if (!silent)
			printk(KERN_ERR "GFS2: can't join lockspace %s: %d\n",
			       table, error);
		return error;
	}

	snprintf(sdp->sd_fsname, GFS2_FSNAME_LEN, "%s", table);
	return 0;
}

void gfs2_lm_unmount(struct gfs2_sbd *sdp)
{
	dlm_release_lockspace(sdp->sd_lockspace, 2);
	sdp->sd_lockspace = NULL;
}

/*
 * fs/gfs2/glops.c
 *
 * What an inode glock does to the node's cached copy of the inode when
 * the node's lock state changes (research Q2/Q4, glops.c and page.c of
 * 2005):
 *
 *  leaving EX     the dirty pages and the dinode are written to disk
 *                 (go_sync) -- another node will read them from there
 *  leaving a held state for UN (or losing the cached state on the way)
 *                 the user mappings are zapped, the cached pages dropped
 *                 and the dinode marked stale (go_inval)
 *  first holder after a state change
 *                 re-reads the dinode if it is stale (go_lock)
 *
 * Shared writable mappings are unmapped before any of this
 * (gfs2_inval_pte()), which moves the dirty bits of their ptes into the
 * pages, so that a write through a mapping reaches the disk too.
 */

#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/buffer_head.h>
#include <asm/semaphore.h>

#include "gfs2.h"
#include "glock.h"
#include "glops.h"
#include "inode.h"
#include "page.h"

/**
 * inode_go_xmote_th - promote/demote (but don't unlock) an inode glock
 * @gl: the glock
 * @state: the requested state
 * @flags: the flags passed into gfs2_glock()
 *
 * Acquire a new glock, or change an already-acquired glock to
 *   more/less restrictive state (other than LM_ST_UNLOCKED).
 */

static void inode_go_xmote_th(struct gfs2_glock *gl, unsigned int state,
			      int flags)
{
	if (gl->gl_state != LM_ST_UNLOCKED)
		gfs2_inval_pte(gl);
	gfs2_glock_xmote_th(gl, state, flags);
}

/**
 * inode_go_drop_th - unlock an inode glock
 * @gl: the glock
 *
 * Invoked from rq_demote().
 * Another node needs the lock in EXCLUSIVE mode, or lock (unused for too long)
 *   is being purged from our node's glock cache; we're dropping lock.
 */

static void inode_go_drop_th(struct gfs2_glock *gl)
{
	gfs2_inval_pte(gl);
	gfs2_glock_drop_th(gl);
}

/**
 * inode_go_sync - Sync the dirty data and/or metadata for an inode glock
 * @gl: the glock protecting the inode
 * @flags: DIO_METADATA -- sync inode's metadata
 *         DIO_DATA     -- sync inode's data
 *         DIO_RELEASE  -- the glock is leaving EX: clear GLF_DIRTY
 *
 * Called when demoting (gfs2_glock_xmote_th()) or unlocking
 * (gfs2_glock_drop_th()) an EX glock at inter-node scope.  We must flush
 * to disk all dirty pages relating to this glock, and must not return to
 * caller to demote/unlock the glock until I/O is complete.
 *
 * The model has no journal: the dinode is written in place, after the
 * data.
 */

static void inode_go_sync(struct gfs2_glock *gl, int flags)
{
	int meta = (flags & DIO_METADATA);
	int data = (flags & DIO_DATA);

	if (test_bit(GLF_DIRTY, &gl->gl_flags)) {
		if (data)
			gfs2_sync_page(gl, flags | DIO_START | DIO_WAIT);
		if (meta)
			gfs2_sync_dinode(gl);
		if (flags & DIO_RELEASE)
			clear_bit(GLF_DIRTY, &gl->gl_flags);
	}

	clear_bit(GLF_SYNC, &gl->gl_flags);
}

/**
 * inode_go_inval - prepare a inode glock to be released
 * @gl: the glock
 * @flags: DIO_METADATA: the dinode is stale; DIO_DATA: drop the pages
 *
 */

static void inode_go_inval(struct gfs2_glock *gl, int flags)
{
	int meta = (flags & DIO_METADATA);
	int data = (flags & DIO_DATA);

	if (meta)
		gl->gl_vn++;
	if (data)
		gfs2_inval_page(gl);
}

/**
 * inode_go_demote_ok - Check to see if it's ok to unlock an inode glock
 * @gl: the glock
 *
 * Only asked by glock reclaim, which the model does not have: a node
 * keeps its glocks until another node asks for them.
 *
 * Returns: TRUE if it's ok
 */

static int inode_go_demote_ok(struct gfs2_glock *gl)
{
	return FALSE;
}

/**
 * inode_go_lock - operation done after an inode lock is locked by
 *      a first holder on this node
 * @gh: the holder
 *
 * Returns: errno
 */

static int inode_go_lock(struct gfs2_holder *gh)
{
	struct gfs2_glock *gl = gh->gh_gl;
	struct gfs2_inode *ip = gl2ip(gl);
	int error = 0;

	if (ip && ip->i_vn != gl->gl_vn)
		error = gfs2_inode_refresh(ip);

	return error;
}

/**
 * inode_go_unlock - operation done when an inode lock is unlocked by
 *     a last holder on this node
 * @gh: the holder
 *
 */

static void inode_go_unlock(struct gfs2_holder *gh)
{
	struct gfs2_glock *gl = gh->gh_gl;
	struct gfs2_inode *ip = gl2ip(gl);

	if (ip && test_bit(GLF_DIRTY, &gl->gl_flags))
		gfs2_inode_attr_in(ip);
}

struct gfs2_glock_operations gfs2_inode_glops = {
	.go_xmote_th = inode_go_xmote_th,
	.go_drop_th = inode_go_drop_th,
	.go_sync = inode_go_sync,
	.go_inval = inode_go_inval,
	.go_demote_ok = inode_go_demote_ok,
	.go_lock = inode_go_lock,
	.go_unlock = inode_go_unlock,
	.go_type = LM_TYPE_INODE,
	.go_name = "gfs2_glock(inode)",
};

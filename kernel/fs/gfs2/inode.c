/*
 * fs/gfs2/inode.c
 *
 * GFS2 inodes: the gfs2_inode of an inode number, its glock, and the VFS
 * inode that goes with it.  The dinode is only trusted while the glock is
 * held: it is (re)read by the first holder after the node's copy went
 * stale (inode_go_lock()), and written back when the node gives up EX.
 */

#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/buffer_head.h>
#include <linux/err.h>
#include <asm/semaphore.h>

#include "gfs2.h"
#include "glock.h"
#include "glops.h"
#include "inode.h"
#include "ops_address.h"
#include "ops_file.h"
#include "ops_inode.h"

/**
 * inode_create - create a struct gfs2_inode
 * @i_gl: The glock covering the inode
 * @inum: The inode number
 * @ipp: pointer to put the returned inode in
 *
 * Returns: errno
 */

static int inode_create(struct gfs2_glock *i_gl, struct gfs2_inum *inum,
			struct gfs2_inode **ipp)
{
	struct gfs2_sbd *sdp = i_gl->gl_sbd;
	struct gfs2_inode *ip;

	ip = kmalloc(sizeof(struct gfs2_inode), GFP_KERNEL);
	if (!ip)
		return -ENOMEM;
	memset(ip, 0, sizeof(struct gfs2_inode));

	ip->i_num = *inum;

	atomic_set(&ip->i_count, 1);

	ip->i_gl = i_gl;
	ip->i_sbd = sdp;

	spin_lock_init(&ip->i_lock);

	ip->i_greedy = gfs2_tune_get(sdp, gt_greedy_default);

	/* the dinode is read by the first glock holder */
	ip->i_vn = i_gl->gl_vn - 1;

	gfs2_glock_hold(i_gl);
	set_gl2ip(i_gl, ip);

	*ipp = ip;

	return 0;
}

/**
 * gfs2_inode_get - Create or get a reference on an inode
 * @i_gl: The glock covering the inode
 * @inum: The inode number
 * @create:
 * @ipp: pointer to put the returned inode in
 *
 * Returns: errno
 */

int gfs2_inode_get(struct gfs2_glock *i_gl, struct gfs2_inum *inum, int create,
		   struct gfs2_inode **ipp)
{
	struct gfs2_inode *ip;
	int error = 0;

	gfs2_glmutex_lock(i_gl);

	ip = get_gl2ip(i_gl);
	if (ip) {
		gfs2_assert_warn(i_gl->gl_sbd,
				 ip->i_num.no_addr == inum->no_addr);
		atomic_inc(&ip->i_count);
	} else if (create)
		error = inode_create(i_gl, inum, &ip);

	gfs2_glmutex_unlock(i_gl);

	*ipp = ip;

	return error;
}

void gfs2_inode_hold(struct gfs2_inode *ip)
{
	gfs2_assert(ip->i_sbd, atomic_read(&ip->i_count) > 0,);
	atomic_inc(&ip->i_count);
}

void gfs2_inode_put(struct gfs2_inode *ip)
{
	gfs2_assert(ip->i_sbd, atomic_read(&ip->i_count) > 0,);
	if (atomic_dec_and_test(&ip->i_count))
		gfs2_inode_destroy(ip);
}

void gfs2_inode_destroy(struct gfs2_inode *ip)
{
	struct gfs2_glock *i_gl = ip->i_gl;

	spin_lock(&i_gl->gl_spin);
	set_gl2ip(i_gl, NULL);
	spin_unlock(&i_gl->gl_spin);
	gfs2_glock_put(i_gl);

	kfree(ip);
}

/**
 * gfs2_inode_attr_in - Copy attributes from the dinode into the VFS inode
 * @ip: The GFS2 inode (with embedded disk inode data)
 *
 */

void gfs2_inode_attr_in(struct gfs2_inode *ip)
{
	struct inode *inode = ip->i_vnode;

	if (!inode)
		return;

	inode->i_mode = ip->i_di.di_mode;
	inode->i_nlink = ip->i_di.di_nlink;
	i_size_write(inode, ip->i_di.di_size);
	inode->i_blocks = ip->i_di.di_blocks << (SIMFS_BLOCK_BITS - 9);
}

/**
 * gfs2_inode_refresh - Refresh the incore copy of the dinode
 * @ip: The GFS2 inode
 *
 * Returns: errno
 */

int gfs2_inode_refresh(struct gfs2_inode *ip)
{
	struct gfs2_sbd *sdp = ip->i_sbd;
	int error;

	error = simfs_read_dinode(sdp->sd_vfs, ip->i_num.no_addr, &ip->i_di);
	if (error) {
		gfs2_io_error(sdp);
		return error;
	}

	ip->i_vn = ip->i_gl->gl_vn;
	gfs2_inode_attr_in(ip);

	return 0;
}

/*
 * Write the in-core dinode back, as the log flush of 2005 would have done:
 * called by inode_go_sync() while the node still holds EX.
 */
void gfs2_sync_dinode(struct gfs2_glock *gl)
{
	struct gfs2_inode *ip = gl2ip(gl);

	if (!ip)
		return;
	if (ip->i_vnode && ip->i_di.di_size < i_size_read(ip->i_vnode))
		ip->i_di.di_size = i_size_read(ip->i_vnode);
	if (simfs_write_dinode(ip->i_sbd->sd_vfs, &ip->i_di))
		gfs2_io_error(ip->i_sbd);
}

/*
 * Set up a new VFS inode for @ino: find or make its gfs2_inode and glock,
 * and read the dinode under the glock.
 */
static int gfs2_inode_setup(struct inode *inode)
{
	struct gfs2_sbd *sdp = get_v2sdp(inode->i_sb);
	struct gfs2_inum inum;
	struct gfs2_glock *gl;
	struct gfs2_inode *ip;
	struct gfs2_holder i_gh;
	int error;

	inum.no_formal_ino = inode->i_ino;
	inum.no_addr = inode->i_ino;

	error = gfs2_glock_get(sdp, inum.no_addr, &gfs2_inode_glops, CREATE,
			       &gl);
	if (error)
		return error;

	error = gfs2_inode_get(gl, &inum, CREATE, &ip);
	gfs2_glock_put(gl);
	if (error)
		return error;

	ip->i_vnode = inode;
	set_v2ip(inode, ip);

	error = gfs2_glock_nq_init(ip->i_gl, LM_ST_SHARED, LM_FLAG_ANY, &i_gh);
	if (error)
		goto fail;

	/* inode_go_lock() read the dinode; make sure of it */
	if (ip->i_vn != ip->i_gl->gl_vn)
		error = gfs2_inode_refresh(ip);
	else
		gfs2_inode_attr_in(ip);
	gfs2_glock_dq_uninit(&i_gh);
	if (error)
		goto fail;

	inode->i_blksize = PAGE_SIZE;
	if (S_ISREG(inode->i_mode)) {
		inode->i_op = &gfs2_file_iops;
		inode->i_fop = &gfs2_file_fops;
		inode->i_mapping->a_ops = &gfs2_file_aops;
	} else if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &gfs2_dir_iops;
	}
	return 0;

fail:
	set_v2ip(inode, NULL);
	ip->i_vnode = NULL;
	gfs2_inode_put(ip);
	return error;
}

/**
 * gfs2_iget - the VFS inode of an inode number
 * @sb: the superblock
 * @ino: the inode number (the dinode's block)
 *
 * Returns: the inode with a reference, or an ERR_PTR
 */

struct inode *gfs2_iget(struct super_block *sb, unsigned long ino)
{
	struct inode *inode;
	int error;

	inode = iget_locked(sb, ino);
	if (!inode)
		return ERR_PTR(-ENOMEM);

	if (inode->i_state & I_NEW) {
		error = gfs2_inode_setup(inode);
		unlock_new_inode(inode);
		if (error) {
			inode->i_mode = 0;
			iput(inode);
			return ERR_PTR(error);
		}
	} else if (!get_v2ip(inode)) {
		iput(inode);
		return ERR_PTR(-EIO);
	}

	return inode;
}

/*
 * The VFS inode of a gfs2_inode, with a reference, or NULL (2005's
 * gfs2_iget(ip, NO_CREATE)).
 */
struct inode *gfs2_iget_ip(struct gfs2_inode *ip)
{
	if (!ip->i_vnode)
		return NULL;
	return igrab(ip->i_vnode);
}

/**
 * gfs2_glock_nq_atime - Acquire a hold on an inode's glock, and
 *       conditionally update the inode's atime
 * @gh: the holder to acquire
 *
 * In 2005 this took SH and, when the atime was older than the atime
 * quantum, dropped it to take EX and write the atime.  The model has no
 * clock, so the atime is never old: this is gfs2_glock_nq().
 *
 * Returns: errno
 */

int gfs2_glock_nq_atime(struct gfs2_holder *gh)
{
	return gfs2_glock_nq(gh);
}

/**
 * glock_compare_atime - Compare two struct gfs2_glock structures for sort
 * @arg_a: the first structure
 * @arg_b: the second structure
 *
 * By lock number; for equal numbers SH after EX and after GL_ATIME.
 *
 * Returns: 1 if A > B
 *         -1 if A < B
 *          0 if A = B
 */

static int glock_compare_atime(const void *arg_a, const void *arg_b)
{
	struct gfs2_holder *gh_a = *(struct gfs2_holder **)arg_a;
	struct gfs2_holder *gh_b = *(struct gfs2_holder **)arg_b;
	struct lm_lockname *a = &gh_a->gh_gl->gl_name;
	struct lm_lockname *b = &gh_b->gh_gl->gl_name;
	int ret = 0;

	if (a->ln_number > b->ln_number)
		ret = 1;
	else if (a->ln_number < b->ln_number)
		ret = -1;
	else {
		if (gh_a->gh_state == LM_ST_SHARED &&
		    gh_b->gh_state == LM_ST_EXCLUSIVE)
			ret = 1;
		else if (gh_a->gh_state == LM_ST_SHARED &&
			 (gh_b->gh_flags & GL_ATIME))
			ret = 1;
	}

	return ret;
}

/**
 * gfs2_glock_nq_m_atime - acquire multiple glocks where one may need an
 *      atime update
 * @num_gh: the number of structures
 * @ghs: an array of struct gfs2_holder structures
 *
 * No try phase: sorted by lock number, then taken blocking.
 *
 * Returns: 0 on success (all glocks acquired),
 *          errno on failure (no glocks acquired)
 */

int gfs2_glock_nq_m_atime(unsigned int num_gh, struct gfs2_holder *ghs)
{
	struct gfs2_holder **p;
	unsigned int x;
	int error = 0;

	if (!num_gh)
		return 0;

	if (num_gh == 1) {
		ghs->gh_flags &= ~(LM_FLAG_TRY | GL_ASYNC);
		if (ghs->gh_flags & GL_ATIME)
			error = gfs2_glock_nq_atime(ghs);
		else
			error = gfs2_glock_nq(ghs);
		return error;
	}

	p = kmalloc(num_gh * sizeof(struct gfs2_holder *), GFP_KERNEL);
	if (!p)
		return -ENOMEM;

	for (x = 0; x < num_gh; x++)
		p[x] = &ghs[x];

	gfs2_sort(p, num_gh, sizeof(struct gfs2_holder *), glock_compare_atime);

	for (x = 0; x < num_gh; x++) {
		p[x]->gh_flags &= ~(LM_FLAG_TRY | GL_ASYNC);

		if (p[x]->gh_flags & GL_ATIME)
			error = gfs2_glock_nq_atime(p[x]);
		else
			error = gfs2_glock_nq(p[x]);

		if (error) {
			while (x--)
				gfs2_glock_dq(p[x]);
			break;
		}
	}

	kfree(p);

	return error;
}

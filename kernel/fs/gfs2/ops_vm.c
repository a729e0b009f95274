/*
 * fs/gfs2/ops_vm.c
 *
 * The fault handlers of GFS2 mappings (research Q4): the file's glock is
 * taken around filemap_nopage() -- SH for a private mapping, EX for a
 * shared writable one, whatever the access.  The holder's owner is the
 * faulting task, so a fault from inside a read or write that already
 * holds the same glock is a recursive request (glock.c).
 */

#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/buffer_head.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <asm/semaphore.h>

#include "gfs2.h"
#include "glock.h"
#include "inode.h"
#include "ops_vm.h"

/**
 * pfault_be_greedy -
 * @ip:
 *
 * (Greediness is not modelled: gfs2_glock_be_greedy() declines.)
 */

static void pfault_be_greedy(struct gfs2_inode *ip)
{
	unsigned int time;

	spin_lock(&ip->i_lock);
	time = ip->i_greedy;
	ip->i_last_pfault = 0;
	spin_unlock(&ip->i_lock);

	gfs2_inode_hold(ip);
	if (gfs2_glock_be_greedy(ip->i_gl, time))
		gfs2_inode_put(ip);
}

/**
 * gfs2_private_nopage -
 * @area:
 * @address:
 * @type:
 *
 * Returns: the page
 */

static struct page *gfs2_private_nopage(struct vm_area_struct *area,
					unsigned long address, int *type)
{
	struct gfs2_inode *ip = get_v2ip(area->vm_file->f_mapping->host);
	struct gfs2_holder i_gh;
	struct page *result;
	int error;

	atomic_inc(&ip->i_sbd->sd_ops_vm);

	error = gfs2_glock_nq_init(ip->i_gl, LM_ST_SHARED, 0, &i_gh);
	if (error)
		return NULL;

	set_bit(GIF_PAGED, &ip->i_flags);

	result = filemap_nopage(area, address, type);

	if (result && result != NOPAGE_OOM)
		pfault_be_greedy(ip);

	gfs2_glock_dq_uninit(&i_gh);

	return result;
}

/**
 * gfs2_sharewrite_nopage -
 * @area:
 * @address:
 * @type:
 *
 * The blocks of the model's files are preallocated, so the 2005
 * allocation of page backing (alloc_page_backing()) never happens.
 *
 * Returns: the page
 */

static struct page *gfs2_sharewrite_nopage(struct vm_area_struct *area,
					   unsigned long address, int *type)
{
	struct gfs2_inode *ip = get_v2ip(area->vm_file->f_mapping->host);
	struct gfs2_holder i_gh;
	struct page *result = NULL;
	int error;

	atomic_inc(&ip->i_sbd->sd_ops_vm);

	error = gfs2_glock_nq_init(ip->i_gl, LM_ST_EXCLUSIVE, 0, &i_gh);
	if (error)
		return NULL;

	set_bit(GIF_PAGED, &ip->i_flags);
	set_bit(GIF_SW_PAGED, &ip->i_flags);

	result = filemap_nopage(area, address, type);
	if (!result || result == NOPAGE_OOM)
		goto out;

	pfault_be_greedy(ip);

 out:
	gfs2_glock_dq_uninit(&i_gh);

	return result;
}

struct vm_operations_struct gfs2_vm_ops_private = {
	.nopage = gfs2_private_nopage,
};

struct vm_operations_struct gfs2_vm_ops_sharewrite = {
	.nopage = gfs2_sharewrite_nopage,
};

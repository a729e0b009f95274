/*
 * fs/gfs2/page.c
 *
 * The page cache and the user mappings of an inode, as its glock sees
 * them.
 */

#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/buffer_head.h>
#include <linux/pagemap.h>
#include <linux/mm.h>
#include <asm/semaphore.h>

#include "gfs2.h"
#include "glock.h"
#include "inode.h"
#include "page.h"

/**
 * gfs2_inval_pte - Sync and invalidate all PTEs associated with a glock
 * @gl: the glock
 *
 * Zaps the user mappings of the inode's pages (in every process of this
 * node) if it was ever faulted in, carrying the ptes' dirty bits into the
 * pages; a shared writable fault since the last time makes the glock
 * dirty, so that go_sync writes those pages.
 */

void gfs2_inval_pte(struct gfs2_glock *gl)
{
	struct gfs2_inode *ip;
	struct inode *inode;

	ip = gl2ip(gl);
	if (!ip || !S_ISREG(ip->i_di.di_mode))
		return;

	if (!test_bit(GIF_PAGED, &ip->i_flags))
		return;

	inode = gfs2_iget_ip(ip);
	if (inode) {
		unmap_shared_mapping_range(inode->i_mapping, 0, 0);
		iput(inode);

		if (test_bit(GIF_SW_PAGED, &ip->i_flags))
			set_bit(GLF_DIRTY, &gl->gl_flags);
	}

	clear_bit(GIF_SW_PAGED, &ip->i_flags);
}

/**
 * gfs2_inval_page - Invalidate all pages associated with a glock
 * @gl: the glock
 *
 */

void gfs2_inval_page(struct gfs2_glock *gl)
{
	struct gfs2_inode *ip;
	struct inode *inode;

	ip = gl2ip(gl);
	if (!ip || !S_ISREG(ip->i_di.di_mode))
		return;

	inode = gfs2_iget_ip(ip);
	if (inode) {
		struct address_space *mapping = inode->i_mapping;

		truncate_inode_pages(mapping, 0);
		gfs2_assert_withdraw(ip->i_sbd, !mapping->nrpages);

		iput(inode);
	}

	clear_bit(GIF_PAGED, &ip->i_flags);
}

/**
 * gfs2_sync_page_i - Sync the data pages (not metadata) for a struct inode
 * @inode: the inode
 * @flags: DIO_START | DIO_WAIT
 *
 */

void gfs2_sync_page_i(struct inode *inode, int flags)
{
	struct address_space *mapping = inode->i_mapping;
	int error = 0;

	if (flags & DIO_START)
		error = filemap_fdatawrite(mapping);
	if (!error && (flags & DIO_WAIT))
		error = filemap_fdatawait(mapping);

	/* Find a better way to report this to the user. */
	if (error)
		gfs2_io_error(get_v2ip(inode)->i_sbd);
}

/**
 * gfs2_sync_page - Sync the data pages (not metadata) associated with a glock
 * @gl: the glock
 * @flags: DIO_START | DIO_WAIT
 *
 * Syncs data (not metadata) for a regular file.
 * No-op for all other types.
 */

void gfs2_sync_page(struct gfs2_glock *gl, int flags)
{
	struct gfs2_inode *ip;
	struct inode *inode;

	ip = gl2ip(gl);
	if (!ip || !S_ISREG(ip->i_di.di_mode))
		return;

	inode = gfs2_iget_ip(ip);
	if (inode) {
		gfs2_sync_page_i(inode, flags);
		iput(inode);
	}
}

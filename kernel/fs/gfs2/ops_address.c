/*
 * fs/gfs2/ops_address.c
 *
 * The page I/O of GFS2 files.  Every one of these runs under the inode's
 * glock: reading a page needs a local holder of this task (the reader or
 * the faulting task), writing a page back needs the node to hold EX.
 *
 * These are the address_space_operations the "vfs: iolock" patch extends
 * with ->iolock_acquire/->iolock_release; the base tree has neither.
 */

#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/buffer_head.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <asm/semaphore.h>

#include "gfs2.h"
#include "glock.h"
#include "inode.h"
#include "ops_address.h"

/**
 * gfs2_get_block - Fills in a buffer head with details about a block
 * @inode: The inode
 * @lblock: The block number to look up
 * @bh_result: The buffer head to return the result in
 * @create: Non-zero if we may add block to the file
 *
 * The blocks of a file are reserved when it is made (simfs): mapping one
 * never allocates.
 *
 * Returns: errno
 */

int gfs2_get_block(struct inode *inode, sector_t lblock,
		   struct buffer_head *bh_result, int create)
{
	struct gfs2_inode *ip = get_v2ip(inode);
	sector_t dblock;
	int error;

	error = simfs_map_block(&ip->i_di, lblock, &dblock);
	if (error)
		return create ? error : 0;

	map_bh(bh_result, inode->i_sb, dblock);
	return 0;
}

/**
 * gfs2_writepage - Write complete page
 * @page: Page to write
 *
 * Only while the node holds the glock in EX (a demote writing back, or a
 * sync): anywhere else the page just stays dirty.
 *
 * Returns: errno
 */

static int gfs2_writepage(struct page *page, struct writeback_control *wbc)
{
	struct gfs2_inode *ip = get_v2ip(page->mapping->host);
	struct gfs2_sbd *sdp = ip->i_sbd;

	atomic_inc(&sdp->sd_ops_address);

	if (!gfs2_glock_is_held_excl(ip->i_gl)) {
		set_page_dirty(page);
		unlock_page(page);
		return 0;
	}

	return block_write_full_page(page, gfs2_get_block, wbc);
}

/**
 * gfs2_readpage - readpage with locking
 * @file: The file to read a page for
 * @page: The page to read
 *
 * The caller holds the glock: the read path and the fault path take it
 * before they come to the page cache.  Reading without it would cache
 * data that another node may be changing.
 *
 * Returns: errno
 */

static int gfs2_readpage(struct file *file, struct page *page)
{
	struct gfs2_inode *ip = get_v2ip(page->mapping->host);
	struct gfs2_sbd *sdp = ip->i_sbd;

	atomic_inc(&sdp->sd_ops_address);

	if (gfs2_assert_warn(sdp, gfs2_glock_is_locked_by_me(ip->i_gl))) {
		unlock_page(page);
		return -EOPNOTSUPP;
	}

	return block_read_full_page(page, gfs2_get_block);
}

/**
 * gfs2_prepare_write - Prepare to write a page to a file
 * @file: The file to write to
 * @page: The page which is to be prepared for writing
 * @from: From (byte range within page)
 * @to: To (byte range within page)
 *
 * Returns: errno
 */

static int gfs2_prepare_write(struct file *file, struct page *page,
			      unsigned from, unsigned to)
{
	struct gfs2_inode *ip = get_v2ip(page->mapping->host);
	struct gfs2_sbd *sdp = ip->i_sbd;

	atomic_inc(&sdp->sd_ops_address);

	if (gfs2_assert_warn(sdp, gfs2_glock_is_locked_by_me(ip->i_gl)))
		return -EOPNOTSUPP;

	return block_prepare_write(page, from, to, gfs2_get_block);
}

/**
 * gfs2_commit_write - Commit write to a file
 * @file: The file to write to
 * @page: The page containing the data
 * @from: From (byte range within page)
 * @to: To (byte range within page)
 *
 * The glock is dirty from now on: the next demote from EX writes back.
 *
 * Returns: errno
 */

static int gfs2_commit_write(struct file *file, struct page *page,
			     unsigned from, unsigned to)
{
	struct gfs2_inode *ip = get_v2ip(page->mapping->host);

	atomic_inc(&ip->i_sbd->sd_ops_address);

	set_bit(GLF_DIRTY, &ip->i_gl->gl_flags);
	return generic_commit_write(file, page, from, to);
}

/**
 * gfs2_bmap - Block map function
 * @mapping: Address space info
 * @lblock: The block to map
 *
 * Returns: The disk address for the block or 0 on hole or error
 */

static sector_t gfs2_bmap(struct address_space *mapping, sector_t lblock)
{
	return generic_block_bmap(mapping, lblock, gfs2_get_block);
}

struct address_space_operations gfs2_file_aops = {
	.writepage = gfs2_writepage,
	.readpage = gfs2_readpage,
	.sync_page = block_sync_page,
	.prepare_write = gfs2_prepare_write,
	.commit_write = gfs2_commit_write,
	.bmap = gfs2_bmap,
};

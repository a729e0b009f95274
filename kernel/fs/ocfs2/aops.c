/*
 * fs/ocfs2/aops.c
 *
 * Page I/O of OCFS2 files, through the generic block helpers.  Callers
 * hold the data lock (read: PR, write: EX, writeback: the node holds EX).
 */

#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/highmem.h>
#include <linux/pagemap.h>
#include <linux/buffer_head.h>

#include "ocfs2.h"

static int ocfs2_get_block(struct inode *inode, sector_t iblock,
			   struct buffer_head *bh_result, int create)
{
	sector_t block;
	int err;

	err = simfs_map_block(&OCFS2_I(inode)->ip_di, iblock, &block);
	if (err)
		return create ? err : 0;
	map_bh(bh_result, inode->i_sb, block);
	return 0;
}

static int ocfs2_readpage(struct file *file, struct page *page)
{
	return block_read_full_page(page, ocfs2_get_block);
}

static int ocfs2_writepage(struct page *page, struct writeback_control *wbc)
{
	return block_write_full_page(page, ocfs2_get_block, wbc);
}

static int ocfs2_prepare_write(struct file *file, struct page *page,
			       unsigned from, unsigned to)
{
	return block_prepare_write(page, from, to, ocfs2_get_block);
}

static sector_t ocfs2_bmap(struct address_space *mapping, sector_t block)
{
	return generic_block_bmap(mapping, block, ocfs2_get_block);
}

struct address_space_operations ocfs2_aops = {
	.readpage	= ocfs2_readpage,
	.writepage	= ocfs2_writepage,
	.prepare_write	= ocfs2_prepare_write,
	.commit_write	= generic_commit_write,
	.bmap		= ocfs2_bmap,
	.sync_page	= block_sync_page,
};

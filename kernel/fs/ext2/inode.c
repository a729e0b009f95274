/*
 *  linux/fs/ext2/inode.c
 *
 *  Reading and writing inodes, and the page I/O of ext2 files, through the
 *  generic block helpers of fs/buffer.c.
 */

#include <linux/time.h>
#include <linux/highmem.h>
#include <linux/pagemap.h>
#include <linux/module.h>
#include <linux/writeback.h>
#include <linux/buffer_head.h>
#include <linux/string.h>
#include "ext2.h"

/*
 * Map block @iblock of the file to its disk block.  The blocks were
 * reserved when the file was made; reading beyond them finds a hole,
 * writing beyond them fails.
 */
int ext2_get_block(struct inode *inode, sector_t iblock,
		   struct buffer_head *bh_result, int create)
{
	sector_t block;
	int err;

	err = simfs_map_block(&EXT2_I(inode)->i_di, iblock, &block);
	if (err)
		return create ? err : 0;
	map_bh(bh_result, inode->i_sb, block);
	return 0;
}

static int ext2_writepage(struct page *page, struct writeback_control *wbc)
{
	return block_write_full_page(page, ext2_get_block, wbc);
}

static int ext2_readpage(struct file *file, struct page *page)
{
	return block_read_full_page(page, ext2_get_block);
}

static int
ext2_prepare_write(struct file *file, struct page *page,
			unsigned from, unsigned to)
{
	return block_prepare_write(page,from,to,ext2_get_block);
}

static sector_t ext2_bmap(struct address_space *mapping, sector_t block)
{
	return generic_block_bmap(mapping,block,ext2_get_block);
}

struct address_space_operations ext2_aops = {
	.readpage		= ext2_readpage,
	.writepage		= ext2_writepage,
	.sync_page		= block_sync_page,
	.prepare_write		= ext2_prepare_write,
	.commit_write		= generic_commit_write,
	.bmap			= ext2_bmap,
};

void ext2_read_inode (struct inode * inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct simfs_dinode *di = &ei->i_di;

	if (simfs_read_dinode(inode->i_sb, inode->i_ino, di)) {
		printk(KERN_ERR "EXT2-fs: %s: bad inode %lu\n",
		       inode->i_sb->s_id, inode->i_ino);
		inode->i_mode = 0;	/* the lookup refuses it */
		return;
	}

	inode->i_mode = di->di_mode;
	inode->i_nlink = di->di_nlink;
	inode->i_size = di->di_size;
	inode->i_blksize = PAGE_SIZE;
	inode->i_blocks = di->di_blocks << (SIMFS_BLOCK_BITS - 9);

	if (S_ISREG(inode->i_mode)) {
		inode->i_op = &ext2_file_inode_operations;
		inode->i_fop = &ext2_file_operations;
		inode->i_mapping->a_ops = &ext2_aops;
	} else if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &ext2_dir_inode_operations;
	}
}

int ext2_write_inode(struct inode *inode, int wait)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	ei->i_di.di_size = i_size_read(inode);
	return simfs_write_dinode(inode->i_sb, &ei->i_di);
}

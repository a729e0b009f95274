/*
 *  linux/fs/buffer.c
 *
 *  Block I/O helpers for filesystems, on the model's buffers: a block is
 *  a page (4096 bytes), there is no buffer cache and no buffer ring on
 *  pages, and I/O is synchronous.  The page state machine (PG_locked,
 *  PG_uptodate, PG_dirty, PG_writeback) is the one 2.6.13 uses.
 */

#include <linux/config.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/highmem.h>
#include <linux/module.h>
#include <linux/writeback.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>

/*
 * Read one block into a new buffer.  Every call reads the disk: metadata
 * is never cached, so a node always sees what is on the disk now.
 */
struct buffer_head *
__bread(struct block_device *bdev, sector_t block, int size)
{
	struct buffer_head *bh;

	BUG_ON(size != SIM_DISK_BLOCK_SIZE);
	bh = kmalloc(sizeof(*bh), GFP_NOFS);
	if (!bh)
		return NULL;
	memset(bh, 0, sizeof(*bh));
	bh->b_data = kmalloc(size, GFP_NOFS);
	if (!bh->b_data) {
		kfree(bh);
		return NULL;
	}
	bh->b_size = size;
	bh->b_bdev = bdev;
	bh->b_blocknr = block;
	atomic_set(&bh->b_count, 1);
	set_buffer_mapped(bh);

	if (bdev_read_block(bdev, block, bh->b_data)) {
		kfree(bh->b_data);
		kfree(bh);
		return NULL;
	}
	set_buffer_uptodate(bh);
	return bh;
}

EXPORT_SYMBOL(__bread);

void __brelse(struct buffer_head * buf)
{
	if (atomic_dec_and_test(&buf->b_count)) {
		if (buffer_dirty(buf))
			printk(KERN_ERR "VFS: brelse: block %lu released dirty\n",
			       buf->b_blocknr);
		kfree(buf->b_data);
		kfree(buf);
	}
}

EXPORT_SYMBOL(__brelse);

void brelse(struct buffer_head *bh)
{
	if (bh)
		__brelse(bh);
}

EXPORT_SYMBOL(brelse);

void mark_buffer_dirty(struct buffer_head *bh)
{
	set_buffer_dirty(bh);
}

EXPORT_SYMBOL(mark_buffer_dirty);

/*
 * For a data-integrity writeout, we need to wait upon any in-progress I/O
 * and then start new I/O and then wait upon it.
 */
int sync_dirty_buffer(struct buffer_head *bh)
{
	int ret = 0;

	if (buffer_dirty(bh)) {
		clear_buffer_dirty(bh);
		ret = bdev_write_block(bh->b_bdev, bh->b_blocknr, bh->b_data);
		if (ret)
			set_buffer_write_io_error(bh);
	}
	return ret;
}

EXPORT_SYMBOL(sync_dirty_buffer);

/*
 * Generic "read page" function for block devices that have the normal
 * get_block functionality. This is most of the block device filesystems.
 * Reads the page synchronously and unlocks it; a failed read leaves the
 * page !PageUptodate with PG_error, for the caller to see.
 */
int block_read_full_page(struct page *page, get_block_t *get_block)
{
	struct inode *inode = page->mapping->host;
	struct buffer_head bh;
	loff_t isize = i_size_read(inode);
	char *kaddr;
	int err = 0;

	if (!PageLocked(page))
		BUG();

	memset(&bh, 0, sizeof(bh));
	bh.b_page = page;
	bh.b_size = PAGE_CACHE_SIZE;

	kaddr = kmap(page);
	if (((loff_t)page->index << PAGE_CACHE_SHIFT) >= isize) {
		/* wholly beyond EOF */
		memset(kaddr, 0, PAGE_CACHE_SIZE);
	} else {
		err = get_block(inode, page->index, &bh, 0);
		if (!err && buffer_mapped(&bh))
			err = bdev_read_block(bh.b_bdev, bh.b_blocknr, kaddr);
		else if (!err)
			memset(kaddr, 0, PAGE_CACHE_SIZE);	/* a hole */
	}
	kunmap(page);

	if (err)
		SetPageError(page);
	else
		SetPageUptodate(page);
	unlock_page(page);
	return 0;
}

EXPORT_SYMBOL(block_read_full_page);

/*
 * The generic ->writepage function for buffer-backed address_spaces.
 * Called with the page locked and its dirty bit already cleared
 * (clear_page_dirty_for_io()); writes it, unlocks it.
 */
int block_write_full_page(struct page *page, get_block_t *get_block,
			struct writeback_control *wbc)
{
	struct inode * const inode = page->mapping->host;
	loff_t i_size = i_size_read(inode);
	const pgoff_t end_index = i_size >> PAGE_CACHE_SHIFT;
	struct buffer_head bh;
	unsigned offset;
	char *kaddr;
	int err;

	/* Is the page fully inside i_size? */
	if (page->index < end_index)
		goto do_write;

	/* Is the page fully outside i_size? (truncate in progress) */
	offset = i_size & (PAGE_CACHE_SIZE-1);
	if (page->index >= end_index+1 || !offset) {
		unlock_page(page);
		return 0; /* don't care */
	}

	/*
	 * The page straddles i_size.  It must be zeroed out on each and every
	 * writepage invokation because it may be mmapped.  "A file is mapped
	 * in multiples of the page size.  For a file that is not a multiple of
	 * the  page size, the remaining memory is zeroed when mapped, and
	 * writes to that region are not written out to the file."
	 */
	kaddr = kmap_atomic(page, KM_USER0);
	memset(kaddr + offset, 0, PAGE_CACHE_SIZE - offset);
	kunmap_atomic(kaddr, KM_USER0);

do_write:
	memset(&bh, 0, sizeof(bh));
	bh.b_page = page;
	bh.b_size = PAGE_CACHE_SIZE;
	err = get_block(inode, page->index, &bh, 1);
	if (err || !buffer_mapped(&bh)) {
		/* cannot place it: keep it dirty */
		set_page_dirty(page);
		unlock_page(page);
		return err;
	}

	set_page_writeback(page);
	unlock_page(page);

	err = bdev_write_block(bh.b_bdev, bh.b_blocknr, page_address(page));
	if (err) {
		SetPageError(page);
		set_bit(AS_EIO, &page->mapping->flags);
	}
	end_page_writeback(page);
	return err;
}

EXPORT_SYMBOL(block_write_full_page);

/*
 * Get the page ready for a write of [from, to): map its block (which must
 * exist: the model's filesystems preallocate), and if the write does not
 * cover the whole page and the page is not up to date, read it in first.
 */
int block_prepare_write(struct page *page, unsigned from, unsigned to,
			get_block_t *get_block)
{
	struct inode *inode = page->mapping->host;
	struct buffer_head bh;
	loff_t isize = i_size_read(inode);
	loff_t pos = (loff_t)page->index << PAGE_CACHE_SHIFT;
	char *kaddr;
	int err;

	BUG_ON(!PageLocked(page));

	memset(&bh, 0, sizeof(bh));
	bh.b_page = page;
	bh.b_size = PAGE_CACHE_SIZE;
	err = get_block(inode, page->index, &bh, 1);
	if (err)
		return err;
	if (!buffer_mapped(&bh))
		return -EIO;

	if (PageUptodate(page))
		return 0;
	if (from == 0 && to == PAGE_CACHE_SIZE)
		return 0;		/* all of it will be overwritten */

	kaddr = kmap(page);
	if (pos >= isize || buffer_new(&bh)) {
		memset(kaddr, 0, PAGE_CACHE_SIZE);
	} else {
		err = bdev_read_block(bh.b_bdev, bh.b_blocknr, kaddr);
		if (!err && pos + PAGE_CACHE_SIZE > isize) {
			unsigned int valid = isize - pos;

			memset(kaddr + valid, 0, PAGE_CACHE_SIZE - valid);
		}
	}
	kunmap(page);
	if (err)
		return err;
	SetPageUptodate(page);
	return 0;
}

EXPORT_SYMBOL(block_prepare_write);

/*
 * The copy is in the page: mark it up to date and dirty, and extend
 * i_size if the write went past it.
 */
int generic_commit_write(struct file *file, struct page *page,
		unsigned from, unsigned to)
{
	struct inode *inode = page->mapping->host;
	loff_t pos = ((loff_t)page->index << PAGE_CACHE_SHIFT) + to;

	SetPageUptodate(page);
	set_page_dirty(page);

	/*
	 * No need to use i_size_read() here, the i_size
	 * cannot change under us because we hold i_sem.
	 */
	if (pos > inode->i_size) {
		i_size_write(inode, pos);
		mark_inode_dirty(inode);
	}
	return 0;
}

EXPORT_SYMBOL(generic_commit_write);

sector_t generic_block_bmap(struct address_space *mapping, sector_t block,
			    get_block_t *get_block)
{
	struct buffer_head tmp;
	struct inode *inode = mapping->host;

	memset(&tmp, 0, sizeof(tmp));
	tmp.b_size = 1 << inode->i_blkbits;
	get_block(inode, block, &tmp, 0);
	return tmp.b_blocknr;
}

EXPORT_SYMBOL(generic_block_bmap);

int block_sync_page(struct page *page)
{
	return 0;
}

EXPORT_SYMBOL(block_sync_page);

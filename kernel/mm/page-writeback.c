/*
 * mm/page-writeback.c.
 *
 * Dirty page accounting and writeback.  The model has no background
 * writeback: dirty page cache pages stay in memory until somebody calls
 * filemap_fdatawrite() (a cluster filesystem giving up its lock, fsync,
 * O_SYNC) -- which is what makes stale and torn data observable between
 * nodes when a patch gets the cluster locking wrong.
 */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/buffer_head.h>

/*
 * Walk the dirty pages of a mapping in index order and hand each to
 * ->writepage(), locked, with its dirty bit moved to "under writeback".
 */
int generic_writepages(struct address_space *mapping,
		       struct writeback_control *wbc)
{
	struct page *page;
	pgoff_t next = 0;
	int ret = 0;

	if (!mapping->a_ops->writepage)
		return 0;

	while ((page = find_get_page_from(mapping, next, 1)) != NULL) {
		next = page->index + 1;

		lock_page(page);
		if (page->mapping != mapping) {
			/* truncated while we waited for the lock */
			unlock_page(page);
			page_cache_release(page);
			continue;
		}
		if (wbc->sync_mode != WB_SYNC_NONE)
			wait_on_page_writeback(page);

		if (PageWriteback(page) || !clear_page_dirty_for_io(page)) {
			unlock_page(page);
			page_cache_release(page);
			continue;
		}

		/* ->writepage() unlocks the page */
		ret = mapping->a_ops->writepage(page, wbc);
		page_cache_release(page);
		if (ret)
			break;
		if (--wbc->nr_to_write <= 0 && wbc->sync_mode == WB_SYNC_NONE)
			break;
	}
	return ret;
}
EXPORT_SYMBOL(generic_writepages);

int do_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	if (wbc->nr_to_write <= 0)
		return 0;
	if (mapping->a_ops->writepages)
		return mapping->a_ops->writepages(mapping, wbc);
	return generic_writepages(mapping, wbc);
}

/**
 * write_one_page - write out a single page and optionally wait on I/O
 *
 * @page: the page to write
 * @wait: if true, wait on writeout
 *
 * The page must be locked by the caller and will be unlocked upon return.
 */
int write_one_page(struct page *page, int wait)
{
	struct address_space *mapping = page->mapping;
	int ret = 0;
	struct writeback_control wbc;

	memset(&wbc, 0, sizeof(wbc));
	wbc.sync_mode = WB_SYNC_ALL;
	wbc.nr_to_write = 1;

	BUG_ON(!PageLocked(page));

	if (wait)
		wait_on_page_writeback(page);

	if (clear_page_dirty_for_io(page)) {
		page_cache_get(page);
		ret = mapping->a_ops->writepage(page, &wbc);
		if (ret == 0 && wait) {
			wait_on_page_writeback(page);
			if (PageError(page))
				ret = -EIO;
		}
		page_cache_release(page);
	} else {
		unlock_page(page);
	}
	return ret;
}
EXPORT_SYMBOL(write_one_page);

/*
 * For address_spaces which do not use buffers.  Just tag the page as dirty
 * and move the inode onto the dirty list (the model's inodes only record
 * that they have dirty pages).
 */
int __set_page_dirty_nobuffers(struct page *page)
{
	int ret = 0;

	if (!TestSetPageDirty(page)) {
		struct address_space *mapping = page->mapping;

		if (mapping && mapping->host) {
			/* !PageAnon && !swapper_space */
			__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
		}
	}
	return ret;
}
EXPORT_SYMBOL(__set_page_dirty_nobuffers);

/*
 * If the mapping doesn't provide a set_page_dirty a_op, then
 * just fall through and assume that it wants buffer_heads.
 * FIXME: make the method unconditional.
 */
int fastcall set_page_dirty(struct page *page)
{
	struct address_space *mapping = page->mapping;

	if (likely(mapping)) {
		int (*spd)(struct page *) = mapping->a_ops->set_page_dirty;
		if (spd)
			return (*spd)(page);
		return __set_page_dirty_nobuffers(page);
	}
	if (!PageDirty(page))
		SetPageDirty(page);
	return 0;
}
EXPORT_SYMBOL(set_page_dirty);

/*
 * set_page_dirty() is racy if the caller has no reference against
 * page->mapping->host, and if the page is unlocked.  This is because another
 * CPU could truncate the page off the mapping and then free the mapping.
 *
 * Usually, the page _is_ locked, or the caller is a user-space process which
 * holds a reference on the inode by having an open file.
 *
 * In other cases, the page should be locked before running set_page_dirty().
 */
int fastcall set_page_dirty_lock(struct page *page)
{
	int ret;

	lock_page(page);
	ret = set_page_dirty(page);
	unlock_page(page);
	return ret;
}
EXPORT_SYMBOL(set_page_dirty_lock);

/*
 * Clear a page's dirty flag, while caring for dirty memory accounting. 
 * Returns true if the page was previously dirty.
 */
int test_clear_page_dirty(struct page *page)
{
	return TestClearPageDirty(page);
}
EXPORT_SYMBOL(test_clear_page_dirty);

/*
 * Clear a page's dirty flag, while caring for dirty memory accounting.
 * Returns true if the page was previously dirty.
 *
 * This is for preparing to put the page under writeout.  We leave the page
 * tagged as dirty in the radix tree so that a concurrent write-for-sync
 * can discover it via a PAGECACHE_TAG_DIRTY walk.  The ->writepage
 * implementation will run either set_page_writeback() or set_page_dirty(),
 * at which stage we bring the page's dirty flag and radix-tree dirty tag
 * back into sync.
 */
int clear_page_dirty_for_io(struct page *page)
{
	return TestClearPageDirty(page);
}
EXPORT_SYMBOL(clear_page_dirty_for_io);

int test_set_page_writeback(struct page *page)
{
	return TestSetPageWriteback(page);
}
EXPORT_SYMBOL(test_set_page_writeback);

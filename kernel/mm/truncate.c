/*
 * mm/truncate.c - code for taking down pages from address_spaces
 *
 * This is what a cluster filesystem calls when it gives up its lock on an
 * inode: the pages cached under the lock are no longer valid, because
 * another node may change the file as soon as it gets the lock.
 */

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pagemap.h>
#include <linux/buffer_head.h>

/*
 * If truncate cannot remove the fs-private metadata from the page, the page
 * becomes anonymous.  It will be left on the LRU and may even be mapped into
 * user pagetables if we're racing with filemap_nopage().
 *
 * We need to bale out if page->mapping is no longer equal to the original
 * mapping.  This happens a) when the VM reclaimed the page while we waited on
 * its lock, b) when a concurrent invalidate_inode_pages got there first and
 * c) when tmpfs swizzles a page between a tmpfs inode and swapper_space.
 */
static void
truncate_complete_page(struct address_space *mapping, struct page *page)
{
	if (page->mapping != mapping)
		return;

	if (PagePrivate(page) && mapping->a_ops->invalidatepage)
		mapping->a_ops->invalidatepage(page, 0);

	clear_page_dirty(page);
	ClearPageUptodate(page);
	remove_from_page_cache(page);
	page_cache_release(page);	/* pagecache ref */
}

/**
 * truncate_inode_pages - truncate *all* the pages from an offset
 * @mapping: mapping to truncate
 * @lstart: offset from which to truncate
 *
 * Every page at or beyond @lstart is taken out of the page cache, after
 * waiting for its page lock; a partial page at @lstart is zeroed beyond it.
 * Dirty pages are thrown away, not written: a caller that wants them on
 * disk writes them back first.
 *
 * A page that is still mapped by a process keeps living (its ptes hold
 * references) but is no longer in the cache; callers that must not leave
 * such pages behind unmap first (unmap_mapping_range()).
 */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	const pgoff_t start = (lstart + PAGE_CACHE_SIZE-1) >> PAGE_CACHE_SHIFT;
	const unsigned partial = lstart & (PAGE_CACHE_SIZE - 1);
	struct page *page;
	pgoff_t next;

	if (mapping->nrpages == 0)
		return;

	next = start;
	while ((page = find_get_page_from(mapping, next, 0)) != NULL) {
		next = page->index + 1;
		lock_page(page);
		wait_on_page_writeback(page);
		truncate_complete_page(mapping, page);
		unlock_page(page);
		page_cache_release(page);
	}

	if (partial) {
		page = find_lock_page(mapping, start - 1);
		if (page) {
			wait_on_page_writeback(page);
			memset((char *)kmap(page) + partial, 0,
			       PAGE_CACHE_SIZE - partial);
			kunmap(page);
			unlock_page(page);
			page_cache_release(page);
		}
	}
}

EXPORT_SYMBOL(truncate_inode_pages);

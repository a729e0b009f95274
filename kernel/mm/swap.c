/*
 *  linux/mm/swap.c
 *
 *  There is no swap and no LRU in the model: pages stay in memory until
 *  their last reference goes.  What is left is reference dropping and the
 *  accessed bit.
 */

#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/module.h>

void put_page(struct page *page)
{
	if (put_page_testzero(page)) {
		/* __free_pages() would drop another reference: free directly */
		set_page_count(page, 1);
		__free_pages(page, 0);
	}
}
EXPORT_SYMBOL(put_page);

/*
 * Mark a page as having seen activity.
 */
void mark_page_accessed(struct page *page)
{
	SetPageReferenced(page);
}
EXPORT_SYMBOL(mark_page_accessed);

void lru_cache_add(struct page *page)
{
	SetPageLRU(page);
}

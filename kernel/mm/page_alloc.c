/*
 *  linux/mm/page_alloc.c
 *
 *  The model's page allocator: a fixed mem_map[] of struct page, each of
 *  which gets its PAGE_SIZE of data from the simulator while it is in use.
 *  Only order-0 allocations exist.
 *
 *  There is no zone lock.  Nothing between the free list operations below
 *  is a sync point, so no other task can run in the middle of them (see
 *  docs/model-kernel.md, "Atomicity"); a lock would only make the explorer
 *  try every order of unrelated allocations.
 */

#include <linux/config.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/module.h>
#include <linux/lockdep.h>

#define MAX_NR_PAGES	1024	/* 4 MiB of page cache and user memory per node */

static struct page mem_map_array[MAX_NR_PAGES];

struct page *mem_map = mem_map_array;
unsigned long max_mapnr = MAX_NR_PAGES;

static LIST_HEAD(free_list);
static unsigned long nr_free;

unsigned long nr_free_pages(void)
{
	return nr_free;
}

void page_alloc_init(void)
{
	unsigned long i;

	for (i = 0; i < MAX_NR_PAGES; i++) {
		struct page *page = &mem_map[i];

		page->flags = 0;
		set_page_count(page, 0);
		atomic_set(&page->_mapcount, -1);
		page->mapping = NULL;
		page->virtual = NULL;
		INIT_LIST_HEAD(&page->list);
		lockdep_init_map(&page->dep_map, "page lock", "PG_locked");
		list_add_tail(&page->lru, &free_list);
	}
	nr_free = MAX_NR_PAGES;
}

/*
 * Everything a page must not carry any more when it is freed.  A page
 * cache page is freed only after truncation took it out of its mapping,
 * and a mapped page only after the last pte that maps it was zapped.
 */
static void bad_page(const char *function, struct page *page)
{
	printk(KERN_EMERG "Bad page state at %s (pfn %lu)\n", function,
	       page_to_pfn(page));
	printk(KERN_EMERG "flags:0x%08lx mapping:%p mapcount:%d count:%d\n",
	       page->flags, page->mapping,
	       atomic_read(&page->_mapcount), page_count(page));
	BUG();
}

static void free_pages_check(const char *function, struct page *page)
{
	if (page->mapping != NULL ||
	    page_mapped(page) ||
	    PageLocked(page) ||
	    PageDirty(page) ||
	    PageWriteback(page))
		bad_page(function, page);
}

struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;
	void *data;

	if (order != 0) {
		printk(KERN_ERR "alloc_pages: order %u not supported by the model\n",
		       order);
		return NULL;
	}

	if (list_empty(&free_list))
		goto nopage;
	page = list_entry(free_list.next, struct page, lru);
	list_del_init(&page->lru);
	nr_free--;

	data = __alloc_frame(gfp_mask);
	if (!data) {
		list_add(&page->lru, &free_list);
		nr_free++;
		goto nopage;
	}

	page->virtual = data;
	page->flags = 0;
	page->private = 0;
	page->mapping = NULL;
	page->index = 0;
	set_page_count(page, 1);
	atomic_set(&page->_mapcount, -1);
	if (gfp_mask & __GFP_ZERO)
		memset(data, 0, PAGE_SIZE);
	return page;

nopage:
	if (!(gfp_mask & __GFP_NOWARN))
		printk(KERN_WARNING "%s: page allocation failure."
			" order:%d, mode:0x%x\n",
			current->comm, order, gfp_mask);
	return NULL;
}

EXPORT_SYMBOL(alloc_pages);

static void free_hot_page(struct page *page)
{
	free_pages_check("free_hot_page", page);
	__free_frame(page->virtual);
	page->virtual = NULL;
	page->flags = 0;
	list_add(&page->lru, &free_list);
	nr_free++;
}

/*
 * Drop a reference; the page goes back to the free list with the last one.
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (put_page_testzero(page))
		free_hot_page(page);
}

EXPORT_SYMBOL(__free_pages);

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page * page;

	page = alloc_pages(gfp_mask, order);
	if (!page)
		return 0;
	return (unsigned long) page_address(page);
}

EXPORT_SYMBOL(__get_free_pages);

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

EXPORT_SYMBOL(get_zeroed_page);

/* the inverse of page_address(), by search: the model has no linear map */
static struct page *virt_to_page(unsigned long addr)
{
	unsigned long i;

	for (i = 0; i < MAX_NR_PAGES; i++)
		if ((unsigned long)mem_map[i].virtual == addr)
			return &mem_map[i];
	return NULL;
}

void free_pages(unsigned long addr, unsigned int order)
{
	struct page *page;

	if (addr == 0)
		return;
	page = virt_to_page(addr);
	BUG_ON(page == NULL);
	__free_pages(page, order);
}

EXPORT_SYMBOL(free_pages);

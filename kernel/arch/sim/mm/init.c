/*
 *  linux/arch/sim/mm/init.c
 *
 *  Memory setup of a node: the page allocator and the zero page.
 */

#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/init.h>

void __init mem_init(void)
{
	page_alloc_init();
	page_waitqueues_init();

	empty_zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	BUG_ON(!empty_zero_page);
	SetPageReserved(empty_zero_page);

	printk(KERN_INFO "Memory: %luk available\n",
	       nr_free_pages() << (PAGE_SHIFT - 10));
}

#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/config.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/preempt.h>

/*
 * No highmem in the model: every page has a kernel address.  The atomic
 * kmap still raises the preempt count, as on i386, because that is what
 * makes a fault inside __copy_*_user_inatomic() fail instead of sleeping.
 */
enum km_type {
	KM_BOUNCE_READ,
	KM_SKB_SUNRPC_DATA,
	KM_SKB_DATA_SOFTIRQ,
	KM_USER0,
	KM_USER1,
	KM_BIO_SRC_IRQ,
	KM_BIO_DST_IRQ,
	KM_PTE0,
	KM_PTE1,
	KM_IRQ0,
	KM_IRQ1,
	KM_SOFTIRQ0,
	KM_SOFTIRQ1,
	KM_TYPE_NR
};

static inline void *kmap(struct page *page)
{
	return page_address(page);
}

static inline void kunmap(struct page *page)
{
}

static inline void *kmap_atomic(struct page *page, enum km_type type)
{
	inc_preempt_count();
	return page_address(page);
}

static inline void kunmap_atomic(void *kvaddr, enum km_type type)
{
	dec_preempt_count();
}

static inline void clear_highpage(struct page *page)
{
	memset(page_address(page), 0, PAGE_SIZE);
}

static inline void copy_user_highpage(struct page *to, struct page *from,
				      unsigned long vaddr)
{
	memcpy(page_address(to), page_address(from), PAGE_SIZE);
}

static inline void flush_dcache_page(struct page *page)
{
}

#endif /* _LINUX_HIGHMEM_H */

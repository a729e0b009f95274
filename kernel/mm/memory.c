/*
 *  linux/mm/memory.c
 *
 * The page fault handling of the model: anonymous pages, file pages
 * through the VMA's ->nopage, copy-on-write, and the zapping of user
 * mappings on munmap and on invalidation of a file's pages.
 *
 * The page tables belong to the simulator (asm/pgtable.h); this file
 * decides what goes in them, always under mm->page_table_lock, as 2.6.13
 * does for its ptes.
 */

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/highmem.h>
#include <linux/pagemap.h>
#include <linux/module.h>
#include <linux/init.h>

#include <asm/uaccess.h>
#include <asm/pgtable.h>

struct page *empty_zero_page;

static inline void page_add_rmap(struct page *page)
{
	atomic_inc(&page->_mapcount);
}

static inline void page_remove_rmap(struct page *page)
{
	atomic_dec(&page->_mapcount);
}

/*
 * Put @page in the page table of @mm at @addr.  The pte owns the page
 * reference the caller hands over.  Caller holds mm->page_table_lock and
 * has checked that the entry is empty.
 */
static void set_user_pte(struct mm_struct *mm, unsigned long addr,
			 struct page *page, int writable)
{
	struct page *old;

	old = __user_page_install(mm, addr & PAGE_MASK, page,
				  page_address(page), writable);
	BUG_ON(old != NULL);
	page_add_rmap(page);
}

struct zap_details {
	struct address_space *check_mapping;	/* Check page->mapping if set */
	pgoff_t	first_index;			/* Lowest page->index to unmap */
	pgoff_t last_index;			/* Highest page->index to unmap */
};

/*
 * Remove the user mappings of [addr, end) in @vma.  A dirty bit left by a
 * write through the mapping is carried into the page (so that writeback
 * sees it), and the pte's page reference is dropped.
 *
 * With @details, only pages of details->check_mapping within the index
 * range are zapped: the private (COWed, anonymous) copies are kept.
 *
 * Called with mm->page_table_lock held.
 */
static void zap_pte_range(struct vm_area_struct *vma, unsigned long addr,
			  unsigned long end, struct zap_details *details)
{
	struct mm_struct *mm = vma->vm_mm;

	for (; addr < end; addr += PAGE_SIZE) {
		struct page *page;
		int flags;

		page = __user_page_get(mm, addr, &flags);
		if (!page)
			continue;
		if (details) {
			/*
			 * unmap_shared_mapping_pages() wants to
			 * invalidate cache without truncating:
			 * unmap shared but keep private pages.
			 */
			if (details->check_mapping &&
			    details->check_mapping != page->mapping)
				continue;
			if (page->mapping &&
			    (page->index < details->first_index ||
			     page->index > details->last_index))
				continue;
		}
		__user_page_remove(mm, addr, &flags);
		if (!PageReserved(page))
			mm->rss--;
		if (page->mapping) {
			if (flags & UPTE_DIRTY)
				set_page_dirty(page);
			if (flags & UPTE_YOUNG)
				mark_page_accessed(page);
		} else if (!PageReserved(page)) {
			mm->anon_rss--;
		}
		page_remove_rmap(page);
		page_cache_release(page);
	}
}

/**
 * zap_page_range - remove user pages in a given range
 * @vma: vm_area_struct holding the applicable pages
 * @address: starting address of pages to zap
 * @size: number of bytes to zap
 */
void zap_page_range(struct vm_area_struct *vma, unsigned long address,
		unsigned long size)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long end = address + size;

	spin_lock(&mm->page_table_lock);
	zap_pte_range(vma, address, end, NULL);
	spin_unlock(&mm->page_table_lock);
}

static void unmap_mapping_range_vma(struct vm_area_struct *vma,
		unsigned long start_addr, unsigned long end_addr,
		struct zap_details *details)
{
	struct mm_struct *mm = vma->vm_mm;

	spin_lock(&mm->page_table_lock);
	zap_pte_range(vma, start_addr, end_addr, details);
	spin_unlock(&mm->page_table_lock);
}

/**
 * unmap_mapping_range - unmap the portion of all mmaps
 * in the specified address_space corresponding to the specified
 * page range in the underlying file.
 * @mapping: the address space containing mmaps to be unmapped.
 * @holebegin: byte in first page to unmap, relative to the start of
 * the underlying file.  This will be rounded down to a PAGE_SIZE
 * boundary.  Note that this is different from vmtruncate(), which
 * must keep the partial page.  In contrast, we must get rid of
 * partial pages.
 * @holelen: size of prospective hole in bytes.  This will be rounded
 * up to a PAGE_SIZE boundary.  A holelen of zero truncates to the
 * end of the file.
 * @even_cows: 1 when truncating a file, unmap even private COWed pages;
 * but 0 when invalidating pagecache, don't throw away private data.
 *
 * Every VMA of every process that maps the file is visited, whatever
 * task runs this (for GFS2, the glock code on behalf of another node).
 * truncate_count tells a racing do_no_page() to retry.
 */
void unmap_mapping_range(struct address_space *mapping,
		loff_t const holebegin, loff_t const holelen, int even_cows)
{
	struct zap_details details;
	struct vm_area_struct *vma;
	pgoff_t hba = holebegin >> PAGE_SHIFT;
	pgoff_t hlen = (holelen + PAGE_SIZE - 1) >> PAGE_SHIFT;

	details.check_mapping = even_cows? NULL: mapping;
	details.first_index = hba;
	details.last_index = hba + hlen - 1;
	if (details.last_index < details.first_index)
		details.last_index = ULONG_MAX;

	spin_lock(&mapping->i_mmap_lock);

	/* Protect against page faults, and endless unmapping loops */
	mapping->truncate_count++;

	list_for_each_entry(vma, &mapping->i_mmap, shared.vm_set.list) {
		pgoff_t vba, vea, zba, zea;
		unsigned long start, end;

		vba = vma->vm_pgoff;
		vea = vba + ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT) - 1;
		/* Assume for now that PAGE_CACHE_SHIFT == PAGE_SHIFT */
		zba = details.first_index;
		if (zba < vba)
			zba = vba;
		zea = details.last_index;
		if (zea > vea)
			zea = vea;
		if (zba > zea)
			continue;

		start = ((zba - vba) << PAGE_SHIFT) + vma->vm_start;
		end = ((zea - vba + 1) << PAGE_SHIFT) + vma->vm_start;
		unmap_mapping_range_vma(vma, start, end, &details);
	}

	spin_unlock(&mapping->i_mmap_lock);
}
EXPORT_SYMBOL(unmap_mapping_range);

/*
 * Handle all mappings that got truncated by a "truncate()"
 * system call.
 *
 * NOTE! We have to be ready to update the memory sharing
 * between the file and the memory map for a potential last
 * incomplete page.  Ugly, but necessary.
 */
int vmtruncate(struct inode * inode, loff_t offset)
{
	struct address_space *mapping = inode->i_mapping;

	if (inode->i_size < offset) {
		i_size_write(inode, offset);
		return 0;
	}
	i_size_write(inode, offset);
	unmap_mapping_range(mapping, offset + PAGE_SIZE - 1, 0, 1);
	truncate_inode_pages(mapping, offset);
	return 0;
}

EXPORT_SYMBOL(vmtruncate);

/*
 * This routine handles present pages, when users try to write
 * to a shared page. It is done by copying the page to a new address
 * and decrementing the shared-page counter for the old page.
 *
 * We enter with the page table read-lock held, and need to exit without
 * it.
 */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct * vma,
		unsigned long address, struct page *old_page)
{
	unsigned long addr = address & PAGE_MASK;
	struct page *new_page, *cur;
	int flags;

	if (old_page != ZERO_PAGE(address) && !old_page->mapping &&
	    page_count(old_page) == 1) {
		/* Our own anonymous page: just make it writable. */
		cur = __user_page_install(mm, addr, old_page,
					  page_address(old_page), 1);
		BUG_ON(cur != old_page);
		spin_unlock(&mm->page_table_lock);
		return VM_FAULT_MINOR;
	}

	/*
	 * Ok, we need to copy. Oh, well..
	 */
	page_cache_get(old_page);
	spin_unlock(&mm->page_table_lock);

	new_page = alloc_page(GFP_HIGHUSER);
	if (!new_page)
		goto no_new_page;
	if (old_page == ZERO_PAGE(address))
		clear_highpage(new_page);
	else
		copy_user_highpage(new_page, old_page, address);

	/*
	 * Re-check the pte - we dropped the lock
	 */
	spin_lock(&mm->page_table_lock);
	cur = __user_page_get(mm, addr, &flags);
	if (likely(cur == old_page)) {
		if (PageReserved(old_page))
			mm->rss++;
		if (old_page->mapping || PageReserved(old_page))
			mm->anon_rss++;
		cur = __user_page_install(mm, addr, new_page,
					  page_address(new_page), 1);
		BUG_ON(cur != old_page);
		page_add_rmap(new_page);
		page_remove_rmap(old_page);
		page_cache_release(old_page);	/* the pte's reference */
		new_page = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new_page)
		page_cache_release(new_page);
	page_cache_release(old_page);
	return VM_FAULT_MINOR;

no_new_page:
	page_cache_release(old_page);
	return VM_FAULT_OOM;
}

/*
 * We are called with the MM semaphore and page_table_lock
 * spinlock held to protect against concurrent faults in
 * multithreaded programs. 
 */
static int
do_anonymous_page(struct mm_struct *mm, struct vm_area_struct *vma,
		  unsigned long address, int write_access)
{
	unsigned long addr = address & PAGE_MASK;
	struct page *page;
	int flags;

	if (write_access) {
		/* Allocate our own private page. */
		spin_unlock(&mm->page_table_lock);

		page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
		if (!page)
			return VM_FAULT_OOM;

		spin_lock(&mm->page_table_lock);
		if (__user_page_get(mm, addr, &flags)) {
			/* a sibling thread was faster */
			spin_unlock(&mm->page_table_lock);
			page_cache_release(page);
			return VM_FAULT_MINOR;
		}
		mm->rss++;
		mm->anon_rss++;
		set_user_pte(mm, addr, page, 1);
	} else {
		/* Read-only mapping of ZERO_PAGE. */
		page = ZERO_PAGE(addr);
		get_page(page);
		set_user_pte(mm, addr, page, 0);
	}

	spin_unlock(&mm->page_table_lock);
	return VM_FAULT_MINOR;
}

/*
 * do_no_page() tries to create a new page mapping. It aggressively
 * tries to share with existing pages, but makes a separate copy if
 * the "write_access" parameter is true in order to avoid the next
 * page fault.
 *
 * This is where a file mapping's ->nopage runs, with mmap_sem held for
 * read and no other lock of the mm: for GFS2 and OCFS2 that handler takes
 * the file's cluster lock.
 *
 * This is called with the MM semaphore held and the page table
 * spinlock held. Exit with the spinlock released.
 */
static int
do_no_page(struct mm_struct *mm, struct vm_area_struct *vma,
	unsigned long address, int write_access)
{
	unsigned long addr = address & PAGE_MASK;
	struct page * new_page;
	struct address_space *mapping = NULL;
	unsigned int sequence = 0;
	int ret = VM_FAULT_MINOR;
	int anon = 0;
	int flags;

	spin_unlock(&mm->page_table_lock);

	if (vma->vm_file) {
		mapping = vma->vm_file->f_mapping;
		sequence = mapping->truncate_count;
		smp_rmb(); /* serializes i_size against truncate_count */
	}
retry:
	new_page = vma->vm_ops->nopage(vma, addr, &ret);
	/* no page was available -- either SIGBUS or OOM */
	if (new_page == NOPAGE_SIGBUS)
		return VM_FAULT_SIGBUS;
	if (new_page == NOPAGE_OOM)
		return VM_FAULT_OOM;

	/*
	 * Should we do an early C-O-W break?
	 */
	if (write_access && !(vma->vm_flags & VM_SHARED)) {
		struct page *page;

		page = alloc_page(GFP_HIGHUSER);
		if (!page) {
			page_cache_release(new_page);
			return VM_FAULT_OOM;
		}
		copy_user_highpage(page, new_page, address);
		page_cache_release(new_page);
		new_page = page;
		anon = 1;
	}

	spin_lock(&mm->page_table_lock);
	/*
	 * For a file-backed vma, someone could have truncated or otherwise
	 * invalidated this page.  If unmap_mapping_range got called,
	 * retry getting the page.
	 */
	if (mapping && unlikely(sequence != mapping->truncate_count)) {
		sequence = mapping->truncate_count;
		spin_unlock(&mm->page_table_lock);
		page_cache_release(new_page);
		goto retry;
	}

	/*
	 * Only go through if we didn't race with anybody else...
	 *
	 * A write fault leaves us either an exclusive copy of the page or a
	 * shared mapping, so the pte can be writable at once.  A read fault
	 * of a shared writable mapping is writable too (2.6.13 has no
	 * write-notify); a read fault of a private mapping is not, so that
	 * the first write breaks COW.
	 */
	if (!__user_page_get(mm, addr, &flags)) {
		int writable = (vma->vm_flags & VM_WRITE) &&
			       (write_access || (vma->vm_flags & VM_SHARED));

		if (!PageReserved(new_page))
			mm->rss++;
		if (anon)
			mm->anon_rss++;
		set_user_pte(mm, addr, new_page, writable);
	} else {
		/* One of our sibling threads was faster, back out. */
		page_cache_release(new_page);
	}
	spin_unlock(&mm->page_table_lock);
	return ret;
}

/*
 * By the time we get here, we already hold the mm semaphore
 */
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct * vma,
		unsigned long address, int write_access)
{
	struct page *page;
	int flags;

	/*
	 * We need the page table lock to synchronize with kswapd
	 * and the SMP-safe atomic PTE updates.
	 */
	spin_lock(&mm->page_table_lock);
	page = __user_page_get(mm, address, &flags);
	if (!page) {
		/*
		 * If it truly wasn't present, we know that kswapd
		 * and the PTE updates will not touch it later. So
		 * drop the lock.
		 */
		if (!vma->vm_ops || !vma->vm_ops->nopage)
			return do_anonymous_page(mm, vma, address,
						 write_access);
		return do_no_page(mm, vma, address, write_access);
	}

	if (write_access && !(flags & UPTE_WRITE))
		return do_wp_page(mm, vma, address, page);

	/* Somebody else made it present (and writable) meanwhile. */
	spin_unlock(&mm->page_table_lock);
	return VM_FAULT_MINOR;
}

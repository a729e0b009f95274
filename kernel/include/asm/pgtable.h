#ifndef _SIM_PGTABLE_H
#define _SIM_PGTABLE_H

/*
 * User page tables.
 *
 * The simulator plays the MMU: it keeps, per mm_struct, one entry per
 * user virtual page, mapping it to a struct page plus the kernel address
 * of that page's data, with a writable bit and a dirty bit.  C code builds
 * and tears down the entries (mm/memory.c, mm/mmap.c) under
 * mm->page_table_lock, exactly where Linux sets and clears ptes; the
 * simulator only translates.  See BUILTINS.md, "User page tables".
 */
#include <linux/types.h>
#include <asm/page.h>

struct mm_struct;
struct page;

/* bits in the flags returned by __user_page_get()/__user_page_remove() */
#define UPTE_WRITE	0x1	/* the entry allows writes */
#define UPTE_DIRTY	0x2	/* a write went through the entry */
#define UPTE_YOUNG	0x4	/* an access went through the entry */

/*
 * Translate a user address: the kernel address of the byte at @addr if
 * its page is present (and, when @write, writable), else NULL.  A write
 * translation sets the entry's dirty bit, as the MMU does.
 */
void *__user_page_lookup(struct mm_struct *mm, unsigned long addr, int write);

/*
 * Install @page (whose data is at @kaddr) for the page containing @addr.
 * Returns the page that was installed there before, or NULL.
 */
struct page *__user_page_install(struct mm_struct *mm, unsigned long addr,
				 struct page *page, void *kaddr, int writable);

/* The page installed for @addr, or NULL; its UPTE_* flags in *@flags. */
struct page *__user_page_get(struct mm_struct *mm, unsigned long addr,
			     int *flags);

/* Remove the entry for @addr; returns its page (or NULL) and flags. */
struct page *__user_page_remove(struct mm_struct *mm, unsigned long addr,
				int *flags);

#endif /* _SIM_PGTABLE_H */

#ifndef _SIM_PAGE_H
#define _SIM_PAGE_H

/* PAGE_SHIFT determines the page size */
#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE-1))

/* to align the pointer to the (next) page boundary */
#define PAGE_ALIGN(addr)	(((addr)+PAGE_SIZE-1)&PAGE_MASK)

/*
 * The i386 split: user addresses below 3 GiB, kernel memory above.  User
 * addresses are virtual only (they go through the page table builtins);
 * kernel memory handed out by the simulator's allocators lies at or above
 * PAGE_OFFSET, so a kernel dereference of a user pointer is an oops.
 */
#define __PAGE_OFFSET		(0xC0000000UL)
#define PAGE_OFFSET		((unsigned long)__PAGE_OFFSET)

typedef struct { unsigned long pgprot; } pgprot_t;
#define pgprot_val(x)	((x).pgprot)

#endif /* _SIM_PAGE_H */

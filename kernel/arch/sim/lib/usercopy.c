/* 
 * User address space access functions.
 *
 * Where i386 runs "rep movs" and lets the MMU fault, the model walks the
 * user range a page at a time: translate the page through the page table
 * (the simulator is the MMU), and if it is not there -- or is read-only
 * for a write -- take the page fault right here, exactly as the CPU would
 * have trapped into do_page_fault() in the middle of the copy.  The fault
 * runs the VMA's ->nopage under mmap_sem, with every lock the caller holds
 * still held.
 *
 * A fault that cannot be resolved is "fixed up": the copy stops and the
 * number of bytes not copied is returned.
 *
 * The translation and the copy of one page are done under the mm's
 * page_table_lock, so the page cannot be unmapped and freed in between.
 */
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/module.h>
#include <asm/uaccess.h>
#include <asm/pgtable.h>

/* arch/sim/mm/fault.c */
extern int do_page_fault(unsigned long address, unsigned long error_code);

/* i386 page fault error code bits */
#define PF_PROT		1	/* the page was present */
#define PF_WRITE	2	/* the access was a write */

/*
 * Copy @n bytes between kernel memory @kbuf and user address @uaddr,
 * in the direction @write (1: into user memory).  Returns bytes not copied.
 */
static unsigned long sim_copy_user(unsigned long uaddr, char *kbuf,
				   unsigned long n, int write)
{
	struct mm_struct *mm = current->mm;

	while (n) {
		unsigned long chunk = PAGE_SIZE - (uaddr & ~PAGE_MASK);
		struct page *page;
		char *kaddr;
		int flags = 0;

		if (chunk > n)
			chunk = n;
		if (!mm)
			break;

		spin_lock(&mm->page_table_lock);
		kaddr = __user_page_lookup(mm, uaddr, write);
		if (kaddr) {
			if (write)
				memcpy(kaddr, kbuf, chunk);
			else
				memcpy(kbuf, kaddr, chunk);
			page = NULL;
		} else {
			page = __user_page_get(mm, uaddr, &flags);
		}
		spin_unlock(&mm->page_table_lock);

		if (!kaddr) {
			unsigned long error_code = 0;

			if (page)
				error_code |= PF_PROT;
			if (write)
				error_code |= PF_WRITE;
			if (do_page_fault(uaddr, error_code))
				break;		/* the exception table fixup */
			continue;		/* retry the access */
		}
		uaddr += chunk;
		kbuf += chunk;
		n -= chunk;
	}
	return n;
}

unsigned long
__copy_to_user_ll(void __user *to, const void *from, unsigned long n)
{
	return sim_copy_user((unsigned long)to, (char *)from, n, 1);
}
EXPORT_SYMBOL(__copy_to_user_ll);

unsigned long
__copy_from_user_ll(void *to, const void __user *from, unsigned long n)
{
	return sim_copy_user((unsigned long)from, (char *)to, n, 0);
}
EXPORT_SYMBOL(__copy_from_user_ll);

/**
 * copy_to_user: - Copy a block of data into user space.
 * @to:   Destination address, in user space.
 * @from: Source address, in kernel space.
 * @n:    Number of bytes to copy.
 *
 * Context: User context only.  This function may sleep.
 *
 * Copy data from kernel space to user space.
 *
 * Returns number of bytes that could not be copied.
 * On success, this will be zero.
 */
unsigned long
copy_to_user(void __user *to, const void *from, unsigned long n)
{
	might_sleep();
	if (access_ok(VERIFY_WRITE, to, n))
		n = __copy_to_user(to, from, n);
	return n;
}
EXPORT_SYMBOL(copy_to_user);

/**
 * copy_from_user: - Copy a block of data from user space.
 * @to:   Destination address, in kernel space.
 * @from: Source address, in user space.
 * @n:    Number of bytes to copy.
 *
 * Context: User context only.  This function may sleep.
 *
 * Copy data from user space to kernel space.
 *
 * Returns number of bytes that could not be copied.
 * On success, this will be zero.
 *
 * If some data could not be copied, this function will pad the copied
 * data to the requested size using zero bytes.
 */
unsigned long
copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	might_sleep();
	if (access_ok(VERIFY_READ, from, n))
		left = __copy_from_user(to, from, n);
	if (left)
		memset((char *)to + (n - left), 0, left);
	return left;
}
EXPORT_SYMBOL(copy_from_user);

/**
 * strncpy_from_user: - Copy a NUL terminated string from userspace.
 * @dst:   Destination address, in kernel space.  This buffer must be at
 *         least @count bytes long.
 * @src:   Source address, in user space.
 * @count: Maximum number of bytes to copy, including the trailing NUL.
 *
 * Returns the length of the string (not including the trailing NUL), or
 * -EFAULT on access error.  If @count is smaller than the length of the
 * string, copies @count bytes and returns @count.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long res = 0;

	if (!access_ok(VERIFY_READ, src, 1))
		return -EFAULT;
	while (res < count) {
		char c;

		if (__copy_from_user(&c, src + res, 1))
			return -EFAULT;
		dst[res] = c;
		if (!c)
			return res;
		res++;
	}
	return res;
}
EXPORT_SYMBOL(strncpy_from_user);

/**
 * strnlen_user: - Get the size of a string in user space.
 * @s: The string to measure.
 * @n: The maximum valid length
 *
 * Returns the size of the string INCLUDING the terminating NUL.
 * On exception, returns 0.
 * If the string is too long, returns a value greater than @n.
 */
long strnlen_user(const char __user *s, long n)
{
	long res = 0;

	while (res < n) {
		char c;

		if (__copy_from_user(&c, s + res, 1))
			return 0;
		res++;
		if (!c)
			return res;
	}
	return n + 1;
}
EXPORT_SYMBOL(strnlen_user);

/**
 * __clear_user: - Zero a block of memory in user space, with less checking.
 * @to:   Destination address, in user space.
 * @n:    Number of bytes to zero.
 *
 * Zero a block of memory in user space.  Caller must check
 * the specified block with access_ok() before calling this function.
 *
 * Returns number of bytes that could not be cleared.
 * On success, this will be zero.
 */
unsigned long
__clear_user(void __user *to, unsigned long n)
{
	static const char zeroes[64];

	while (n) {
		unsigned long chunk = n > sizeof(zeroes) ? sizeof(zeroes) : n;
		unsigned long left = __copy_to_user(to, zeroes, chunk);

		n -= chunk - left;
		if (left)
			break;
		to = (char __user *)to + chunk;
	}
	return n;
}
EXPORT_SYMBOL(__clear_user);

unsigned long
clear_user(void __user *to, unsigned long n)
{
	might_sleep();
	if (access_ok(VERIFY_WRITE, to, n))
		n = __clear_user(to, n);
	return n;
}
EXPORT_SYMBOL(clear_user);

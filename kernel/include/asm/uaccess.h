#ifndef __SIM_UACCESS_H
#define __SIM_UACCESS_H

/*
 * User space memory access functions
 *
 * All of them are C (arch/sim/lib/usercopy.c): they translate each user
 * page through the page table builtin and, when the page is not there,
 * take the page fault themselves (do_page_fault(), arch/sim/mm/fault.c),
 * which runs the VMA's ->nopage handler under mmap_sem.  A fault that
 * cannot be satisfied ends the copy; the functions return the number of
 * bytes NOT copied, as on i386.
 *
 * There is no KERNEL_DS: set_fs() does not exist in the model, every
 * pointer passed here is a user address.
 */
#include <linux/config.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <asm/page.h>
#include <asm/processor.h>

#define VERIFY_READ 0
#define VERIFY_WRITE 1

/**
 * access_ok: - Checks if a user space pointer is valid
 * @type: Type of access: %VERIFY_READ or %VERIFY_WRITE.
 * @addr: User space pointer to start of block to check
 * @size: Size of block to check
 *
 * Checks if a pointer to a block of memory in user space is valid.
 * Note that, depending on architecture, this function probably just
 * checks that the pointer is in the user space range - after calling
 * this function, memory access functions may still return -EFAULT.
 */
static inline int access_ok(int type, const void __user *addr,
			    unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

/* arch/sim/lib/usercopy.c */
unsigned long __copy_to_user_ll(void __user *to, const void *from,
				unsigned long n);
unsigned long __copy_from_user_ll(void *to, const void __user *from,
				  unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from,
			   unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n);
long strncpy_from_user(char *dst, const char __user *src, long count);
long strnlen_user(const char __user *str, long n);
unsigned long clear_user(void __user *mem, unsigned long len);
unsigned long __clear_user(void __user *mem, unsigned long len);

/**
 * __copy_to_user_inatomic: - Copy a block of data into user space, with less checking.
 *
 * The "inatomic" variants are called with the preempt count raised (inside
 * kmap_atomic()); a page fault then is not handled and the copy stops
 * short, so the caller must be ready to retry the slow way.
 */
static inline unsigned long
__copy_to_user_inatomic(void __user *to, const void *from, unsigned long n)
{
	return __copy_to_user_ll(to, from, n);
}

static inline unsigned long
__copy_to_user(void __user *to, const void *from, unsigned long n)
{
	might_sleep();
	return __copy_to_user_inatomic(to, from, n);
}

static inline unsigned long
__copy_from_user_inatomic(void *to, const void __user *from, unsigned long n)
{
	return __copy_from_user_ll(to, from, n);
}

static inline unsigned long
__copy_from_user(void *to, const void __user *from, unsigned long n)
{
	might_sleep();
	return __copy_from_user_inatomic(to, from, n);
}

/*
 * get_user/put_user without typeof() or statement expressions: the value
 * is moved as raw bytes of size sizeof(*(ptr)), so @x must be an lvalue of
 * that size for __get_user(), and an integer or pointer for __put_user().
 */
static inline int __get_user_fn(void *x, const void __user *ptr,
				unsigned long size)
{
	return __copy_from_user(x, ptr, size) ? -EFAULT : 0;
}

static inline int __put_user_fn(unsigned long long x, void __user *ptr,
				unsigned long size)
{
	u8 b1;
	u16 b2;
	u32 b4;
	u64 b8;
	const void *src;

	switch (size) {
	case 1:
		b1 = (u8)x;
		src = &b1;
		break;
	case 2:
		b2 = (u16)x;
		src = &b2;
		break;
	case 4:
		b4 = (u32)x;
		src = &b4;
		break;
	default:
		b8 = (u64)x;
		src = &b8;
		break;
	}
	return __copy_to_user(ptr, src, size) ? -EFAULT : 0;
}

#define __get_user(x, ptr) \
	__get_user_fn(&(x), (ptr), sizeof(*(ptr)))
#define __put_user(x, ptr) \
	__put_user_fn((unsigned long long)(x), (ptr), sizeof(*(ptr)))
#define get_user(x, ptr) \
	(access_ok(VERIFY_READ, (ptr), sizeof(*(ptr))) ? \
	 __get_user(x, ptr) : -EFAULT)
#define put_user(x, ptr) \
	(access_ok(VERIFY_WRITE, (ptr), sizeof(*(ptr))) ? \
	 __put_user(x, ptr) : -EFAULT)

#endif /* __SIM_UACCESS_H */

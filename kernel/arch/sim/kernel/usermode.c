/*
 * linux/arch/sim/kernel/usermode.c
 *
 * User-mode memory accesses of a scenario's tasks ("touch", "memcpy" and
 * the checks of a read's result): what the CPU does for user code.  Each
 * page is translated through the page table; a miss is a user-mode page
 * fault (do_page_fault() with the user bit), which may run a ->nopage
 * handler and take cluster locks like any fault.  An access the fault
 * handler cannot satisfy kills the process in a real kernel; here it
 * stops the access and the signal number is returned for the simulator to
 * report.  These take no kernel lock of their own beyond the page table
 * lock around each page's copy.
 *
 * Returns of all: 0, or SIGSEGV/SIGBUS with *@done (if not NULL) the bytes
 * accessed before the fault.
 */

#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/pgtable.h>
#include <asm/signal.h>

extern int do_page_fault(unsigned long address, unsigned long error_code);

#define PF_PROT		1
#define PF_WRITE	2
#define PF_USER		4

/*
 * The kernel address of user byte @uaddr for an access of kind @write,
 * faulting it in as needed; NULL with *@sig set if that fails.  On
 * success the caller holds mm->page_table_lock.
 */
static void *user_translate(struct mm_struct *mm, unsigned long uaddr,
			    int write, int *sig)
{
	for (;;) {
		struct page *page;
		void *kaddr;
		int flags = 0;
		unsigned long error_code = PF_USER;

		spin_lock(&mm->page_table_lock);
		kaddr = __user_page_lookup(mm, uaddr, write);
		if (kaddr)
			return kaddr;
		page = __user_page_get(mm, uaddr, &flags);
		spin_unlock(&mm->page_table_lock);

		if (page)
			error_code |= PF_PROT;
		if (write)
			error_code |= PF_WRITE;
		*sig = do_page_fault(uaddr, error_code);
		if (*sig)
			return NULL;
	}
}

static int user_access(unsigned long uaddr, char *kbuf, int c,
		       unsigned long len, int write, unsigned long *done)
{
	struct mm_struct *mm = current->mm;
	unsigned long n = 0;
	int sig = SIGSEGV;

	if (!mm)
		goto out;

	while (n < len) {
		unsigned long chunk = PAGE_SIZE - (uaddr & ~PAGE_MASK);
		char *kaddr;

		if (chunk > len - n)
			chunk = len - n;
		kaddr = user_translate(mm, uaddr, write, &sig);
		if (!kaddr)
			goto out;
		if (!write)
			memcpy(kbuf + n, kaddr, chunk);
		else if (kbuf)
			memcpy(kaddr, kbuf + n, chunk);
		else
			memset(kaddr, c, chunk);
		spin_unlock(&mm->page_table_lock);

		uaddr += chunk;
		n += chunk;
	}
	sig = 0;
out:
	if (done)
		*done = n;
	return sig;
}

/* user code stores @len bytes from kernel memory @kbuf at @uaddr */
int sim_user_write(unsigned long uaddr, const void *kbuf, unsigned long len,
		   unsigned long *done)
{
	return user_access(uaddr, (char *)kbuf, 0, len, 1, done);
}

/* user code loads @len bytes at @uaddr (into kernel memory @kbuf) */
int sim_user_read(void *kbuf, unsigned long uaddr, unsigned long len,
		  unsigned long *done)
{
	return user_access(uaddr, kbuf, 0, len, 0, done);
}

/* user code fills @len bytes at @uaddr with @c (memset) */
int sim_user_fill(unsigned long uaddr, int c, unsigned long len,
		  unsigned long *done)
{
	return user_access(uaddr, NULL, c, len, 1, done);
}

/*
 * user code copies @len bytes from @src to @dst (memcpy), a page piece at
 * a time: load the piece, then store it.
 */
int sim_user_copy(unsigned long dst, unsigned long src, unsigned long len,
		  unsigned long *done)
{
	char buf[64];
	unsigned long n = 0;
	int sig = 0;

	while (n < len) {
		unsigned long chunk = len - n;
		unsigned long part;

		if (chunk > sizeof(buf))
			chunk = sizeof(buf);
		sig = sim_user_read(buf, src + n, chunk, &part);
		if (sig)
			break;
		sig = sim_user_write(dst + n, buf, chunk, &part);
		if (sig) {
			n += part;
			break;
		}
		n += chunk;
	}
	if (done)
		*done = n;
	return sig;
}

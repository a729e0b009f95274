/*
 *  linux/arch/sim/mm/fault.c
 *
 *  The page fault handler, as on i386.  It is entered from the user copy
 *  routines (kernel-mode faults, arch/sim/lib/usercopy.c), from the user
 *  mode helpers (arch/sim/kernel/usermode.c), or by the simulator itself
 *  when it runs a user-mode access of a scenario (ENTRY.md).
 */

#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/mman.h>
#include <linux/mm.h>
#include <linux/hardirq.h>
#include <linux/module.h>

#include <asm/uaccess.h>
#include <asm/signal.h>

/*
 * This routine handles page faults.  It determines the address,
 * and the problem, and then passes it off to one of the appropriate
 * routines.
 *
 * error_code:
 *	bit 0 == 0 means no page found, 1 means protection fault
 *	bit 1 == 0 means read, 1 means write
 *	bit 2 == 0 means kernel, 1 means user-mode
 *
 * Returns 0 when the fault was resolved and the access can be retried.
 * Otherwise returns the signal a user-mode access would be killed with
 * (SIGSEGV or SIGBUS); for a kernel-mode access any non-zero return means
 * "no page": the caller takes its exception-table fixup and fails the copy.
 */
int do_page_fault(unsigned long address, unsigned long error_code)
{
	struct task_struct *tsk;
	struct mm_struct *mm;
	struct vm_area_struct * vma;
	int write;

	tsk = current;
	mm = tsk->mm;

	/*
	 * If we're in an interrupt, have no user context or are running in an
	 * atomic region then we must not take the fault..
	 */
	if (in_atomic() || !mm)
		goto bad_area_nosemaphore;

	down_read(&mm->mmap_sem);

	vma = find_vma(mm, address);
	if (!vma)
		goto bad_area;
	if (vma->vm_start <= address)
		goto good_area;
	/* the model's processes have no stack to grow */
	goto bad_area;

/*
 * Ok, we have a good vm_area for this memory access, so
 * we can handle it..
 */
good_area:
	write = 0;
	switch (error_code & 3) {
		default:	/* 3: write, present */
			/* fall through */
		case 2:		/* write, not present */
			if (!(vma->vm_flags & VM_WRITE))
				goto bad_area;
			write++;
			break;
		case 1:		/* read, present */
			goto bad_area;
		case 0:		/* read, not present */
			if (!(vma->vm_flags & (VM_READ | VM_EXEC)))
				goto bad_area;
	}

	/*
	 * If for any reason at all we couldn't handle the fault,
	 * make sure we exit gracefully rather than endlessly redo
	 * the fault.
	 */
	switch (handle_mm_fault(mm, vma, address, write)) {
		case VM_FAULT_MINOR:
			tsk->min_flt++;
			break;
		case VM_FAULT_MAJOR:
			tsk->maj_flt++;
			break;
		case VM_FAULT_SIGBUS:
			goto do_sigbus;
		case VM_FAULT_OOM:
			goto out_of_memory;
		default:
			BUG();
	}

	up_read(&mm->mmap_sem);
	return 0;

/*
 * Something tried to access memory that isn't in our memory map..
 * Fix it, but check if it's kernel or user first..
 */
bad_area:
	up_read(&mm->mmap_sem);

bad_area_nosemaphore:
	if (error_code & 4)
		printk(KERN_INFO "%s[%d]: segfault at %08lx error %lx\n",
		       tsk->comm, tsk->pid, address, error_code);
	return SIGSEGV;

/*
 * We ran out of memory, or some other thing happened to us that made
 * us unable to handle the page fault gracefully.
 */
out_of_memory:
	up_read(&mm->mmap_sem);
	printk(KERN_ERR "VM: out of memory in fault of %s[%d]\n",
	       tsk->comm, tsk->pid);
	return SIGBUS;

do_sigbus:
	up_read(&mm->mmap_sem);
	return SIGBUS;
}

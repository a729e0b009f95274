/*
 * linux/arch/sim/kernel/sys_sim.c
 *
 * This file contains the system calls of the "sim" architecture that are
 * not generic, and the simulator's conveniences around them (ENTRY.md).
 */

#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/syscalls.h>
#include <linux/module.h>

#include <asm/uaccess.h>

/* common code for old and new mmaps */
static inline long do_mmap2(
	unsigned long addr, unsigned long len,
	unsigned long prot, unsigned long flags,
	unsigned long fd, unsigned long pgoff)
{
	int error = -EBADF;
	struct file * file = NULL;
	struct mm_struct *mm = current->mm;

	if (!mm)
		return -EINVAL;

	flags &= ~(MAP_EXECUTABLE | MAP_DENYWRITE);
	if (!(flags & MAP_ANONYMOUS)) {
		file = fget(fd);
		if (!file)
			goto out;
	}

	down_write(&mm->mmap_sem);
	error = do_mmap_pgoff(file, addr, len, prot, flags, pgoff);
	up_write(&mm->mmap_sem);

	if (file)
		fput(file);
out:
	return error;
}

asmlinkage long sys_mmap2(unsigned long addr, unsigned long len,
	unsigned long prot, unsigned long flags,
	unsigned long fd, unsigned long pgoff)
{
	return do_mmap2(addr, len, prot, flags, fd, pgoff);
}

/*
 * mmap(2) with a byte offset, as on x86_64.  Returns the address, or a
 * -errno (a value in the last page of the address space).
 */
asmlinkage long sys_mmap(unsigned long addr, unsigned long len,
	unsigned long prot, unsigned long flags,
	unsigned long fd, unsigned long off)
{
	if (off & ~PAGE_MASK)
		return -EINVAL;
	return do_mmap2(addr, len, prot, flags, fd, off >> PAGE_SHIFT);
}

/**
 * sim_open - open(2) with a kernel-space path
 * @path: "/<mount point>/<name>" in kernel memory
 * @flags: O_RDONLY, O_WRONLY or O_RDWR, with O_APPEND, O_LARGEFILE...
 * @mode: unused (files cannot be created)
 *
 * Returns: a file descriptor of the current process, or -errno.
 */
long sim_open(const char *path, int flags, int mode)
{
	if (force_o_largefile())
		flags |= O_LARGEFILE;
	return do_sys_open_kernel(path, flags, mode);
}

/**
 * sim_user_alloc - what malloc() does for a large buffer
 * @len: bytes
 *
 * An anonymous private read-write mapping.  Nothing is mapped in yet:
 * the first touch of each page faults.
 *
 * Returns: the user address, or -errno.
 */
long sim_user_alloc(unsigned long len)
{
	return sys_mmap(0, len, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/**
 * sim_user_free - what free() does for it
 */
long sim_user_free(unsigned long addr, unsigned long len)
{
	return sys_munmap(addr, len);
}

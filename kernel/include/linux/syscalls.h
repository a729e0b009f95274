/*
 * syscalls.h - Linux syscall interfaces (non-arch-specific)
 *
 * Only the system calls of the model; ENTRY.md says how the simulator
 * calls them.
 */

#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/config.h>
#include <linux/types.h>
#include <linux/linkage.h>


asmlinkage long sys_open(const char __user *filename,
				int flags, int mode);
asmlinkage long sys_close(unsigned int fd);
asmlinkage off_t sys_lseek(unsigned int fd, off_t offset,
			  unsigned int origin);
asmlinkage long sys_llseek(unsigned int fd, unsigned long offset_high,
			unsigned long offset_low, loff_t __user *result,
			unsigned int origin);
asmlinkage ssize_t sys_read(unsigned int fd, char __user *buf,
				size_t count);
asmlinkage ssize_t sys_write(unsigned int fd, const char __user *buf,
				size_t count);
asmlinkage ssize_t sys_pread64(unsigned int fd, char __user *buf,
				size_t count, loff_t pos);
asmlinkage ssize_t sys_pwrite64(unsigned int fd, const char __user *buf,
				size_t count, loff_t pos);

asmlinkage long sys_munmap(unsigned long addr, size_t len);
asmlinkage long sys_mmap(unsigned long addr, unsigned long len,
			 unsigned long prot, unsigned long flags,
			 unsigned long fd, unsigned long off);
asmlinkage long sys_mmap2(unsigned long addr, unsigned long len,
			  unsigned long prot, unsigned long flags,
			  unsigned long fd, unsigned long pgoff);

#endif

#ifndef _ASM_SIM_UNISTD_H_
#define _ASM_SIM_UNISTD_H_

/*
 * This file contains the system call numbers (the i386 ones).  The model
 * has no system call table: the simulator calls the sys_* functions
 * directly, as listed in ENTRY.md.
 */

#define __NR_restart_syscall      0
#define __NR_exit		  1
#define __NR_fork		  2
#define __NR_read		  3
#define __NR_write		  4
#define __NR_open		  5
#define __NR_close		  6
#define __NR_lseek		 19
#define __NR_munmap		 91
#define __NR_mmap2		192
#define __NR_pread64		180
#define __NR_pwrite64		181

#define NR_syscalls 289

#endif /* _ASM_SIM_UNISTD_H_ */

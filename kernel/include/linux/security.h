/*
 * Linux Security plug
 *
 * The model is built without CONFIG_SECURITY: the hooks allow everything,
 * as the dummy security module does.
 */

#ifndef __LINUX_SECURITY_H
#define __LINUX_SECURITY_H

#include <linux/fs.h>
#include <linux/sched.h>

struct file;
struct vm_area_struct;

static inline int security_file_permission (struct file *file, int mask)
{
	return 0;
}

static inline int security_file_mmap (struct file *file, unsigned long reqprot,
				      unsigned long prot,
				      unsigned long flags)
{
	return 0;
}

static inline int security_file_alloc (struct file *file)
{
	return 0;
}

static inline void security_file_free (struct file *file)
{ }

#endif /* ! __LINUX_SECURITY_H */

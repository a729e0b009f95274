/*
 * fs/gfs2/main.c
 */

#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/buffer_head.h>
#include <linux/module.h>
#include <linux/init.h>
#include <asm/semaphore.h>

#include "gfs2.h"

extern struct file_system_type gfs2_fs_type;

/**
 * init_gfs2_fs - Register GFS2 as a filesystem
 *
 * Returns: 0 on success, error code on failure
 */

int __init init_gfs2_fs(void)
{
	int error;

	error = register_filesystem(&gfs2_fs_type);
	if (error)
		return error;

	printk(KERN_INFO "GFS2 (built for iolock-sim) installed\n");

	return 0;
}

module_init(init_gfs2_fs);

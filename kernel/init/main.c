/*
 *  linux/init/main.c
 *
 *  Booting a node of the simulator.  start_kernel() runs as the node's
 *  init_task and, unlike Linux's, returns when the node is up: the
 *  simulator then runs the node's other setup entry points and tasks
 *  (ENTRY.md).
 */

#include <linux/config.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/module.h>

extern void mem_init(void);

extern int init_dlm(void);
extern int init_ext2_fs(void);
extern int init_gfs2_fs(void);
extern int init_ocfs2_fs(void);

/*
 * The initcalls of the configured subsystems, in link order.  Linux
 * collects these from a linker section; the model lists them here.
 */
static initcall_t initcalls[] = {
#ifdef CONFIG_DLM
	init_dlm,
#endif
#ifdef CONFIG_EXT2_FS
	init_ext2_fs,
#endif
#ifdef CONFIG_GFS2_FS
	init_gfs2_fs,
#endif
#ifdef CONFIG_OCFS2_FS
	init_ocfs2_fs,
#endif
	NULL,
};

static void __init do_initcalls(void)
{
	initcall_t *call;

	for (call = initcalls; *call; call++) {
		int result = (*call)();

		if (result)
			printk(KERN_ERR "initcall at %p returned error %d\n",
			       *call, result);
	}
}

/**
 * start_kernel - boot this node
 *
 * Returns: 0 (the node is up).
 */
asmlinkage int __init start_kernel(void)
{
	printk(KERN_NOTICE "Linux version 2.6.13-iolocksim (model kernel)\n");
	mem_init();
	vfs_caches_init(0);
	do_initcalls();
	return 0;
}

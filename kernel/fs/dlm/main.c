/*
 * fs/dlm/main.c
 */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/init.h>

extern int dlm_astd_start(void);

int __init init_dlm(void)
{
	int error;

	error = dlm_astd_start();
	if (error)
		return error;

	printk(KERN_INFO "DLM (built for iolock-sim) installed\n");
	return 0;
}

module_init(init_dlm);

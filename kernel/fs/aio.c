/*
 *	An async IO implementation for Linux
 *
 *	The model has no asynchronous I/O: every kiocb is a synchronous one
 *	on the stack, and nothing ever returns -EIOCBQUEUED.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/aio.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/module.h>

ssize_t fastcall wait_on_sync_kiocb(struct kiocb *iocb)
{
	/* nothing can be queued in the model */
	BUG();
	return 0;
}
EXPORT_SYMBOL(wait_on_sync_kiocb);

#ifndef __LINUX__AIO_H
#define __LINUX__AIO_H

#include <linux/list.h>
#include <asm/atomic.h>

struct kioctx;
struct file;
struct task_struct;

#define KIOCB_SYNC_KEY		(~0U)

/*
 * The model only has synchronous kiocbs (do_sync_read/do_sync_write and
 * the generic file routines build one on the stack).
 */
struct kiocb {
	long			ki_flags;
	int			ki_users;
	unsigned		ki_key;		/* id of this request */

	struct file		*ki_filp;
	struct kioctx		*ki_ctx;	/* may be NULL for sync ops */
	ssize_t			(*ki_retry)(struct kiocb *);

	union {
		void __user		*user;
		struct task_struct	*tsk;
	} ki_obj;
	__u64			ki_user_data;	/* user's data for completion */
	loff_t			ki_pos;
};

#define is_sync_kiocb(iocb)	((iocb)->ki_key == KIOCB_SYNC_KEY)
#define init_sync_kiocb(x, filp)			\
	do {						\
		struct task_struct *tsk = current;	\
		(x)->ki_flags = 0;			\
		(x)->ki_users = 1;			\
		(x)->ki_key = KIOCB_SYNC_KEY;		\
		(x)->ki_filp = (filp);			\
		(x)->ki_ctx = NULL;			\
		(x)->ki_retry = NULL;			\
		(x)->ki_obj.tsk = tsk;			\
		(x)->ki_user_data = 0;			\
		(x)->ki_pos = 0;			\
	} while (0)

extern ssize_t FASTCALL(wait_on_sync_kiocb(struct kiocb *iocb));

#endif /* __LINUX__AIO_H */

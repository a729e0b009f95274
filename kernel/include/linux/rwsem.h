/* rwsem.h: R/W semaphores, public interface
 *
 * Builtins of the simulator (BUILTINS.md, "Locks"), with the semantics of
 * lib/rwsem-spinlock.c in 2.6.13: strictly FIFO.  A reader is granted the
 * semaphore at once only when no writer holds it AND nobody is queued, so a
 * down_read() queues behind a waiting down_write() even while other readers
 * hold the semaphore.  This fairness is what turns "glock, then fault, then
 * mmap_sem for read" against "mmap_sem for write, then glock" into a
 * deadlock, as on a real kernel.
 */

#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/linkage.h>
#include <linux/types.h>
#include <linux/kernel.h>

struct rw_semaphore {
	long activity;		/* owned by the simulator */
	const char *name;	/* lock class for the validator */
};

#define __RWSEM_INITIALIZER(name)	{ 0, #name }

#define DECLARE_RWSEM(name) \
	struct rw_semaphore name = __RWSEM_INITIALIZER(name)

void __init_rwsem(struct rw_semaphore *sem, const char *name);
#define init_rwsem(sem)		__init_rwsem((sem), #sem)

/*
 * lock for reading
 */
void down_read(struct rw_semaphore *sem);

/*
 * trylock for reading -- returns 1 if successful, 0 if contention
 */
int down_read_trylock(struct rw_semaphore *sem);

/*
 * lock for writing
 */
void down_write(struct rw_semaphore *sem);

/*
 * trylock for writing -- returns 1 if successful, 0 if contention
 */
int down_write_trylock(struct rw_semaphore *sem);

/*
 * release a read lock
 */
void up_read(struct rw_semaphore *sem);

/*
 * release a write lock
 */
void up_write(struct rw_semaphore *sem);

/*
 * downgrade write lock to read lock
 */
void downgrade_write(struct rw_semaphore *sem);

#endif /* _LINUX_RWSEM_H */

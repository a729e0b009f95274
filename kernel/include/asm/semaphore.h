#ifndef _SIM_SEMAPHORE_H
#define _SIM_SEMAPHORE_H

/*
 * Counting semaphores (inode->i_sem is one in 2.6.13).  Builtins of the
 * simulator (BUILTINS.md, "Locks"): down() sleeps in FIFO order, up() wakes
 * the first sleeper.  The fields are initial values only; the simulator
 * keeps the live count.
 */
#include <linux/linkage.h>
#include <linux/rwsem.h>

struct semaphore {
	int count;		/* initial count; then owned by the simulator */
	const char *name;	/* lock class for the validator */
};

#define __SEMAPHORE_INITIALIZER(name, n)	{ (n), #name }

#define __MUTEX_INITIALIZER(name) \
	__SEMAPHORE_INITIALIZER(name,1)

#define __DECLARE_SEMAPHORE_GENERIC(name,count) \
	struct semaphore name = __SEMAPHORE_INITIALIZER(name,count)

#define DECLARE_MUTEX(name) __DECLARE_SEMAPHORE_GENERIC(name,1)
#define DECLARE_MUTEX_LOCKED(name) __DECLARE_SEMAPHORE_GENERIC(name,0)

void __sema_init(struct semaphore *sem, int val, const char *name);

#define sema_init(sem, val)		__sema_init((sem), (val), #sem)
#define init_MUTEX(sem)			__sema_init((sem), 1, #sem)
#define init_MUTEX_LOCKED(sem)		__sema_init((sem), 0, #sem)

void down(struct semaphore *sem);
int down_interruptible(struct semaphore *sem);
/* returns 0 when the semaphore was taken, 1 when it was not (as in Linux) */
int down_trylock(struct semaphore *sem);
void up(struct semaphore *sem);

#endif

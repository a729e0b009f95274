#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

/*
 * Spinlocks are simulator builtins (BUILTINS.md, "Locks").  The simulator
 * tracks the owner, reports a spin on a lock the task already holds,
 * sleeping while a spinlock is held, and lock-order inversions by class.
 *
 * The struct is real C so that it can be embedded anywhere; the builtin
 * keeps the live state in its own table keyed by the lock's address and
 * initialises it lazily from these fields, so statically initialised
 * locks need no init call.  C code must not touch the fields.
 */
#include <linux/config.h>
#include <linux/linkage.h>
#include <linux/compiler.h>

typedef struct {
	int slock;		/* owned by the simulator */
	const char *name;	/* lock class for the validator */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname)	{ 0, #lockname }
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

void __spin_lock_init(spinlock_t *lock, const char *name);
#define spin_lock_init(lock)	__spin_lock_init((lock), #lock)

void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
int spin_trylock(spinlock_t *lock);
int spin_is_locked(spinlock_t *lock);

/* No interrupts in the model: the irq variants are the plain ones. */
#define spin_lock_irq(lock)		spin_lock(lock)
#define spin_unlock_irq(lock)		spin_unlock(lock)
#define spin_lock_bh(lock)		spin_lock(lock)
#define spin_unlock_bh(lock)		spin_unlock(lock)
#define spin_lock_irqsave(lock, flags) \
	do { (flags) = 0; spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags) \
	do { (void)(flags); spin_unlock(lock); } while (0)

#define assert_spin_locked(lock)	BUG_ON(!spin_is_locked(lock))

#endif /* __LINUX_SPINLOCK_H */

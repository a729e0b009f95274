#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H

/*
 * Lock annotations for locks that are written in C (GFS2 glocks, OCFS2
 * cluster locks, page locks), so that the simulator's deadlock and
 * lock-order checkers see them as they see the builtin locks.
 *
 * 2.6.13 has no lockdep; these are modelled on the 2.6.18 lockdep hooks
 * and the 2.6.25 lockstat hooks, with fewer arguments.  They are builtins
 * with no effect on execution: see BUILTINS.md, "Lock annotations".
 */

struct lockdep_map {
	const char *name;	/* this lock, e.g. "glock 2/17" */
	const char *class_name;	/* its class, e.g. "gfs2_glock(inode)" */
};

void lockdep_init_map(struct lockdep_map *lock, const char *name,
		      const char *class_name);

/*
 * @read: 0 = exclusive, 1 = shared.  Called when the lock is granted (after
 * any wait), so that the lock-order checker records held -> this edges.
 */
void lock_acquire(struct lockdep_map *lock, int subclass, int trylock,
		  int read);
/* the current task no longer holds @lock */
void lock_release(struct lockdep_map *lock);
/* the current task starts waiting for @lock in mode @read */
void lock_contended(struct lockdep_map *lock, int read);
/* the wait begun by lock_contended() is over, granted or not */
void lock_acquired(struct lockdep_map *lock);

#endif /* __LINUX_LOCKDEP_H */

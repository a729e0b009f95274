#ifndef __ARCH_SIM_ATOMIC__
#define __ARCH_SIM_ATOMIC__

#include <linux/compiler.h>

/*
 * Atomic operations as plain C.  Same argument as asm/bitops.h: a task is
 * never preempted between two statements, only at sync points (calls into
 * simulator builtins), so a read-modify-write of an int is atomic.
 */
typedef struct { int counter; } atomic_t;

#define ATOMIC_INIT(i)	{ (i) }

#define atomic_read(v)		((v)->counter)
#define atomic_set(v,i)		(((v)->counter) = (i))

static inline void atomic_add(int i, atomic_t *v)
{
	v->counter += i;
}

static inline void atomic_sub(int i, atomic_t *v)
{
	v->counter -= i;
}

static inline void atomic_inc(atomic_t *v)
{
	v->counter++;
}

static inline void atomic_dec(atomic_t *v)
{
	v->counter--;
}

static inline int atomic_sub_and_test(int i, atomic_t *v)
{
	v->counter -= i;
	return v->counter == 0;
}

static inline int atomic_dec_and_test(atomic_t *v)
{
	return --v->counter == 0;
}

static inline int atomic_inc_and_test(atomic_t *v)
{
	return ++v->counter == 0;
}

static inline int atomic_add_return(int i, atomic_t *v)
{
	v->counter += i;
	return v->counter;
}

static inline int atomic_sub_return(int i, atomic_t *v)
{
	v->counter -= i;
	return v->counter;
}

#define atomic_inc_return(v)  (atomic_add_return(1,v))
#define atomic_dec_return(v)  (atomic_sub_return(1,v))

#define smp_mb__before_atomic_dec()	barrier()
#define smp_mb__after_atomic_dec()	barrier()
#define smp_mb__before_atomic_inc()	barrier()
#define smp_mb__after_atomic_inc()	barrier()

#define smp_mb()	barrier()
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()

#endif

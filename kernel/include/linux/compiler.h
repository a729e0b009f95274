#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H

/*
 * The model kernel is run by the iolock-sim C interpreter, which has no
 * address spaces for sparse, no attributes and no branch hints.  All of
 * these annotations are defined away here, so that kernel code keeps its
 * usual look and the preprocessor keeps every line and column in place.
 */
#define __user
#define __kernel
#define __iomem
#define __force
#define __nocast
#define __safe
#define __bitwise
#define __acquires(x)
#define __releases(x)
#define __acquire(x)	(void)0
#define __release(x)	(void)0
#define __cond_lock(x)	(x)

#define __must_check
#define __deprecated
#define __attribute_used__
#define __attribute_pure__
#define __attribute_const__
#define __always_inline		inline
#define noinline
#define __init
#define __exit
#define __initdata
#define __exitdata
#define __read_mostly
#define __cacheline_aligned
#define ____cacheline_aligned
#define __cacheline_aligned_in_smp
#define fastcall
#define asmlinkage
#define __attribute__(x)

/* No branch prediction in an interpreter: keep the expression, drop the hint. */
#define likely(x)	(x)
#define unlikely(x)	(x)

/* Every statement is a sequence point for the simulator: no reordering. */
#define barrier()	do { } while (0)

#endif /* __LINUX_COMPILER_H */

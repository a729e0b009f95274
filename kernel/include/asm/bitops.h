#ifndef _ASM_SIM_BITOPS_H
#define _ASM_SIM_BITOPS_H

#include <linux/compiler.h>

/*
 * Bit operations on arrays of unsigned long, written in C.
 *
 * The real i386 versions are single locked instructions.  In the simulator
 * a task can only lose the CPU at a sync point (a call into a builtin: lock,
 * unlock, sleep, allocation, disk or DLM access), never in the middle of a
 * C statement sequence, so these plain read-modify-write functions are as
 * atomic as the originals.  See docs/model-kernel.md, "Atomicity".
 */
#define __BITOPS_WORD(nr)	((nr) / (8 * sizeof(unsigned long)))
#define __BITOPS_MASK(nr)	(1UL << ((nr) % (8 * sizeof(unsigned long))))

static inline void set_bit(int nr, unsigned long *addr)
{
	addr[__BITOPS_WORD(nr)] |= __BITOPS_MASK(nr);
}

static inline void clear_bit(int nr, unsigned long *addr)
{
	addr[__BITOPS_WORD(nr)] &= ~__BITOPS_MASK(nr);
}

static inline void change_bit(int nr, unsigned long *addr)
{
	addr[__BITOPS_WORD(nr)] ^= __BITOPS_MASK(nr);
}

static inline int test_bit(int nr, const unsigned long *addr)
{
	return (addr[__BITOPS_WORD(nr)] & __BITOPS_MASK(nr)) != 0;
}

static inline int test_and_set_bit(int nr, unsigned long *addr)
{
	int old = test_bit(nr, addr);

	set_bit(nr, addr);
	return old;
}

static inline int test_and_clear_bit(int nr, unsigned long *addr)
{
	int old = test_bit(nr, addr);

	clear_bit(nr, addr);
	return old;
}

static inline int test_and_change_bit(int nr, unsigned long *addr)
{
	int old = test_bit(nr, addr);

	change_bit(nr, addr);
	return old;
}

#define __set_bit(nr, addr)		set_bit(nr, addr)
#define __clear_bit(nr, addr)		clear_bit(nr, addr)
#define __test_and_set_bit(nr, addr)	test_and_set_bit(nr, addr)
#define __test_and_clear_bit(nr, addr)	test_and_clear_bit(nr, addr)

#define smp_mb__before_clear_bit()	barrier()
#define smp_mb__after_clear_bit()	barrier()

#endif /* _ASM_SIM_BITOPS_H */

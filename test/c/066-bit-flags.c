/* bit flags in unsigned long, kernel-style helpers for set/clear/test. */
#include <stdio.h>

#define BITS_PER_LONG 64
#define BIT(nr) (1UL << (nr))
#define BIT_MASK(nr) (1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr) ((nr) / BITS_PER_LONG)
#define GENMASK(h, l) (((~0UL) << (l)) & (~0UL >> (BITS_PER_LONG - 1 - (h))))

enum {
	I_DIRTY = 0,
	I_NEW = 1,
	I_FREEING = 2,
	I_LOCKED = 5,
	I_SYNC = 63,
};

static inline void set_bit(int nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void clear_bit(int nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline int test_bit(int nr, const unsigned long *addr)
{
	return (addr[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1;
}

static inline int test_and_set_bit(int nr, unsigned long *addr)
{
	int old = test_bit(nr, addr);
	set_bit(nr, addr);
	return old;
}

static int hweight_long(unsigned long w)
{
	int n = 0;
	for (; w; w >>= 1)
		n += (int)(w & 1);
	return n;
}

static int find_first_bit(const unsigned long *addr, int size)
{
	int i;
	for (i = 0; i < size; i++)
		if (test_bit(i, addr))
			return i;
	return size;
}

int main(void)
{
	unsigned long state = 0;
	set_bit(I_NEW, &state);
	set_bit(I_LOCKED, &state);
	set_bit(I_SYNC, &state);
	printf("state=%#lx weight=%d\n", state, hweight_long(state));
	printf("new=%d dirty=%d sync=%d\n", test_bit(I_NEW, &state), test_bit(I_DIRTY, &state), test_bit(I_SYNC, &state));
	int was = test_and_set_bit(I_DIRTY, &state);
	int again = test_and_set_bit(I_DIRTY, &state);
	printf("test_and_set(DIRTY)=%d again=%d\n", was, again);
	clear_bit(I_NEW, &state);
	printf("after clear: %#lx first=%d\n", state, find_first_bit(&state, 64));

	unsigned long bitmap[3] = { 0, 0, 0 };
	set_bit(70, bitmap);
	set_bit(130, bitmap);
	set_bit(3, bitmap);
	printf("bitmap: %#lx %#lx %#lx first=%d\n", bitmap[0], bitmap[1], bitmap[2], find_first_bit(bitmap, 192));
	clear_bit(3, bitmap);
	printf("first after clear=%d\n", find_first_bit(bitmap, 192));

	printf("GENMASK(7,4)=%#lx GENMASK(63,60)=%#lx GENMASK(63,0)=%#lx\n", GENMASK(7, 4), GENMASK(63, 60), GENMASK(63, 0));
	unsigned long flags = BIT(0) | BIT(3) | BIT(I_FREEING);
	flags &= ~BIT(3);
	flags ^= BIT(10);
	printf("flags=%lu %s\n", flags, (flags & BIT(I_FREEING)) ? "freeing" : "live");
	unsigned int mode = 0100755;
	printf("mode perms=%o type=%o exec=%d\n", mode & 0777, mode & 0170000, !!(mode & 0111));
	return 0;
}

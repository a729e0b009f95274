/* static inline helpers, as in kernel headers. */
#include <stdio.h>

static inline int min_int(int a, int b)
{
	return a < b ? a : b;
}

static inline unsigned long round_up(unsigned long x, unsigned long align)
{
	return (x + align - 1) & ~(align - 1);
}

static inline int is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

static inline unsigned ilog2(unsigned long n)
{
	unsigned r = 0;
	while (n >>= 1)
		r++;
	return r;
}

/* an unused static inline function is not an error */
static inline int unused_helper(void)
{
	return 0;
}

int main(void)
{
	printf("min=%d %d\n", min_int(3, -4), min_int(10, 10));
	printf("round_up: %lu %lu %lu\n", round_up(1, 8), round_up(8, 8), round_up(4097, 4096));
	unsigned long vals[] = { 0, 1, 2, 3, 64, 100, 4096 };
	int i;
	for (i = 0; i < 7; i++)
		printf("%lu: pow2=%d log2=%u\n", vals[i], is_power_of_2(vals[i]), ilog2(vals[i]));
	return 0;
}

/* The interpreter benchmark: unsigned long arithmetic, struct fields through a pointer and one small call per
 * iteration, the mix a kernel read path has (sizes, offsets, masks and counters, all below 2^53).
 * Iterations come from argv so startup can be subtracted. */
#include <stdio.h>
#include <stdlib.h>

struct acc {
	unsigned long sum;
	unsigned long mix;
	int count;
};

static unsigned long step(unsigned long x, int i)
{
	return x * 31UL + (unsigned long)i;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	struct acc a = { 0, 1, 0 };
	struct acc *p = &a;
	long i;

	for (i = 0; i < n; i++) {
		p->mix = step(p->mix, (int)i) & 0xffffffffUL;
		p->sum += p->mix >> 3;
		p->count++;
	}
	printf("%lu %lu %d\n", p->sum, p->mix, p->count);
	return 0;
}

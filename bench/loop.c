/* The interpreter benchmark: unsigned long arithmetic, struct fields through a pointer and one small call per
 * iteration, the mix a kernel read path has. Iterations come from argv[1] so startup can be subtracted.
 * With the multiplier 31 every value stays below 2^53 (sizes, offsets, masks, counters); with "hash" as
 * argv[2] it is 2654435761, so the products exceed 2^53 and take the interpreter's bigint path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct acc {
	unsigned long sum;
	unsigned long mix;
	int count;
};

static unsigned long step(unsigned long x, unsigned long mul, int i)
{
	return x * mul + (unsigned long)i;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	unsigned long mul = argc > 2 && strcmp(argv[2], "hash") == 0 ? 2654435761UL : 31UL;
	struct acc a = { 0, 1, 0 };
	struct acc *p = &a;
	long i;

	for (i = 0; i < n; i++) {
		p->mix = step(p->mix, mul, (int)i) & 0xffffffffUL;
		p->sum += p->mix >> 3;
		p->count++;
	}
	printf("%lu %lu %d\n", p->sum, p->mix, p->count);
	return 0;
}

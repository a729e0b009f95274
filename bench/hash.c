/* The worst case for the interpreter: a multiplicative hash whose unsigned long values exceed 2^53, so they take
 * the bigint path (see docs/interpreter.md). Otherwise the same loop as loop.c: struct fields through a pointer,
 * one small call per iteration. Iterations come from argv so startup can be subtracted. */
#include <stdio.h>
#include <stdlib.h>

struct acc {
	unsigned long sum;
	unsigned long mix;
	int count;
};

static unsigned long step(unsigned long x, int i)
{
	return x * 2654435761UL + (unsigned long)i;
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

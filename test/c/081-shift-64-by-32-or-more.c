/* 64-bit right shifts by 32..63 of values below 2^31 (the interpreter once shifted them by the count mod 32). */
#include <stdio.h>

int main(void)
{
	long s = 8;
	unsigned long u = 0x7fffffffUL;
	int n;
	for (n = 30; n < 64; n += 3)
		printf("%d: %ld %lu %ld\n", n, s >> n, u >> n, -s >> n);
	printf("%lu\n", (unsigned long)((long)(unsigned long)(signed char)8 >> (163UL & 63)));
	return (int)(u >> 32);
}

/* long and unsigned long are 64 bits on x86-64 LP64. */
#include <stdio.h>

int main(void)
{
	long l = 9223372036854775807L;
	long m = -9223372036854775807L - 1;
	unsigned long ul = 18446744073709551615UL;

	printf("sizeof(long)=%zu sizeof(unsigned long)=%zu\n", sizeof(long), sizeof(unsigned long));
	printf("LONG_MAX=%ld LONG_MIN=%ld ULONG_MAX=%lu\n", l, m, ul);
	ul++;
	printf("ULONG_MAX+1=%lu\n", ul);
	ul--;
	printf("0-1=%lu\n", ul);

	long big = 1L << 40;
	printf("1<<40=%ld\n", big);
	printf("big*1000=%ld\n", big * 1000);

	int i = 2000000000;
	long sum = (long)i + i;     /* no overflow: done in long */
	printf("2e9+2e9=%ld\n", sum);
	long prod = (long)i * i;
	printf("2e9*2e9=%ld\n", prod);

	unsigned long x = 0xdeadbeefcafebabeUL;
	printf("x=%lx X=%lX\n", x, x);
	printf("x>>32=%lx x&0xffffffff=%lx\n", x >> 32, x & 0xffffffffUL);

	long neg = -1;
	unsigned long uneg = (unsigned long)neg;
	printf("(unsigned long)-1=%lu\n", uneg);

	int truncated = (int)0x123456789L;   /* implementation-defined: wraps */
	printf("(int)0x123456789=%d\n", truncated);
	int tn = (int)-4294967297L;
	printf("(int)-4294967297=%d\n", tn);

	unsigned long fact = 1;
	int k;
	for (k = 1; k <= 20; k++)
		fact *= k;
	printf("20!=%lu\n", fact);
	fact *= 21;                         /* wraps modulo 2^64 */
	printf("21! mod 2^64=%lu\n", fact);
	return 0;
}

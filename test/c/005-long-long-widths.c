/* long long and unsigned long long. */
#include <stdio.h>

int main(void)
{
	long long a = 9223372036854775807LL;
	unsigned long long b = 18446744073709551615ULL;
	long long c = -9223372036854775807LL - 1;

	printf("%lld %llu %lld\n", a, b, c);
	printf("sizeof(long long)=%zu\n", sizeof(long long));

	unsigned long long x = 0;
	x -= 1;
	printf("0-1=%llu\n", x);
	printf("x/3=%llu x%%1000=%llu\n", x / 3, x % 1000);

	long long n = -1234567890123456789LL;
	printf("n=%lld n/1000=%lld n%%1000=%lld\n", n, n / 1000, n % 1000);
	printf("-n=%lld\n", -n);

	unsigned long long fib[93];
	int i;
	fib[0] = 0;
	fib[1] = 1;
	for (i = 2; i < 93; i++)
		fib[i] = fib[i - 1] + fib[i - 2];
	printf("fib[92]=%llu\n", fib[92]);
	printf("fib[90]=%llx\n", fib[90]);

	unsigned long long p = 1;
	for (i = 0; i < 70; i++)
		p *= 3;                      /* wraps */
	printf("3^70 mod 2^64=%llu\n", p);

	long long m = 1;
	for (i = 0; i < 62; i++)
		m <<= 1;
	printf("1<<62=%lld\n", m);
	printf("(unsigned long long)-2=%llu\n", (unsigned long long)-2LL);
	printf("(long long)0xffffffffffffffff=%lld\n", (long long)0xffffffffffffffffULL);
	return 0;
}

/* out-of-range conversion to a signed type wraps on gcc (implementation-defined). */
#include <stdio.h>

int main(void)
{
	unsigned vals[] = { 127u, 128u, 255u, 256u, 32767u, 32768u, 65535u, 2147483647u, 2147483648u, 4294967295u };
	int n = sizeof vals / sizeof vals[0];
	int i;

	for (i = 0; i < n; i++) {
		unsigned v = vals[i];
		signed char sc = (signed char)v;
		short sh = (short)v;
		int in = (int)v;
		printf("%u: sc=%d short=%d int=%d\n", v, sc, sh, in);
	}

	unsigned long long big = 0x8000000000000000ULL;
	long long ll = (long long)big;
	long l = (long)(big + 5);
	printf("ll=%lld l=%ld\n", ll, l);
	int fromll = (int)(long long)0x7fffffff80000001LL;
	printf("int from ll=%d\n", fromll);

	/* assignment converts implicitly too */
	unsigned big3 = 3000000000u;
	long l70k = 70000;
	unsigned u200 = 200u;
	int x = big3;
	short y = l70k;
	signed char z = u200;
	printf("x=%d y=%d z=%d\n", x, y, z);
	return 0;
}

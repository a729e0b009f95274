/* conversions from signed to unsigned of every width are modulo 2^N. */
#include <stdio.h>

int main(void)
{
	int vals[] = { -1, -2, -128, -129, -32768, -65536, -2147483647 - 1, 0, 1, 255, 256, 65535, 65536 };
	int n = sizeof vals / sizeof vals[0];
	int i;

	for (i = 0; i < n; i++) {
		int v = vals[i];
		unsigned char uc = (unsigned char)v;
		unsigned short us = (unsigned short)v;
		unsigned u = (unsigned)v;
		unsigned long ul = (unsigned long)v;
		unsigned long long ull = (unsigned long long)v;
		printf("%d: uc=%u us=%u u=%u ul=%lu ull=%llu\n", v, uc, us, u, ul, ull);
	}

	long lv = -5000000000L;
	printf("(unsigned)%ld=%u\n", lv, (unsigned)lv);
	printf("(unsigned short)%ld=%hu\n", lv, (unsigned short)lv);

	/* implicit conversion in assignment and in mixed arithmetic */
	unsigned u = 10;
	int s = -20;
	unsigned r = u + s;
	printf("10u + -20 = %u\n", r);
	long lr = u + s;                   /* computed as unsigned, then widened */
	printf("as long: %ld\n", lr);
	long lr2 = (long)u + s;
	printf("widened first: %ld\n", lr2);

	unsigned long ul = 5;
	int neg = -3;
	printf("5ul + -3 = %lu\n", ul + neg);
	printf("5ul * -3 = %lu\n", ul * neg);
	return 0;
}

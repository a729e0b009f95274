/* compound assignment on every width: the result is converted back to the left type. */
#include <stdio.h>

int main(void)
{
	char c = 100;
	c += 27;
	printf("char: %d ", c);
	c -= 200;
	printf("%d ", c);
	c = 10;
	c *= 12;
	printf("%d\n", c);

	signed char sc = -100;
	sc -= 28;
	printf("schar: %d\n", sc);

	unsigned char uc = 200;
	uc += 100;
	printf("uchar: %d ", uc);
	uc *= 3;
	printf("%d ", uc);
	uc <<= 1;
	printf("%d ", uc);
	uc |= 1;
	printf("%d ", uc);
	uc ^= 0xff;
	printf("%d ", uc);
	uc &= 0x0e;
	printf("%d\n", uc);

	short s = 1000;
	s *= 30;
	printf("short: %d ", s);
	s /= -7;
	printf("%d ", s);
	s %= 100;
	printf("%d\n", s);

	unsigned short us = 60000;
	us += 10000;
	printf("ushort: %u ", us);
	us -= 5000;
	printf("%u\n", us);

	int i = 17;
	i += 3; i -= 1; i *= 4; i /= 3; i %= 7; i <<= 4; i >>= 2; i &= 0x3c; i |= 0x101; i ^= 0x11;
	printf("int: %d\n", i);

	unsigned u = 5;
	u -= 10;
	printf("unsigned: %u ", u);
	u /= 2;
	printf("%u\n", u);

	long l = 1;
	l <<= 40;
	l += 12345;
	l *= -3;
	printf("long: %ld\n", l);

	unsigned long ul = 7;
	ul -= 8;
	printf("ulong: %lu\n", ul);

	long long ll = -1;
	ll *= 1000000007LL;
	ll %= 1000;
	printf("llong: %lld\n", ll);

	unsigned long long ull = 1;
	ull <<= 63;
	ull += ull;
	printf("ullong: %llu\n", ull);

	/* compound assignment of a wider type into a narrower one */
	int small = 10;
	small += 3000000000u;   /* int + unsigned -> unsigned, converted back to int */
	printf("int += 3e9u: %d\n", small);
	unsigned char acc = 0;
	long add = 1000;
	acc += add;
	printf("uchar += 1000L: %d\n", acc);
	return 0;
}

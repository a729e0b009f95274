/* the usual arithmetic conversions in comparisons. */
#include <stdio.h>

int main(void)
{
	int neg = -1;
	unsigned one = 1;
	printf("-1 < 1u: %d\n", neg < one);          /* -1 becomes UINT_MAX */
	printf("-1 == 0xffffffffu: %d\n", neg == 0xffffffffu);
	printf("-1 < 1L: %d\n", neg < 1L);           /* long can hold all ints */
	printf("-1 < 1ul: %d\n", neg < 1ul);
	printf("-1L < 1u: %d\n", -1L < one);         /* long holds all unsigned: signed compare */
	printf("-1LL < 1ull: %d\n", -1LL < 1ull);

	unsigned short us = 1;
	short ss = -1;
	printf("(short)-1 < (unsigned short)1: %d\n", ss < us);   /* both promote to int */
	unsigned char uc = 200;
	signed char sc = -1;
	printf("(schar)-1 < (uchar)200: %d\n", sc < uc);

	unsigned len = 0;
	int i = -1;
	printf("i < len: %d\n", i < (int)len);
	printf("i < len (unsigned): %d\n", (unsigned)i < len);

	long l = -5;
	unsigned long ul = 3;
	printf("-5L > 3ul: %d\n", l > ul);

	unsigned a = 5, b = 7;
	printf("a - b > 0: %d\n", a - b > 0);
	printf("(int)(a - b) > 0: %d\n", (int)(a - b) > 0);
	printf("sizeof(-1 < 1u)=%zu\n", sizeof(neg < one));
	return 0;
}

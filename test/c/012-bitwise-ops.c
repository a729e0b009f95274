/* &, |, ^, ~ and logical operators on various widths. */
#include <stdio.h>

static int bitcount(unsigned long x)
{
	int n = 0;
	while (x) {
		x &= x - 1;
		n++;
	}
	return n;
}

int main(void)
{
	unsigned a = 0xf0f0u, b = 0x0ff0u;
	printf("a&b=%x a|b=%x a^b=%x ~a=%x\n", a & b, a | b, a ^ b, ~a);
	int s = -6;
	printf("-6&3=%d -6|3=%d -6^3=%d ~-6=%d\n", s & 3, s | 3, s ^ 3, ~s);
	unsigned char uc = 0xa5;
	printf("~uc=%d uc^0xff=%d\n", ~uc, uc ^ 0xff);
	unsigned long long big = 0xffff0000ffff0000ULL;
	printf("big^~0=%llx\n", big ^ ~0ULL);
	printf("bitcount(0)=%d (255)=%d (big)=%d (~0UL)=%d\n", bitcount(0), bitcount(255), bitcount(big), bitcount(~0UL));

	printf("!0=%d !5=%d !!7=%d\n", !0, !5, !!7);
	printf("3&&0=%d 3||0=%d 0||0=%d\n", 3 && 0, 3 || 0, 0 || 0);

	/* short-circuit: the right side must not run */
	int calls = 0;
	int z = 0;
	if (z && ++calls)
		printf("unreachable\n");
	if (1 || ++calls)
		printf("short-circuit or\n");
	printf("calls=%d\n", calls);

	/* swap with xor */
	int x = 12, y = 34;
	x ^= y;
	y ^= x;
	x ^= y;
	printf("x=%d y=%d\n", x, y);

	/* lowest set bit, power of two test */
	unsigned v = 96;
	printf("lowbit(96)=%u pow2(96)=%d pow2(64)=%d\n", v & -v, (v & (v - 1)) == 0, (64u & 63u) == 0);
	return 0;
}

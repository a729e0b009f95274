/* char, signed char and unsigned char: conversions wrap, arithmetic promotes to int. */
#include <stdio.h>

int main(void)
{
	char c = (char)200;              /* char is signed on x86-64: -56 */
	signed char sc = (signed char)-128;
	unsigned char uc = (unsigned char)300; /* 300 mod 256 = 44 */
	int sum;

	printf("c=%d sc=%d uc=%d\n", c, sc, uc);

	/* arithmetic happens in int, so no wrap until stored back */
	sum = uc + uc + uc + uc + uc + uc;
	printf("uc*6 as int=%d\n", sum);
	uc = (unsigned char)(uc * 6);
	printf("uc*6 stored=%d\n", uc);

	unsigned char a = 250, b = 10;
	unsigned char r = a + b;   /* 260 -> 4 */
	printf("250+10 in uchar=%d, as int=%d\n", r, a + b);

	unsigned char z = 0;
	z--;                       /* 255 */
	printf("0-- in uchar=%d\n", z);

	signed char m = 127;
	m = (signed char)(m + 1);  /* conversion of 128 wraps to -128 */
	printf("127+1 in schar=%d\n", m);

	char ch = 'A';
	ch += 2;
	printf("A+2=%c (%d)\n", ch, ch);

	/* unsigned char compared with a negative int: both promote to int */
	unsigned char big = 255;
	printf("255 > -1: %d\n", big > -1);
	char neg = (char)0xff;
	printf("(char)0xff == -1: %d\n", neg == -1);
	printf("(unsigned char)0xff == 255: %d\n", (unsigned char)0xff == 255);

	/* ~ on a promoted unsigned char gives a negative int */
	unsigned char bits = 0x0f;
	printf("~bits=%d (unsigned char)~bits=%d\n", ~bits, (unsigned char)~bits);

	printf("sizeof c=%zu sizeof(c+0)=%zu sizeof(+uc)=%zu\n", sizeof c, sizeof(c + 0), sizeof(+uc));
	return 0;
}

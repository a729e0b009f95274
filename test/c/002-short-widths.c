/* short and unsigned short: wrapping on conversion, promotion to int. */
#include <stdio.h>

int main(void)
{
	short s = 32767;
	unsigned short us = 65535;

	printf("s=%hd us=%hu\n", s, us);
	s = (short)(s + 1);
	us = (unsigned short)(us + 1);
	printf("after +1: s=%hd us=%hu\n", s, us);

	/* the addition itself is done in int and does not overflow */
	short a = 30000, b = 30000;
	int wide = a + b;
	short narrow = (short)(a + b);
	printf("30000+30000: int=%d short=%hd\n", wide, narrow);

	unsigned short x = 40000, y = 40000;
	printf("40000*40000 as unsigned: %u\n", (unsigned)x * y);
	unsigned short prod = (unsigned short)((unsigned)x * y);
	printf("40000*40000 as ushort: %hu\n", prod);

	short neg = -1;
	unsigned short uneg = (unsigned short)neg;
	printf("(unsigned short)-1=%hu\n", uneg);
	printf("(short)65535=%hd\n", (short)65535u);
	printf("(short)-32769=%hd\n", (short)-32769);

	us = 0;
	us -= 1;
	printf("0 -= 1: %hu\n", us);
	us = 100;
	us *= 1000;
	printf("100 *= 1000: %hu\n", us);

	short sh = -300;
	sh >>= 2;
	printf("-300 >>= 2: %hd\n", sh);
	sh = -300;
	sh /= 7;
	printf("-300 /= 7: %hd\n", sh);

	printf("sizeof(short)=%zu sizeof(s*s)=%zu\n", sizeof(short), sizeof(s * s));
	return 0;
}

/* unsigned int arithmetic is modulo 2^32. */
#include <stdio.h>

int main(void)
{
	unsigned u = 4294967295u;
	printf("max=%u\n", u);
	u++;
	printf("max+1=%u\n", u);
	u--;
	printf("0-1=%u\n", u);

	unsigned a = 3000000000u, b = 2000000000u;
	printf("a+b=%u\n", a + b);
	printf("b-a=%u\n", b - a);
	printf("a*3=%u\n", a * 3u);
	printf("-a=%u\n", -a);
	printf("a/7=%u a%%7=%u\n", a / 7, a % 7);

	unsigned h = 2166136261u;      /* FNV-1a over "abc": relies on wrapping multiply */
	const char *p = "abc";
	while (*p) {
		h ^= (unsigned char)*p++;
		h *= 16777619u;
	}
	printf("fnv1a(abc)=%u 0x%08x\n", h, h);

	unsigned x = 1;
	int i;
	for (i = 0; i < 40; i++)
		x = x * 3 + 1;
	printf("x=%u\n", x);

	unsigned neg = (unsigned)-5;
	printf("(unsigned)-5=%u\n", neg);
	printf("~0u=%u\n", ~0u);
	printf("0u - 1 > 0: %d\n", 0u - 1 > 0);
	return 0;
}

/* const and volatile qualifiers on objects, pointers and parameters. */
#include <stdio.h>
#include <string.h>

static const int table[4] = { 1, 1, 2, 6 };

static size_t count_char(const char *s, char c)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == c;
	return n;
}

static void fill(int *const dst, int n, int v)
{
	int i;
	for (i = 0; i < n; i++)
		dst[i] = v;        /* the pointer is const, the ints are not */
}

int main(void)
{
	const int k = 10;
	int x = 5;
	const int *pc = &x;          /* read-only view of a modifiable int */
	x = 6;
	printf("*pc=%d k=%d table[3]=%d\n", *pc, k, table[3]);
	int *const cp = &x;
	*cp = 7;
	printf("x=%d\n", x);
	const char *const msg = "mississippi";
	printf("s=%zu p=%zu\n", count_char(msg, 's'), count_char(msg, 'p'));
	int buf[3];
	fill(buf, 3, 9);
	printf("buf=%d %d %d\n", buf[0], buf[1], buf[2]);

	volatile int v = 0;
	int i;
	for (i = 0; i < 5; i++)
		v += i;
	printf("v=%d\n", v);
	volatile unsigned char reg[4] = { 0 };
	reg[2] = 0x80;
	reg[2] |= 1;
	printf("reg=%#x\n", reg[2]);

	const struct { int a; const char *b; } cs = { 1, "const struct" };
	printf("%d %s\n", cs.a, cs.b);
	char dst[16];
	const char *src = "copy";
	strcpy(dst, src);
	printf("%s %zu\n", dst, strlen(dst));
	return 0;
}

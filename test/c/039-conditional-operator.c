/* ?: including nesting, as an lvalue selector via pointers, and type of the result. */
#include <stdio.h>

static int max3(int a, int b, int c)
{
	return a > b ? (a > c ? a : c) : (b > c ? b : c);
}

static const char *sign(int x)
{
	return x < 0 ? "negative" : x == 0 ? "zero" : "positive";
}

int main(void)
{
	printf("max3=%d %d %d\n", max3(1, 2, 3), max3(3, 2, 1), max3(2, 3, 1));
	printf("%s %s %s\n", sign(-5), sign(0), sign(5));

	int a = 1, b = 2;
	int *which = a > b ? &a : &b;
	*which = 20;
	printf("a=%d b=%d\n", a, b);
	*(a < b ? &a : &b) = 10;
	printf("a=%d b=%d\n", a, b);

	/* only the chosen operand is evaluated */
	int x = 0, y = 0;
	int r = 1 ? x++ : y++;
	printf("r=%d x=%d y=%d\n", r, x, y);

	/* result type follows the usual arithmetic conversions */
	int neg = -1;
	unsigned u = 1;
	long conv = 1 ? neg : u;       /* -1 converted to unsigned, then to long */
	printf("conv=%ld\n", conv);
	printf("sizeof(1 ? (char)1 : (long)1)=%zu\n", sizeof(1 ? (char)1 : (long)1));

	int n = 5;
	printf("%d item%s\n", n, n == 1 ? "" : "s");
	n = 1;
	printf("%d item%s\n", n, n == 1 ? "" : "s");

	/* GNU omitted middle operand is not used: write it out */
	const char *maybe = NULL;
	printf("%s\n", maybe ? maybe : "fallback");
	return 0;
}

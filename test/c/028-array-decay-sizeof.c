/* arrays decay to pointers except under sizeof and &. */
#include <stdio.h>

static size_t param_size(int *a)
{
	return sizeof a;        /* what an array argument arrives as */
}

static int sum(const int *a, size_t n)
{
	int s = 0;
	size_t i;
	for (i = 0; i < n; i++)
		s += a[i];
	return s;
}

int main(void)
{
	int a[10] = { 1, 2, 3 };
	printf("sizeof a=%zu elements=%zu\n", sizeof a, sizeof a / sizeof a[0]);
	printf("in function: %zu\n", param_size(a));
	printf("sum=%d\n", sum(a, sizeof a / sizeof *a));
	printf("a[9]=%d (zero-filled)\n", a[9]);
	printf("&a[0]==a: %d  (void *)&a==(void *)a: %d\n", &a[0] == a, (void *)&a == (void *)a);
	printf("sizeof &a=%zu sizeof *&a=%zu\n", sizeof &a, sizeof *&a);

	char s[] = "twelve chars";
	const char *ps = "twelve chars";
	printf("sizeof s=%zu sizeof ps=%zu\n", sizeof s, sizeof ps);

	char implicit[] = { 'a', 'b', 'c' };
	printf("sizeof implicit=%zu\n", sizeof implicit);
	int sized[] = { [4] = 1 };
	printf("sizeof sized=%zu\n", sizeof sized);
	printf("sizeof \"abc\"=%zu\n", sizeof "abc");
	return 0;
}

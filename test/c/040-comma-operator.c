/* the comma operator sequences evaluation and yields the right operand. */
#include <stdio.h>

static int counter;

static int bump(int by)
{
	counter += by;
	return counter;
}

int main(void)
{
	int x = (bump(1), bump(10), bump(100));
	printf("x=%d counter=%d\n", x, counter);

	int i, j;
	for (i = 0, j = 10; i < j; i += 3, j -= 2)
		printf("(%d,%d) ", i, j);
	printf("\n");

	int a = 1;
	int b = (a += 4, a * 2);
	printf("a=%d b=%d\n", a, b);

	/* in a while condition */
	int n = 0, total = 0;
	while (n++, n <= 5)
		total += n;
	printf("total=%d n=%d\n", total, n);

	/* commas in arguments are separators, not operators */
	int seven = (bump(1), 7);
	printf("%d %d\n", seven, counter);

	int arr[3] = { 1, 2, 3 };
	int k = (arr[0] = 9, arr[0] + arr[2]);
	printf("k=%d\n", k);
	return 0;
}

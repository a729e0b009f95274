/* C99: declarations after statements, in for-init, and block scoping/shadowing. */
#include <stdio.h>

int main(void)
{
	printf("start\n");
	int a = 1;
	printf("a=%d\n", a);
	int b = a + 1;
	for (int i = 0; i < 3; i++) {
		int sq = i * i;
		printf("i=%d sq=%d\n", i, sq);
	}
	for (int i = 10, j = 20; i < j; i += 4, j -= 4)
		printf("i=%d j=%d\n", i, j);

	int x = 1;
	{
		int x = 2;      /* shadows the outer x */
		{
			int x = 3;
			printf("inner x=%d\n", x);
		}
		printf("middle x=%d\n", x);
		x++;
	}
	printf("outer x=%d b=%d\n", x, b);

	int total = 0;
	for (int i = 0; i < 5; i++)
		for (int i2 = 0; i2 < i; i2++)
			total++;
	printf("total=%d\n", total);

	/* a fresh variable per iteration: its initialiser runs each time */
	for (int k = 0; k < 3; k++) {
		int fresh = 100;
		fresh += k;
		printf("fresh=%d\n", fresh);
	}
	const int limit = 4;
	int arr[4] = { 0 };
	for (int n = 0; n < limit; n++)
		arr[n] = n * 10;
	printf("arr[3]=%d\n", arr[3]);
	return 0;
}

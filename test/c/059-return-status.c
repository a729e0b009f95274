/* main returns a non-zero status. */
#include <stdio.h>

static int check(int x)
{
	return x * 2 == 6;
}

int main(void)
{
	int failures = 0;
	int i;
	for (i = 0; i < 5; i++)
		if (!check(i))
			failures++;
	printf("failures=%d\n", failures);
	if (failures)
		return failures - 1;   /* 3 */
	return 0;
}

/* exit(42) from a nested call: stdout is flushed, the rest of main does not run. */
#include <stdio.h>
#include <stdlib.h>

static void deep(int n)
{
	if (n < 0)
		return;
	if (n == 0) {
		printf("exiting from the bottom\n");
		exit(42);
	}
	printf("depth %d\n", n);
	deep(n - 1);
	printf("never printed\n");
}

int main(void)
{
	printf("start\n");
	deep(3);
	printf("not reached\n");
	return 0;
}

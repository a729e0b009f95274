/* an off-by-one loop writes one element past a malloc'd array. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	int n = 4;
	int *a = malloc(n * sizeof *a);
	if (!a)
		return 1;
	int i;
	for (i = 0; i <= n; i++) {
		printf("writing a[%d]\n", i);
		a[i] = i * i; /* FAULT */
	}
	free(a);
	return 0;
}

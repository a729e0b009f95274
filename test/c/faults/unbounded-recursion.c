/* recursion without a base case: the interpreter must stop it at its call-depth limit. */
#include <stdio.h>

static unsigned long depth(unsigned long n) { return depth(n + 1) + 1; } /* FAULT */

int main(void)
{
	printf("recursing\n");
	printf("%lu\n", depth(0));
	return 0;
}

/* a loop that never terminates: the interpreter must stop it at its step limit. */
#include <stdio.h>

int main(void)
{
	printf("about to spin\n");
	for (;;); /* FAULT */
	return 0;
}

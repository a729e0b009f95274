/* freeing the same block twice, as an error path that forgets it already cleaned up. */
#include <stdio.h>
#include <stdlib.h>

static int setup(char *buf)
{
	buf[0] = 'x';
	free(buf);
	return -1;
}

int main(void)
{
	char *buf = malloc(32);
	if (!buf)
		return 1;
	if (setup(buf) < 0) {
		printf("setup failed\n");
		free(buf); /* FAULT */
	}
	return 0;
}

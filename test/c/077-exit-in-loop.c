/* exit(7) after freeing, with output written before it; atexit-free shutdown path. */
#include <stdio.h>
#include <stdlib.h>

static int *data;

static void die(const char *why, int code)
{
	printf("fatal: %s\n", why);
	free(data);
	exit(code);
}

int main(void)
{
	data = calloc(16, sizeof *data);
	if (!data)
		return 1;
	int i;
	for (i = 0; i < 16; i++) {
		data[i] = i * 3;
		if (data[i] > 30)
			die("value too large", 7);
		printf("%d ", data[i]);
	}
	printf("\nunreachable\n");
	free(data);
	return 0;
}

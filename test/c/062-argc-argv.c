/* argc and argv with no arguments: argv[argc] is NULL. argv[0] is not printed. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	printf("argc=%d\n", argc);
	printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
	printf("argv[0] is a non-empty string: %d\n", argv[0] != NULL && strlen(argv[0]) > 0);
	int i;
	for (i = 1; i < argc; i++)
		printf("arg %d: %s\n", i, argv[i]);
	char **p = argv;
	int count = 0;
	while (*p++)
		count++;
	printf("counted=%d\n", count);
	return argc == 1 ? 0 : 2;
}

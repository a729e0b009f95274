/* printf integer conversions with flags, width and precision. */
#include <stdio.h>

int main(void)
{
	int v[] = { 0, 1, -1, 42, -42, 12345, -2147483647 - 1, 2147483647 };
	int i;
	for (i = 0; i < 8; i++)
		printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d] [%.3d] [%8.4d] [%-+8d] [%i]\n",
		       v[i], v[i], v[i], v[i], v[i], v[i], v[i], v[i], v[i], v[i]);
	unsigned u[] = { 0, 7, 255, 4096, 4294967295u };
	for (i = 0; i < 5; i++)
		printf("[%u] [%x] [%X] [%#x] [%#X] [%o] [%#o] [%08x] [%#010x] [%-#8o] [%.0u]\n",
		       u[i], u[i], u[i], u[i], u[i], u[i], u[i], u[i], u[i], u[i], u[i]);
	printf("[%c] [%3c] [%-3c] [%c%c]\n", 'a', 'b', 'c', 'd', 'e');
	printf("[%s] [%8s] [%-8s] [%.2s] [%8.3s] [%-8.1s]\n", "text", "text", "text", "text", "text", "text");
	printf("[%%] [100%%]\n");
	printf("[%.0d] [%5.0d] [%#.0o] [%#.0x]\n", 0, 0, 0, 0);
	printf("[%+.0d] [% 05d] [%+05d] [%-+5d]\n", 0, 7, 7, 7);
	return 0;
}

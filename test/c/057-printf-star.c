/* printf with * width and .* precision from arguments, including negative values. */
#include <stdio.h>

int main(void)
{
	int w;
	for (w = 0; w <= 8; w += 4)
		printf("[%*d] [%-*d] [%*s]\n", w, 42, w, 42, w, "ab");
	printf("[%*d] negative width left-justifies\n", -6, 42);
	int p;
	for (p = 0; p <= 4; p += 2)
		printf("[%.*d] [%.*s]\n", p, 7, p, "abcdef");
	printf("[%.*s] negative precision is ignored\n", -1, "abcdef");
	printf("[%*.*d]\n", 8, 5, -123);
	printf("[%-*.*x]\n", 10, 6, 255);
	/* a table with computed column widths */
	const char *names[] = { "a", "longer", "mid" };
	int vals[] = { 1, 22, 333 };
	int width = 0, i;
	for (i = 0; i < 3; i++) {
		int len = 0;
		while (names[i][len])
			len++;
		if (len > width)
			width = len;
	}
	for (i = 0; i < 3; i++)
		printf("%-*s : %*d\n", width, names[i], 5, vals[i]);
	return 0;
}

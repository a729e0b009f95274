/* enumeration constants: implicit and explicit values, use as ints. */
#include <stdio.h>

enum color { RED, GREEN, BLUE, NCOLORS };
enum weird { A = -2, B, C = 10, D, E = B + 100, F = 'x' };
enum flags { FL_READ = 1 << 0, FL_WRITE = 1 << 1, FL_EXEC = 1 << 2, FL_ALL = FL_READ | FL_WRITE | FL_EXEC };

static const char *color_name(enum color c)
{
	static const char *const names[NCOLORS] = { [RED] = "red", [GREEN] = "green", [BLUE] = "blue" };
	return c < NCOLORS ? names[c] : "?";
}

int main(void)
{
	enum color c;
	for (c = RED; c < NCOLORS; c++)
		printf("%d=%s ", c, color_name(c));
	printf("\n");
	printf("A=%d B=%d C=%d D=%d E=%d F=%d\n", A, B, C, D, E, F);
	printf("FL_ALL=%d\n", FL_ALL);
	enum flags f = FL_READ | FL_EXEC;
	printf("f=%d has write=%d has exec=%d\n", f, (f & FL_WRITE) != 0, (f & FL_EXEC) != 0);
	printf("sizeof(enum color)=%zu sizeof RED=%zu\n", sizeof(enum color), sizeof RED);

	int arr[NCOLORS] = { 0 };
	arr[BLUE] = 5;
	printf("arr[2]=%d\n", arr[2]);

	enum { LOCAL_X = 3, LOCAL_Y } local = LOCAL_Y;
	printf("local=%d\n", local);
	switch (c) {
	case NCOLORS:
		printf("loop ended at NCOLORS\n");
		break;
	default:
		printf("unexpected\n");
	}
	return 0;
}

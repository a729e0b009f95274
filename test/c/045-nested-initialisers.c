/* nested initialiser lists; partial initialisation zero-fills. */
#include <stdio.h>

struct point { int x, y; };
struct line { struct point a, b; int width; };
struct poly {
	int n;
	struct point pts[4];
};

int main(void)
{
	struct line l1 = { { 1, 2 }, { 3, 4 }, 5 };
	struct line l2 = { .b = { 3, 4 }, 5, .a = { 1, 2 } }; /* positional after a designator */
	struct line l3 = { { 9 } };                 /* the rest is zero */
	printf("l1: %d %d %d %d %d\n", l1.a.x, l1.a.y, l1.b.x, l1.b.y, l1.width);
	printf("l2: %d %d %d %d %d\n", l2.a.x, l2.a.y, l2.b.x, l2.b.y, l2.width);
	printf("l3: %d %d %d %d %d\n", l3.a.x, l3.a.y, l3.b.x, l3.b.y, l3.width);

	struct poly sq = { 4, { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 } } };
	struct poly tri = { 3, { { 0, 0 }, { 2, 0 }, { .y = 2 } } };
	int i;
	for (i = 0; i < 4; i++)
		printf("(%d,%d)%s", sq.pts[i].x, sq.pts[i].y, i < 3 ? " " : "\n");
	for (i = 0; i < 4; i++)
		printf("(%d,%d)%s", tri.pts[i].x, tri.pts[i].y, i < 3 ? " " : "\n");

	int m[3][4] = { { 1 }, { 2, 3 }, { 4, 5, 6 } };
	int flat[2][3] = { { 1, 2, 3 }, { 4, 5 } };
	int r, c;
	for (r = 0; r < 3; r++) {
		for (c = 0; c < 4; c++)
			printf("%d", m[r][c]);
		printf(" ");
	}
	printf("\n");
	for (r = 0; r < 2; r++)
		for (c = 0; c < 3; c++)
			printf("%d", flat[r][c]);
	printf("\n");

	struct line lines[2] = { { { 1, 1 }, { 2, 2 }, 1 }, { .width = 7 } };
	printf("lines[1]: %d %d\n", lines[1].a.x, lines[1].width);

	char names[2][8] = { "ab", { 'c', 'd' } };
	printf("%s %s %d\n", names[0], names[1], names[1][7]);

	struct { int a[3]; char s[4]; } mixed = { { 7, 8 }, "xy" };
	printf("%d %d %d %s %d\n", mixed.a[0], mixed.a[1], mixed.a[2], mixed.s, mixed.s[3]);
	int zero[5] = { 0 };
	printf("zero[4]=%d\n", zero[4]);
	return 0;
}

/* struct assignment copies by value, including embedded arrays. */
#include <stdio.h>

struct rec {
	int id;
	char tag[4];
	long vals[3];
};

int main(void)
{
	struct rec a = { 1, "abc", { 10, 20, 30 } };
	struct rec b;
	b = a;
	b.id = 2;
	b.tag[0] = 'X';
	b.vals[1] = 99;
	printf("a: %d %s %ld %ld %ld\n", a.id, a.tag, a.vals[0], a.vals[1], a.vals[2]);
	printf("b: %d %s %ld %ld %ld\n", b.id, b.tag, b.vals[0], b.vals[1], b.vals[2]);

	struct rec arr[2];
	arr[0] = a;
	arr[1] = b;
	arr[0].vals[2] = -1;
	printf("arr: %ld %ld a.vals[2]=%ld\n", arr[0].vals[2], arr[1].vals[1], a.vals[2]);

	struct rec *p = &arr[1];
	struct rec c = *p;
	*p = a;
	printf("c.id=%d arr[1].id=%d\n", c.id, arr[1].id);

	/* chained assignment */
	struct rec d, e;
	d = e = c;
	printf("d.tag=%s e.vals[1]=%ld\n", d.tag, e.vals[1]);
	return 0;
}

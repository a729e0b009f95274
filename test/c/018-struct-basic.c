/* struct members, pointers to structs, -> and . */
#include <stdio.h>
#include <string.h>

struct point {
	int x;
	int y;
};

struct person {
	char name[16];
	unsigned age;
	struct point home;
};

static void move(struct point *p, int dx, int dy)
{
	p->x += dx;
	p->y += dy;
}

int main(void)
{
	struct point a = { 1, 2 };
	struct point *pa = &a;
	move(pa, 10, -20);
	printf("a=(%d,%d)\n", a.x, pa->y);
	(*pa).x = 5;
	printf("a.x=%d\n", a.x);

	struct person bob;
	memset(&bob, 0, sizeof bob);
	strcpy(bob.name, "Bob");
	bob.age = 42;
	bob.home.x = 3;
	bob.home.y = 4;
	struct person *pb = &bob;
	move(&pb->home, 1, 1);
	printf("%s %u (%d,%d)\n", pb->name, pb->age, pb->home.x, bob.home.y);

	int *py = &bob.home.y;
	*py = 100;
	printf("y=%d\n", bob.home.y);

	char *first = &bob.name[0];
	*first = 'R';
	printf("name=%s len=%zu\n", bob.name, strlen(pb->name));
	return 0;
}

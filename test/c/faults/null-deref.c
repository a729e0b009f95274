/* reading a member through a NULL struct pointer: x is at offset 8, so the access is at address 8. */
#include <stdio.h>
#include <stddef.h>

struct obj {
	long id;
	int x;
};

static struct obj *lookup(int key)
{
	return key == 1 ? NULL : NULL;
}

int main(void)
{
	struct obj *p = lookup(1);
	printf("offsetof x=%zu\n", offsetof(struct obj, x));
	int v = p->x; /* FAULT */
	printf("x=%d\n", v);
	return 0;
}

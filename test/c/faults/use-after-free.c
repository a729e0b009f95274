/* reading heap memory after it has been freed. */
#include <stdio.h>
#include <stdlib.h>

struct node {
	int value;
	struct node *next;
};

int main(void)
{
	struct node *n = malloc(sizeof *n);
	if (!n)
		return 1;
	n->value = 5;
	n->next = NULL;
	printf("value=%d\n", n->value);
	free(n);
	int stale = n->value; /* FAULT */
	printf("stale=%d\n", stale);
	return 0;
}

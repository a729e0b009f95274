/* self-referential struct: a singly linked list on the heap. */
#include <stdio.h>
#include <stdlib.h>

struct node {
	int value;
	struct node *next;
};

static struct node *push(struct node *head, int v)
{
	struct node *n = malloc(sizeof *n);
	if (!n)
		exit(1);
	n->value = v;
	n->next = head;
	return n;
}

static struct node *reverse(struct node *head)
{
	struct node *prev = NULL;
	while (head) {
		struct node *next = head->next;
		head->next = prev;
		prev = head;
		head = next;
	}
	return prev;
}

static void print(const struct node *n)
{
	for (; n; n = n->next)
		printf("%d%s", n->value, n->next ? " -> " : "\n");
}

static struct node *remove_value(struct node *head, int v)
{
	struct node **pp = &head;
	while (*pp) {
		if ((*pp)->value == v) {
			struct node *dead = *pp;
			*pp = dead->next;
			free(dead);
		} else {
			pp = &(*pp)->next;
		}
	}
	return head;
}

int main(void)
{
	struct node *list = NULL;
	int i;
	for (i = 1; i <= 6; i++)
		list = push(list, i % 3 == 0 ? 0 : i);
	print(list);
	list = reverse(list);
	print(list);
	list = remove_value(list, 0);
	print(list);
	int len = 0;
	struct node *n;
	for (n = list; n; n = n->next)
		len++;
	printf("len=%d\n", len);
	while (list) {
		struct node *next = list->next;
		free(list);
		list = next;
	}
	printf("freed\n");
	return 0;
}

/* a Linux-style circular doubly linked list (struct list_head) with its macros. */
#include <stdio.h>
#include <stddef.h>

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
#define list_for_each(pos, head) for (pos = (head)->next; pos != (head); pos = pos->next)
#define list_for_each_entry(pos, head, type, member)                 \
	for (pos = list_entry((head)->next, type, member);           \
	     &pos->member != (head);                                 \
	     pos = list_entry(pos->member.next, type, member))
#define list_for_each_entry_safe(pos, n, head, type, member)         \
	for (pos = list_entry((head)->next, type, member),           \
	     n = list_entry(pos->member.next, type, member);         \
	     &pos->member != (head);                                 \
	     pos = n, n = list_entry(n->member.next, type, member))

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

static inline void __list_add(struct list_head *new, struct list_head *prev, struct list_head *next)
{
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_add(new, head->prev, head);
}

static inline void list_del(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	entry->next = NULL;
	entry->prev = NULL;
}

static inline int list_empty(const struct list_head *head)
{
	return head->next == head;
}

static inline void list_move_tail(struct list_head *list, struct list_head *head)
{
	list->next->prev = list->prev;
	list->prev->next = list->next;
	list_add_tail(list, head);
}

struct task {
	int pid;
	int prio;
	struct list_head run_list;
};

static LIST_HEAD(runqueue);

static void show(const char *what)
{
	struct task *t;
	printf("%s:", what);
	list_for_each_entry(t, &runqueue, struct task, run_list)
		printf(" %d(%d)", t->pid, t->prio);
	printf("%s\n", list_empty(&runqueue) ? " <empty>" : "");
}

int main(void)
{
	struct task tasks[5];
	int i;
	for (i = 0; i < 5; i++) {
		tasks[i].pid = 100 + i;
		tasks[i].prio = (i * 7) % 5;
		INIT_LIST_HEAD(&tasks[i].run_list);
	}
	show("start");
	for (i = 0; i < 5; i++) {
		if (tasks[i].prio >= 2)
			list_add_tail(&tasks[i].run_list, &runqueue);
		else
			list_add(&tasks[i].run_list, &runqueue);
	}
	show("queued");
	struct task *first = list_first_entry(&runqueue, struct task, run_list);
	printf("first=%d\n", first->pid);
	list_move_tail(&first->run_list, &runqueue);
	show("rotated");

	struct list_head *pos;
	int n = 0;
	list_for_each(pos, &runqueue)
		n++;
	printf("count=%d\n", n);

	struct task *t, *tmp;
	list_for_each_entry_safe(t, tmp, &runqueue, struct task, run_list)
		if (t->pid % 2 == 0)
			list_del(&t->run_list);
	show("odd pids left");
	list_for_each_entry_safe(t, tmp, &runqueue, struct task, run_list)
		list_del(&t->run_list);
	show("drained");
	return 0;
}

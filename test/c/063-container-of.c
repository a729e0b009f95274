/* container_of: from a pointer to a member back to the enclosing struct. */
#include <stdio.h>
#include <stddef.h>

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

struct list_node {
	struct list_node *next;
};

struct kobject {
	const char *name;
	int refcount;
};

struct device {
	int id;
	char pad[3];
	struct kobject kobj;
	struct list_node node;
	long flags;
};

static void kobject_show(struct kobject *kobj)
{
	struct device *dev = container_of(kobj, struct device, kobj);
	printf("kobj %s belongs to device %d (flags %ld)\n", kobj->name, dev->id, dev->flags);
}

int main(void)
{
	struct device devs[3] = {
		{ .id = 10, .kobj = { "sda", 1 }, .flags = 0x1 },
		{ .id = 20, .kobj = { "sdb", 1 }, .flags = 0x2 },
		{ .id = 30, .kobj = { "sdc", 1 }, .flags = 0x4 },
	};
	int i;
	for (i = 0; i < 3; i++)
		kobject_show(&devs[i].kobj);

	/* chain the devices through their embedded nodes, then walk the chain */
	devs[0].node.next = &devs[2].node;
	devs[2].node.next = &devs[1].node;
	devs[1].node.next = NULL;
	struct list_node *n;
	for (n = &devs[0].node; n; n = n->next) {
		struct device *d = container_of(n, struct device, node);
		printf("walk: %d %s\n", d->id, d->kobj.name);
	}
	printf("offsets: kobj=%zu node=%zu flags=%zu size=%zu\n",
	       offsetof(struct device, kobj), offsetof(struct device, node), offsetof(struct device, flags), sizeof(struct device));
	struct device *back = container_of(&devs[1].flags, struct device, flags);
	printf("back is devs[1]: %d\n", back == &devs[1]);
	return 0;
}

/* reference counting in the style of struct kref, with a release callback. */
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>

struct kref {
	int refcount;
};

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

static void kref_init(struct kref *k) { k->refcount = 1; }
static void kref_get(struct kref *k) { k->refcount++; }

static int kref_put(struct kref *k, void (*release)(struct kref *))
{
	if (--k->refcount == 0) {
		release(k);
		return 1;
	}
	return 0;
}

struct buffer {
	char name[8];
	size_t size;
	struct kref ref;
};

static int live_buffers;

static void buffer_release(struct kref *k)
{
	struct buffer *b = container_of(k, struct buffer, ref);
	printf("release %s (%zu bytes)\n", b->name, b->size);
	live_buffers--;
	free(b);
}

static struct buffer *buffer_new(const char *name, size_t size)
{
	struct buffer *b = malloc(sizeof *b);
	if (!b)
		return NULL;
	snprintf(b->name, sizeof b->name, "%s", name);
	b->size = size;
	kref_init(&b->ref);
	live_buffers++;
	return b;
}

int main(void)
{
	struct buffer *a = buffer_new("a", 64);
	struct buffer *b = buffer_new("b", 128);
	struct buffer *holders[3] = { a, a, b };
	int i;
	for (i = 0; i < 3; i++)
		kref_get(&holders[i]->ref);
	printf("a=%d b=%d live=%d\n", a->ref.refcount, b->ref.refcount, live_buffers);
	printf("put a: %d\n", kref_put(&a->ref, buffer_release));
	printf("put b: %d\n", kref_put(&b->ref, buffer_release));
	for (i = 0; i < 3; i++) {
		printf("holder %d drops\n", i);
		kref_put(&holders[i]->ref, buffer_release);
	}
	printf("live=%d\n", live_buffers);
	return 0;
}

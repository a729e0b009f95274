/* a fixed-size ring buffer with power-of-two masking and unsigned index wrap. */
#include <stdio.h>

#define RING_SIZE 8u

struct ring {
	int buf[RING_SIZE];
	unsigned head;    /* next write, free-running */
	unsigned tail;    /* next read, free-running */
};

static unsigned ring_count(const struct ring *r)
{
	return r->head - r->tail;   /* correct even after the counters wrap */
}

static int ring_put(struct ring *r, int v)
{
	if (ring_count(r) == RING_SIZE)
		return -1;
	r->buf[r->head++ & (RING_SIZE - 1)] = v;
	return 0;
}

static int ring_get(struct ring *r, int *v)
{
	if (r->head == r->tail)
		return -1;
	*v = r->buf[r->tail++ & (RING_SIZE - 1)];
	return 0;
}

int main(void)
{
	struct ring r = { { 0 }, 0, 0 };
	int i, v;
	for (i = 0; i < 10; i++)
		if (ring_put(&r, i * 11) < 0)
			printf("full at %d\n", i);
	printf("count=%u\n", ring_count(&r));
	for (i = 0; i < 3; i++) {
		ring_get(&r, &v);
		printf("got %d\n", v);
	}
	ring_put(&r, 100);
	ring_put(&r, 101);
	printf("count=%u\n", ring_count(&r));
	while (ring_get(&r, &v) == 0)
		printf("%d ", v);
	printf("\nempty count=%u\n", ring_count(&r));

	/* start near UINT_MAX to cross the wrap point */
	r.head = r.tail = 4294967290u;
	for (i = 0; i < 8; i++)
		ring_put(&r, i);
	printf("wrapped head=%u tail=%u count=%u\n", r.head, r.tail, ring_count(&r));
	int sum = 0;
	while (ring_get(&r, &v) == 0)
		sum += v;
	printf("sum=%d\n", sum);
	return 0;
}

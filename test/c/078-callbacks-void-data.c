/* callbacks with void * context: an iterator and a visitor table. */
#include <stdio.h>

typedef int (*visit_fn)(int value, void *ctx);

static int for_each(const int *a, int n, visit_fn fn, void *ctx)
{
	int i, ret;
	for (i = 0; i < n; i++) {
		ret = fn(a[i], ctx);
		if (ret)
			return ret;      /* a callback can stop the walk */
	}
	return 0;
}

struct stats {
	long sum;
	int min, max, count;
};

static int collect(int v, void *ctx)
{
	struct stats *s = ctx;
	if (s->count == 0 || v < s->min)
		s->min = v;
	if (s->count == 0 || v > s->max)
		s->max = v;
	s->sum += v;
	s->count++;
	return 0;
}

static int find_negative(int v, void *ctx)
{
	int *pos = ctx;
	(*pos)++;
	return v < 0 ? v : 0;
}

static int print_it(int v, void *ctx)
{
	const char *sep = ctx;
	printf("%d%s", v, sep);
	return 0;
}

int main(void)
{
	int a[] = { 4, 8, 15, 16, -23, 42 };
	struct stats st = { 0, 0, 0, 0 };
	for_each(a, 6, collect, &st);
	printf("sum=%ld min=%d max=%d count=%d\n", st.sum, st.min, st.max, st.count);
	int pos = 0;
	int r = for_each(a, 6, find_negative, &pos);
	printf("first negative %d after %d visits\n", r, pos);
	for_each(a, 6, print_it, " | ");
	printf("\n");
	struct {
		const char *name;
		visit_fn fn;
	} visitors[] = { { "collect", collect }, { "print", print_it } };
	struct stats st2 = { 0, 0, 0, 0 };
	void *ctxs[] = { &st2, ", " };
	int i;
	for (i = 0; i < 2; i++) {
		printf("%s: ", visitors[i].name);
		for_each(a, 3, visitors[i].fn, ctxs[i]);
		printf("\n");
	}
	printf("st2.sum=%ld\n", st2.sum);
	return 0;
}

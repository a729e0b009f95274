/* the Linux "goto out" error-unwinding idiom: release in reverse order. */
#include <stdio.h>
#include <stdlib.h>

#define ENOMEM 12
#define EINVAL 22

static int fail_at;     /* which step fails, 0 = none */
static int step;

static void *get_resource(const char *name)
{
	step++;
	if (step == fail_at) {
		printf("  alloc %s failed\n", name);
		return NULL;
	}
	printf("  alloc %s\n", name);
	return malloc(16);
}

static void put_resource(const char *name, void *p)
{
	printf("  free %s\n", name);
	free(p);
}

static int setup(int fail)
{
	void *a, *b, *c;
	int ret = 0;

	fail_at = fail;
	step = 0;
	a = get_resource("a");
	if (!a) {
		ret = -ENOMEM;
		goto out;
	}
	b = get_resource("b");
	if (!b) {
		ret = -ENOMEM;
		goto out_free_a;
	}
	c = get_resource("c");
	if (!c) {
		ret = -ENOMEM;
		goto out_free_b;
	}
	if (fail == 4) {
		printf("  validation failed\n");
		ret = -EINVAL;
		goto out_free_c;
	}
	printf("  all set up\n");
	/* success also releases everything here, to keep the program leak-free */
out_free_c:
	put_resource("c", c);
out_free_b:
	put_resource("b", b);
out_free_a:
	put_resource("a", a);
out:
	return ret;
}

int main(void)
{
	int f;
	for (f = 0; f <= 4; f++) {
		printf("fail at %d:\n", f);
		printf("  -> %d\n", setup(f));
	}
	return 0;
}

/* function pointers: as variables, parameters, return values, in arrays and structs. */
#include <stdio.h>

typedef int (*unary)(int);

static int inc(int x) { return x + 1; }
static int dbl(int x) { return x * 2; }
static int sq(int x) { return x * x; }
static int neg(int x) { return -x; }

static int apply_n(unary f, int n, int x)
{
	while (n-- > 0)
		x = f(x);
	return x;
}

static unary pick(char op)
{
	switch (op) {
	case '+': return inc;
	case '*': return dbl;
	case '^': return sq;
	default: return neg;
	}
}

/* a function returning a pointer to a function, without a typedef */
static int (*pick_raw(int i))(int)
{
	return i ? sq : inc;
}

struct handler {
	const char *name;
	int (*fn)(int);
};

int main(void)
{
	int (*fp)(int) = inc;
	printf("fp(1)=%d (*fp)(1)=%d\n", fp(1), (*fp)(1));
	fp = &dbl;
	printf("dbl(21)=%d\n", fp(21));
	printf("apply_n(dbl, 10, 1)=%d\n", apply_n(dbl, 10, 1));
	printf("pick('^')(9)=%d pick('?')(9)=%d\n", pick('^')(9), pick('?')(9));
	printf("pick_raw(1)(5)=%d pick_raw(0)(5)=%d\n", pick_raw(1)(5), pick_raw(0)(5));

	unary pipeline[] = { inc, dbl, sq, neg };
	int x = 3;
	size_t i;
	for (i = 0; i < sizeof pipeline / sizeof pipeline[0]; i++)
		x = pipeline[i](x);
	printf("pipeline(3)=%d\n", x);

	struct handler hs[] = { { "inc", inc }, { "sq", sq }, { NULL, NULL } };
	struct handler *h;
	for (h = hs; h->name; h++)
		printf("%s(7)=%d\n", h->name, h->fn(7));

	printf("fp==dbl:%d fp==inc:%d\n", fp == dbl, fp == inc);
	unary none = NULL;
	printf("none is null: %d\n", none == NULL);
	return 0;
}

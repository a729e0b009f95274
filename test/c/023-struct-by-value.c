/* structs passed and returned by value. */
#include <stdio.h>

struct pair {
	int a;
	int b;
};

struct wide {
	long x[5];
	char c;
};

static struct pair make_pair(int a, int b)
{
	struct pair p = { a, b };
	return p;
}

static struct pair swap(struct pair p)
{
	int t = p.a;
	p.a = p.b;
	p.b = t;
	return p;
}

static void clobber(struct pair p)
{
	p.a = -1;       /* only the copy changes */
	printf("inside: %d %d\n", p.a, p.b);
}

static struct wide scale(struct wide w, long k)
{
	int i;
	for (i = 0; i < 5; i++)
		w.x[i] *= k;
	w.c++;
	return w;
}

static long sum_wide(struct wide w)
{
	long s = 0;
	int i;
	for (i = 0; i < 5; i++)
		s += w.x[i];
	return s + w.c;
}

int main(void)
{
	struct pair p = make_pair(3, 4);
	struct pair q = swap(p);
	printf("p=%d,%d q=%d,%d\n", p.a, p.b, q.a, q.b);
	clobber(p);
	printf("after: %d %d\n", p.a, p.b);
	printf("swap(swap).a=%d\n", swap(swap(p)).a);
	printf("make_pair(7,8).b=%d\n", make_pair(7, 8).b);

	struct wide w = { { 1, 2, 3, 4, 5 }, 'a' };
	struct wide w2 = scale(w, 10);
	printf("w.x[4]=%ld w2.x[4]=%ld w2.c=%c\n", w.x[4], w2.x[4], w2.c);
	printf("sum_wide(w2)=%ld\n", sum_wide(w2));
	printf("sum of scaled temp=%ld\n", sum_wide(scale(w2, -1)));
	return 0;
}

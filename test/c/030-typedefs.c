/* typedefs of scalars, structs, pointers, arrays and functions. */
#include <stdio.h>

typedef unsigned int uint;
typedef long long i64;
typedef struct node node_t;
struct node {
	int v;
	node_t *next;
};
typedef struct {
	int w, h;
} size2d;
typedef int row_t[3];
typedef const char *cstr;
typedef int binop(int, int);
typedef binop *binop_ptr;
typedef uint counter;

static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }

static i64 area(size2d s)
{
	return (i64)s.w * s.h;
}

int main(void)
{
	uint u = 7;
	counter c = u * 2;
	i64 big = 1LL << 50;
	printf("%u %u %lld\n", u, c, big);

	node_t n2 = { 2, NULL };
	node_t n1 = { 1, &n2 };
	printf("list: %d %d\n", n1.v, n1.next->v);

	size2d s = { 100000, 300000 };
	printf("area=%lld\n", area(s));

	row_t rows[2] = { { 1, 2, 3 }, { 4, 5, 6 } };
	printf("sizeof(row_t)=%zu rows[1][2]=%d\n", sizeof(row_t), rows[1][2]);

	cstr names[] = { "alpha", "beta" };
	printf("%s %s\n", names[0], names[1]);

	binop_ptr ops[] = { add, mul };
	binop *direct = mul;
	printf("%d %d %d\n", ops[0](3, 4), ops[1](3, 4), direct(5, 6));

	typedef int local_t;   /* block-scope typedef */
	local_t l = 9;
	printf("l=%d sizeof(i64)=%zu\n", l, sizeof(i64));
	return 0;
}

/* multi-statement macros wrapped in do { } while (0), and macro argument pitfalls. */
#include <stdio.h>

#define SWAP(a, b)              \
	do {                    \
		int __t = (a);  \
		(a) = (b);      \
		(b) = __t;      \
	} while (0)

#define CHECK(cond, msg)                                 \
	do {                                             \
		if (!(cond))                             \
			printf("check failed: %s\n", msg); \
		else                                     \
			printf("ok: %s\n", msg);         \
	} while (0)

#define SQUARE_BAD(x) x * x
#define SQUARE(x) ((x) * (x))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#define WARN_ON(cond) warn_on(!!(cond), #cond, __LINE__)

static int warn_on(int cond, const char *text, int line)
{
	if (cond)
		printf("WARNING: %s at line %d\n", text, line);
	return cond;
}

int main(void)
{
	int x = 1, y = 2;
	if (x < y)
		SWAP(x, y);       /* safe in an unbraced if/else */
	else
		printf("not swapped\n");
	printf("x=%d y=%d\n", x, y);

	CHECK(x == 2, "x is two");
	CHECK(y == 2, "y is two");

	printf("SQUARE_BAD(1+2)=%d SQUARE(1+2)=%d\n", SQUARE_BAD(1 + 2), SQUARE(1 + 2));
	int arr[] = { 3, 9, 4 };
	printf("ARRAY_SIZE=%zu MAX=%d\n", ARRAY_SIZE(arr), MAX(arr[0], MAX(arr[1], arr[2])));

	int i = 0;
	while (i < 3)
		do { printf("i=%d\n", i); i++; } while (0);

	if (WARN_ON(x > 1))
		printf("warned\n");
	WARN_ON(y > 100);
	return 0;
}

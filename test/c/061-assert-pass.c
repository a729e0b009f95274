/* assert() that holds does nothing. */
#include <stdio.h>
#include <assert.h>
#include <string.h>

static unsigned gcd(unsigned a, unsigned b)
{
	assert(a != 0 || b != 0);
	while (b) {
		unsigned t = a % b;
		a = b;
		b = t;
	}
	return a;
}

int main(void)
{
	int i;
	for (i = 1; i <= 5; i++) {
		assert(i > 0);
		assert(i * i >= i);
	}
	assert(strlen("abc") == 3);
	assert(gcd(12, 18) == 6);
	const char *p = "x";
	assert(p);
	assert(sizeof(long) == 8 && "LP64");
	printf("gcd=%u all asserts passed\n", gcd(84, 36));
	return 0;
}

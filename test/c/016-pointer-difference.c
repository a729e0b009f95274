/* pointer subtraction yields element counts (ptrdiff_t). */
#include <stdio.h>
#include <stddef.h>

struct big {
	long a, b, c;
};

static ptrdiff_t find(const int *base, int n, int key)
{
	const int *p;
	for (p = base; p < base + n; p++)
		if (*p == key)
			return p - base;
	return -1;
}

int main(void)
{
	int a[10];
	int i;
	for (i = 0; i < 10; i++)
		a[i] = i * i;
	int *p = &a[7], *q = &a[2];
	printf("p-q=%td q-p=%td\n", p - q, q - p);
	printf("sizeof(p-q)=%zu\n", sizeof(p - q));
	printf("find 49 -> %td, find 50 -> %td\n", find(a, 10, 49), find(a, 10, 50));

	struct big bs[5];
	struct big *e = bs + 5;
	printf("structs: %td, bytes: %td\n", e - bs, (char *)e - (char *)bs);

	char s[] = "hello, world";
	char *comma = s;
	while (*comma != ',')
		comma++;
	printf("comma at %td\n", comma - s);

	ptrdiff_t d = &a[0] - &a[9];
	printf("d=%td\n", d);
	printf("%d\n", (int)(&a[9] - a) == 9);
	return 0;
}

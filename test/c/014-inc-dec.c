/* pre/post increment and decrement on integers and pointers. */
#include <stdio.h>

int main(void)
{
	int i = 5;
	int a = i++;
	int b = ++i;
	int c = i--;
	int d = --i;
	printf("a=%d b=%d c=%d d=%d i=%d\n", a, b, c, d, i);

	unsigned char uc = 255;
	uc++;
	printf("uchar 255++ = %d\n", uc);
	signed char sc = -128;
	sc--;        /* converts -129 back to signed char: wraps on gcc */
	printf("schar -128-- = %d\n", sc);
	unsigned u = 0;
	printf("u-- yields %u, ", u--);
	printf("now %u\n", u);
	long long ll = -1;
	printf("++ll=%lld\n", ++ll);

	int arr[5] = { 10, 20, 30, 40, 50 };
	int *p = arr;
	printf("*p++=%d ", *p++);
	printf("*p=%d ", *p);
	printf("*++p=%d ", *++p);
	printf("++*p=%d ", ++*p);
	printf("(*p)++=%d ", (*p)++);
	printf("*p=%d\n", *p);
	int *q = &arr[4];
	int last = *q--;
	printf("*q--=%d *q=%d\n", last, *q);
	while (q >= arr + 1) {
		printf("%d ", *q);
		--q;
	}
	printf("\n");

	char s[] = "hello";
	char *t = s;
	int len = 0;
	while (*t++)
		len++;
	printf("len=%d\n", len);

	const char *msg = "xyz";
	const char *e = msg + 3;
	while (e > msg)
		putchar(*--e);
	putchar('\n');
	return 0;
}

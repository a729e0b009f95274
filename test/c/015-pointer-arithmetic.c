/* pointer arithmetic scales by the pointee size. */
#include <stdio.h>

int main(void)
{
	int a[6] = { 1, 2, 3, 4, 5, 6 };
	int *p = a;
	printf("p[3]=%d *(p+3)=%d 3[p]=%d\n", p[3], *(p + 3), 3[p]);
	p += 2;
	printf("*p=%d p[-1]=%d p[1]=%d\n", *p, p[-1], p[1]);
	int *end = a + 6;       /* one past the end: valid to form and compare */
	int sum = 0;
	for (p = a; p != end; p++)
		sum += *p;
	printf("sum=%d\n", sum);

	long la[3] = { 100, 200, 300 };
	long *lp = &la[2];
	lp -= 2;
	printf("*lp=%ld\n", *lp);

	char buf[8] = "abcdefg";
	char *cp = buf + 7;
	while (cp > buf) {
		cp--;
		putchar(*cp);
	}
	putchar('\n');

	short sa[4] = { 10, 20, 30, 40 };
	short *sp = sa;
	sp = sp + 1;
	*sp += 5;
	sp[1] *= 2;
	printf("%d %d %d %d\n", sa[0], sa[1], sa[2], sa[3]);

	/* byte offsets through a char pointer */
	int words[2] = { 0x11223344, 0x55667788 };
	unsigned char *bp = (unsigned char *)words;
	printf("bytes:");
	int i;
	for (i = 0; i < 8; i++)
		printf(" %02x", bp[i]);       /* little-endian */
	printf("\n");
	int *back = (int *)(bp + sizeof(int));
	printf("back=%x\n", *back);

	/* pointer to pointer */
	int x = 7;
	int *px = &x;
	int **ppx = &px;
	**ppx = 9;
	printf("x=%d\n", x);
	return 0;
}

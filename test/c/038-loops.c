/* for, while and do-while with break and continue. */
#include <stdio.h>

int main(void)
{
	int i, sum = 0;
	for (i = 0; i < 20; i++) {
		if (i % 3 == 0)
			continue;
		if (i > 14)
			break;
		sum += i;
	}
	printf("for: sum=%d i=%d\n", sum, i);

	int n = 27, steps = 0;
	while (n != 1) {
		n = n % 2 ? 3 * n + 1 : n / 2;
		steps++;
	}
	printf("collatz(27) steps=%d\n", steps);

	int k = 100;
	do {
		k -= 7;
	} while (k > 50);
	printf("do-while: k=%d\n", k);
	int once = 0;
	do
		once++;
	while (0);
	printf("once=%d\n", once);

	/* continue in a do-while jumps to the condition */
	int j = 0, odd = 0;
	do {
		j++;
		if (j % 2 == 0)
			continue;
		odd++;
	} while (j < 9);
	printf("odd=%d\n", odd);

	/* continue in a while */
	int w = 0, printed = 0;
	while (w < 10) {
		w++;
		if (w == 5)
			continue;
		printed++;
	}
	printf("printed=%d\n", printed);

	/* break out of an infinite for */
	int f = 1;
	for (;;) {
		f *= 2;
		if (f > 1000)
			break;
	}
	printf("f=%d\n", f);

	/* nested loops: break and continue affect the innermost loop only */
	int a, b, pairs = 0;
	for (a = 0; a < 5; a++) {
		for (b = 0; b < 5; b++) {
			if (b > a)
				break;
			if ((a + b) % 2)
				continue;
			pairs++;
		}
	}
	printf("pairs=%d\n", pairs);

	/* multiple loop variables with the comma operator */
	int lo, hi;
	char s[] = "abcdefg";
	for (lo = 0, hi = 6; lo < hi; lo++, hi--) {
		char t = s[lo];
		s[lo] = s[hi];
		s[hi] = t;
	}
	printf("reversed=%s\n", s);

	/* empty body */
	int z;
	for (z = 0; z < 10; z++)
		;
	printf("z=%d\n", z);
	return 0;
}

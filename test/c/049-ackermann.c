/* deep-ish recursion: small Ackermann values and the Tower of Hanoi. */
#include <stdio.h>

static unsigned long calls;

static unsigned ack(unsigned m, unsigned n)
{
	calls++;
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

static int moves;

static void hanoi(int n, char from, char to, char via)
{
	if (n == 0)
		return;
	hanoi(n - 1, from, via, to);
	moves++;
	if (n == 4)
		printf("move disk 4 %c->%c\n", from, to);
	hanoi(n - 1, via, to, from);
}

int main(void)
{
	unsigned m, n;
	for (m = 0; m <= 2; m++)
		for (n = 0; n <= 3; n++) {
			calls = 0;
			unsigned r = ack(m, n);
			printf("ack(%u,%u)=%u calls=%lu\n", m, n, r, calls);
		}
	calls = 0;
	unsigned a33 = ack(3, 3);
	printf("ack(3,3)=%u calls=%lu\n", a33, calls);
	hanoi(6, 'A', 'C', 'B');
	printf("hanoi(6) moves=%d\n", moves);
	return 0;
}

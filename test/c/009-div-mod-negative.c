/* C99 division truncates toward zero; % has the sign of the dividend. */
#include <stdio.h>

int main(void)
{
	int a[] = { 7, -7, 7, -7, 0, 1, -1 };
	int b[] = { 2, 2, -2, -2, 3, 5, 5 };
	int i;

	for (i = 0; i < 7; i++)
		printf("%d / %d = %d, %d %% %d = %d\n", a[i], b[i], a[i] / b[i], a[i], b[i], a[i] % b[i]);

	long la = -1000000000007L;
	printf("%ld / 10 = %ld, %% 10 = %ld\n", la, la / 10, la % 10);
	long long lla = -9223372036854775807LL;
	printf("%lld / 3 = %lld, %% 3 = %lld\n", lla, lla / 3, lla % 3);

	/* unsigned division of a negative converted value */
	unsigned u = (unsigned)-7;
	printf("(unsigned)-7 / 2 = %u, %% 2 = %u\n", u / 2, u % 2);

	/* identity: (a/b)*b + a%b == a */
	int ok = 1;
	int x, y;
	for (x = -20; x <= 20; x++)
		for (y = -6; y <= 6; y++)
			if (y != 0 && (x / y) * y + x % y != x)
				ok = 0;
	printf("identity holds: %d\n", ok);

	short s = -17;
	printf("short -17/4=%d -17%%4=%d\n", s / 4, s % 4);
	signed char c = -100;
	printf("schar -100/-7=%d -100%%-7=%d\n", c / -7, c % -7);

	/* a positive modulo from a possibly negative value */
	int m = -13, n = 5;
	printf("((m %% n) + n) %% n = %d\n", ((m % n) + n) % n);
	return 0;
}

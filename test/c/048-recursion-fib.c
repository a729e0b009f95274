/* plain recursion: fibonacci, factorial, gcd, power, sum of digits. */
#include <stdio.h>

static int fib(int n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static unsigned long long fact(unsigned n)
{
	return n <= 1 ? 1 : n * fact(n - 1);
}

static int gcd(int a, int b)
{
	return b == 0 ? a : gcd(b, a % b);
}

static long power(long base, unsigned e)
{
	if (e == 0)
		return 1;
	long half = power(base, e / 2);
	return e % 2 ? half * half * base : half * half;
}

static int digit_sum(unsigned long n)
{
	return n == 0 ? 0 : (int)(n % 10) + digit_sum(n / 10);
}

static int is_even(unsigned n);
static int is_odd(unsigned n)
{
	return n == 0 ? 0 : is_even(n - 1);
}
static int is_even(unsigned n)
{
	return n == 0 ? 1 : is_odd(n - 1);
}

int main(void)
{
	int i;
	for (i = 0; i <= 20; i++)
		printf("%d ", fib(i));
	printf("\n");
	printf("20!=%llu\n", fact(20));
	printf("gcd(1071,462)=%d gcd(17,5)=%d\n", gcd(1071, 462), gcd(17, 5));
	printf("3^39=%ld 2^62=%ld\n", power(3, 39), power(2, 62));
	printf("digit_sum(18446744073709551615)=%d\n", digit_sum(18446744073709551615UL));
	printf("is_even(10)=%d is_odd(7)=%d is_even(7)=%d\n", is_even(10), is_odd(7), is_even(7));
	return 0;
}

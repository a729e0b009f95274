/* static locals keep their value across calls and are zero-initialised. */
#include <stdio.h>

static int next_id(void)
{
	static int id = 100;
	return id++;
}

static int calls(void)
{
	static int n;          /* implicitly 0 */
	return ++n;
}

static const char *ring(void)
{
	static const char *names[] = { "red", "green", "blue" };
	static unsigned i;
	return names[i++ % 3];
}

static int *counter_addr(void)
{
	static int c;
	return &c;             /* valid after return: static storage */
}

static long fib_memo(int n)
{
	static long memo[60];
	if (n < 2)
		return n;
	if (memo[n])
		return memo[n];
	return memo[n] = fib_memo(n - 1) + fib_memo(n - 2);
}

int main(void)
{
	int i;
	for (i = 0; i < 3; i++)
		printf("id=%d ", next_id());
	printf("\n");
	calls();
	calls();
	printf("calls=%d\n", calls());
	for (i = 0; i < 5; i++)
		printf("%s ", ring());
	printf("\n");
	*counter_addr() += 5;
	(*counter_addr())++;
	printf("counter=%d\n", *counter_addr());
	printf("fib(50)=%ld\n", fib_memo(50));
	{
		static int block_static = 7;
		block_static *= 2;
		printf("block_static=%d\n", block_static);
	}
	return 0;
}

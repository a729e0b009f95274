/* globals: initialised, zero-initialised, const tables, pointers to globals. */
#include <stdio.h>

int g_int = 42;
long g_long = -1234567890123L;
unsigned g_zero;
char g_buf[8];
const char *g_name = "global";
int g_arr[5] = { 1, 2, 3 };
int *g_ptr = &g_arr[2];
static const int primes[] = { 2, 3, 5, 7, 11, 13 };
static int nprimes = sizeof primes / sizeof primes[0];
struct cfg {
	int level;
	const char *label;
} g_cfg = { 3, "cfg" };
struct cfg *g_cfgp = &g_cfg;
const char g_msg[] = "message";
unsigned long long g_big = 0xffffffffffffffffULL;
int g_twice = 2 * 21;

static void touch(void)
{
	g_int++;
	g_zero += 10;
	g_buf[0] = 'x';
	*g_ptr = 30;
	g_cfgp->level *= 2;
}

int main(void)
{
	printf("%d %ld %u [%s] %s\n", g_int, g_long, g_zero, g_buf, g_name);
	printf("arr: %d %d %d %d %d\n", g_arr[0], g_arr[1], g_arr[2], g_arr[3], g_arr[4]);
	touch();
	printf("%d %u [%s] arr[2]=%d level=%d\n", g_int, g_zero, g_buf, g_arr[2], g_cfg.level);
	int i, sum = 0;
	for (i = 0; i < nprimes; i++)
		sum += primes[i];
	printf("nprimes=%d sum=%d\n", nprimes, sum);
	printf("%s %s %zu %llu %d\n", g_cfg.label, g_msg, sizeof g_msg, g_big, g_twice);
	return 0;
}

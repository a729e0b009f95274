/* printf length modifiers: hh, h, l, ll, z, t, j. */
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

int main(void)
{
	signed char sc = -5;
	unsigned char uc = 250;
	short sh = -30000;
	unsigned short us = 65000;
	long l = -9000000000L;
	unsigned long ul = 18000000000000000000UL;
	long long ll = -9223372036854775807LL - 1;
	unsigned long long ull = 18446744073709551615ULL;
	size_t sz = 123456789012UL;
	ptrdiff_t pd = -77;
	intmax_t im = -1;
	uintmax_t um = 255;

	printf("hhd=%hhd hhu=%hhu hhx=%hhx\n", sc, uc, uc);
	printf("hd=%hd hu=%hu hx=%hx ho=%ho\n", sh, us, us, us);
	printf("ld=%ld lu=%lu lx=%lx lo=%lo\n", l, ul, ul, ul);
	printf("lld=%lld llu=%llu llx=%llx llX=%llX\n", ll, ull, ull, ull);
	printf("zu=%zu zx=%zx zd=%zd\n", sz, sz, (ptrdiff_t)sz);
	printf("td=%td tx=%tx\n", pd, (ptrdiff_t)255);
	printf("jd=%jd ju=%ju jx=%jx\n", im, um, um);
	printf("%-20ld|%20lu|\n", l, ul);
	printf("%+lld %020lld\n", 5LL, ll);
	printf("int8=%d uint8=%u int16=%d uint16=%u\n", (int8_t)-8, (uint8_t)200, (int16_t)-1600, (uint16_t)60000);
	printf("int32=%d uint32=%u int64=%ld uint64=%lu\n", (int32_t)-32, (uint32_t)4000000000u, (int64_t)-64, (uint64_t)1 << 63);
	printf("sizeof=%zu %zu %zu\n", sizeof(char), sizeof(long long), sizeof(struct { char c; long l; }));
	return 0;
}

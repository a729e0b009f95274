/* integer constant forms and their types. */
#include <stdio.h>

int main(void)
{
	printf("%d %d %d %d\n", 0x1f, 017, 0, 0XABC);
	printf("sizeof 1=%zu 1L=%zu 1LL=%zu 1u=%zu 1UL=%zu\n", sizeof 1, sizeof 1L, sizeof 1LL, sizeof 1u, sizeof 1UL);
	/* a decimal constant too big for int is long; a hex one may be unsigned */
	printf("sizeof 2147483648=%zu sizeof 0x80000000=%zu\n", sizeof 2147483648, sizeof 0x80000000);
	printf("sizeof 0xffffffffff=%zu\n", sizeof 0xffffffffff);
	printf("0x80000000 > 0: %d\n", 0x80000000 > 0);
	printf("'A'=%d '\\n'=%d '\\0'=%d '\\x41'=%d '\\101'=%d '\\\\'=%d\n", 'A', '\n', '\0', '\x41', '\101', '\\');
	printf("sizeof 'A'=%zu\n", sizeof 'A');
	printf("'\\377'=%d\n", '\377');     /* char constant with a signed char value */
	printf("%u %lu %llu\n", 4294967295u, 0xffffffffffffffffUL, 18446744073709551615ULL);
	printf("%ld\n", -2147483648L);
	printf("%d\n", -2147483647 - 1);
	printf("%lld\n", 0x7fffffffffffffffLL);
	printf("%o %x %X\n", 511, 48879, 48879);
	return 0;
}

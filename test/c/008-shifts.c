/* shifts: in range for each width; right shift of negatives is arithmetic on gcc. */
#include <stdio.h>

int main(void)
{
	int i;
	for (i = 0; i < 32; i += 5)
		printf("1u<<%d=%u ", i, 1u << i);
	printf("\n");
	printf("1<<30=%d 1<<31 as unsigned=%u\n", 1 << 30, 1u << 31);
	printf("1L<<63 as unsigned long=%lu\n", 1UL << 63);
	printf("1LL<<40=%lld\n", 1LL << 40);

	int neg = -100;
	printf("-100>>1=%d -100>>3=%d -1>>31=%d\n", neg >> 1, neg >> 3, -1 >> 31);
	long lneg = -1000000000000L;
	printf("-1e12>>10=%ld\n", lneg >> 10);

	unsigned u = 0x80000000u;
	printf("0x80000000u>>31=%u >>4=%x\n", u >> 31, u >> 4);

	unsigned char uc = 0x81;
	printf("uc<<1=%d (promoted) (unsigned char)(uc<<1)=%d\n", uc << 1, (unsigned char)(uc << 1));
	printf("uc>>7=%d\n", uc >> 7);
	signed char sc = -128;
	printf("sc>>2=%d\n", sc >> 2);
	short sh = -2;
	printf("sh>>1=%d sh<<3 as int=%d\n", sh >> 1, (int)((unsigned)sh << 3));

	/* shift count of a different type than the shifted value */
	long long cnt = 3;
	printf("5<<cnt=%d\n", 5 << cnt);
	unsigned long long v = 0xfedcba9876543210ULL;
	for (i = 0; i < 64; i += 12)
		printf("v>>%d=%llx\n", i, v >> i);

	/* rotate idiom */
	unsigned r = 0x12345678u;
	unsigned rot = (r << 8) | (r >> 24);
	printf("rotl8=%08x\n", rot);

	int x = 7;
	x <<= 2;
	x >>= 1;
	printf("x=%d\n", x);
	return 0;
}

/* two's complement facts that hold on gcc x86-64: negation, abs, min values, masks. */
#include <stdio.h>
#include <stdint.h>

static unsigned uabs(int x)
{
	return x < 0 ? 0u - (unsigned)x : (unsigned)x;   /* defined even for INT_MIN */
}

int main(void)
{
	int vals[] = { 0, 1, -1, 127, -128, 2147483647, -2147483647 - 1 };
	int i;
	for (i = 0; i < 7; i++) {
		int v = vals[i];
		printf("%d: hex=%08x ~v=%d uabs=%u sign=%d\n", v, (unsigned)v, ~v, uabs(v), (v > 0) - (v < 0));
	}
	printf("~x + 1 == -x for 5: %d\n", ~5 + 1 == -5);
	int8_t m8 = INT8_MIN;
	printf("-(int)INT8_MIN=%d (int8_t)-INT8_MIN=%d\n", -(int)m8, (int8_t)-m8);
	long long lm = INT64_MIN;
	printf("(unsigned long long)INT64_MIN=%llu\n", (unsigned long long)lm);
	printf("(unsigned)INT_MIN=%u\n", (unsigned)(-2147483647 - 1));

	/* sign extension when widening */
	int8_t b = -3;
	int16_t h = b;
	int32_t w = h;
	int64_t d = w;
	printf("widened: %d %d %d %ld hex64=%016lx\n", b, h, w, d, (uint64_t)d);
	uint8_t ub = (uint8_t)b;
	uint32_t zw = ub;   /* zero extension */
	printf("zero-extended: %u %08x\n", zw, zw);

	/* branchless min/max with masks */
	int x = 17, y = -4;
	int mask = -(x < y);
	int mn = (x & mask) | (y & ~mask);
	int mx = (y & mask) | (x & ~mask);
	printf("min=%d max=%d\n", mn, mx);
	return 0;
}

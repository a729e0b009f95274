/* exact-width types from stdint.h and their limits. */
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>

int main(void)
{
	printf("INT8 %d..%d UINT8 %d\n", INT8_MIN, INT8_MAX, UINT8_MAX);
	printf("INT16 %d..%d UINT16 %d\n", INT16_MIN, INT16_MAX, UINT16_MAX);
	printf("INT32 %d..%d UINT32 %u\n", INT32_MIN, INT32_MAX, UINT32_MAX);
	printf("INT64 %ld..%ld UINT64 %lu\n", INT64_MIN, INT64_MAX, UINT64_MAX);
	printf("SIZE_MAX %zu PTRDIFF_MAX %td\n", SIZE_MAX, PTRDIFF_MAX);

	uint8_t u8 = UINT8_MAX;
	u8++;
	int8_t i8 = INT8_MIN;
	i8 = (int8_t)(i8 - 1);
	uint16_t u16 = 0;
	u16--;
	uint32_t u32 = UINT32_MAX;
	u32 += 2;
	uint64_t u64 = 0;
	u64 -= 3;
	printf("u8=%u i8=%d u16=%u u32=%u u64=%lu\n", u8, i8, u16, u32, u64);

	/* crc32 (bitwise, reflected polynomial) exercising uint32_t and uint8_t */
	const uint8_t msg[] = "123456789";
	uint32_t crc = 0xffffffffu;
	size_t i;
	int b;
	for (i = 0; i < sizeof msg - 1; i++) {
		crc ^= msg[i];
		for (b = 0; b < 8; b++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	crc = ~crc;
	printf("crc32=%08x\n", crc);

	/* byte swapping */
	uint32_t v = 0x11223344u;
	uint32_t sw = (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
	printf("bswap32=%08x\n", sw);
	uint16_t h = 0xabcd;
	uint16_t hs = (uint16_t)((h >> 8) | (h << 8));
	printf("bswap16=%04x\n", hs);

	int_least16_t l16 = -300;
	uint_fast8_t f8 = 250;
	intptr_t ip = -1;
	uintmax_t um = UINTMAX_MAX;
	printf("least16=%d fast8=%u intptr=%ld umax=%ju\n", l16, f8, ip, um);
	printf("INT64_C=%ld UINT64_C=%lu\n", INT64_C(-5), UINT64_C(1) << 40);
	return 0;
}

/* explicit casts between integer widths, signedness, pointers and void. */
#include <stdio.h>
#include <stdint.h>

int main(void)
{
	int x = 0x12345678;
	printf("(char)x=%d (unsigned char)x=%d (short)x=%d (unsigned short)x=%u\n", (char)x, (unsigned char)x, (short)x, (unsigned short)x);
	printf("(long)x=%ld (unsigned long)-x=%lu\n", (long)x, (unsigned long)-x);
	int m = -1;
	printf("(unsigned)-1>>28=%u (-1)>>28=%d\n", (unsigned)m >> 28, m >> 28);
	printf("(int)(unsigned char)-1=%d\n", (int)(unsigned char)m);
	printf("(long long)(int)0xffffffffu=%lld\n", (long long)(int)0xffffffffu);
	printf("(long long)0xffffffffu=%lld\n", (long long)0xffffffffu);
	printf("(_Bool)5=%d (_Bool)0=%d (_Bool)-1=%d\n", (_Bool)5, (_Bool)0, (_Bool)-1);
	_Bool b = 256;              /* any non-zero becomes 1 */
	printf("b=%d\n", b);

	/* pointer <-> integer round trip through uintptr_t */
	int arr[2] = { 11, 22 };
	uintptr_t addr = (uintptr_t)&arr[0];
	int *back = (int *)(addr + sizeof(int));
	printf("*back=%d\n", *back);

	/* pointer casts between object types through char * */
	uint32_t w = 0x01020304u;
	unsigned char *bytes = (unsigned char *)&w;
	printf("low byte=%d high byte=%d\n", bytes[0], bytes[3]);

	void *v = arr;
	printf("((int *)v)[1]=%d\n", ((int *)v)[1]);
	const char *cs = "const";
	char *unconst = (char *)cs;
	printf("%c\n", unconst[0]);

	(void)x;     /* a cast to void discards a value */
	long l = (long)(short)40000;
	printf("(long)(short)40000=%ld\n", l);
	unsigned long long big = (unsigned long long)(unsigned)-2;
	printf("big=%llu\n", big);
	printf("(int)'a' + 1=%d (char)98=%c\n", (int)'a' + 1, (char)98);
	return 0;
}

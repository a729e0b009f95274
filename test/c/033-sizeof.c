/* sizeof on types and expressions; the operand of sizeof is not evaluated. */
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

struct pt { short x, y; };

int main(void)
{
	printf("char=%zu short=%zu int=%zu long=%zu llong=%zu\n", sizeof(char), sizeof(short), sizeof(int), sizeof(long), sizeof(long long));
	printf("ptr=%zu size_t=%zu ptrdiff_t=%zu intptr_t=%zu\n", sizeof(void *), sizeof(size_t), sizeof(ptrdiff_t), sizeof(intptr_t));
	printf("int8=%zu int16=%zu int32=%zu int64=%zu\n", sizeof(int8_t), sizeof(int16_t), sizeof(int32_t), sizeof(int64_t));

	int i = 0;
	size_t n = sizeof(i++);     /* not evaluated */
	printf("sizeof(i++)=%zu i=%d\n", n, i);

	char c = 0;
	short s = 0;
	printf("sizeof c=%zu sizeof(c+c)=%zu sizeof(s*2L)=%zu sizeof(c ? s : c)=%zu\n", sizeof c, sizeof(c + c), sizeof(s * 2L), sizeof(c ? s : c));
	printf("sizeof 1u+1L=%zu sizeof(1 == 1)=%zu sizeof !c=%zu\n", sizeof(1u + 1L), sizeof(1 == 1), sizeof !c);

	struct pt p;
	struct pt *pp = NULL;
	printf("sizeof p=%zu sizeof *pp=%zu sizeof pp->x=%zu\n", sizeof p, sizeof *pp, sizeof pp->x);
	int arr[7][3];
	printf("sizeof arr=%zu arr[0]=%zu arr[0][0]=%zu\n", sizeof arr, sizeof arr[0], sizeof arr[0][0]);
	printf("sizeof(int[5])=%zu sizeof(struct pt[4])=%zu sizeof(char *[3])=%zu\n", sizeof(int[5]), sizeof(struct pt[4]), sizeof(char *[3]));
	printf("sizeof(int (*)[5])=%zu sizeof(int (*)(int))=%zu\n", sizeof(int (*)[5]), sizeof(int (*)(int)));
	printf("sizeof \"hi\"=%zu sizeof 'a'=%zu sizeof(\"hi\"[0])=%zu\n", sizeof "hi", sizeof 'a', sizeof("hi"[0]));

	/* sizeof is unsigned: a classic pitfall */
	int neg = -1;
	printf("-1 < sizeof(int): %d\n", neg < (int)sizeof(int));
	printf("(size_t)-1 > sizeof(int): %d\n", (size_t)neg > sizeof(int));

	unsigned char buf[sizeof(long) * 2];
	printf("sizeof buf=%zu\n", sizeof buf);
	return 0;
}

/* sizeof, alignment padding and offsetof on x86-64 LP64. */
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

struct a { char c; int i; };
struct b { char c; long l; char d; };
struct c { char c1, c2; short s; int i; };
struct d { int i; char c; };
struct e { char c; struct d inner; char tail; };
struct f { short s; char arr[5]; };
struct g { long long ll; char c; };
struct h { char c; void *p; };
struct i { uint8_t a; uint16_t b; uint32_t c; uint64_t d; };
struct j { char name[3]; };
struct k { int a[3]; char b; };
struct l { struct j j1; struct j j2; char z; };

int main(void)
{
	printf("a: %zu c@%zu i@%zu\n", sizeof(struct a), offsetof(struct a, c), offsetof(struct a, i));
	printf("b: %zu c@%zu l@%zu d@%zu\n", sizeof(struct b), offsetof(struct b, c), offsetof(struct b, l), offsetof(struct b, d));
	printf("c: %zu c2@%zu s@%zu i@%zu\n", sizeof(struct c), offsetof(struct c, c2), offsetof(struct c, s), offsetof(struct c, i));
	printf("d: %zu\n", sizeof(struct d));
	printf("e: %zu inner@%zu tail@%zu\n", sizeof(struct e), offsetof(struct e, inner), offsetof(struct e, tail));
	printf("f: %zu arr@%zu\n", sizeof(struct f), offsetof(struct f, arr));
	printf("g: %zu\n", sizeof(struct g));
	printf("h: %zu p@%zu\n", sizeof(struct h), offsetof(struct h, p));
	printf("i: %zu b@%zu c@%zu d@%zu\n", sizeof(struct i), offsetof(struct i, b), offsetof(struct i, c), offsetof(struct i, d));
	printf("j: %zu\n", sizeof(struct j));
	printf("k: %zu b@%zu\n", sizeof(struct k), offsetof(struct k, b));
	printf("l: %zu j2@%zu z@%zu\n", sizeof(struct l), offsetof(struct l, j2), offsetof(struct l, z));
	printf("e.inner.c@%zu\n", offsetof(struct e, inner.c));
	printf("k.a[2]@%zu\n", offsetof(struct k, a[2]));
	struct b arr[3];
	printf("arr: %zu, &arr[2]-&arr[0] bytes=%td\n", sizeof arr, (char *)&arr[2] - (char *)&arr[0]);
	return 0;
}

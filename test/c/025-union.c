/* unions share storage; type punning through a union is defined in C99+. */
#include <stdio.h>
#include <stdint.h>

union word {
	uint32_t u32;
	uint16_t u16[2];
	uint8_t u8[4];
	int32_t s32;
};

struct tagged {
	enum { T_INT, T_STR } kind;
	union {
		long i;
		const char *s;
	} v;
};

static void show(const struct tagged *t)
{
	if (t->kind == T_INT)
		printf("int %ld\n", t->v.i);
	else
		printf("str %s\n", t->v.s);
}

int main(void)
{
	union word w;
	w.u32 = 0xA1B2C3D4u;
	printf("u16: %04x %04x\n", w.u16[0], w.u16[1]);
	printf("u8: %02x %02x %02x %02x\n", w.u8[0], w.u8[1], w.u8[2], w.u8[3]);
	printf("s32: %d\n", w.s32);
	w.u8[3] = 0;
	printf("u32 after byte write: %x\n", w.u32);
	printf("sizeof(union word)=%zu\n", sizeof(union word));

	union mixed { char c; long l; char buf[13]; };
	printf("sizeof(union mixed)=%zu\n", sizeof(union mixed));

	struct tagged items[3];
	items[0].kind = T_INT;
	items[0].v.i = -12;
	items[1].kind = T_STR;
	items[1].v.s = "hello";
	items[2] = items[0];
	items[2].v.i *= 3;
	int i;
	for (i = 0; i < 3; i++)
		show(&items[i]);
	printf("sizeof(struct tagged)=%zu\n", sizeof(struct tagged));

	union word init = { .u8 = { 1, 2, 3, 4 } };
	printf("init=%08x\n", init.u32);
	union word first = { 0x01020304u };
	printf("first.u8[0]=%d\n", first.u8[0]);
	return 0;
}

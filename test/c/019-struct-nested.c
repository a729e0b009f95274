/* nested structs, arrays inside structs, structs inside arrays inside structs. */
#include <stdio.h>

struct vec {
	int x, y, z;
};

struct segment {
	struct vec from, to;
};

struct shape {
	const char *name;
	int nseg;
	struct segment seg[3];
	struct {
		int r, g, b;
	} color;
};

static int manhattan(const struct segment *s)
{
	int d = 0;
	d += s->to.x > s->from.x ? s->to.x - s->from.x : s->from.x - s->to.x;
	d += s->to.y > s->from.y ? s->to.y - s->from.y : s->from.y - s->to.y;
	d += s->to.z > s->from.z ? s->to.z - s->from.z : s->from.z - s->to.z;
	return d;
}

int main(void)
{
	struct shape tri = {
		"triangle", 3,
		{ { { 0, 0, 0 }, { 3, 0, 0 } },
		  { { 3, 0, 0 }, { 0, 4, 0 } },
		  { { 0, 4, 0 }, { 0, 0, 0 } } },
		{ 255, 128, 0 },
	};
	int i, total = 0;
	for (i = 0; i < tri.nseg; i++) {
		int d = manhattan(&tri.seg[i]);
		printf("seg %d: (%d,%d,%d)->(%d,%d,%d) = %d\n", i,
		       tri.seg[i].from.x, tri.seg[i].from.y, tri.seg[i].from.z,
		       tri.seg[i].to.x, tri.seg[i].to.y, tri.seg[i].to.z, d);
		total += d;
	}
	printf("%s perimeter=%d color=%d/%d/%d\n", tri.name, total, tri.color.r, tri.color.g, tri.color.b);

	struct segment *s = &tri.seg[1];
	s->to.z = 9;
	struct vec *v = &tri.seg[1].to;
	printf("z via pointers: %d %d\n", v->z, tri.seg[1].to.z);
	printf("sizeof vec=%zu segment=%zu shape=%zu\n", sizeof(struct vec), sizeof(struct segment), sizeof(struct shape));
	return 0;
}

/* a small fixed-point "physics" step: structs by value, arrays of structs, integer maths only. */
#include <stdio.h>

#define FP_SHIFT 8
#define FP_ONE (1 << FP_SHIFT)

typedef struct { int x, y; } vec2;     /* 24.8 fixed point */

typedef struct {
	vec2 pos, vel;
	int mass;
} body;

static vec2 vadd(vec2 a, vec2 b) { vec2 r = { a.x + b.x, a.y + b.y }; return r; }
static vec2 vscale(vec2 a, int k) { vec2 r = { a.x * k / FP_ONE, a.y * k / FP_ONE }; return r; }

static void step(body *bs, int n, vec2 gravity)
{
	int i;
	for (i = 0; i < n; i++) {
		bs[i].vel = vadd(bs[i].vel, gravity);
		bs[i].pos = vadd(bs[i].pos, vscale(bs[i].vel, FP_ONE / 4));
		if (bs[i].pos.y < 0) {          /* bounce with damping */
			bs[i].pos.y = -bs[i].pos.y;
			bs[i].vel.y = -bs[i].vel.y * 3 / 4;
		}
	}
}

int main(void)
{
	body bodies[2] = {
		{ { 0, 10 * FP_ONE }, { FP_ONE, 0 }, 1 },
		{ { 5 * FP_ONE, 2 * FP_ONE }, { -FP_ONE / 2, 3 * FP_ONE }, 2 },
	};
	vec2 g = { 0, -FP_ONE / 2 };
	int t, i;
	for (t = 0; t < 12; t++) {
		step(bodies, 2, g);
		if (t % 3 == 2)
			for (i = 0; i < 2; i++)
				printf("t=%2d body%d pos=(%d.%03d, %d) vel=(%d, %d)\n", t, i,
				       bodies[i].pos.x / FP_ONE, (bodies[i].pos.x % FP_ONE) * 1000 / FP_ONE,
				       bodies[i].pos.y, bodies[i].vel.x, bodies[i].vel.y);
	}
	return 0;
}

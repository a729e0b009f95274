import * as fc from 'fast-check';

/**
 * Random C programs with defined behaviour, for comparing the interpreter with gcc: no signed overflow (all
 * arithmetic is done in unsigned types, or in int on values too small to overflow), no division by zero or
 * INT_MIN / -1 (helpers guard them), shifts by less than the width, array indices reduced modulo the length,
 * loops with small constant bounds, calls only to functions defined earlier (no recursion). What stays
 * implementation-defined is what gcc on x86-64 defines and the interpreter promises to match: conversions to
 * signed types wrap, >> of a negative value is arithmetic, char is signed.
 */

/** An expression of type unsigned long, as C text. */
export type Expr = string;

const VARS = [
  ['g_uc', 'unsigned char'],
  ['g_sc', 'signed char'],
  ['g_c', 'char'],
  ['g_us', 'unsigned short'],
  ['g_s', 'short'],
  ['g_ui', 'unsigned int'],
  ['g_i', 'int'],
  ['g_ul', 'unsigned long'],
  ['g_l', 'long'],
  ['g_ull', 'unsigned long long'],
] as const;
const ARRAY_LEN = 5;

const constArb = fc.oneof(
  fc.constantFrom('0UL', '1UL', '2UL', '7UL', '255UL', '65535UL', '0x7fffffffUL', '0x80000000UL', '0xffffffffUL', '0x7fffffffffffffffUL', '0x8000000000000000UL', '0xffffffffffffffffUL'),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((v) => `${v}UL`),
  fc.integer({ min: 0, max: 300 }).map((v) => `${v}UL`),
);

/** Reads of the program state, all as unsigned long. */
const leafArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...VARS.map(([n]) => `(unsigned long)${n}`)) },
  { weight: 3, arbitrary: constArb },
  { weight: 1, arbitrary: fc.nat(ARRAY_LEN - 1).map((i) => `(unsigned long)g_arr[${i}]`) },
  { weight: 1, arbitrary: fc.constantFrom('(unsigned long)g_st.a', '(unsigned long)g_st.b', '(unsigned long)g_st.c', '(unsigned long)*g_p', '(unsigned long)i0', '(unsigned long)i1') },
);

export function exprArb(depth: number): fc.Arbitrary<Expr> {
  if (depth <= 0) return leafArb;
  const sub = exprArb(depth - 1);
  const two = fc.tuple(sub, sub);
  return fc.oneof(
    { weight: 4, arbitrary: leafArb },
    { weight: 4, arbitrary: fc.tuple(sub, fc.constantFrom('+', '-', '*', '&', '|', '^'), sub).map(([a, op, b]) => `(${a} ${op} ${b})`) },
    { weight: 1, arbitrary: two.map(([a, b]) => `udiv(${a}, ${b})`) },
    { weight: 1, arbitrary: two.map(([a, b]) => `umod(${a}, ${b})`) },
    { weight: 1, arbitrary: two.map(([a, b]) => `(unsigned long)sdiv((long)${a}, (long)${b})`) },
    { weight: 1, arbitrary: two.map(([a, b]) => `(unsigned long)smod((long)${a}, (long)${b})`) },
    { weight: 1, arbitrary: two.map(([a, b]) => `(unsigned long)sdiv32((int)${a}, (int)${b})`) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.constantFrom('<<', '>>'), sub).map(([a, op, b]) => `(${a} ${op} (${b} & 63))`) },
    // 32-bit unsigned arithmetic wraps mod 2^32
    { weight: 2, arbitrary: fc.tuple(sub, fc.constantFrom('+', '-', '*', '<<', '>>'), sub).map(([a, op, b]) => `(unsigned long)((unsigned int)${a} ${op} ${op === '<<' || op === '>>' ? `((unsigned int)${b} & 31)` : `(unsigned int)${b}`})`) },
    // narrow types promote to int: only operations that cannot overflow it
    { weight: 1, arbitrary: fc.tuple(sub, fc.constantFrom('+', '-', '&', '|', '^'), sub, fc.constantFrom('unsigned char', 'signed char', 'unsigned short', 'short', 'char')).map(([a, op, b, t]) => `(unsigned long)((${t})${a} ${op} (${t})${b})`) },
    // arithmetic right shift of a negative value, sign extension through casts
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `(unsigned long)((long)${a} >> (${b} & 63))`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `(unsigned long)((int)${a} >> (${b} & 31))`) },
    { weight: 2, arbitrary: fc.tuple(sub, fc.constantFrom('signed char', 'unsigned char', 'short', 'unsigned short', 'int', 'unsigned int', 'long', 'char', '_Bool')).map(([a, t]) => `(unsigned long)(${t})${a}`) },
    { weight: 2, arbitrary: fc.tuple(sub, fc.constantFrom('<', '<=', '>', '>=', '==', '!=', '&&', '||'), sub).map(([a, op, b]) => `(unsigned long)(${a} ${op} ${b})`) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.constantFrom('<', '>', '<=', '>='), sub, fc.constantFrom('long', 'int', 'short', 'signed char')).map(([a, op, b, t]) => `(unsigned long)((${t})${a} ${op} (${t})${b})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub, sub).map(([c, a, b]) => `(${c} ? ${a} : ${b})`) },
    { weight: 1, arbitrary: sub.map((a) => `(unsigned long)!${a}`) },
    { weight: 1, arbitrary: sub.map((a) => `(~${a})`) },
    { weight: 1, arbitrary: sub.map((a) => `(-${a})`) },
    { weight: 1, arbitrary: sub.map((a) => `(unsigned long)g_arr[${a} % ${ARRAY_LEN}]`) },
    { weight: 1, arbitrary: two.map(([a, b]) => `f1(${a}, ${b})`) },
    { weight: 1, arbitrary: two.map(([a, b]) => `f2(${a}, ${b})`) },
  );
}

const globalLvalueArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...VARS.map(([n, t]) => [n, t] as [string, string])) },
  { weight: 1, arbitrary: fc.nat(ARRAY_LEN - 1).map((i) => [`g_arr[${i}]`, 'int'] as [string, string]) },
  { weight: 1, arbitrary: fc.constantFrom(['g_st.a', 'unsigned char'], ['g_st.b', 'int'], ['g_st.c', 'unsigned long'], ['*g_p', 'int']) as fc.Arbitrary<[string, string]> },
);

/** Compound assignments that cannot overflow a signed type: only on unsigned lvalues. */
const UNSIGNED = new Set(['unsigned char', 'unsigned short', 'unsigned int', 'unsigned long', 'unsigned long long']);

/** f1's own locals: what its statements may write, so that calling it changes no global (see programText). */
const localArb = fc.constantFrom(['t0', 'unsigned long'], ['t1', 'unsigned long']) as fc.Arbitrary<[string, string]>;

function stmtArb(depth: number, loopVar: number, lvalueArb = globalLvalueArb): fc.Arbitrary<string> {
  const e = exprArb(3);
  const simple = fc.oneof(
    { weight: 5, arbitrary: fc.tuple(lvalueArb, e).map(([[lv, t], x]) => `${lv} = (${t})${x};`) },
    // unsigned short promotes to int, where 65535 * 65535 overflows: no *= on it
    { weight: 2, arbitrary: fc.tuple(lvalueArb, fc.constantFrom('+=', '-=', '*=', '&=', '|=', '^='), e).map(([[lv, t], op, x]) => (UNSIGNED.has(t) && !(op === '*=' && t === 'unsigned short') ? `${lv} ${op} (${t})${x};` : `${lv} = (${t})${x};`)) },
    { weight: lvalueArb === globalLvalueArb ? 2 : 0, arbitrary: e.map((x) => `printf("%lu\\n", ${x});`) },
    { weight: lvalueArb === globalLvalueArb ? 1 : 0, arbitrary: e.map((x) => `printf("%ld %d %x\\n", (long)${x}, (int)${x}, (unsigned)${x});`) },
    { weight: lvalueArb === globalLvalueArb ? 1 : 0, arbitrary: e.map((x) => `g_p = &g_arr[${x} % ${ARRAY_LEN}];`) },
    { weight: 1, arbitrary: fc.tuple(lvalueArb).map(([[lv, t]]) => (UNSIGNED.has(t) ? `${lv}++;` : `${lv} = (${t})((unsigned long)${lv} + 1);`)) },
  );
  if (depth <= 0) return simple;
  const block = fc.array(stmtArb(depth - 1, loopVar + 1, lvalueArb), { maxLength: 4 }).map((ss) => `{ ${ss.join(' ')} }`);
  const i = `i${Math.min(loopVar, 1)}`;
  return fc.oneof(
    { weight: 6, arbitrary: simple },
    { weight: 2, arbitrary: fc.tuple(e, block, block).map(([c, a, b]) => `if (${c}) ${a} else ${b}`) },
    // loop counters are locals of main; an inner loop uses its own
    { weight: loopVar < 2 ? 2 : 0, arbitrary: fc.tuple(fc.integer({ min: 0, max: 4 }), block).map(([k, b]) => `for (${i} = 0; ${i} < ${k}; ${i}++) ${b}`) },
    { weight: 1, arbitrary: fc.tuple(e, block, block, block).map(([x, a, b, c]) => `switch (${x} % 4) { case 0: ${a} break; case 1: ${b} case 2: ${c} break; default: break; }`) },
    { weight: 1, arbitrary: block.map((b) => `do ${b} while (0);`) },
  );
}

export interface CProgram {
  inits: string[];
  f1: [string[], Expr];
  f2: Expr;
  body: string[];
  exit: Expr;
}

export const programArb: fc.Arbitrary<CProgram> = fc.record({
  inits: fc.array(constArb, { minLength: VARS.length, maxLength: VARS.length }),
  f1: fc.tuple(fc.array(stmtArb(1, 2, localArb), { maxLength: 3 }), exprArb(2)),
  f2: exprArb(2),
  body: fc.array(stmtArb(2, 0), { minLength: 1, maxLength: 8 }),
  exit: exprArb(2),
});

/** The program as one C file: helpers, globals, two functions, main; it prints every global at the end. */
export function programText(p: CProgram): string {
  const globals = VARS.map(([n, t], k) => `${t} ${n} = (${t})${p.inits[k] ?? '0UL'};`);
  return [
    '#include <stdio.h>',
    'static unsigned long udiv(unsigned long a, unsigned long b) { return b ? a / b : a; }',
    'static unsigned long umod(unsigned long a, unsigned long b) { return b ? a % b : a; }',
    'static long sdiv(long a, long b) { return (b == 0 || (b == -1 && a == -9223372036854775807L - 1)) ? a : a / b; }',
    'static long smod(long a, long b) { return (b == 0 || b == -1) ? 0 : a % b; }',
    'static int sdiv32(int a, int b) { return (b == 0 || (b == -1 && a == -2147483647 - 1)) ? a : a / b; }',
    ...globals,
    `int g_arr[${ARRAY_LEN}] = { 1, -2, 3, -4, 5 };`,
    'struct st { unsigned char a; int b; unsigned long c; } g_st = { 200, -7, 123456789UL };',
    'int *g_p = &g_arr[2];',
    'int i0, i1;',
    // f1 and f2 read the globals but write only their locals: C leaves the order of a call's effects against
    // the rest of an expression (and of printf's arguments) unspecified, and gcc evaluates right to left.
    // f2 calls f1, never the other way round, and f1 prints nothing.
    `static unsigned long f1(unsigned long x, unsigned long y) { unsigned long t0 = x, t1 = y; ${p.f1[0].join(' ').replace(/\bf[12]\(/g, 'udiv(')} return ${p.f1[1].replace(/\bf[12]\(/g, 'umod(')} + t0 * 3 + t1; }`,
    `static unsigned long f2(unsigned long x, unsigned long y) { return ${p.f2.replace(/\bf2\(/g, 'f1(')} ^ f1(y, x); }`,
    'int main(void) {',
    ...p.body.map((s) => '  ' + s),
    ...VARS.map(([n, t]) => (UNSIGNED.has(t) ? `  printf("${n}=%lu\\n", (unsigned long)${n});` : `  printf("${n}=%ld\\n", (long)${n});`)),
    `  printf("arr=%d %d %d %d %d st=%u %d %lu p=%ld\\n", g_arr[0], g_arr[1], g_arr[2], g_arr[3], g_arr[4], g_st.a, g_st.b, g_st.c, (long)(g_p - g_arr));`,
    `  return (int)(${p.exit} & 0x7f);`,
    '}',
    '',
  ].join('\n');
}

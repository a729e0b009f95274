/**
 * 64-bit C integers (long, unsigned long, long long, pointers) as `number | bigint`.
 *
 * The canonical form of a value is its mathematical value in the type's range, held as a JS number whenever
 * |v| <= 2^53 - 1 and as a bigint otherwise. Almost every value a kernel computes (sizes, offsets, addresses,
 * counters) is small, so the fast paths below stay on doubles, which V8 runs 2-3x faster than BigInt; only
 * values like ERR_PTR(-ENOMEM) seen as unsigned, or hash arithmetic, take the bigint path. Because the form is
 * canonical, `==`, `<` and friends work directly on mixed number/bigint operands.
 */
export type I64 = number | bigint;

const MAX = Number.MAX_SAFE_INTEGER;
const TWO32 = 4294967296;

export class DivisionByZero extends Error {}

export function norm(v: bigint): I64 {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

export function wrapS64(v: I64): I64 {
  if (typeof v === 'number' && v >= -MAX && v <= MAX) return v;
  return norm(BigInt.asIntN(64, BigInt(v)));
}

export function wrapU64(v: I64): I64 {
  if (typeof v === 'number' && v >= 0 && v <= MAX) return v;
  return norm(BigInt.asUintN(64, BigInt(v)));
}

export function add64s(a: I64, b: I64): I64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= MAX && r >= -MAX) return r;
  }
  return wrapS64(BigInt(a) + BigInt(b));
}

export function add64u(a: I64, b: I64): I64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= MAX && r >= 0) return r;
  }
  return wrapU64(BigInt(a) + BigInt(b));
}

export function sub64s(a: I64, b: I64): I64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= MAX && r >= -MAX) return r;
  }
  return wrapS64(BigInt(a) - BigInt(b));
}

export function sub64u(a: I64, b: I64): I64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= MAX && r >= 0) return r;
  }
  return wrapU64(BigInt(a) - BigInt(b));
}

export function mul64s(a: I64, b: I64): I64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (r < MAX && r > -MAX) return r + 0; // + 0 turns -0 into 0
  }
  return wrapS64(BigInt(a) * BigInt(b));
}

export function mul64u(a: I64, b: I64): I64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (r < MAX) return r;
  }
  return wrapU64(BigInt(a) * BigInt(b));
}

export function div64s(a: I64, b: I64): I64 {
  if (b == 0) throw new DivisionByZero();
  if (typeof a === 'number' && typeof b === 'number') return Math.trunc(a / b) + 0;
  return wrapS64(BigInt(a) / BigInt(b));
}

export function div64u(a: I64, b: I64): I64 {
  if (b == 0) throw new DivisionByZero();
  if (typeof a === 'number' && typeof b === 'number') return Math.floor(a / b);
  return norm(BigInt(a) / BigInt(b));
}

export function mod64s(a: I64, b: I64): I64 {
  if (b == 0) throw new DivisionByZero();
  if (typeof a === 'number' && typeof b === 'number') return (a % b) + 0;
  return wrapS64(BigInt(a) % BigInt(b));
}

export function mod64u(a: I64, b: I64): I64 {
  if (b == 0) throw new DivisionByZero();
  if (typeof a === 'number' && typeof b === 'number') return a % b;
  return norm(BigInt(a) % BigInt(b));
}

export function shl64s(a: I64, n: I64): I64 {
  const s = Number(n) & 63;
  if (typeof a === 'number') {
    const r = a * 2 ** s;
    if (r < MAX && r > -MAX) return r;
  }
  return wrapS64(BigInt(a) << BigInt(s));
}

export function shl64u(a: I64, n: I64): I64 {
  const s = Number(n) & 63;
  if (typeof a === 'number') {
    const r = a * 2 ** s;
    if (r < MAX) return r;
  }
  return wrapU64(BigInt(a) << BigInt(s));
}

/** Arithmetic right shift: floor division by a power of two is exact on doubles. */
export function shr64(a: I64, n: I64): I64 {
  const s = Number(n) & 63;
  if (typeof a === 'number') return Math.floor(a / 2 ** s);
  return norm(BigInt(a) >> BigInt(s));
}

type BitOp = (x: number, y: number) => number;
function bitwise(a: I64, b: I64, op: BitOp, bop: (x: bigint, y: bigint) => bigint, signed: boolean): I64 {
  if (typeof a === 'number' && typeof b === 'number' && a >= 0 && b >= 0) {
    const hi = op(Math.floor(a / TWO32), Math.floor(b / TWO32)) >>> 0;
    const lo = op(a >>> 0, b >>> 0) >>> 0;
    if (hi < 0x200000) return hi * TWO32 + lo;
  }
  const r = bop(BigInt.asUintN(64, BigInt(a)), BigInt.asUintN(64, BigInt(b)));
  return signed ? norm(BigInt.asIntN(64, r)) : norm(BigInt.asUintN(64, r));
}
export const and64s = (a: I64, b: I64): I64 => bitwise(a, b, (x, y) => x & y, (x, y) => x & y, true);
export const and64u = (a: I64, b: I64): I64 => bitwise(a, b, (x, y) => x & y, (x, y) => x & y, false);
export const or64s = (a: I64, b: I64): I64 => bitwise(a, b, (x, y) => x | y, (x, y) => x | y, true);
export const or64u = (a: I64, b: I64): I64 => bitwise(a, b, (x, y) => x | y, (x, y) => x | y, false);
export const xor64s = (a: I64, b: I64): I64 => bitwise(a, b, (x, y) => x ^ y, (x, y) => x ^ y, true);
export const xor64u = (a: I64, b: I64): I64 => bitwise(a, b, (x, y) => x ^ y, (x, y) => x ^ y, false);

export function not64s(a: I64): I64 {
  return sub64s(-1, a);
}
export function not64u(a: I64): I64 {
  return sub64u(18446744073709551615n, a);
}
export function neg64s(a: I64): I64 {
  return sub64s(0, a);
}
export function neg64u(a: I64): I64 {
  return sub64u(0, a);
}

/** Low 32 bits as a signed int (conversion of a 64-bit value to int). */
export function lo32(v: I64): number {
  return typeof v === 'number' ? v | 0 : Number(BigInt.asIntN(32, v));
}

export function truthy(v: I64): boolean {
  return v != 0;
}

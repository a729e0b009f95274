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

const POW2 = Float64Array.from({ length: 64 }, (_, i) => 2 ** i);

function shiftCount(n: I64): number {
  return (typeof n === 'number' ? n : Number(n)) & 63;
}

export function shl64s(a: I64, n: I64): I64 {
  const s = shiftCount(n);
  if (typeof a === 'number') {
    const r = a * (POW2[s] as number);
    if (r < MAX && r > -MAX) return r;
  }
  return wrapS64(BigInt(a) << BigInt(s));
}

export function shl64u(a: I64, n: I64): I64 {
  const s = shiftCount(n);
  if (typeof a === 'number') {
    const r = a * (POW2[s] as number);
    if (r < MAX) return r;
  }
  return wrapU64(BigInt(a) << BigInt(s));
}

/** Arithmetic right shift: floor division by a power of two is exact on doubles. */
export function shr64(a: I64, n: I64): I64 {
  const s = shiftCount(n);
  if (typeof a === 'number') {
    // JS shifts count modulo 32: only below 32 is >>> the C shift
    if (a >= 0 && a <= 0x7fffffff && s < 32) return a >>> s;
    return Math.floor(a / (POW2[s] as number));
  }
  return norm(BigInt(a) >> BigInt(s));
}

type BitOp = (x: number, y: number) => number;
function bitwiseSlow(a: I64, b: I64, op: BitOp, bop: (x: bigint, y: bigint) => bigint, signed: boolean): I64 {
  if (typeof a === 'number' && typeof b === 'number' && a >= 0 && b >= 0) {
    const hi = op(Math.floor(a / TWO32), Math.floor(b / TWO32)) >>> 0;
    const lo = op(a >>> 0, b >>> 0) >>> 0;
    if (hi < 0x200000) return hi * TWO32 + lo;
  }
  const r = bop(BigInt.asUintN(64, BigInt(a)), BigInt.asUintN(64, BigInt(b)));
  return signed ? norm(BigInt.asIntN(64, r)) : norm(BigInt.asUintN(64, r));
}
const andOp = (x: number, y: number) => x & y;
const orOp = (x: number, y: number) => x | y;
const xorOp = (x: number, y: number) => x ^ y;
const andBig = (x: bigint, y: bigint) => x & y;
const orBig = (x: bigint, y: bigint) => x | y;
const xorBig = (x: bigint, y: bigint) => x ^ y;

// Fast paths: both operands non-negative and below 2^32 (masks, flags), where int32 ops are exact.
const small = (a: I64, b: I64): boolean => typeof a === 'number' && typeof b === 'number' && a >= 0 && b >= 0 && a <= 0xffffffff && b <= 0xffffffff;

export function and64s(a: I64, b: I64): I64 {
  return small(a, b) ? ((a as number) & (b as number)) >>> 0 : bitwiseSlow(a, b, andOp, andBig, true);
}
export function and64u(a: I64, b: I64): I64 {
  // x & mask with mask < 2^32 only needs x's low half
  if (typeof a === 'number' && typeof b === 'number' && a >= 0 && b >= 0 && b <= 0xffffffff) return ((a >>> 0) & b) >>> 0;
  return small(a, b) ? ((a as number) & (b as number)) >>> 0 : bitwiseSlow(a, b, andOp, andBig, false);
}
export function or64s(a: I64, b: I64): I64 {
  return small(a, b) ? ((a as number) | (b as number)) >>> 0 : bitwiseSlow(a, b, orOp, orBig, true);
}
export function or64u(a: I64, b: I64): I64 {
  return small(a, b) ? ((a as number) | (b as number)) >>> 0 : bitwiseSlow(a, b, orOp, orBig, false);
}
export function xor64s(a: I64, b: I64): I64 {
  return small(a, b) ? ((a as number) ^ (b as number)) >>> 0 : bitwiseSlow(a, b, xorOp, xorBig, true);
}
export function xor64u(a: I64, b: I64): I64 {
  return small(a, b) ? ((a as number) ^ (b as number)) >>> 0 : bitwiseSlow(a, b, xorOp, xorBig, false);
}

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

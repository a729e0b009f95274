import * as I from '../vm/int64';
import type { I64 } from '../vm/int64';
import { TEXT_BASE } from '../vm/memory';
import type { Expr } from './ast';
import { CType, IntType } from './types';

/** Integer conversion with C's wrapping rules; shared by constant folding and the interpreter's builtins. */
export function convertInt(v: I64, t: CType): I64 {
  if (t.k === 'ptr') return I.wrapU64(v);
  if (t.k !== 'int') return v;
  if (t.bool) return v != 0 ? 1 : 0;
  if (t.size === 8) return t.signed ? I.wrapS64(v) : I.wrapU64(v);
  const x = I.lo32(v);
  switch (t.size) {
    case 1:
      return t.signed ? (x << 24) >> 24 : x & 0xff;
    case 2:
      return t.signed ? (x << 16) >> 16 : x & 0xffff;
    default:
      return t.signed ? x : x >>> 0;
  }
}

export function evalBinary(op: string, t: IntType, a: I64, b: I64): I64 {
  const s = t.signed;
  let r: I64;
  switch (op) {
    case '+': r = s ? I.add64s(a, b) : I.add64u(a, b); break;
    case '-': r = s ? I.sub64s(a, b) : I.sub64u(a, b); break;
    case '*': r = s ? I.mul64s(a, b) : I.mul64u(a, b); break;
    case '/': r = s ? I.div64s(a, b) : I.div64u(a, b); break;
    case '%': r = s ? I.mod64s(a, b) : I.mod64u(a, b); break;
    case '<<': r = s ? I.shl64s(a, b) : I.shl64u(a, b); break;
    case '>>': r = I.shr64(a, b); break;
    case '&': r = s ? I.and64s(a, b) : I.and64u(a, b); break;
    case '|': r = s ? I.or64s(a, b) : I.or64u(a, b); break;
    case '^': r = s ? I.xor64s(a, b) : I.xor64u(a, b); break;
    default: throw new Error(`unknown operator ${op}`);
  }
  return convertInt(r, t);
}

export function evalCompare(op: string, a: I64, b: I64): number {
  switch (op) {
    case '<': return a < b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '==': return a == b ? 1 : 0;
    default: return a != b ? 1 : 0;
  }
}

/**
 * Folds an expression to a value without running anything: integer constant expressions, and the address
 * constants a static initialiser may use (&global, &global.member, arrays, functions, string literals).
 * Returns undefined when the expression is not constant.
 */
export function constValue(e: Expr): I64 | undefined {
  try {
    return fold(e);
  } catch {
    return undefined; // division by zero and the like: not a constant
  }
}

function fold(e: Expr): I64 | undefined {
  switch (e.e) {
    case 'const':
      return e.v;
    case 'fn':
      return TEXT_BASE + 16 * e.f.index;
    case 'gaddr':
      return e.g.addr;
    case 'addr':
      return addressOf(e.lv);
    case 'mem':
      // The value of an array or function object is its address; loading memory is not constant.
      return e.t.k === 'array' || e.t.k === 'func' ? fold(e.addr) : undefined;
    case 'cast': {
      const v = fold(e.a);
      if (v === undefined) return undefined;
      return e.t.k === 'int' || e.t.k === 'ptr' ? convertInt(v, e.t) : v;
    }
    case 'un': {
      const v = fold(e.a);
      if (v === undefined) return undefined;
      if (e.op === '!') return v == 0 ? 1 : 0;
      if (e.op === '-') return evalBinary('-', e.t, 0, v);
      return evalBinary('^', e.t, v, e.t.signed ? -1 : convertInt(-1, e.t));
    }
    case 'bin': {
      const a = fold(e.a);
      const b = fold(e.b);
      return a === undefined || b === undefined ? undefined : evalBinary(e.op, e.t, a, b);
    }
    case 'cmp': {
      const a = fold(e.a);
      const b = fold(e.b);
      return a === undefined || b === undefined ? undefined : evalCompare(e.op, a, b);
    }
    case 'padd': {
      const p = fold(e.p);
      const i = fold(e.i);
      return p === undefined || i === undefined ? undefined : I.wrapU64(I.add64s(p, I.mul64s(i, e.scale)));
    }
    case 'pdiff': {
      const a = fold(e.a);
      const b = fold(e.b);
      return a === undefined || b === undefined ? undefined : I.div64s(I.sub64s(a, b), e.scale);
    }
    case 'logic': {
      const a = fold(e.a);
      if (a === undefined) return undefined;
      if (e.op === '&&' && a == 0) return 0;
      if (e.op === '||' && a != 0) return 1;
      const b = fold(e.b);
      return b === undefined ? undefined : b != 0 ? 1 : 0;
    }
    case 'cond': {
      const c = fold(e.c);
      if (c === undefined) return undefined;
      return fold(c != 0 ? e.a : e.b);
    }
    case 'comma':
      return undefined;
    default:
      return undefined;
  }
}

function addressOf(lv: Expr): I64 | undefined {
  if (lv.e === 'mem') return fold(lv.addr);
  if (lv.e === 'fn') return TEXT_BASE + 16 * lv.f.index;
  return undefined;
}

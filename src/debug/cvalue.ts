import type { CType, StructType } from '../core/cfront/types';
import { sizeOf, typeName } from '../core/cfront/types';
import { errnoName } from '../core/scenario/model';
import type { I64 } from '../core/vm/int64';
import { norm } from '../core/vm/int64';
import type { Frame } from '../core/vm/machine';
import type { Memory } from '../core/vm/memory';
import type { TypeRegistry } from './ctypes';

/**
 * C values as a debugger shows them: read from a node's memory or a task's frame without ever faulting (an
 * unreadable address is shown, not thrown), formatted the way gdb prints them, and expanded into children
 * (struct fields, the pointee of a pointer, array elements).
 */

/** Where a value lives: simulated memory, a register local (a field of a task's frame), or nowhere (computed). */
export type Place =
  | { kind: 'mem'; addr: number }
  | { kind: 'reg'; task: number; frame: number; field: string }
  | { kind: 'none' };

export interface CValue {
  type: CType;
  place: Place;
  /** The value of a computed scalar (place 'none'). */
  v?: I64;
}

export interface ValueEnv {
  mem: Memory;
  node: number;
  types: TypeRegistry;
  frame(task: number, frame: number): Frame | undefined;
}

const SHADOW_VALID = 1;
const SHADOW_FREED = 2;

/** Whether [addr, addr+size) is mapped and live. */
export function readable(mem: Memory, addr: I64, size: number): boolean {
  if (typeof addr !== 'number' || !Number.isInteger(addr) || addr < 0 || addr + size > mem.u8.length) return false;
  const sh = mem.shadow;
  for (let i = 0; i < Math.max(size, 1); i++) if (sh[addr + i] !== SHADOW_VALID) return false;
  return true;
}

/** Why an address cannot be read, in a few words. */
export function whyUnreadable(mem: Memory, addr: I64): string {
  if (typeof addr !== 'number' || addr >= 2 ** 53) return BigInt.asUintN(64, BigInt(addr)) >= 0xfffffffffffff001n ? 'ERR_PTR' : 'invalid address';
  if (addr === 0) return 'NULL';
  if (addr < 4096) return `NULL + ${addr}`;
  if (addr < mem.u8.length && mem.shadow[addr] === SHADOW_FREED) return 'freed';
  // the model's user space starts at 1 GiB, beyond the node's kernel memory (kernel-runtime.md)
  if (addr >= 0x40000000) return 'user address';
  return 'unmapped';
}

export function hex(v: I64): string {
  const u = typeof v === 'number' && v >= 0 ? v : BigInt.asUintN(64, BigInt(v));
  return '0x' + u.toString(16);
}

/** Reads an integer or pointer of C type `t` at `addr`; undefined when unreadable. */
export function loadScalar(mem: Memory, addr: number, t: CType): I64 | undefined {
  const size = t.k === 'ptr' ? 8 : t.k === 'int' ? t.size : 0;
  if (!size || !readable(mem, addr, size)) return undefined;
  const dv = mem.dv;
  const signed = t.k === 'int' && t.signed;
  switch (size) {
    case 1:
      return signed ? dv.getInt8(addr) : dv.getUint8(addr);
    case 2:
      return signed ? dv.getInt16(addr, true) : dv.getUint16(addr, true);
    case 4:
      return signed ? dv.getInt32(addr, true) : dv.getUint32(addr, true);
    default: {
      const big = dv.getBigUint64(addr, true);
      return norm(signed ? BigInt.asIntN(64, big) : big);
    }
  }
}

/** The bytes a scalar of type `t` with value `v` occupies (little-endian, wrapped to its size). */
export function scalarBytes(t: CType, v: I64): Uint8Array {
  const size = t.k === 'ptr' ? 8 : t.k === 'int' ? t.size : 0;
  const out = new Uint8Array(size);
  let u = BigInt.asUintN(64, BigInt(v));
  if (t.k === 'int' && t.bool) u = u === 0n ? 0n : 1n;
  for (let i = 0; i < size; i++) {
    out[i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return out;
}

/** `v` converted to C type `t` (wrapped to its size and signedness), in the interpreter's canonical form. */
export function convertScalar(t: CType, v: I64): I64 {
  if (t.k === 'ptr') return norm(BigInt.asUintN(64, BigInt(v)));
  if (t.k !== 'int') return v;
  if (t.bool) return BigInt(v) === 0n ? 0 : 1;
  const bits = t.size * 8;
  const b = t.signed ? BigInt.asIntN(bits, BigInt(v)) : BigInt.asUintN(bits, BigInt(v));
  return norm(b);
}

/** The scalar a value holds, or a reason it cannot be read. */
export function scalarOf(env: ValueEnv, v: CValue): { ok: true; v: I64 } | { ok: false; why: string } {
  const p = v.place;
  if (p.kind === 'none') return v.v === undefined ? { ok: false, why: 'no value' } : { ok: true, v: v.v };
  if (p.kind === 'reg') {
    const fr = env.frame(p.task, p.frame);
    const x = fr?.[p.field];
    if (typeof x === 'number' || typeof x === 'bigint') return { ok: true, v: x };
    return { ok: false, why: 'not available' };
  }
  const x = loadScalar(env.mem, p.addr, v.type);
  return x === undefined ? { ok: false, why: `cannot read ${hex(p.addr)} (${whyUnreadable(env.mem, p.addr)})` } : { ok: true, v: x };
}

function isCharType(t: CType): boolean {
  return t.k === 'int' && t.size === 1 && !t.bool;
}

function charLiteral(c: number): string {
  const u = c & 0xff;
  const esc: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\' };
  if (esc[u] !== undefined) return esc[u] as string;
  return u >= 32 && u < 127 ? String.fromCharCode(u) : `\\${u.toString(8).padStart(3, '0')}`;
}

/** A C string at `addr`, quoted, up to `max` characters; undefined when unreadable. */
export function cString(mem: Memory, addr: I64, max = 80): string | undefined {
  if (!readable(mem, addr, 1)) return undefined;
  let s = '';
  let a = addr as number;
  for (let i = 0; i < max; i++, a++) {
    if (!readable(mem, a, 1)) return `"${s}"<unreadable>`;
    const c = mem.u8[a] as number;
    if (c === 0) return `"${s}"`;
    s += c === 34 ? '\\"' : charLiteral(c);
  }
  return `"${s}"...`;
}

/** How a scalar prints: decimal integers, 'c' for chars, hex pointers with what they point at. */
export function formatScalar(env: ValueEnv, t: CType, x: I64): string {
  if (t.k === 'int') {
    if (t.bool) return x == 0 ? 'false' : x == 1 ? 'true' : String(x);
    if (t.size === 1) return `${x} '${charLiteral(Number(x))}'`;
    return String(x);
  }
  if (t.k !== 'ptr') return String(x);
  if (x == 0) return 'NULL';
  const u = BigInt.asUintN(64, BigInt(x));
  if (u >= 0xfffffffffffff001n) {
    const e = Number(0x10000000000000000n - u);
    return `${hex(x)} ERR_PTR(-${errnoName(e)})`;
  }
  const to = t.to;
  if (to.k === 'func') {
    const name = typeof x === 'number' ? env.types.funcAt(x) : undefined;
    return name ? `${hex(x)} <${name}>` : hex(x);
  }
  if (isCharType(to)) {
    const s = cString(env.mem, x);
    return s === undefined ? `${hex(x)} <${whyUnreadable(env.mem, x)}>` : `${hex(x)} ${s}`;
  }
  const size = to.k === 'void' ? 1 : Math.max(1, sizeOf(env.types.complete(to)));
  if (!readable(env.mem, x, Math.min(size, 1))) return `${hex(x)} <${whyUnreadable(env.mem, x)}>`;
  return hex(x);
}

/** The one-line value of any C value (structs and arrays summarised). */
export function formatValue(env: ValueEnv, v: CValue, budget = 120): string {
  const t = env.types.complete(v.type);
  if (t.k === 'int' || t.k === 'ptr') {
    const s = scalarOf(env, { ...v, type: t });
    return s.ok ? formatScalar(env, t, s.v) : `<${s.why}>`;
  }
  if (v.place.kind !== 'mem') return `<${typeName(t)}>`;
  const addr = v.place.addr;
  if (t.k === 'struct') {
    if (!t.fields) return `<incomplete ${typeName(t)}>`;
    if (!readable(env.mem, addr, Math.max(1, t.size))) return `<cannot read ${hex(addr)} (${whyUnreadable(env.mem, addr)})>`;
    const parts: string[] = [];
    let len = 2;
    for (const f of t.fields) {
      const inner = formatValue(env, { type: f.type, place: { kind: 'mem', addr: addr + f.offset } }, 40);
      const part = f.name === undefined ? inner : `${f.name} = ${inner}`;
      if (len + part.length > budget) {
        parts.push('...');
        break;
      }
      parts.push(part);
      len += part.length + 2;
    }
    return `{${parts.join(', ')}}`;
  }
  if (t.k === 'array') {
    const n = t.len ?? 0;
    if (isCharType(t.of)) {
      const s = cString(env.mem, addr, Math.min(n, 80));
      return s ?? `<cannot read ${hex(addr)}>`;
    }
    const parts: string[] = [];
    let len = 2;
    const es = sizeOf(t.of);
    for (let i = 0; i < n; i++) {
      const part = formatValue(env, { type: t.of, place: { kind: 'mem', addr: addr + i * es } }, 30);
      if (len + part.length > budget) {
        parts.push('...');
        break;
      }
      parts.push(part);
      len += part.length + 2;
    }
    return `{${parts.join(', ')}}`;
  }
  if (t.k === 'func') return `${hex(addr)} <${env.types.funcAt(addr) ?? '?'}>`;
  return `<${typeName(t)}>`;
}

export interface Child {
  name: string;
  value: CValue;
  /** A C expression for it (copy value / add to watch / setVariable), when the parent has one. */
  evalName: string | undefined;
  /** For anonymous members: how their own members are reached ("p->" or "s."). */
  memberPrefix: string | undefined;
}

/** How a member of `evalName` is spelled: `a.` for a simple name, `(x + 1).` otherwise. */
export function wrapEval(evalName: string): string {
  return /^[A-Za-z_]\w*(?:(?:\.|->)[A-Za-z_]\w*|\[\d+\])*$/.test(evalName) ? evalName : `(${evalName})`;
}

/** Number of children a value expands into (0: none); arrays count their elements. */
export function childCount(env: ValueEnv, v: CValue): number {
  const t = env.types.complete(v.type);
  if (t.k === 'struct') return v.place.kind === 'mem' && t.fields ? t.fields.length : 0;
  if (t.k === 'array') return v.place.kind === 'mem' ? t.len ?? 0 : 0;
  if (t.k !== 'ptr') return 0;
  const to = env.types.complete(t.to);
  if (to.k === 'void' || to.k === 'func' || isCharType(to)) return 0;
  const p = scalarOf(env, { ...v, type: t });
  if (!p.ok || p.v == 0 || !readable(env.mem, p.v, Math.max(1, sizeOf(to)))) return 0;
  return to.k === 'struct' ? (to.fields?.length ?? 0) : 1;
}

/**
 * Children of a value: a struct's fields, a struct pointer's pointee fields (as gdb's `p->`), another
 * pointer's `*p`, an array's elements from `start` (count elements).
 */
export function childrenOf(env: ValueEnv, v: CValue, evalName: string | undefined, memberPrefix: string | undefined, start = 0, count = Infinity): Child[] {
  const t = env.types.complete(v.type);
  if (t.k === 'struct' && v.place.kind === 'mem') {
    const prefix = memberPrefix ?? (evalName === undefined ? undefined : `${wrapEval(evalName)}.`);
    return fieldsOf(t, v.place.addr, prefix);
  }
  if (t.k === 'array' && v.place.kind === 'mem') {
    const out: Child[] = [];
    const es = sizeOf(t.of);
    const end = Math.min(t.len ?? 0, start + count);
    for (let i = start; i < end; i++) {
      out.push({ name: `[${i}]`, value: { type: t.of, place: { kind: 'mem', addr: v.place.addr + i * es } }, evalName: evalName === undefined ? undefined : `${wrapEval(evalName)}[${i}]`, memberPrefix: undefined });
    }
    return out;
  }
  if (t.k !== 'ptr') return [];
  const to = env.types.complete(t.to);
  const p = scalarOf(env, { ...v, type: t });
  if (!p.ok || typeof p.v !== 'number' || p.v === 0) return [];
  if (to.k === 'struct') return fieldsOf(to, p.v, evalName === undefined ? undefined : `${wrapEval(evalName)}->`);
  return [{ name: `*${evalName ?? 'p'}`, value: { type: to, place: { kind: 'mem', addr: p.v } }, evalName: evalName === undefined ? undefined : `*${wrapEval(evalName)}`, memberPrefix: undefined }];
}

function fieldsOf(t: StructType, addr: number, prefix: string | undefined): Child[] {
  return (t.fields ?? []).map((f) => ({
    name: f.name ?? `<anonymous ${f.type.k === 'struct' && f.type.union ? 'union' : 'struct'}>`,
    value: { type: f.type, place: { kind: 'mem' as const, addr: addr + f.offset } },
    evalName: f.name === undefined || prefix === undefined ? undefined : `${prefix}${f.name}`,
    memberPrefix: f.name === undefined ? prefix : undefined,
  }));
}

/** The address a value's memory view should open at: the object itself, or what a pointer points to. */
export function memoryReferenceOf(env: ValueEnv, v: CValue): number | undefined {
  const t = env.types.complete(v.type);
  if (t.k === 'ptr') {
    const p = scalarOf(env, { ...v, type: t });
    return p.ok && typeof p.v === 'number' && p.v !== 0 && readable(env.mem, p.v, 1) ? p.v : undefined;
  }
  return v.place.kind === 'mem' ? v.place.addr : undefined;
}

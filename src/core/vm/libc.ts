import { convertInt } from '../cfront/consteval';
import { T as CT } from '../cfront/types';
import type { I64 } from './int64';
import { norm, wrapU64 } from './int64';
import type { Builtin, Task } from './machine';
import { ExitSignal } from './machine';
import { CFault, Memory } from './memory';
import { PrintfSource, formatPrintfResult } from './printf';

/**
 * The C library for user programs run by `cexec`: stdio output, the allocator, strings, conversions.
 * Each function checks every byte it touches through Memory, so a bad pointer passed to libc is reported
 * like a bad pointer dereferenced in C.
 */
export interface LibcHost {
  stdout(bytes: Uint8Array): void;
  stderr(bytes: Uint8Array): void;
}

function num(v: I64): number {
  return Number(v);
}

function readString(mem: Memory, addr: I64, maxLen?: number): Uint8Array {
  if (maxLen === undefined) return mem.readCString(addr);
  const out: number[] = [];
  for (let i = 0; i < maxLen; i++) {
    const b = mem.readBytes(typeof addr === 'number' ? addr + i : addr, 1)[0] as number;
    if (b === 0) break;
    out.push(b);
  }
  return Uint8Array.from(out);
}

function varargs(mem: Memory, args: I64[]): PrintfSource {
  let i = 0;
  return {
    next: () => (i < args.length ? { kind: 'int', value: args[i++] as I64 } : undefined),
    // the printf engine may hand back addresses as bigints; memory wants the canonical form
    readCString: (addr, maxLen) => readString(mem, norm(BigInt(addr)), maxLen),
  };
}

/** strtol's parse, shared by atoi/atol/strtol/strtoul: returns the value and the number of bytes consumed. */
function parseLong(s: Uint8Array, base: number, unsigned: boolean): { v: I64; used: number } {
  let i = 0;
  while (i < s.length && (s[i] === 32 || ((s[i] as number) >= 9 && (s[i] as number) <= 13))) i++;
  let neg = false;
  if (s[i] === 43 || s[i] === 45) neg = s[i++] === 45;
  const hexPrefix = s[i] === 48 && (s[i + 1] === 120 || s[i + 1] === 88) && digit(s[i + 2]) < 16;
  if ((base === 0 || base === 16) && hexPrefix) {
    i += 2;
    base = 16;
  } else if (base === 0) base = s[i] === 48 ? 8 : 10;
  const start = i;
  let v = 0n;
  while (i < s.length && digit(s[i]) < base) v = v * BigInt(base) + BigInt(digit(s[i++]));
  if (i === start) return { v: 0, used: 0 };
  const max = unsigned ? 0xffffffffffffffffn : neg ? 0x8000000000000000n : 0x7fffffffffffffffn;
  if (v > max) v = unsigned ? max : neg ? max : max; // ERANGE clamps
  let r = neg ? -v : v;
  if (unsigned) r = BigInt.asUintN(64, r);
  return { v: norm(r), used: i };
}

function digit(c: number | undefined): number {
  if (c === undefined) return 99;
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return 99;
}

export function libcBuiltins(host: LibcHost): Map<string, Builtin> {
  const m = new Map<string, Builtin>();
  const def = (name: string, fn: Builtin['fn']) => m.set(name, { name, inline: true, fn });
  const mem = (T: Task) => T.machine.mem;
  const site = (T: Task) => {
    const top = T.frames[T.frames.length - 1];
    const loc = top && T.fns[T.fns.length - 1]?.code.pcLoc[top.pc];
    return loc ? `${loc.file}:${loc.line}` : '?';
  };
  const printfTo = (T: Task, fmt: I64, args: I64[]) => {
    const r = formatPrintfResult(mem(T).readCString(fmt), varargs(mem(T), args));
    return r;
  };

  def('printf', (T, fmt, ...args) => {
    const r = printfTo(T, fmt as I64, args);
    host.stdout(r.bytes);
    return r.ok ? r.bytes.length : -1;
  });
  def('fprintf', (T, stream, fmt, ...args) => {
    const r = printfTo(T, fmt as I64, args);
    (stream == 2 ? host.stderr : host.stdout)(r.bytes);
    return r.ok ? r.bytes.length : -1;
  });
  def('sprintf', (T, buf, fmt, ...args) => {
    const r = printfTo(T, fmt as I64, args);
    mem(T).writeBytes(buf as I64, Uint8Array.from([...r.bytes, 0]));
    return r.ok ? r.bytes.length : -1;
  });
  def('snprintf', (T, buf, size, fmt, ...args) => {
    const r = printfTo(T, fmt as I64, args);
    const n = num(size as I64);
    if (n > 0) mem(T).writeBytes(buf as I64, Uint8Array.from([...r.bytes.slice(0, n - 1), 0]));
    return r.ok ? r.bytes.length : -1;
  });
  def('puts', (T, s) => {
    host.stdout(Uint8Array.from([...mem(T).readCString(s as I64), 10]));
    return 1;
  });
  def('putchar', (_T, c) => {
    host.stdout(Uint8Array.of(num(c as I64) & 255));
    return num(c as I64) & 255;
  });
  def('fputs', (T, s, stream) => {
    (stream == 2 ? host.stderr : host.stdout)(mem(T).readCString(s as I64));
    return 1;
  });
  def('fflush', () => 0);

  def('malloc', (T, n) => mem(T).malloc(num(n as I64), site(T)));
  def('calloc', (T, n, size) => {
    const total = num(n as I64) * num(size as I64);
    return mem(T).malloc(total, site(T), true);
  });
  def('realloc', (T, p, n) => {
    const M = mem(T);
    const size = num(n as I64);
    if (p == 0) return M.malloc(size, site(T));
    const old = typeof p === 'number' ? M.live.get(p) : undefined;
    if (!old || old.kind !== 'heap') M.free(p as I64, site(T)); // reports the invalid or double free
    const q = M.malloc(size, site(T));
    if (q === 0) return 0;
    const keep = Math.min(size, (old as { size: number }).size);
    M.writeBytes(q, M.readBytes(p as I64, keep));
    M.free(p as I64, site(T));
    return q;
  });
  def('free', (T, p) => mem(T).free(p as I64, site(T)));
  def('exit', (_T, code) => {
    throw new ExitSignal(convertInt(code as I64, CT.int));
  });
  def('abort', () => {
    throw new CFault('abort', 'abort() called');
  });
  def('__assert_fail', (T, expr, file, line, func) => {
    const M = mem(T);
    const d = new TextDecoder();
    const msg = `${d.decode(M.readCString(file as I64))}:${String(line)}: ${d.decode(M.readCString(func as I64))}: Assertion \`${d.decode(M.readCString(expr as I64))}' failed.\n`;
    host.stderr(new TextEncoder().encode(msg));
    throw new CFault('abort', `assertion failed: ${d.decode(M.readCString(expr as I64))}`);
  });

  def('atoi', (T, s) => convertInt(parseLong(mem(T).readCString(s as I64), 10, false).v, CT.int));
  def('atol', (T, s) => parseLong(mem(T).readCString(s as I64), 10, false).v);
  def('atoll', (T, s) => parseLong(mem(T).readCString(s as I64), 10, false).v);
  const strto = (unsigned: boolean) => (T: Task, s?: I64, end?: I64, base?: I64) => {
    const M = mem(T);
    const bytes = M.readCString(s as I64);
    const r = parseLong(bytes, num(base as I64), unsigned);
    if (end != 0) M.writeBytes(end as I64, le64(wrapU64(typeof s === 'number' ? s + r.used : (s as I64))));
    return r.v;
  };
  def('strtol', strto(false));
  def('strtoul', strto(true));
  def('strtoll', strto(false));
  def('strtoull', strto(true));
  def('abs', (_T, v) => Math.abs(num(v as I64)) | 0);
  def('labs', (_T, v) => (typeof v === 'bigint' ? (v < 0n ? norm(-v) : v) : Math.abs(v as number)));

  def('strlen', (T, s) => mem(T).readCString(s as I64).length);
  def('strcmp', (T, a, b) => compare(mem(T).readCString(a as I64), mem(T).readCString(b as I64), Infinity));
  def('strncmp', (T, a, b, n) => compare(readString(mem(T), a as I64, num(n as I64)), readString(mem(T), b as I64, num(n as I64)), num(n as I64)));
  def('strcpy', (T, d, s) => {
    mem(T).writeBytes(d as I64, Uint8Array.from([...mem(T).readCString(s as I64), 0]));
    return d as I64;
  });
  def('strncpy', (T, d, s, n) => {
    const src = readString(mem(T), s as I64, num(n as I64));
    const out = new Uint8Array(num(n as I64));
    out.set(src);
    mem(T).writeBytes(d as I64, out);
    return d as I64;
  });
  def('strcat', (T, d, s) => {
    const M = mem(T);
    const dl = M.readCString(d as I64).length;
    M.writeBytes(num(d as I64) + dl, Uint8Array.from([...M.readCString(s as I64), 0]));
    return d as I64;
  });
  def('strncat', (T, d, s, n) => {
    const M = mem(T);
    const dl = M.readCString(d as I64).length;
    M.writeBytes(num(d as I64) + dl, Uint8Array.from([...readString(M, s as I64, num(n as I64)), 0]));
    return d as I64;
  });
  const findChar = (last: boolean) => (T: Task, s?: I64, c?: I64) => {
    const b = mem(T).readCString(s as I64);
    const ch = num(c as I64) & 255;
    if (ch === 0) return num(s as I64) + b.length; // the terminating NUL is part of the string
    const i = last ? b.lastIndexOf(ch) : b.indexOf(ch);
    return i < 0 ? 0 : num(s as I64) + i;
  };
  def('strchr', findChar(false));
  def('strrchr', findChar(true));
  def('strstr', (T, h, n) => {
    const hb = Buffer.from(mem(T).readCString(h as I64));
    const i = hb.indexOf(Buffer.from(mem(T).readCString(n as I64)));
    return i < 0 ? 0 : num(h as I64) + i;
  });
  def('strdup', (T, s) => {
    const b = mem(T).readCString(s as I64);
    const p = mem(T).malloc(b.length + 1, site(T));
    if (p) mem(T).writeBytes(p, Uint8Array.from([...b, 0]));
    return p;
  });
  const span = (T: Task, s?: I64, set?: I64, inSet = true) => {
    const b = mem(T).readCString(s as I64);
    const chars = new Set(mem(T).readCString(set as I64));
    let i = 0;
    while (i < b.length && chars.has(b[i] as number) === inSet) i++;
    return i;
  };
  def('strspn', (T, s, a) => span(T, s, a, true));
  def('strcspn', (T, s, r) => span(T, s, r, false));
  def('memcpy', (T, d, s, n) => {
    const len = num(n as I64);
    if (len) mem(T).writeBytes(d as I64, mem(T).readBytes(s as I64, len));
    return d as I64;
  });
  def('memmove', (T, d, s, n) => {
    const len = num(n as I64);
    if (len) mem(T).writeBytes(d as I64, mem(T).readBytes(s as I64, len));
    return d as I64;
  });
  def('memset', (T, d, c, n) => {
    const len = num(n as I64);
    if (len) {
      // checked before anything is allocated: a huge count faults at once
      const m = mem(T);
      const a = m.check(d as I64, len, true);
      m.logRange(a, len);
      m.u8.fill(num(c as I64) & 255, a, a + len);
    }
    return d as I64;
  });
  def('memcmp', (T, a, b, n) => {
    const len = num(n as I64);
    return len ? compare(mem(T).readBytes(a as I64, len), mem(T).readBytes(b as I64, len), len) : 0;
  });
  def('memchr', (T, s, c, n) => {
    const b = mem(T).readBytes(s as I64, num(n as I64));
    const i = b.indexOf(num(c as I64) & 255);
    return i < 0 ? 0 : num(s as I64) + i;
  });
  return m;
}

function compare(a: Uint8Array, b: Uint8Array, n: number): number {
  const len = Math.min(n, Math.max(a.length, b.length) + 1);
  for (let i = 0; i < len; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x - y;
  }
  return 0;
}

function le64(v: I64): Uint8Array {
  const out = new Uint8Array(8);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, BigInt.asUintN(64, BigInt(v)), true);
  return out;
}

import { I64, norm } from './int64';

/**
 * One flat, byte-addressed 64-bit address space. Every byte has a shadow state (like AddressSanitizer), so a
 * load or store costs two shadow reads and tells apart NULL and ERR_PTR dereferences, use after free,
 * out-of-bounds and wild accesses. Stores go to an undo log while journaling, which is what makes a machine
 * snapshot cheap (a log position) and stepping back exact.
 */

export type FaultKind =
  | 'null-deref'
  | 'err-ptr-deref'
  | 'use-after-free'
  | 'double-free'
  | 'invalid-free'
  | 'out-of-bounds'
  | 'wild-access'
  | 'out-of-memory'
  | 'division-by-zero'
  | 'step-limit'
  | 'depth-limit'
  | 'stack-overflow'
  | 'bad-call'
  /** A library call the simulator does not implement for these arguments (printf("%e"), a huge field width). */
  | 'unsupported'
  | 'bug'
  | 'abort'
  | 'lock';

/** A fault raised by the C program; the runner attaches the C location and backtrace. */
export class CFault extends Error {
  constructor(
    readonly kind: FaultKind,
    message: string,
    readonly address?: I64,
  ) {
    super(message);
    this.name = 'CFault';
  }
}

const enum Shadow {
  Unmapped = 0,
  Valid = 1,
  Freed = 2,
}

export type AllocKind = 'heap' | 'stack' | 'global' | 'string' | 'page';

export interface Allocation {
  addr: number;
  size: number;
  kind: AllocKind;
  /** Where it was allocated, for leak and use-after-free reports. */
  site?: string;
  freedAt?: string;
}

export const NULL_PAGE = 4096;
/** Function "addresses" live here: readable as values, never as data. */
export const TEXT_BASE = 0x10000;
export const TEXT_END = 0x400000;
const REDZONE = 16;
const ERR_PTR_MIN = 18446744073709547521n; // (unsigned long)-4095

export interface MemoryLimits {
  /** Total bytes of the address space (globals, stacks and heap). */
  memoryBytes: number;
  /** Bytes the heap may hand out before malloc fails with an out-of-memory report. */
  heapBytes: number;
  /**
   * How a user raises each limit, for the fault messages (`limitHint`): a cexec option, or for the model kernel
   * a sentence, since its sizes are the model's.
   */
  raise?: { memory?: string; stack?: string; depth?: string };
}

export const DEFAULT_MEMORY_LIMITS: MemoryLimits = { memoryBytes: 64 << 20, heapBytes: 48 << 20 };

export class Memory {
  readonly u8: Uint8Array;
  readonly dv: DataView;
  readonly shadow: Uint8Array;
  private brk = TEXT_END;
  heapUsed = 0;
  readonly live = new Map<number, Allocation>();
  readonly freed = new Map<number, Allocation>();

  /** Undo log of stores: [addr, size, lo, hi] per store; undo closures for the rare structural changes. */
  journaling = false;
  private log: number[] = [];
  private undos: { at: number; undo: () => void }[] = [];

  constructor(readonly limits: MemoryLimits = DEFAULT_MEMORY_LIMITS) {
    const buf = new ArrayBuffer(limits.memoryBytes);
    this.u8 = new Uint8Array(buf);
    this.dv = new DataView(buf);
    this.shadow = new Uint8Array(limits.memoryBytes);
  }

  /** Allocates memory that is never freed by the program (globals, string literals, stacks). */
  allocStatic(size: number, kind: AllocKind, site?: string, align = 16): number {
    const addr = this.bump(size, align);
    this.shadow.fill(Shadow.Valid, addr, addr + size);
    const a: Allocation = { addr, size, kind, site };
    this.live.set(addr, a);
    return addr;
  }

  malloc(size: number, site?: string, zero = false): number {
    if (this.heapUsed + size > this.limits.heapBytes) return 0;
    // Freed blocks are never reused, so every use after free stays detectable for the whole run.
    const addr = this.bump(Math.max(size, 1), 16);
    this.heapUsed += size;
    this.shadow.fill(Shadow.Valid, addr, addr + size);
    if (zero || this.journaling) this.u8.fill(0, addr, addr + size);
    const a: Allocation = { addr, size, kind: 'heap', site };
    this.live.set(addr, a);
    this.record(() => {
      this.shadow.fill(Shadow.Unmapped, addr, addr + size);
      this.live.delete(addr);
      this.heapUsed -= size;
    });
    return addr;
  }

  free(addr: I64, site?: string): void {
    if (addr == 0) return;
    const a = typeof addr === 'number' ? this.live.get(addr) : undefined;
    if (!a || a.kind !== 'heap') {
      const old = typeof addr === 'number' ? this.freed.get(addr) : undefined;
      if (old) {
        throw new CFault(
          'double-free',
          `double free of ${hex(addr)} (${old.size}-byte object allocated at ${old.site ?? '?'}, freed at ${old.freedAt ?? '?'})`,
          addr,
        );
      }
      throw new CFault('invalid-free', `free of ${hex(addr)}, which is not the start of a heap object`, addr);
    }
    this.live.delete(a.addr);
    a.freedAt = site;
    this.freed.set(a.addr, a);
    this.heapUsed -= a.size;
    this.shadow.fill(Shadow.Freed, a.addr, a.addr + a.size);
    this.record(() => {
      this.shadow.fill(Shadow.Valid, a.addr, a.addr + a.size);
      this.freed.delete(a.addr);
      this.live.set(a.addr, a);
      a.freedAt = undefined;
      this.heapUsed += a.size;
    });
  }

  private bump(size: number, align: number): number {
    const addr = Math.ceil((this.brk + REDZONE) / align) * align;
    const end = addr + size;
    if (end + REDZONE > this.limits.memoryBytes) {
      throw new CFault(
        'out-of-memory',
        `the address space is full (${this.limits.memoryBytes} bytes)${this.limits.raise?.memory ? `; ${this.limits.raise.memory}` : ''}`,
      );
    }
    const old = this.brk;
    this.brk = end;
    this.record(() => {
      this.brk = old;
    });
    return addr;
  }

  /** Explains why an access at addr of size bytes is invalid. Only called on the slow path. */
  fault(addr: I64, size: number, write: boolean): never {
    const what = write ? 'write' : 'read';
    if (typeof addr === 'bigint') {
      if (addr >= ERR_PTR_MIN) {
        const err = Number(addr - 18446744073709551616n);
        throw new CFault('err-ptr-deref', `${what} of ${size} bytes through an ERR_PTR (${err}) at ${hex(addr)}`, addr);
      }
      throw new CFault('wild-access', `${what} of ${size} bytes at unmapped address ${hex(addr)}`, addr);
    }
    if (addr < NULL_PAGE) {
      throw new CFault(
        'null-deref',
        `NULL pointer dereference: ${what} of ${size} bytes at ${hex(addr)} (NULL + ${addr})`,
        addr,
      );
    }
    // the first byte that is not valid says what went wrong; past it nothing matters (a memcpy of 600 MB from a
    // small buffer must fault at once, not after scanning the whole range)
    let i = 0;
    const end = Math.min(size, this.shadow.length - addr);
    while (i < end && this.shadow[addr + i] === Shadow.Valid) i++;
    if (i < end && this.shadow[addr + i] === Shadow.Freed) {
      const a = this.containing(this.freed, addr + i);
      throw new CFault(
        'use-after-free',
        `use after free: ${what} of ${size} bytes at ${hex(addr)}` +
          (a ? `, offset ${addr - a.addr} in a ${a.size}-byte object allocated at ${a.site ?? '?'} and freed at ${a.freedAt ?? '?'}` : ''),
        addr,
      );
    }
    const near = this.nearest(addr);
    if (near && near.kind === 'heap') {
      const off = addr - near.addr;
      throw new CFault(
        'out-of-bounds',
        `out-of-bounds ${what} of ${size} bytes at ${hex(addr)}: offset ${off} of a ${near.size}-byte heap object allocated at ${near.site ?? '?'}`,
        addr,
      );
    }
    throw new CFault('wild-access', `${what} of ${size} bytes at unmapped address ${hex(addr)}`, addr);
  }

  private containing(m: Map<number, Allocation>, addr: number): Allocation | undefined {
    for (const a of m.values()) if (addr >= a.addr && addr < a.addr + a.size) return a;
    return undefined;
  }

  private nearest(addr: number): Allocation | undefined {
    let best: Allocation | undefined;
    let dist = Infinity;
    for (const a of this.live.values()) {
      const d = addr < a.addr ? a.addr - addr : addr - (a.addr + a.size) + 1;
      if (d < dist && d <= REDZONE) {
        dist = d;
        best = a;
      }
    }
    return best;
  }

  check(addr: I64, size: number, write: boolean): number {
    if (typeof addr !== 'number' || this.shadow[addr] !== Shadow.Valid || this.shadow[addr + size - 1] !== Shadow.Valid) {
      if (size === 0 && typeof addr === 'number') return addr;
      // A range longer than a redzone could skip over one: check every byte then.
      this.fault(addr, size, write);
    }
    if (size > REDZONE) {
      for (let i = 1; i < size - 1; i++) if (this.shadow[addr + i] !== Shadow.Valid) this.fault(addr + i, size - i, write);
    }
    return addr;
  }

  // --- journal ---------------------------------------------------------------------------------------------

  logStore(addr: number, size: number): void {
    const dv = this.dv;
    this.log.push(addr, size, size >= 4 ? dv.getUint32(addr, true) : size === 2 ? dv.getUint16(addr, true) : this.u8[addr] as number, size === 8 ? dv.getUint32(addr + 4, true) : 0);
  }

  /** Saves bytes about to be overwritten by a bulk operation (memcpy, memset). */
  logRange(addr: number, size: number): void {
    if (!this.journaling || size === 0) return;
    const saved = this.u8.slice(addr, addr + size);
    this.record(() => this.u8.set(saved, addr));
  }

  private record(undo: () => void): void {
    if (this.journaling) this.undos.push({ at: this.log.length, undo });
  }

  mark(): { log: number; undos: number } {
    return { log: this.log.length, undos: this.undos.length };
  }

  rewind(m: { log: number; undos: number }): void {
    const dv = this.dv;
    let u = this.undos.length - 1;
    for (let i = this.log.length - 4; i >= m.log; i -= 4) {
      while (u >= m.undos && (this.undos[u] as { at: number }).at > i) (this.undos[u--] as { undo: () => void }).undo();
      const addr = this.log[i] as number;
      const size = this.log[i + 1] as number;
      const lo = this.log[i + 2] as number;
      if (size === 1) this.u8[addr] = lo;
      else if (size === 2) dv.setUint16(addr, lo, true);
      else {
        dv.setUint32(addr, lo, true);
        if (size === 8) dv.setUint32(addr + 4, this.log[i + 3] as number, true);
      }
    }
    while (u >= m.undos) (this.undos[u--] as { undo: () => void }).undo();
    this.log.length = m.log;
    this.undos.length = m.undos;
  }

  // --- helpers for builtins (checked, journaled) -----------------------------------------------------------

  readBytes(addr: I64, size: number): Uint8Array {
    const a = this.check(addr, size, false);
    return this.u8.slice(a, a + size);
  }

  writeBytes(addr: I64, bytes: Uint8Array): void {
    const a = this.check(addr, bytes.length, true);
    this.logRange(a, bytes.length);
    this.u8.set(bytes, a);
  }

  /** Reads a NUL-terminated string, checking every byte. */
  readCString(addr: I64, max = 1 << 20): Uint8Array {
    const a = this.check(addr, 1, false);
    let end = a;
    while (this.u8[end] !== 0) {
      end++;
      if (this.shadow[end] !== Shadow.Valid) this.fault(end, 1, false);
      if (end - a > max) break;
    }
    return this.u8.slice(a, end);
  }

  leaks(): Allocation[] {
    return [...this.live.values()].filter((a) => a.kind === 'heap');
  }
}

export function hex(v: I64): string {
  return '0x' + (typeof v === 'number' ? (v < 0 ? BigInt.asUintN(64, BigInt(v)) : v) : BigInt.asUintN(64, v)).toString(16).padStart(16, '0');
}

/** The accessors generated code calls; closures over the typed arrays so V8 can inline them. */
export function memoryOps(mem: Memory) {
  const { u8, dv, shadow: sh } = mem;
  const bad = (a: I64, n: number, w: boolean): never => mem.fault(a, n, w);
  const ok = (a: I64, n: number): boolean => sh[a as number] === 1 && sh[(a as number) + n - 1] === 1;
  return {
    ld8s(a: I64): number {
      if (sh[a as number] !== 1) bad(a, 1, false);
      return dv.getInt8(a as number);
    },
    ld8u(a: I64): number {
      if (sh[a as number] !== 1) bad(a, 1, false);
      return u8[a as number] as number;
    },
    ld16s(a: I64): number {
      if (!ok(a, 2)) bad(a, 2, false);
      return dv.getInt16(a as number, true);
    },
    ld16u(a: I64): number {
      if (!ok(a, 2)) bad(a, 2, false);
      return dv.getUint16(a as number, true);
    },
    ld32s(a: I64): number {
      if (!ok(a, 4)) bad(a, 4, false);
      return dv.getInt32(a as number, true);
    },
    ld32u(a: I64): number {
      if (!ok(a, 4)) bad(a, 4, false);
      return dv.getUint32(a as number, true);
    },
    ld64s(a: I64): I64 {
      if (!ok(a, 8)) bad(a, 8, false);
      const lo = dv.getUint32(a as number, true);
      const hi = dv.getInt32((a as number) + 4, true);
      if (hi < 0x200000 && hi >= -0x200000) return hi * 4294967296 + lo;
      return norm((BigInt(hi) << 32n) | BigInt(lo));
    },
    ld64u(a: I64): I64 {
      if (!ok(a, 8)) bad(a, 8, false);
      const lo = dv.getUint32(a as number, true);
      const hi = dv.getUint32((a as number) + 4, true);
      if (hi < 0x200000) return hi * 4294967296 + lo;
      return norm((BigInt(hi) << 32n) | BigInt(lo));
    },
    st8(a: I64, v: number): void {
      if (sh[a as number] !== 1) bad(a, 1, true);
      if (mem.journaling) mem.logStore(a as number, 1);
      u8[a as number] = v;
    },
    st16(a: I64, v: number): void {
      if (!ok(a, 2)) bad(a, 2, true);
      if (mem.journaling) mem.logStore(a as number, 2);
      dv.setUint16(a as number, v, true);
    },
    st32(a: I64, v: number): void {
      if (!ok(a, 4)) bad(a, 4, true);
      if (mem.journaling) mem.logStore(a as number, 4);
      dv.setUint32(a as number, v >>> 0, true);
    },
    st64(a: I64, v: I64): void {
      if (!ok(a, 8)) bad(a, 8, true);
      if (mem.journaling) mem.logStore(a as number, 8);
      if (typeof v === 'number') {
        dv.setUint32(a as number, v >>> 0, true);
        dv.setUint32((a as number) + 4, Math.floor(v / 4294967296) >>> 0, true);
      } else {
        const u = BigInt.asUintN(64, v);
        dv.setUint32(a as number, Number(u & 0xffffffffn), true);
        dv.setUint32((a as number) + 4, Number(u >> 32n), true);
      }
    },
    /** Struct assignment and by-value arguments. */
    copy(dst: I64, src: I64, n: number): void {
      const s = mem.check(src, n, false);
      const d = mem.check(dst, n, true);
      mem.logRange(d, n);
      u8.copyWithin(d, s, s + n);
    },
    zero(dst: I64, n: number): void {
      const d = mem.check(dst, n, true);
      mem.logRange(d, n);
      u8.fill(0, d, d + n);
    },
  };
}
export type MemoryOps = ReturnType<typeof memoryOps>;

import type { I64 } from '../core/vm/int64';
import type { Cursor } from './chooser';

/**
 * The recorded operations of a debugged run, one per position, in columns of typed arrays: a long run has
 * hundreds of thousands of single-statement operations, and what the reverse searches need of each (which
 * task ran, where it stands after, at what depth) fits in a few numbers. Rare data (schedule cursors of picks,
 * user changes) lives in maps by position.
 */

export const enum OpKind {
  /** A scheduling decision: a new slice of the task. */
  Pick = 0,
  /** More of the slice in progress. */
  Cont = 1,
  /** A change the user made (setVariable): replayed as recorded. */
  Poke = 2,
}

export type Poke =
  | { kind: 'mem'; node: number; addr: number; bytes: Uint8Array }
  | { kind: 'reg'; task: number; frame: number; field: string; value: I64 };

/** Flags of an operation's outcome. */
export const enum OpFlag {
  /** The task stands at the start of a statement afterwards. */
  AtStatement = 1,
  /** The task died (an oops) in this operation. */
  Died = 2,
  /** The slice ended with this operation (it was not split by the debugger). */
  SliceEnd = 4,
}

/** What the debugger knows of one recorded operation. */
export interface OpView {
  k: OpKind;
  task: number;
  /** Statements it was allowed to run, and ran. */
  cap: number;
  n: number;
  /** The cluster's scheduling step after it (non-decreasing along the history). */
  step: number;
  /** The task's frame depth, top function (LoadedFunc index, -1 for none) and pc afterwards. */
  depth: number;
  fn: number;
  pc: number;
  flags: number;
}

export class History {
  private len = 0;
  private kind = new Uint8Array(1024);
  private task = new Int32Array(1024);
  private cap = new Int32Array(1024);
  private n = new Int32Array(1024);
  private step = new Float64Array(1024);
  private depth = new Int32Array(1024);
  private fn = new Int32Array(1024);
  private pc = new Int32Array(1024);
  private flags = new Uint8Array(1024);
  /** Picks: the schedule cursor after the decision, and where the picked task stood. */
  readonly cursors = new Map<number, Cursor>();
  readonly at = new Map<number, { file: string; line: number }>();
  readonly pokes = new Map<number, Poke>();

  /** Counts the truncations that dropped operations: a recorded future seen before is still there while it holds. */
  private dropped = 0;

  get length(): number {
    return this.len;
  }

  get version(): number {
    return this.dropped;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const g = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.kind = g(this.kind, (n) => new Uint8Array(n));
    this.task = g(this.task, (n) => new Int32Array(n));
    this.cap = g(this.cap, (n) => new Int32Array(n));
    this.n = g(this.n, (n) => new Int32Array(n));
    this.step = g(this.step, (n) => new Float64Array(n));
    this.depth = g(this.depth, (n) => new Int32Array(n));
    this.fn = g(this.fn, (n) => new Int32Array(n));
    this.pc = g(this.pc, (n) => new Int32Array(n));
    this.flags = g(this.flags, (n) => new Uint8Array(n));
  }

  push(v: OpView, extra: { cursor?: Cursor; at?: { file: string; line: number }; poke?: Poke }): void {
    if (this.len === this.kind.length) this.grow();
    const i = this.len++;
    this.kind[i] = v.k;
    this.task[i] = v.task;
    this.cap[i] = v.cap;
    this.n[i] = v.n;
    this.step[i] = v.step;
    this.depth[i] = v.depth;
    this.fn[i] = v.fn;
    this.pc[i] = v.pc;
    this.flags[i] = v.flags;
    if (extra.cursor) this.cursors.set(i, extra.cursor);
    if (extra.at) this.at.set(i, extra.at);
    if (extra.poke) this.pokes.set(i, extra.poke);
  }

  /** Forgets operations from `len` on (the run went another way from there). */
  truncate(len: number): void {
    if (len >= this.len) return;
    this.len = len;
    this.dropped++;
    for (const m of [this.cursors, this.at, this.pokes] as Map<number, unknown>[]) for (const k of [...m.keys()]) if (k >= len) m.delete(k);
  }

  kindAt(i: number): OpKind {
    return this.kind[i] as OpKind;
  }
  taskAt(i: number): number {
    return this.task[i] as number;
  }
  capAt(i: number): number {
    return this.cap[i] as number;
  }
  nAt(i: number): number {
    return this.n[i] as number;
  }
  stepAt(i: number): number {
    return this.step[i] as number;
  }
  flagsAt(i: number): number {
    return this.flags[i] as number;
  }
  depthAt(i: number): number {
    return this.depth[i] as number;
  }
  fnAt(i: number): number {
    return this.fn[i] as number;
  }
  pcAt(i: number): number {
    return this.pc[i] as number;
  }

  get(i: number): OpView | undefined {
    if (i < 0 || i >= this.len) return undefined;
    return { k: this.kindAt(i), task: this.taskAt(i), cap: this.capAt(i), n: this.nAt(i), step: this.stepAt(i), depth: this.depthAt(i), fn: this.fnAt(i), pc: this.pcAt(i), flags: this.flagsAt(i) };
  }

  /** The first position whose operation reaches scheduling step `step` (binary search: steps never decrease). */
  firstAtStep(step: number): number {
    let lo = 0;
    let hi = this.len;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.step[mid] as number) < step) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

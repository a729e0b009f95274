import type { SourceLoc } from '../diagnostics';
import { formatLoc, UserError } from '../diagnostics';
import type { FuncCode } from '../cfront/codegen';
import { Exit } from '../cfront/codegen';
import type { GlobalVar, StaticData } from '../cfront/ast';
import type { StructLayout } from '../cfront/check';
import { setFlagsFromString } from 'node:v8';
import { LIMITS, limitHint } from '../limits';
import * as I from './int64';
import type { I64 } from './int64';
import { CFault, DEFAULT_MEMORY_LIMITS, Memory, MemoryLimits, TEXT_BASE, memoryOps } from './memory';

/** Returned by a builtin that puts its task to sleep; `Machine.wake` later gives the call its result. */
export const BLOCK: unique symbol = Symbol('block');

/** A builtin: C-callable TypeScript for what lies below the C model (allocators, locks, libc). */
export interface Builtin {
  name: string;
  /** Inline builtins never block or switch tasks; the others are scheduling points run by the runner. */
  inline: boolean;
  fn: (T: Task, ...args: I64[]) => I64 | void | typeof BLOCK;
}

export interface Frame {
  pc: number;
  fp: number;
  a: I64[];
  [local: string]: unknown;
}

/** A class, not an object literal, so that every function has one shape and the runner's loads stay monomorphic. */
export class LoadedFunc {
  run: ((T: Task, fr: Frame) => number) | undefined = undefined;
  enter: ((...args: I64[]) => Frame) | undefined = undefined;
  builtin: Builtin | undefined = undefined;
  constructor(
    readonly code: FuncCode,
    readonly index: number,
    readonly name: string,
  ) {}
}

export interface Program {
  funcs: FuncCode[];
  /** Index → name for every function symbol, defined or not (builtins are bound by name). */
  symbols: { name: string; defined: boolean; isStatic: boolean; loc: SourceLoc }[];
  statics: StaticData[];
  module: string;
  /** Struct layouts by "struct tag" or typedef name (the last unit's definition wins). */
  layouts: Record<string, StructLayout>;
  /** Defined globals with their C types, for the debugger (names, addresses, file of the definition). */
  globals?: GlobalVar[];
}

export interface MachineLimits extends MemoryLimits {
  /** C call depth per task. */
  maxDepth: number;
  /** Bytes of stack per task. */
  stackBytes: number;
}

export const DEFAULT_LIMITS: MachineLimits = {
  ...DEFAULT_MEMORY_LIMITS,
  maxDepth: LIMITS.cDepth.default,
  stackBytes: LIMITS.cStackBytes.default,
  raise: { memory: limitHint('cHeapBytes'), stack: limitHint('cStackBytes'), depth: limitHint('cDepth') },
};

export type TaskState = 'runnable' | 'blocked' | 'exited' | 'faulted';

export class Task {
  frames: Frame[] = [];
  /** frames[i]'s function; kept apart because frames of different functions have different shapes. */
  fns: LoadedFunc[] = [];
  /** Statement budget left in the current slice. */
  b = 0;
  sp: number;
  readonly stackBase: number;
  readonly stackEnd: number;
  ret: I64 = 0;
  /** C calls nested on the host stack right now (see codegen's direct calls). */
  hd = 0;
  readonly maxDepth: number;
  /** Pending call for the runner: callee index, and either its frame (C) or its arguments (builtins, pointers). */
  cf = 0;
  cframe: Frame | undefined = undefined;
  ca: I64[] = [];
  state: TaskState = 'runnable';
  /** A scheduling-point builtin the task stopped in front of (Machine.stopAtSync); it runs first next time. */
  pendingSync: { f: LoadedFunc; args: I64[] } | undefined = undefined;
  exitCode: I64 = 0;
  fault: FaultReport | undefined;
  steps = 0;
  constructor(
    readonly machine: Machine,
    readonly id: number,
    stackBytes: number,
  ) {
    this.stackBase = machine.mem.allocStatic(stackBytes, 'stack', `stack of task ${id}`);
    this.sp = this.stackBase;
    this.stackEnd = this.stackBase + stackBytes;
    this.maxDepth = machine.limits.maxDepth;
  }
}

/** What a task is between two runs; frames are copied because generated code mutates them on pause. */
interface TaskSnapshot {
  task: Task;
  frames: Frame[];
  fns: LoadedFunc[];
  sp: number;
  ret: I64;
  state: TaskState;
  exitCode: I64;
  fault: FaultReport | undefined;
  steps: number;
  pendingSync: Task['pendingSync'];
  cf: number;
  cframe: Frame | undefined;
  ca: I64[];
}

/** A whole machine at one moment: a position in memory's undo log plus each task's frames. */
export interface MachineSnapshot {
  mem: ReturnType<Memory['mark']>;
  tasks: TaskSnapshot[];
}

export interface BacktraceEntry {
  func: string;
  loc: SourceLoc;
}

export interface FaultReport {
  kind: CFault['kind'];
  message: string;
  address: I64 | undefined;
  loc: SourceLoc | undefined;
  backtrace: BacktraceEntry[];
}

/** Thrown by exit(): unwinds the whole task. */
export class ExitSignal extends Error {
  constructor(readonly code: I64) {
    super('exit');
  }
}

/**
 * paused: budget used up; sync: stopped before a scheduling-point builtin (see pendingSync); blocked: a builtin
 * put the task to sleep.
 */
export type RunResult = 'exited' | 'paused' | 'sync' | 'blocked' | 'faulted';

/**
 * Generated functions are large switches that call many small helpers (loads, stores, 64-bit ops); V8's default
 * inlining budget per function (920 bytecodes) runs out early in them, leaving most helpers as real calls.
 * A larger budget made the interpreter ~1.7x faster on bench/loop.c; it only tunes the optimiser's heuristics.
 */
let tunedV8 = false;
function tuneV8(): void {
  if (tunedV8) return;
  tunedV8 = true;
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=10000');
}

function depthMessage(limits: MachineLimits, name: string): string {
  return `call depth limit of ${limits.maxDepth} frames reached calling '${name}' (runaway recursion?)${limits.raise?.depth ? `; ${limits.raise.depth}` : ''}`;
}

/** One kernel (or one user program): memory, loaded functions, tasks. */
export class Machine {
  readonly mem: Memory;
  readonly funcs: LoadedFunc[];
  readonly tasks: Task[] = [];
  private readonly byName = new Map<string, LoadedFunc>();
  /** Stop each task in front of every non-inline builtin, so a scheduler can choose who goes next. */
  stopAtSync = false;

  constructor(
    readonly program: Program,
    builtins: Map<string, Builtin>,
    readonly limits: MachineLimits = DEFAULT_LIMITS,
  ) {
    tuneV8();
    this.mem = new Memory(limits);
    for (const s of program.statics) {
      let addr: number;
      try {
        addr = this.mem.allocStatic(s.size, s.kind, s.name);
      } catch (e) {
        // the program asks for more than the address space before it runs: its fault, not a run's
        if (!(e instanceof CFault)) throw e;
        const what = s.kind === 'string' ? 'a string literal' : `the global '${s.name}'`;
        throw new UserError(undefined, `${what} (${s.size} bytes) does not fit in the address space of ${limits.memoryBytes} bytes${limits.raise?.memory ? `; ${limits.raise.memory}` : ''}`);
      }
      if (addr !== s.addr) throw new Error(`internal: static ${s.name} laid out at ${addr}, compiled for ${s.addr}`);
      if (s.bytes) this.mem.u8.set(s.bytes, addr);
    }
    const codeByIndex = new Map(program.funcs.map((f) => [f.sym.index, f]));
    this.funcs = program.symbols.map((s, index) => {
      const code = codeByIndex.get(index);
      const f = new LoadedFunc(code as FuncCode, index, s.name);
      if (!code) {
        const b = builtins.get(s.name);
        if (b) f.builtin = b;
        else {
          f.builtin = {
            name: s.name,
            inline: false,
            fn: () => {
              throw new CFault('bad-call', `call to '${s.name}', which is declared (at ${formatLoc(s.loc)}) but never defined`);
            },
          };
        }
      }
      // By name means the function the linker would bind: the one defined with external linkage.
      if (s.defined && !s.isStatic) this.byName.set(s.name, f);
      else if (!this.byName.has(s.name) && !s.isStatic) this.byName.set(s.name, f);
      return f;
    });
    this.link();
  }

  private link(): void {
    const ops = memoryOps(this.mem);
    const funcs = this.funcs;
    const limits = this.limits;
    const R = {
      ...ops,
      ...I,
      padd(p: I64, i: I64, scale: number): I64 {
        if (typeof p === 'number' && typeof i === 'number') {
          const r = p + i * scale;
          if (r >= 0 && r <= Number.MAX_SAFE_INTEGER) return r;
        }
        return I.wrapU64(I.add64s(p, I.mul64s(i, scale)));
      },
      pdiff(a: I64, b: I64, scale: number): I64 {
        const d = I.sub64s(I.wrapS64(a), I.wrapS64(b));
        return scale === 1 ? d : I.div64s(d, scale);
      },
      div32s(a: number, b: number): number {
        if (b === 0) throw new CFault('division-by-zero', 'integer division by zero');
        return (a / b) | 0;
      },
      div32u(a: number, b: number): number {
        if (b === 0) throw new CFault('division-by-zero', 'integer division by zero');
        return Math.floor(a / b) >>> 0;
      },
      mod32s(a: number, b: number): number {
        if (b === 0) throw new CFault('division-by-zero', 'integer division by zero (modulo)');
        return (a % b) | 0;
      },
      mod32u(a: number, b: number): number {
        if (b === 0) throw new CFault('division-by-zero', 'integer division by zero (modulo)');
        return (a % b) >>> 0;
      },
      fnIndex(addr: I64): number {
        const i = typeof addr === 'number' ? (addr - TEXT_BASE) / 16 : -1;
        if (!Number.isInteger(i) || i < 0 || i >= funcs.length) {
          if (addr == 0) throw new CFault('null-deref', 'call through a NULL function pointer', addr);
          throw new CFault('bad-call', `call through an invalid function pointer ${String(addr)}`, addr);
        }
        return i;
      },
      depthLimit(_T: Task, name: string): never {
        throw new CFault('depth-limit', depthMessage(limits, name));
      },
      stackOverflow(T: Task): never {
        throw new CFault('stack-overflow', `stack overflow in task ${T.id} (${T.stackEnd - T.stackBase} bytes)${limits.raise?.stack ? `; ${limits.raise.stack}` : ''}`);
      },
      builtins: funcs.map((f) => f.builtin?.fn),
      funcs,
    };
    const prelude = Object.keys(R)
      .filter((k) => k !== 'builtins' && k !== 'funcs')
      .map((k) => `const ${k} = R.${k};`)
      .join('\n');
    const bdecl = funcs
      .map((f) => (f.builtin ? (f.builtin.inline ? `const B${f.index} = R.builtins[${f.index}];` : '') : `const L${f.index} = R.funcs[${f.index}];`))
      .join('\n');
    const body = this.program.module;
    // The program's code is generated by our compiler from the checked C, never from raw input text.
    const factory = new Function('R', `"use strict";\n${prelude}\n${bdecl}\n${body}`) as (r: typeof R) => {
      run: LoadedFunc['run'];
      enter: LoadedFunc['enter'];
      index: number;
    }[];
    for (const g of factory(R)) {
      const f = funcs[g.index] as LoadedFunc;
      f.run = g.run;
      f.enter = g.enter;
    }
  }

  /**
   * Snapshots cost a copy of each task's frames (a few objects); memory is not copied but journaled, so taking
   * one is cheap and restoring one costs the stores made since. Journaling must be on before the first one.
   */
  snapshot(): MachineSnapshot {
    if (!this.mem.journaling) throw new Error('snapshots need memory journaling: set mem.journaling before running');
    return {
      mem: this.mem.mark(),
      tasks: this.tasks.map((t) => ({
        task: t,
        frames: t.frames.map((f) => ({ ...f })),
        fns: [...t.fns],
        sp: t.sp,
        ret: t.ret,
        state: t.state,
        exitCode: t.exitCode,
        fault: t.fault,
        steps: t.steps,
        // a task stopped in front of a scheduling point, or with a call handed to the runner, resumes with it
        pendingSync: t.pendingSync && { f: t.pendingSync.f, args: [...t.pendingSync.args] },
        cf: t.cf,
        cframe: t.cframe && { ...t.cframe },
        ca: [...t.ca],
      })),
    };
  }

  restore(s: MachineSnapshot): void {
    this.mem.rewind(s.mem);
    this.tasks.length = s.tasks.length;
    s.tasks.forEach((ts, i) => {
      const t = ts.task;
      this.tasks[i] = t;
      t.frames = ts.frames.map((f) => ({ ...f }));
      t.fns = [...ts.fns];
      t.sp = ts.sp;
      t.ret = ts.ret;
      t.state = ts.state;
      t.exitCode = ts.exitCode;
      t.fault = ts.fault;
      t.steps = ts.steps;
      t.pendingSync = ts.pendingSync && { f: ts.pendingSync.f, args: [...ts.pendingSync.args] };
      t.cf = ts.cf;
      t.cframe = ts.cframe && { ...ts.cframe };
      t.ca = [...ts.ca];
    });
  }

  func(name: string): LoadedFunc | undefined {
    return this.byName.get(name);
  }

  /** Creates a task that will call `name(args)`; it runs when `run` is called. */
  spawn(name: string, args: I64[]): Task {
    const f = this.byName.get(name);
    if (!f) throw new Error(`no C function '${name}' to run`);
    const T = this.createTask();
    this.start(T, f, args);
    return T;
  }

  /** A task with its own stack, idle (exited) until `start` gives it a function to run. */
  createTask(): Task {
    const T = new Task(this, this.tasks.length + 1, this.limits.stackBytes);
    T.state = 'exited';
    this.tasks.push(T);
    return T;
  }

  /** Makes an idle task call `f(args)` from an empty stack; it runs when `run` is called. */
  start(T: Task, f: LoadedFunc, args: I64[]): void {
    if (!f.run || !f.enter) throw new Error(`'${f.name}' has no C body to run`);
    T.frames = [f.enter(...args)];
    T.fns = [f];
    T.sp = T.stackBase;
    T.pendingSync = undefined;
    T.fault = undefined;
    T.state = 'runnable';
  }

  /**
   * Runs a task for at most `budget` statements. Returns when it exits, faults or uses up its budget.
   * Builtins that are scheduling points (not inline) run here, between C statements.
   */
  run(T: Task, budget: number): RunResult {
    if (T.state !== 'runnable') throw new Error(`task ${T.id} is ${T.state}, not runnable`);
    T.b = budget;
    const frames = T.frames;
    const fns = T.fns;
    const funcs = this.funcs;
    const maxDepth = this.limits.maxDepth;
    let top = frames.length - 1;
    T.hd = 0;
    try {
      const pending = T.pendingSync;
      T.pendingSync = undefined;
      if (!pending || this.callBuiltin(T, pending.f, pending.args)) {
        for (;;) {
          top = frames.length - 1; // direct calls in generated code push and pop frames too
          const r = ((fns[top] as LoadedFunc).run as NonNullable<LoadedFunc['run']>)(T, frames[top] as Frame);
          if (r === Exit.Return) {
            frames.pop();
            fns.pop();
            if (--top < 0) {
              T.state = 'exited';
              T.exitCode = T.ret;
              break;
            }
          } else if (r === Exit.Call) {
            const f = funcs[T.cf] as LoadedFunc;
            if (f.builtin) {
              if (this.stopAtSync) {
                T.pendingSync = { f, args: T.ca };
                break;
              }
              if (!this.callBuiltin(T, f, T.ca)) break;
            } else {
              if (top + 1 >= maxDepth) {
                throw new CFault('depth-limit', depthMessage(this.limits, f.name));
              }
              frames.push(T.cframe ?? (f.enter as NonNullable<LoadedFunc['enter']>)(...T.ca));
              T.cframe = undefined;
              fns.push(f);
              top++;
            }
          } else break; // paused
        }
      }
    } catch (e) {
      if (e instanceof ExitSignal) {
        T.state = 'exited';
        T.exitCode = e.code;
      } else if (e instanceof CFault) {
        T.state = 'faulted';
        T.fault = this.report(T, e);
      } else if (e instanceof I.DivisionByZero) {
        T.state = 'faulted';
        T.fault = this.report(T, new CFault('division-by-zero', 'integer division by zero'));
      } else throw e;
    }
    T.steps += budget - T.b;
    if (T.state === 'runnable') return T.pendingSync ? 'sync' : 'paused';
    return T.state;
  }

  /** Runs a builtin for the task's pending call; false when it put the task to sleep. */
  private callBuiltin(T: Task, f: LoadedFunc, args: I64[]): boolean {
    const v = (f.builtin as Builtin).fn(T, ...args);
    if (v === BLOCK) {
      T.state = 'blocked';
      return false;
    }
    T.ret = v ?? 0;
    return true;
  }

  /** Ends a sleep: the builtin call that blocked returns `value` when the task next runs. */
  wake(T: Task, value: I64 = 0): void {
    if (T.state !== 'blocked') throw new Error(`task ${T.id} is ${T.state}, not blocked`);
    T.ret = value;
    T.state = 'runnable';
  }

  backtrace(T: Task): BacktraceEntry[] {
    return T.frames.map((fr, i) => ({ fr, f: T.fns[i] as LoadedFunc })).reverse().map(({ fr, f }) => ({ func: f.name, loc: f.code.pcLoc[fr.pc] ?? f.code.sym.loc }));
  }

  private report(T: Task, e: CFault): FaultReport {
    const backtrace = this.backtrace(T);
    return { kind: e.kind, message: e.message, address: e.address, loc: backtrace[0]?.loc, backtrace };
  }
}

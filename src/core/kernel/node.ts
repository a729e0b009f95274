import { formatLoc, UserError, type SourceLoc } from '../diagnostics';
import type { I64 } from '../vm/int64';
import type { BacktraceEntry, LoadedFunc, MachineLimits, Program } from '../vm/machine';
import { BLOCK, Machine, Task } from '../vm/machine';
import type { FaultKind } from '../vm/memory';
import { memoryOps, type MemoryOps } from '../vm/memory';
import type { AstRecord } from './dlm';
import type { Cluster } from './cluster';
import type { DlmCookie } from './builtins';
import { nodeBuiltins } from './builtins';
import type { KernelWarning, LockKind, LockOp } from './events';
import { ASTREC_AST, ASTREC_ARG, ASTREC_BAST, ASTREC_MODE, LKSB_STATUS } from './layout';
import { NodeLocks, type WaitReason } from './locks';
import { PageTables, type Pte } from './pagetable';
import type { MachineSnapshot } from '../vm/machine';
import type { NodeLocksState } from './locks';

interface TaskSnapshot {
  kt: KTask;
  name: string;
  taskStruct: number;
  wait: WaitReason | undefined;
  woken: WaitReason | undefined;
  call: KTask['call'];
  result: CallOutcome | undefined;
  dead: Oops | undefined;
  lockdepHeld: Map<number, number>;
  partialLine: string;
}

/** A node at one moment: its machine (memory journal position, task frames) and its builtins' state. */
export interface NodeSnapshot {
  machine: MachineSnapshot;
  locks: NodeLocksState;
  pt: Map<number, Map<number, Pte>>;
  lockdep: Map<number, { name: string; cls: string }>;
  frames: Map<number, number>;
  lockspaceAddr: Map<number, number>;
  lockspaceHandle: Map<number, number>;
  kmallocCount: number;
  frameCount: number;
  panicked: string | undefined;
  tasks: TaskSnapshot[];
}

/** The setup task of a node, a kernel thread, or a scenario task (ENTRY.md). */
export type TaskKind = 'init' | 'kthread' | 'user';

/** A task killed by a fault: the interpreter's report plus who and when. Its locks stay held. */
export interface Oops {
  kind: FaultKind;
  message: string;
  address: I64 | undefined;
  loc: SourceLoc | undefined;
  backtrace: BacktraceEntry[];
  node: number;
  task: number;
  taskName: string;
  step: number;
}

/** How a C entry point call ended. */
export type CallOutcome =
  | { status: 'done'; value: I64 }
  | { status: 'oops'; oops: Oops }
  /** Nothing can run and this call's task (or another) is blocked for good. */
  | { status: 'deadlock'; deadlock: DeadlockReport }
  /** The statement limit of the run was reached (a livelock, or raise maxSteps). */
  | { status: 'limit'; steps: number }
  /** The task's node panicked. */
  | { status: 'panic'; message: string };

export interface BlockedTask {
  task: number;
  taskName: string;
  node: number;
  kind: TaskKind;
  wait: WaitReason;
  /** "rwsem &mm->mmap_sem (read)", "wait queue &gl->gl_wait", ... */
  waitsFor: string;
  /** Who holds what it waits for (builtin locks only; C locks are seen through the lock events). */
  holders: { task: number; taskName: string; mode: 'read' | 'write' }[];
  backtrace: BacktraceEntry[];
}

export interface DeadlockReport {
  step: number;
  blocked: BlockedTask[];
  /** DLM requests that wait (converting or queued), with the locks in their way. */
  dlmWaits: { lkid: number; node: number; resource: string; lockspace: string; mode: number | undefined; blockedBy: { lkid: number; node: number; mode: number | undefined }[] }[];
  message: string;
}

export class KTask {
  wait: WaitReason | undefined = undefined;
  /** What the task waited for when it was last woken, until it runs again: the explorer's view of its next step. */
  woken: WaitReason | undefined = undefined;
  /** The entry point running now, if any. */
  call: { fn: string; args: I64[]; startStep: number } | undefined = undefined;
  /** How the last call ended. */
  result: CallOutcome | undefined = undefined;
  /** Set when a fault killed the task: it runs nothing more. */
  dead: Oops | undefined = undefined;
  /** lockdep maps held (address → hold count), from the annotation hooks. */
  lockdepHeld = new Map<number, number>();
  /** printk output not yet ended by a newline. */
  partialLine = '';
  constructor(
    readonly id: number,
    readonly node: KNode,
    public name: string,
    readonly kind: TaskKind,
    /** Address of its task_struct in the node's memory: what get_current() returns. */
    public taskStruct: number,
    readonly m: Task,
  ) {}

  get state(): 'idle' | 'runnable' | 'blocked' | 'dead' {
    if (this.dead) return 'dead';
    if (!this.call) return 'idle';
    return this.m.state === 'blocked' ? 'blocked' : 'runnable';
  }

  /** "node0/T3 reader" */
  get label(): string {
    return `node${this.node.index}/T${this.id} ${this.name}`;
  }
}

/** One kernel instance: a Machine running the shared Program, and the state of its builtins. */
export class KNode {
  readonly machine: Machine;
  readonly ops: MemoryOps;
  readonly locks: NodeLocks;
  readonly pt = new PageTables();
  /** lockdep maps seen: address → instance and class names. */
  readonly lockdep = new Map<number, { name: string; cls: string }>();
  /** Page frames handed out: aligned address → the heap block around it. */
  readonly frames = new Map<number, number>();
  readonly lockspaceAddr = new Map<number, number>();
  readonly lockspaceHandle = new Map<number, number>();
  kmallocCount = 0;
  frameCount = 0;
  panicked: string | undefined = undefined;
  readonly tasks: KTask[] = [];
  private readonly byMachineTask = new Map<Task, KTask>();
  readonly initTask: KTask;

  constructor(
    readonly cluster: Cluster,
    readonly index: number,
    program: Program,
    limits: MachineLimits,
  ) {
    this.machine = new Machine(program, nodeBuiltins(this), limits);
    this.machine.stopAtSync = true;
    this.ops = memoryOps(this.machine.mem);
    this.locks = new NodeLocks(
      {
        i32: (a) => this.ops.ld32s(a),
        i64: (a) => Number(this.ops.ld64s(a)),
        strAt: (a) => this.strAt(a),
      },
      {
        event: (op, kind, addr, cls, mode, task, extra) => {
          const kt = this.task(task);
          if (kt) this.lockEvent(kt, op, kind, addr, cls, mode, extra);
        },
        warn: (kind, message, task) => {
          const kt = this.task(task);
          if (kt) this.warn(kt, kind, message);
        },
        wake: (task, value) => this.wake(task, value),
      },
    );
    const initTask = program.statics.find((s) => s.name === 'init_task');
    if (!initTask) throw new UserError(undefined, 'the kernel has no init_task (did the patch remove it?)');
    this.initTask = this.newTask('init', 'swapper', initTask.addr);
  }

  get mem() {
    return this.machine.mem;
  }

  /** A new task of this node, idle until `start`. */
  newTask(kind: TaskKind, name: string, taskStruct: number): KTask {
    const id = this.cluster.nextTaskId++;
    const T = this.machine.createTask();
    const kt = new KTask(id, this, name, kind, taskStruct, T);
    this.tasks.push(kt);
    this.byMachineTask.set(T, kt);
    this.cluster.taskById.set(id, kt);
    return kt;
  }

  taskOf(T: Task): KTask {
    const kt = this.byMachineTask.get(T);
    if (!kt) throw new Error(`internal: machine task ${T.id} has no kernel task`);
    return kt;
  }

  task(id: number): KTask | undefined {
    const kt = this.cluster.taskById.get(id);
    return kt && kt.node === this ? kt : undefined;
  }

  /** Makes the task call a C function; it runs when the scheduler picks it. */
  start(kt: KTask, fn: string | LoadedFunc, args: I64[]): void {
    if (kt.dead) throw new Error(`${kt.label} is dead (${kt.dead.kind} at ${kt.dead.loc?.file}:${kt.dead.loc?.line})`);
    if (kt.call) throw new Error(`${kt.label} is still running ${kt.call.fn}()`);
    const f = typeof fn === 'string' ? this.machine.func(fn) : fn;
    // the simulator calls entry points by name; a patch may have removed or renamed one
    if (!f || !f.run || !f.enter) throw new UserError(undefined, `the kernel has no C function '${String(typeof fn === 'string' ? fn : fn.name)}' (the simulator calls it: did the patch remove or rename it?)`);
    this.machine.start(kt.m, f, args);
    kt.call = { fn: f.name, args, startStep: this.cluster.step };
    kt.result = undefined;
  }

  /** __sim_spawn: a kernel thread bound to `p`, starting in `f(args)`, runnable at once. */
  spawnKthread(p: number, f: LoadedFunc, args: I64[]): KTask {
    const kt = this.newTask('kthread', f.name, p);
    this.start(kt, f, args);
    return kt;
  }

  /** Puts the current task to sleep on `reason`; the builtin returns this. */
  block(kt: KTask, reason: WaitReason): typeof BLOCK {
    kt.wait = reason;
    return BLOCK;
  }

  wake(id: number, value: number): void {
    const kt = this.task(id);
    if (!kt) throw new Error(`internal: wake of unknown task ${id}`);
    if (kt.wait) kt.woken = kt.wait;
    kt.wait = undefined;
    if (kt.m.state === 'blocked') this.machine.wake(kt.m, value);
  }

  /** Writes an AST record for dlm_astd (and, for a completion, the request's lksb->sb_status). */
  deliverAst(a: AstRecord, rec: number): void {
    const c = a.cookie as DlmCookie;
    const ops = this.ops;
    if (a.kind === 'completion') {
      ops.st32(c.lksb + LKSB_STATUS, a.status);
      ops.st64(rec + ASTREC_AST, c.ast);
      ops.st64(rec + ASTREC_BAST, 0);
    } else {
      ops.st64(rec + ASTREC_AST, 0);
      ops.st64(rec + ASTREC_BAST, c.bast);
    }
    ops.st64(rec + ASTREC_ARG, c.astarg);
    ops.st32(rec + ASTREC_MODE, a.mode);
  }

  /** The C location the task is at: for a task inside a builtin call, the call. */
  locOf(T: Task): SourceLoc | undefined {
    const top = T.frames.length - 1;
    const fr = T.frames[top];
    const f = T.fns[top];
    return fr && f ? f.code.pcLoc[fr.pc] ?? f.code.sym.loc : undefined;
  }

  /** Where an allocation happened, for memory reports. */
  site(T: Task, what: string): string {
    const f = T.fns[T.fns.length - 1];
    const loc = this.locOf(T);
    return `${what} in ${f?.name ?? '?'}() at ${loc ? formatLoc(loc) : '?'} on node${this.index}`;
  }

  /** The C string whose pointer is stored at `addr`, or undefined. */
  strAt(addr: number): string | undefined {
    try {
      const p = this.ops.ld64u(addr);
      if (p == 0) return undefined;
      return Buffer.from(this.mem.readCString(p, 4096)).toString('latin1');
    } catch {
      return undefined;
    }
  }

  printk(kt: KTask, bytes: Uint8Array): void {
    const text = kt.partialLine + Buffer.from(bytes).toString('latin1');
    const lines = text.split('\n');
    kt.partialLine = lines.pop() ?? '';
    for (const l of lines) {
      const m = /^<(\d)>/.exec(l);
      this.logLine(kt, m ? Number(m[1]) : undefined, m ? l.slice(3) : l);
    }
  }

  logLine(kt: KTask, level: number | undefined, text: string): void {
    this.cluster.log.push({ step: this.cluster.step, node: this.index, task: kt.id, taskName: kt.name, level, text });
    this.cluster.onLog?.(this.cluster.log[this.cluster.log.length - 1] as (typeof this.cluster.log)[number]);
  }

  lockEvent(kt: KTask, op: LockOp, kind: LockKind, addr: number, cls: string, mode: 'read' | 'write', extra?: { name?: string; trylock?: boolean; recursive?: boolean }): void {
    const ev = this.cluster.events;
    ev.push({
      seq: ev.length,
      step: this.cluster.step,
      node: this.index,
      task: kt.id,
      taskName: kt.name,
      op,
      kind,
      addr,
      name: extra?.name ?? cls,
      cls,
      mode,
      ...(extra?.trylock ? { trylock: true } : {}),
      ...(extra?.recursive ? { recursive: true } : {}),
      loc: this.locOf(kt.m),
    });
  }

  snapshot(): NodeSnapshot {
    return {
      machine: this.machine.snapshot(),
      locks: this.locks.snapshot(),
      pt: this.pt.snapshot(),
      lockdep: new Map(this.lockdep),
      frames: new Map(this.frames),
      lockspaceAddr: new Map(this.lockspaceAddr),
      lockspaceHandle: new Map(this.lockspaceHandle),
      kmallocCount: this.kmallocCount,
      frameCount: this.frameCount,
      panicked: this.panicked,
      tasks: this.tasks.map((kt) => ({
        kt,
        name: kt.name,
        taskStruct: kt.taskStruct,
        wait: kt.wait && structuredClone(kt.wait),
        woken: kt.woken,
        call: kt.call && { ...kt.call, args: [...kt.call.args] },
        result: kt.result,
        dead: kt.dead,
        lockdepHeld: new Map(kt.lockdepHeld),
        partialLine: kt.partialLine,
      })),
    };
  }

  /** Back to a snapshot of this node; tasks created since are forgotten (the cluster drops them from its table). */
  restore(s: NodeSnapshot): void {
    this.machine.restore(s.machine);
    this.locks.restore(s.locks);
    this.pt.restore(s.pt);
    const reset = <K, V>(m: Map<K, V>, from: Map<K, V>) => {
      m.clear();
      for (const [k, v] of from) m.set(k, v);
    };
    reset(this.lockdep, s.lockdep);
    reset(this.frames, s.frames);
    reset(this.lockspaceAddr, s.lockspaceAddr);
    reset(this.lockspaceHandle, s.lockspaceHandle);
    this.kmallocCount = s.kmallocCount;
    this.frameCount = s.frameCount;
    this.panicked = s.panicked;
    for (const kt of this.tasks.slice(s.tasks.length)) {
      this.byMachineTask.delete(kt.m);
      this.cluster.taskById.delete(kt.id);
    }
    this.tasks.length = 0;
    for (const t of s.tasks) {
      const kt = t.kt;
      kt.name = t.name;
      kt.taskStruct = t.taskStruct;
      kt.wait = t.wait && structuredClone(t.wait);
      kt.woken = t.woken;
      kt.call = t.call && { ...t.call, args: [...t.call.args] };
      kt.result = t.result;
      kt.dead = t.dead;
      kt.lockdepHeld = new Map(t.lockdepHeld);
      kt.partialLine = t.partialLine;
      this.tasks.push(kt);
      this.byMachineTask.set(kt.m, kt);
      this.cluster.taskById.set(kt.id, kt);
    }
  }

  warn(kt: KTask, kind: KernelWarning['kind'], message: string): void {
    this.cluster.warnings.push({ step: this.cluster.step, node: this.index, task: kt.id, taskName: kt.name, kind, message, loc: this.locOf(kt.m) });
    this.logLine(kt, 4, message);
  }
}

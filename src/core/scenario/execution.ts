import { formatLoc } from '../diagnostics';
import { LIMITS, limitMessage } from '../limits';
import { findInversions, formatInversion } from '../check/lock-order';
import type { KernelTree } from '../kernel/build';
import type { LockEvent } from '../kernel/events';
import { formatSchedule, parseSchedule, scriptedScheduler } from '../kernel/schedule';
import { roundRobin } from '../kernel/scheduler';
import { TASK_STRUCT_MM } from '../kernel/layout';
import type { Cluster, ClusterSnapshot } from '../kernel/cluster';
import type { CallOutcome, KTask } from '../kernel/node';
import { SimCluster, UserTask, describeOutcome } from '../kernel/syscalls';
import type { I64 } from '../vm/int64';
import type { Program } from '../vm/machine';
import { errnoName, fileContent, type Expectation, type Preemption, type Scenario, type ScenarioTask, type Step, type Verdict } from './model';
import { expectationFor } from './parse';

export interface RunOptions {
  tree?: KernelTree & { files?: ReadonlyMap<string, string> };
  program?: Program;
  /** The policy the tree was patched with ('none' = unpatched), to pick the expectation. */
  policy?: string;
  /** Statement limit of the run (default: the scenario's explore.max_steps, else 50 million). */
  maxSteps?: number;
  /** A schedule string to follow from the first scenario step on (see kernel/schedule.ts); default round-robin. */
  schedule?: string;
  /** Where tasks may be preempted (default: the scenario's explore.preemption, else 'none'). */
  preemption?: Preemption;
  /** Lock events, kernel log lines and system calls the run may record (default LIMITS.traceEvents). */
  maxTrace?: number;
}

export interface ExecutionOptions extends Omit<RunOptions, 'schedule'> {
  /** Journal the run so that snapshot()/restore() work (the explorer's branching). */
  snapshots?: boolean;
  /** Sleep steps wait for their scheduling steps to pass; otherwise they are skipped. */
  honourSleep?: boolean;
}

export interface TraceEntry {
  task: string;
  /** Index in the task's steps. */
  step: number;
  /** The entry point and its arguments, e.g. "sys_read(3, 0x40000000, 10000)". */
  call: string;
  /** "= 10000", "= -EIO", "oops", "deadlock", ... */
  result: string;
  /** Scheduling steps of the cluster when the call started and when it ended. */
  startStep: number;
  endStep: number;
  at: string;
}

export interface OopsInfo {
  kind: string;
  message: string;
  file: string | undefined;
  line: number | undefined;
  address: string | undefined;
  task: string;
  node: number;
  backtrace: { func: string; file: string; line: number }[];
}

/** One sleeper of a deadlock: who, what it waits for, who holds that, and where in the C it sleeps. */
export interface DeadlockWait {
  task: string;
  node: number;
  waitsFor: string;
  /** Locks it holds (lockdep's view: builtin locks and cluster locks announced through the hooks). */
  holds: string[];
  mode: 'read' | 'write' | undefined;
  heldBy: string[];
  func: string | undefined;
  file: string | undefined;
  line: number | undefined;
}

export interface DeadlockInfo {
  message: string;
  /** The scenario tasks that sleep for good. */
  tasks: string[];
  /** Every sleeper (scenario tasks and kernel threads), then the DLM requests that wait, as text. */
  cycle: DeadlockWait[];
  dlm: string[];
}

export interface Finding {
  task: string;
  step: number;
  at: string;
  message: string;
}

export interface ScenarioResult {
  scenario: string;
  /** The schedule this run took from the scenario's first step: give it back as `schedule` to replay the run. */
  schedule: string;
  policy: string | undefined;
  verdict: Verdict;
  /** One line (or a report) saying why. */
  detail: string;
  oops: OopsInfo[];
  deadlock: DeadlockInfo | undefined;
  errors: Finding[];
  inconsistent: Finding[];
  /** Lock-order inversions, in lockdep's words. */
  lockOrder: string[];
  trace: TraceEntry[];
  /** The scenario's tasks in order, with their node: the lanes of a timeline. */
  tasks: { id: string; node: number; kernelId: number }[];
  /** Lock events from the scenario's first step on (setup's are left out), for timelines and checkers. */
  events: LockEvent[];
  steps: number;
  statements: number;
  expected: { verdict: Verdict; at: string | undefined; kind: string | undefined } | undefined;
  /** Whether the verdict (and oops location/kind) is the expected one; undefined when nothing is expected. */
  asExpected: boolean | undefined;
}


interface Buffer_ {
  addr: number;
  length: number;
  /** Set for a file mapping: which file and where, and whether stores reach the file. */
  file: { path: string; offset: number; shared: boolean } | undefined;
}

interface FdState {
  fd: number;
  path: string;
  pos: number;
}

interface Proc {
  fds: Map<string, FdState>;
  bufs: Map<string, Buffer_>;
}

interface Pending {
  index: number;
  step: Step;
  call: string;
  start: number;
  finish: (o: CallOutcome) => void;
}

interface Running {
  spec: ScenarioTask;
  ut: UserTask;
  proc: Proc;
  next: number;
  pending: Pending | undefined;
  sleepUntil: number | undefined;
  stopped: boolean;
}

/** Everything an execution changes, at one moment (see Execution.snapshot). Opaque to callers. */
export interface ExecutionSnapshot {
  cluster: ClusterSnapshot;
  running: { next: number; pending: Pending | undefined; sleepUntil: number | undefined; stopped: boolean }[];
  procs: { fds: [string, FdState, number][]; bufs: Map<string, Buffer_> }[];
  versions: [string, number][];
  lengths: { trace: number; errors: number; inconsistent: number; oopses: number; picks: number };
  deadlock: ScenarioResult['deadlock'];
  limit: string | undefined;
  over: boolean;
}

const hex = (n: number): string => '0x' + n.toString(16);

/**
 * A scenario being executed, one scheduling decision at a time. `prepare` builds the cluster and runs setup
 * sequentially as each node's init_task (disks, mounts, processes); from then on every task's steps run
 * concurrently, each step one entry-point call started as soon as the task's previous one returned, and the
 * caller decides which task runs each slice (`step`) or lets the cluster's scheduler decide (`runToEnd`).
 * With `snapshots`, `snapshot()`/`restore()` save and bring back the whole state, which is how the explorer
 * branches without replaying from the start.
 */
export class Execution {
  readonly cluster: Cluster;
  /** The scenario's tasks in declaration order. */
  private readonly order: Running[];
  private readonly procs: Proc[];
  private readonly versions = new Map<string, Uint8Array[]>();
  private readonly trace: TraceEntry[] = [];
  private readonly errors: Finding[] = [];
  private readonly inconsistent: Finding[] = [];
  private readonly oopses: OopsInfo[] = [];
  /** Task names picked so far, one per scheduling step: the schedule string. */
  readonly picks: string[] = [];
  private deadlock: ScenarioResult['deadlock'];
  private limit: string | undefined;
  private over = false;
  private readonly firstEvent: number;
  private readonly startStatements: number;
  private readonly names: Map<number, string>;
  private readonly maxTrace: number;

  private constructor(
    readonly scenario: Scenario,
    private readonly sim: SimCluster,
    private readonly opts: ExecutionOptions,
    readonly maxSteps: number,
  ) {
    const s = scenario;
    const c = (this.cluster = sim.cluster);
    for (const f of s.filesystems) {
      sim.mkfs(f.type, f.device);
      for (const file of f.files) {
        const data = fileContent(file);
        sim.mkfile(f.device, file.name, data, file.capacity);
        this.versions.set(file.path, [data]);
      }
    }
    for (const f of s.filesystems) for (const n of f.on) sim.mount(n, f.type, f.device, f.mount, f.options);

    const running = new Map<string, Running>();
    const leaderOf = (t: ScenarioTask): ScenarioTask => {
      let x = t;
      for (let guard = 0; x.threadOf !== undefined && guard < 100; guard++) x = s.tasks.find((y) => y.id === x.threadOf) ?? x;
      return x;
    };
    const fresh = (spec: ScenarioTask, ut: UserTask, proc: Proc): Running => ({ spec, ut, proc, next: 0, pending: undefined, sleepUntil: undefined, stopped: false });
    this.procs = [];
    for (const t of s.tasks) {
      if (t.threadOf !== undefined) continue;
      const proc: Proc = { fds: new Map(), bufs: new Map() };
      this.procs.push(proc);
      running.set(t.id, fresh(t, sim.createProcess(t.node, t.process ?? t.id), proc));
    }
    for (const t of s.tasks) {
      if (t.threadOf === undefined) continue;
      const lr = running.get(leaderOf(t).id);
      if (!lr) throw new Error(`internal: no leader for ${t.id}`);
      running.set(t.id, fresh(t, sim.createThread(lr.ut, t.id), lr.proc));
    }
    this.order = s.tasks.map((t) => running.get(t.id) as Running);
    this.names = new Map(this.order.map((r) => [r.ut.kt.id, r.spec.id]));

    // kmalloc failures count from here: the scenario author cannot know how many setup made
    const base = c.nodes.map((n) => n.kmallocCount);
    if (s.faults.kmalloc.length) c.faults.kmalloc = (node, nth) => s.faults.kmalloc.some((k) => k.node === node && (base[node] ?? 0) + k.nth === nth);
    this.firstEvent = c.events.length;
    this.startStatements = c.statements;
    this.maxTrace = opts.maxTrace ?? LIMITS.traceEvents.default;
    // one past the limits, so that choices() sees them exceeded and says which
    c.statementCap = this.startStatements + maxSteps + 1;
    c.traceCap = this.maxTrace;
  }

  static async prepare(s: Scenario, opts: ExecutionOptions): Promise<Execution> {
    const devIndex = (d: string): number => Number(d.slice('/dev/simd'.length));
    const disks: number[] = [];
    for (const f of s.filesystems) disks[devIndex(f.device)] = f.blocks;
    const maxSteps = opts.maxSteps ?? s.explore.maxSteps ?? LIMITS.scenarioSteps.default;
    const sim = await SimCluster.create({
      ...(opts.program ? { program: opts.program } : {}),
      ...(opts.tree ? { tree: opts.tree } : {}),
      nodes: s.nodes.length,
      disks: Array.from(disks, (b) => b ?? 16),
      maxSteps,
      preemption: opts.preemption ?? s.explore.preemption ?? 'none',
      snapshots: opts.snapshots === true,
    });
    return new Execution(s, sim, opts, maxSteps);
  }

  /** The scenario's name for a task (its id), or "name@node" for a kernel thread. */
  nameOf(id: number): string {
    const n = this.names.get(id);
    if (n !== undefined) return n;
    const kt = this.cluster.taskById.get(id);
    return kt ? `${kt.name}@${kt.node.index}` : `task${id}`;
  }

  private traceLength(): number {
    return this.cluster.events.length + this.cluster.log.length + this.trace.length;
  }

  /** Whether the run is over: every task done or stopped, a deadlock, or the statement limit. */
  get finished(): boolean {
    return this.over;
  }

  /** Finishes the calls that returned, starts each task's next step, and notes when the run is over. */
  private advance(): void {
    const c = this.cluster;
    for (const r of this.order) {
      if (r.pending && r.ut.kt.call === undefined) this.finish(r);
      if (r.sleepUntil !== undefined && c.step >= r.sleepUntil) r.sleepUntil = undefined;
      this.startNext(r);
    }
    if (!this.order.some((r) => r.pending || r.sleepUntil !== undefined)) this.over = true;
  }

  /**
   * The tasks that can run now (ASTs delivered first, as the cluster does before every decision). Empty only
   * when the run is over; a deadlock or idle sleepers are dealt with here.
   */
  choices(): KTask[] {
    const c = this.cluster;
    for (;;) {
      this.advance();
      if (this.over) return [];
      if (c.statements - this.startStatements > this.maxSteps) {
        this.limit = limitMessage('scenarioSteps', this.maxSteps, `stopped after ${c.statements - this.startStatements} statements (a livelock?)`);
        this.over = true;
        return [];
      }
      if (this.traceLength() >= this.maxTrace) {
        this.limit = limitMessage('traceEvents', this.maxTrace, `stopped after recording ${this.traceLength()} lock events, log lines and calls (a patched loop taking locks?)`);
        this.over = true;
        return [];
      }
      c.deliverAsts();
      const can = c.tasks().filter((t) => c.runnable(t));
      if (can.length) return can;
      const sleepers = this.order.filter((r) => r.sleepUntil !== undefined && !r.pending);
      if (sleepers.length) {
        // nothing can run but sleepers: their time has come
        for (const r of sleepers) r.sleepUntil = c.step;
        continue;
      }
      const stuck = c.tasks().filter((t) => t.state === 'blocked' && t.kind !== 'kthread' && t.node.panicked === undefined);
      if (stuck.length) {
        const d = c.deadlockReport();
        this.deadlock = {
          message: '',
          tasks: d.blocked.filter((b) => b.kind === 'user').map((b) => this.nameOf(b.task)),
          cycle: d.blocked
            .filter((b) => b.kind !== 'kthread' || b.wait.kind !== 'dlm-ast')
            .map((b) => ({
              task: this.nameOf(b.task),
              node: b.node,
              waitsFor: this.contendedLock(b.task) ?? b.waitsFor,
              holds: this.heldLocks(b.task),
              mode: b.wait.kind === 'rwsem' ? b.wait.mode : undefined,
              heldBy: b.holders.map((h) => `${this.nameOf(h.task)} (${h.mode})`),
              func: b.backtrace[0]?.func,
              file: b.backtrace[0]?.loc.file,
              line: b.backtrace[0]?.loc.line,
            })),
          dlm: d.message.split('\n').filter((l) => l.startsWith('DLM: ')),
        };
        this.deadlock.message = ['deadlock: no task can run', ...this.deadlock.cycle.map(describeWait), ...this.deadlock.dlm].join('\n');
        for (const r of this.order) if (r.pending) this.trace.push({ task: r.spec.id, step: r.pending.index, call: r.pending.call, result: 'blocked', startStep: r.pending.start, endStep: c.step, at: formatLoc(r.pending.step.loc) });
      }
      this.over = true;
      return [];
    }
  }

  /** The lock a sleeper announced it waits for (lock_contended without lock_acquired), e.g. a glock. */
  private contendedLock(task: number): string | undefined {
    const ev = this.cluster.events;
    for (let i = ev.length - 1; i >= this.firstEvent; i--) {
      const e = ev[i] as LockEvent;
      if (e.task !== task) continue;
      if (e.op === 'acquired' || e.op === 'acquire') return undefined;
      if (e.op === 'contended') return `${e.name} (${e.mode === 'read' ? 'shared' : 'exclusive'})`;
    }
    return undefined;
  }

  /** What a task holds, replayed from the lock events. */
  private heldLocks(task: number): string[] {
    const held = new Map<string, { name: string; mode: string; n: number }>();
    for (const e of this.cluster.events) {
      if (e.task !== task) continue;
      const k = `${e.node}:${e.addr}`;
      const h = held.get(k);
      if (e.op === 'acquire') held.set(k, { name: e.name, mode: e.mode === 'read' ? 'shared' : 'exclusive', n: (h?.n ?? 0) + 1 });
      else if (e.op === 'release' && h) {
        if (--h.n <= 0) held.delete(k);
      }
    }
    return [...held.values()].map((h) => `${h.name} (${h.mode})`);
  }

  /** Runs one slice of `kt` (one of `choices()`). */
  step(kt: KTask): void {
    this.picks.push(this.nameOf(kt.id));
    this.cluster.runPick(kt);
  }

  /** Runs to the end, the cluster's scheduler choosing. */
  runToEnd(): ScenarioResult {
    for (;;) {
      const can = this.choices();
      if (!can.length) return this.result();
      const pick = this.cluster.scheduler(can.map((t) => ({ id: t.id, state: 'runnable' as const, t })), this.cluster.lastPick);
      if (!pick) throw new Error('internal: the scheduler picked no task among runnable ones');
      this.step(pick.t);
    }
  }

  snapshot(): ExecutionSnapshot {
    return {
      cluster: this.cluster.snapshot(),
      running: this.order.map((r) => ({ next: r.next, pending: r.pending, sleepUntil: r.sleepUntil, stopped: r.stopped })),
      procs: this.procs.map((p) => ({ fds: [...p.fds].map(([k, f]) => [k, f, f.pos]), bufs: new Map(p.bufs) })),
      versions: [...this.versions].map(([k, v]) => [k, v.length]),
      lengths: { trace: this.trace.length, errors: this.errors.length, inconsistent: this.inconsistent.length, oopses: this.oopses.length, picks: this.picks.length },
      deadlock: this.deadlock,
      limit: this.limit,
      over: this.over,
    };
  }

  restore(s: ExecutionSnapshot): void {
    this.cluster.restore(s.cluster);
    this.order.forEach((r, i) => Object.assign(r, s.running[i]));
    this.procs.forEach((p, i) => {
      const ps = s.procs[i];
      if (!ps) return;
      p.fds.clear();
      // the same objects: a pending step's closure holds on to its fd
      for (const [k, f, pos] of ps.fds) {
        f.pos = pos;
        p.fds.set(k, f);
      }
      p.bufs.clear();
      for (const [k, b] of ps.bufs) p.bufs.set(k, b);
    });
    for (const [k, n] of s.versions) (this.versions.get(k) as Uint8Array[]).length = n;
    this.trace.length = s.lengths.trace;
    this.errors.length = s.lengths.errors;
    this.inconsistent.length = s.lengths.inconsistent;
    this.oopses.length = s.lengths.oopses;
    this.picks.length = s.lengths.picks;
    this.deadlock = s.deadlock;
    this.limit = s.limit;
    this.over = s.over;
  }

  private peek(kt: KTask, addr: number, len: number): Uint8Array | undefined {
    const node = kt.node;
    const mm = Number(node.mem.dv.getBigUint64(kt.taskStruct + TASK_STRUCT_MM, true));
    const out = new Uint8Array(len);
    for (let i = 0; i < len; ) {
      const a = addr + i;
      const e = node.pt.get(mm, a);
      if (!e) return undefined;
      const n = Math.min(len - i, 4096 - (a % 4096));
      out.set(node.mem.u8.subarray(e.kaddr + (a % 4096), e.kaddr + (a % 4096) + n), i);
      i += n;
    }
    return out;
  }

  private storeToFile(b: Buffer_, off: number, bytes: Uint8Array): void {
    if (!b.file?.shared) return;
    const vs = this.versions.get(b.file.path);
    const cur = vs?.[vs.length - 1];
    if (!vs || !cur) return;
    const at = b.file.offset + off;
    const next = cur.slice();
    next.set(bytes.subarray(0, Math.max(0, Math.min(bytes.length, next.length - at))), at);
    vs.push(next);
  }

  /** Starts the task's next step (or sleeps) unless it is busy, stopped or done. */
  private startNext(r: Running): void {
    while (!r.stopped && !r.pending && r.sleepUntil === undefined && r.next < r.spec.steps.length) {
      const index = r.next++;
      const step = r.spec.steps[index] as Step;
      try {
        this.begin(r, index, step);
      } catch (e) {
        if (!(e instanceof StepError)) throw e;
        if (e.missing !== undefined && this.siblingWillDefine(r, e.missing)) {
          // a thread using what another thread of its process has yet to open or map waits for it, as a
          // program handing a pointer over would
          r.next = index;
          return;
        }
        this.errors.push({ task: r.spec.id, step: index, at: formatLoc(step.loc), message: e.message });
        r.stopped = true;
      }
    }
  }

  /** Whether another thread of `r`'s process has a step still to come (or running) that creates `name`. */
  private siblingWillDefine(r: Running, name: string): boolean {
    return this.order.some(
      (o) => o !== r && o.proc === r.proc && !o.stopped && o.spec.steps.slice(o.pending ? o.pending.index : o.next).some((st) => 'as' in st && st.as === name),
    );
  }

  private begin(r: Running, index: number, step: Step): void {
    const c = this.cluster;
    const kt = r.ut.kt;
    const mem = kt.node.mem;
    const buffer = (name: string): Buffer_ => {
      const b = r.proc.bufs.get(name);
      if (!b) throw new StepError(`buffer '${name}' is not mapped: its alloc or mmap step failed or never ran`, name);
      return b;
    };
    const fdOf = (name: string): FdState => {
      const f = r.proc.fds.get(name);
      if (!f) throw new StepError(`fd '${name}' is not open: its open step failed or never ran`, name);
      return f;
    };
    const go = (fn: string, args: I64[], finish: (o: CallOutcome) => void): void => {
      const call = `${fn}(${args.map((a) => (typeof a === 'number' && a >= 0x1000 ? hex(a) : String(a))).join(', ')})`;
      r.pending = { index, step, call, start: c.step, finish };
      r.ut.begin(fn, args);
    };
    /** A -errno return: allowed by expect_errno, else an error finding; returns the value or undefined. */
    const value = (o: CallOutcome): number | undefined => {
      if (o.status !== 'done') return undefined;
      const v = Number(o.value);
      if (v < 0 && v > -4096) {
        if (!step.expectErrno.includes(-v)) this.errors.push({ task: r.spec.id, step: index, at: formatLoc(step.loc), message: `${step.kind} returned -${errnoName(-v)}` });
        // a program bails out on a failed call, allowed or not: its later steps would use what it did not get
        r.stopped = true;
        return undefined;
      }
      return v;
    };
    const killed = (what: string, sig: number): void => {
      this.errors.push({ task: r.spec.id, step: index, at: formatLoc(step.loc), message: `${what} killed the task with signal ${sig === 7 ? 'SIGBUS' : sig === 11 ? 'SIGSEGV' : sig}` });
    };
    switch (step.kind) {
      case 'sleep':
        if (this.opts.honourSleep) r.sleepUntil = c.step + step.steps;
        return;
      case 'open':
        return go('sim_open', [this.sim.kstring(kt.node.index, step.path), step.flags, 0], (o) => {
          const v = value(o);
          if (v !== undefined) r.proc.fds.set(step.as, { fd: v, path: step.path, pos: 0 });
        });
      case 'close': {
        const f = fdOf(step.fd);
        return go('sys_close', [f.fd], (o) => {
          if (value(o) !== undefined) r.proc.fds.delete(step.fd);
        });
      }
      case 'alloc':
        return go('sim_user_alloc', [step.length], (o) => {
          const v = value(o);
          if (v !== undefined) r.proc.bufs.set(step.as, { addr: v, length: step.length, file: undefined });
        });
      case 'mmap': {
        const f = fdOf(step.fd);
        return go('sys_mmap', [0, step.length, step.prot, step.shared ? 1 : 2, f.fd, step.offset], (o) => {
          const v = value(o);
          const writable = (step.prot & 2) !== 0;
          if (v !== undefined) r.proc.bufs.set(step.as, { addr: v, length: step.length, file: { path: f.path, offset: step.offset, shared: step.shared && writable } });
        });
      }
      case 'munmap': {
        const b = buffer(step.buffer);
        return go('sys_munmap', [b.addr + step.offset, step.length ?? b.length - step.offset], (o) => {
          if (value(o) !== undefined && step.offset === 0 && step.length === undefined) r.proc.bufs.delete(step.buffer);
        });
      }
      case 'read':
      case 'write': {
        const f = fdOf(step.fd);
        const b = buffer(step.buffer);
        const count = step.count ?? b.length - step.offset;
        const addr = b.addr + step.offset;
        return go(step.kind === 'read' ? 'sys_read' : 'sys_write', [f.fd, addr, count], (o) => {
          const n = value(o);
          if (n === undefined || n <= 0) return;
          const pos = f.pos;
          f.pos += n;
          const got = this.peek(kt, addr, n);
          const vs = this.versions.get(f.path);
          if (!got) {
            // The read's own glock release can unmap a shared destination before the call returns (the demote
            // drops its pages), so its bytes cannot be read back here. Whatever it copied was some whole version
            // of the source, if the read was consistent: record each as a possible content of the destination's
            // file, rather than none, which would make a later read of that file look torn.
            if (step.kind === 'read' && vs && b.file?.shared) {
              const seen = new Set<string>();
              for (const v of vs) {
                const slice = v.subarray(pos, pos + n);
                const key = Buffer.from(slice).toString('latin1');
                if (!seen.has(key)) {
                  seen.add(key);
                  this.storeToFile(b, step.offset, slice);
                }
              }
            }
            return;
          }
          if (step.kind === 'write') {
            if (vs?.length) {
              const next = (vs[vs.length - 1] as Uint8Array).slice();
              next.set(got.subarray(0, Math.max(0, Math.min(n, next.length - pos))), pos);
              vs.push(next);
            }
            return;
          }
          if (vs) {
            const ok = vs.some((v) => Buffer.from(v.subarray(pos, pos + n)).equals(Buffer.from(got)));
            if (!ok) this.inconsistent.push({ task: r.spec.id, step: index, at: formatLoc(step.loc), message: describeMismatch(f.path, pos, got, vs) });
          }
          this.storeToFile(b, step.offset, got);
        });
      }
      case 'touch': {
        const b = buffer(step.buffer);
        const addr = b.addr + step.offset;
        const done = mem.malloc(8, 'touch done', true);
        const kbuf = mem.malloc(step.length, 'touch buffer');
        const fill = step.value.charCodeAt(0) & 0xff;
        const fn = step.write ? 'sim_user_fill' : 'sim_user_read';
        return go(fn, step.write ? [addr, fill, step.length, done] : [kbuf, addr, step.length, done], (o) => {
          mem.free(done);
          mem.free(kbuf);
          if (o.status !== 'done') return;
          const sig = Number(o.value);
          if (sig !== 0) killed('touch', sig);
          else if (step.write) this.storeToFile(b, step.offset, new Uint8Array(step.length).fill(fill));
        });
      }
      case 'memcpy': {
        const to = buffer(step.to);
        const from = buffer(step.from);
        const done = mem.malloc(8, 'memcpy done', true);
        return go('sim_user_copy', [to.addr + step.toOffset, from.addr + step.fromOffset, step.count, done], (o) => {
          mem.free(done);
          if (o.status !== 'done') return;
          const sig = Number(o.value);
          if (sig !== 0) killed('memcpy', sig);
          else {
            const got = this.peek(kt, to.addr + step.toOffset, step.count);
            if (got) this.storeToFile(to, step.toOffset, got);
          }
        });
      }
      case 'exit':
        return go('sim_task_exit', [], () => undefined);
    }
  }

  /** Records how the task's call ended and hands its value to the step. */
  private finish(r: Running): void {
    const p = r.pending;
    if (!p) return;
    const o = r.ut.result ?? { status: 'done', value: 0 };
    r.pending = undefined;
    let result: string;
    if (o.status === 'done') {
      const v = Number(o.value);
      result = v < 0 && v > -4096 ? `= -${errnoName(-v)}` : `= ${p.step.kind === 'mmap' || p.step.kind === 'alloc' ? hex(v) : v}`;
    } else result = o.status;
    this.trace.push({ task: r.spec.id, step: p.index, call: p.call, result, startStep: p.start, endStep: this.cluster.step, at: formatLoc(p.step.loc) });
    if (o.status === 'oops') {
      const x = o.oops;
      this.oopses.push({
        kind: x.kind,
        message: x.message,
        file: x.loc?.file,
        line: x.loc?.line,
        address: x.address === undefined ? undefined : hex(Number(x.address)),
        task: r.spec.id,
        node: x.node,
        backtrace: x.backtrace.map((b) => ({ func: b.func, file: b.loc.file, line: b.loc.line })),
      });
      r.stopped = true;
      return;
    }
    if (o.status !== 'done') {
      if (o.status !== 'deadlock') this.errors.push({ task: r.spec.id, step: p.index, at: formatLoc(p.step.loc), message: describeOutcome(o) });
      r.stopped = true;
      return;
    }
    p.finish(o);
  }

  /** The verdict and everything behind it; call when `finished`. */
  result(): ScenarioResult {
    const s = this.scenario;
    const c = this.cluster;
    const events = c.events.slice(this.firstEvent);
    const inversions = findInversions(events).map(formatInversion);
    const errors = [...this.errors];
    let verdict: Verdict;
    let detail: string;
    const firstOops = this.oopses[0];
    if (firstOops) {
      verdict = 'oops';
      detail = `oops (${firstOops.kind}) in ${firstOops.task}${firstOops.file ? ` at ${firstOops.file}:${firstOops.line ?? '?'}` : ''}: ${firstOops.message}`;
    } else if (this.deadlock) {
      verdict = 'deadlock';
      detail = this.deadlock.message;
    } else if (this.limit || errors.length) {
      verdict = 'error';
      detail = this.limit ?? errors.map((e) => `${e.at}: ${e.task}: ${e.message}`).join('\n');
    } else if (this.inconsistent.length) {
      verdict = 'inconsistent';
      detail = this.inconsistent.map((e) => `${e.at}: ${e.task}: ${e.message}`).join('\n');
    } else if (inversions.length) {
      verdict = 'lock-order';
      detail = inversions.join('\n\n');
    } else {
      verdict = 'ok';
      detail = `every step of ${this.order.length} task${this.order.length === 1 ? '' : 's'} returned as allowed and every read saw consistent data`;
    }
    if (this.limit && errors.length === 0) errors.push({ task: '', step: -1, at: s.file, message: this.limit });
    const exp = expectationFor(s, this.opts.policy);
    return {
      scenario: s.name,
      policy: this.opts.policy,
      verdict,
      detail,
      oops: [...this.oopses],
      deadlock: this.deadlock,
      errors,
      inconsistent: [...this.inconsistent],
      lockOrder: inversions,
      trace: [...this.trace],
      tasks: this.order.map((r) => ({ id: r.spec.id, node: r.ut.kt.node.index, kernelId: r.ut.kt.id })),
      events,
      schedule: formatSchedule(this.picks),
      steps: c.step,
      statements: c.statements,
      expected: exp && { verdict: exp.verdict, at: exp.at, kind: exp.kind },
      asExpected: exp && meets(exp, verdict, firstOops),
    };
  }
}

/**
 * One deterministic execution of a scenario: the default (round-robin) schedule, or `schedule` and then
 * round-robin. Sleep steps shape only the default schedule; a given schedule dictates the order itself.
 */
export async function runScenario(s: Scenario, opts: RunOptions): Promise<ScenarioResult> {
  const x = await Execution.prepare(s, { ...opts, honourSleep: opts.schedule === undefined });
  x.cluster.scheduler = scriptedScheduler(opts.schedule ? parseSchedule(opts.schedule) : [], (id) => x.nameOf(id), roundRobin);
  return x.runToEnd();
}

function meets(e: Expectation, verdict: Verdict, oops: OopsInfo | undefined): boolean {
  if (e.verdict !== verdict) return false;
  if (e.verdict !== 'oops' || !oops) return true;
  if (e.at !== undefined && e.at !== `${oops.file ?? ''}:${oops.line ?? ''}`) return false;
  return e.kind === undefined || e.kind === oops.kind;
}

function describeWait(w: DeadlockWait): string {
  const holds = w.holds.length ? ` holds ${w.holds.join(', ')} and` : '';
  const by = w.heldBy.length ? ` (held by ${w.heldBy.join(', ')})` : '';
  const at = w.func ? ` in ${w.func}() at ${w.file}:${w.line}` : '';
  return `node${w.node}/${w.task}${holds} waits for ${w.waitsFor}${by}${at}`;
}

function describeMismatch(path: string, pos: number, got: Uint8Array, vs: Uint8Array[]): string {
  // which version each page of the buffer came from shows how the read was torn
  const parts: string[] = [];
  for (let off = 0; off < got.length; off += 4096) {
    const end = Math.min(got.length, off + 4096);
    const g = Buffer.from(got.subarray(off, end));
    const which = vs.findIndex((v) => Buffer.from(v.subarray(pos + off, pos + end)).equals(g));
    parts.push(which < 0 ? 'neither' : `v${which}`);
  }
  return `read of ${path} at ${pos} (${got.length} bytes) saw neither all-old nor all-new data: by page, ${parts.join(' ')} (v0 = initial, ${vs.length} versions known)`;
}

class StepError extends Error {
  /** The fd or buffer name the step needs and did not find. */
  constructor(
    message: string,
    readonly missing?: string,
  ) {
    super(message);
  }
}

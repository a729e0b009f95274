import { UserError } from '../diagnostics';
import type { I64 } from '../vm/int64';
import type { MachineLimits, Program } from '../vm/machine';
import { DEFAULT_LIMITS } from '../vm/machine';
import { Dlm, describeMode } from './dlm';
import { NO_SWITCH_BUILTINS } from './builtin-names';
import { Disks } from './disks';
import { checkLayout } from './layout';
import type { KernelWarning, LockEvent, LogLine } from './events';
import type { WaitReason } from './locks';
import { KNode, KTask, type NodeSnapshot, type BlockedTask, type CallOutcome, type DeadlockReport, type Oops } from './node';
import { roundRobin, type Scheduler } from './scheduler';

export interface ClusterOptions {
  /** Number of nodes (kernel instances), at least 1. */
  nodes: number;
  /** Per node: memory, heap, stack per task, call depth. */
  limits?: Partial<MachineLimits>;
  /** Statements a task may run before the scheduler preempts it (a C loop without builtin calls). */
  sliceBudget?: number;
  /** Statements the whole cluster may run in one `run`; beyond it the run stops with 'limit'. */
  maxSteps?: number;
  scheduler?: Scheduler;
  /**
   * 'full': a task may be preempted at every scheduling point outside spinlock sections. 'none' (default): a
   * non-preemptible kernel (CONFIG_PREEMPT=n, as 2005 kernels were built): a task keeps the CPU until it sleeps
   * or its call returns.
   */
  preemption?: 'none' | 'full';
  /**
   * Journal every store so that `snapshot()`/`restore()` work (a few ns per store). Must be chosen before the
   * first run: a machine's memory cannot be journaled after the fact.
   */
  snapshots?: boolean;
}

/** The whole cluster at one moment (see Cluster.snapshot). Opaque to callers. */
export interface ClusterSnapshot {
  nodes: NodeSnapshot[];
  disks: ReturnType<Disks['snapshot']>;
  dlm: unknown;
  log: number;
  events: number;
  warnings: number;
  oopses: number;
  nextTaskId: number;
  step: number;
  statements: number;
  last: number | undefined;
}

/** Fault injection: return true to make the nth (1-based, per node) allocation of that node fail. */
export interface FaultInjection {
  kmalloc?: (node: number, nth: number) => boolean;
  frame?: (node: number, nth: number) => boolean;
}

/** Memory per node: the model's 1024 page frames (8 KiB each with alignment slack) plus its heap and stacks. */
export const KERNEL_LIMITS: MachineLimits = {
  ...DEFAULT_LIMITS,
  memoryBytes: 48 << 20,
  heapBytes: 40 << 20,
  stackBytes: 128 << 10,
  maxDepth: 2000,
  // the model's sizes, not options: hitting them means the patched kernel recurses or allocates without end
  raise: {
    memory: "a node's memory is fixed by the model (KERNEL_LIMITS); a patched loop allocating without end?",
    stack: 'kernel stacks are fixed by the model (128 KiB); a large local array or a deep recursion in the patch?',
    depth: 'the kernel call depth is fixed by the model (2000 frames); a recursion in the patch?',
  },
};

export type RunResult =
  | { status: 'done' }
  /** No task can run, none is waiting for ever: every call finished (daemons may sleep). */
  | { status: 'idle' }
  | { status: 'deadlock'; deadlock: DeadlockReport }
  | { status: 'limit'; steps: number };

/**
 * N nodes running one Program, with shared disks and one DLM, and a deterministic scheduler over all their
 * tasks. A task runs until it exits, blocks or reaches a scheduling point (a non-inline builtin); then the
 * scheduler picks who runs next.
 */
export class Cluster {
  readonly nodes: KNode[] = [];
  readonly disks = new Disks();
  readonly dlm = new Dlm();
  readonly log: LogLine[] = [];
  readonly events: LockEvent[] = [];
  readonly warnings: KernelWarning[] = [];
  readonly oopses: Oops[] = [];
  readonly faults: FaultInjection = {};
  readonly taskById = new Map<number, KTask>();
  onLog: ((l: LogLine) => void) | undefined = undefined;
  nextTaskId = 1;
  /** Scheduling steps so far: one per slice a task ran. */
  step = 0;
  /** Statements run by all tasks. */
  statements = 0;
  private last: number | undefined = undefined;
  readonly sliceBudget: number;
  readonly maxSteps: number;
  readonly preemption: 'none' | 'full';
  scheduler: Scheduler;
  /**
   * A slice stops early, wherever the task stands, once the cluster has run this many statements or recorded
   * this many lock events and log lines: in a kernel without preemption a patched loop of lock/unlock calls
   * would otherwise never end its slice, and grow the event log until memory runs out. The runner that set
   * them sees the limit after the slice and ends the run.
   */
  statementCap = Infinity;
  traceCap = Infinity;
  /** Told of every scheduling-point builtin a slice runs, just before it runs (the explorer's footprints). */
  syncObserver: ((kt: KTask, builtin: string, args: readonly I64[]) => void) | undefined = undefined;

  constructor(
    readonly program: Program,
    opts: ClusterOptions,
  ) {
    if (!Number.isInteger(opts.nodes) || opts.nodes < 1) throw new Error(`a cluster needs at least one node, not ${opts.nodes}`);
    const moved = checkLayout(program);
    if (moved.length) throw new UserError(undefined, `the kernel's structs no longer match the simulator's builtins:\n  ${moved.join('\n  ')}`);
    const limits = { ...KERNEL_LIMITS, ...opts.limits };
    this.sliceBudget = opts.sliceBudget ?? 1_000_000;
    this.maxSteps = opts.maxSteps ?? 200_000_000;
    this.scheduler = opts.scheduler ?? roundRobin;
    this.preemption = opts.preemption ?? 'none';
    for (let i = 0; i < opts.nodes; i++) {
      const n = new KNode(this, i, program, limits);
      n.mem.journaling = opts.snapshots === true;
      this.nodes.push(n);
    }
  }

  /**
   * Everything the runs change: each node's memory (a journal position), task frames and builtin state, the
   * disks, the DLM and the logs (by length: they only grow). Needs `snapshots: true` at construction.
   */
  snapshot(): ClusterSnapshot {
    return {
      nodes: this.nodes.map((n) => n.snapshot()),
      disks: this.disks.snapshot(),
      dlm: this.dlm.snapshot(),
      log: this.log.length,
      events: this.events.length,
      warnings: this.warnings.length,
      oopses: this.oopses.length,
      nextTaskId: this.nextTaskId,
      step: this.step,
      statements: this.statements,
      last: this.last,
    };
  }

  restore(s: ClusterSnapshot): void {
    this.nodes.forEach((n, i) => n.restore(s.nodes[i] as NodeSnapshot));
    this.disks.restore(s.disks);
    this.dlm.restore(s.dlm);
    this.log.length = s.log;
    this.events.length = s.events;
    this.warnings.length = s.warnings;
    this.oopses.length = s.oopses;
    this.nextTaskId = s.nextTaskId;
    this.step = s.step;
    this.statements = s.statements;
    this.last = s.last;
    // the task table lists tasks in creation order: rebuild it so
    const all = [...this.taskById.values()].sort((a, b) => a.id - b.id);
    this.taskById.clear();
    for (const t of all) this.taskById.set(t.id, t);
  }

  node(i: number): KNode {
    const n = this.nodes[i];
    if (!n) throw new Error(`no node ${i} (the cluster has ${this.nodes.length})`);
    return n;
  }

  /** Every task of every node, in the scheduler's fixed order (creation order). */
  tasks(): KTask[] {
    return [...this.taskById.values()];
  }

  /** Wakes each node's dlm_astd that sleeps in __dlm_next_ast while the DLM holds an AST for its node. */
  deliverAsts(): void {
    for (const node of this.nodes) {
      if (!this.dlm.hasAst(node.index)) continue;
      const astd = node.tasks.find((t) => t.wait?.kind === 'dlm-ast');
      if (!astd || astd.wait?.kind !== 'dlm-ast') continue;
      const a = this.dlm.nextAst(node.index);
      if (!a) continue;
      node.deliverAst(a, astd.wait.rec);
      node.wake(astd.id, 0);
    }
  }

  /** The task the scheduler picked last (round-robin continues after it). */
  get lastPick(): number | undefined {
    return this.last;
  }

  runnable(t: KTask): boolean {
    return t.state === 'runnable' && t.node.panicked === undefined;
  }

  /** One scheduling decision and the slice it leads to; false when nothing could run. */
  stepOnce(): boolean {
    this.deliverAsts();
    const candidates = this.tasks().map((t) => ({ id: t.id, state: this.runnable(t) ? ('runnable' as const) : t.state === 'runnable' ? ('blocked' as const) : t.state, t }));
    const pick = this.scheduler(candidates, this.last);
    if (!pick) return false;
    this.runPick(pick.t);
    return true;
  }

  /** Runs one slice of `kt` as the scheduling step's pick. */
  runPick(kt: KTask): void {
    this.runSlice(kt);
    this.last = kt.id;
  }

  /** Whether a statement or trace cap is reached (see statementCap). */
  capped(): boolean {
    return this.statements >= this.statementCap || this.events.length + this.log.length >= this.traceCap;
  }

  /** Runs a task until it exits, blocks, faults or stops before a scheduling point that may switch. */
  runSlice(kt: KTask): void {
    const T = kt.m;
    const machine = kt.node.machine;
    kt.woken = undefined;
    const seen = this.syncObserver;
    if (seen && T.pendingSync) seen(kt, T.pendingSync.f.name, T.pendingSync.args);
    for (;;) {
      const before = T.steps;
      this.step++;
      const r = machine.run(T, this.sliceBudget);
      this.statements += T.steps - before;
      if (r === 'sync' && this.capped()) return;
      if (r === 'sync') {
        const sync = T.pendingSync;
        const name = sync?.f.name ?? '';
        // spin_lock disables preemption: a task holding a spinlock keeps the CPU until it drops the last one
        if (this.preemption === 'none' || NO_SWITCH_BUILTINS.has(name) || kt.node.locks.spinsHeld(kt.id).length > 0) {
          if (seen && sync) seen(kt, name, sync.args);
          continue;
        }
        return;
      }
      if (r === 'paused' || r === 'blocked') return;
      if (r === 'exited') {
        kt.result = { status: 'done', value: T.exitCode };
        kt.call = undefined;
        if (kt.partialLine) kt.node.printk(kt, new TextEncoder().encode('\n'));
        return;
      }
      // faulted: the task dies where it stands, holding its locks (as after do_exit() from an oops)
      const f = T.fault;
      const oops: Oops = {
        kind: f?.kind ?? 'abort',
        message: f?.message ?? 'fault',
        address: f?.address,
        loc: f?.loc,
        backtrace: f?.backtrace ?? [],
        node: kt.node.index,
        task: kt.id,
        taskName: kt.name,
        step: this.step,
      };
      kt.dead = oops;
      kt.call = undefined;
      kt.result = kt.node.panicked !== undefined ? { status: 'panic', message: kt.node.panicked } : { status: 'oops', oops };
      this.oopses.push(oops);
      if (oops.kind !== 'bug' && kt.node.panicked === undefined) {
        kt.node.logLine(kt, 1, `Oops: ${oops.message}`);
      }
      if (kt.node.panicked === undefined) {
        for (const b of oops.backtrace) kt.node.logLine(kt, 4, ` [<${b.func}>] ${b.loc.file}:${b.loc.line}`);
      }
      return;
    }
  }

  /**
   * Runs the scheduler until `done()` holds, nothing can run, or the statement limit is reached. Sleeping
   * kernel threads with nothing to do are not a deadlock; a scenario or setup task asleep for good is.
   */
  runUntil(done: () => boolean): RunResult {
    const start = this.statements;
    for (;;) {
      if (done()) return { status: 'done' };
      if (this.statements - start > this.maxSteps) return { status: 'limit', steps: this.statements - start };
      if (!this.stepOnce()) {
        this.deliverAsts();
        if (this.tasks().some((t) => this.runnable(t))) continue;
        if (done()) return { status: 'done' };
        const stuck = this.tasks().filter((t) => t.state === 'blocked' && t.kind !== 'kthread' && t.node.panicked === undefined);
        if (stuck.length === 0) return { status: 'idle' };
        return { status: 'deadlock', deadlock: this.deadlockReport() };
      }
    }
  }

  /** Runs until every call has finished (or a deadlock, or the limit). */
  run(): RunResult {
    return this.runUntil(() => false);
  }

  /** Runs one C entry point as `kt` (other tasks run meanwhile) and returns how it ended. */
  call(kt: KTask, fn: string, args: I64[]): CallOutcome {
    kt.node.start(kt, fn, args);
    const r = this.runUntil(() => kt.call === undefined);
    if (r.status === 'done') return kt.result ?? { status: 'done', value: 0 };
    if (r.status === 'deadlock') return { status: 'deadlock', deadlock: r.deadlock };
    if (r.status === 'limit') return { status: 'limit', steps: r.steps };
    if (kt.node.panicked !== undefined) return { status: 'panic', message: kt.node.panicked };
    throw new Error(`internal: ${fn}() on ${kt.label} neither finished nor blocked`);
  }

  describeWait(kt: KTask, w: WaitReason): { waitsFor: string; holders: BlockedTask['holders'] } {
    const node = kt.node;
    const holders = (addr: number) =>
      node.locks.holdersOf(addr).map((h) => ({ task: h.task, taskName: this.taskById.get(h.task)?.name ?? '?', mode: h.mode }));
    switch (w.kind) {
      case 'spinlock':
      case 'semaphore':
      case 'rwsem': {
        const l = node.locks.s.locks.get(w.addr);
        const mode = w.kind === 'rwsem' ? ` (${w.mode})` : '';
        return { waitsFor: `${w.kind} ${l?.cls ?? '0x' + w.addr.toString(16)}${mode}`, holders: holders(w.addr) };
      }
      case 'waitqueue': {
        const names = w.queues.map((q) => node.locks.s.queues.get(q)?.name ?? '0x' + q.toString(16));
        return { waitsFor: names.length ? `wait queue ${names.join(', ')}` : 'schedule() on no wait queue', holders: [] };
      }
      case 'dlm-ast':
        return { waitsFor: `an AST for node${node.index}`, holders: [] };
    }
  }

  deadlockReport(): DeadlockReport {
    const blocked: BlockedTask[] = [];
    for (const t of this.tasks()) {
      if (t.state !== 'blocked' || !t.wait) continue;
      const d = this.describeWait(t, t.wait);
      blocked.push({ task: t.id, taskName: t.name, node: t.node.index, kind: t.kind, wait: t.wait, waitsFor: d.waitsFor, holders: d.holders, backtrace: t.node.machine.backtrace(t.m) });
    }
    const lines = blocked
      .filter((b) => b.kind !== 'kthread' || b.wait.kind !== 'dlm-ast')
      .map((b) => {
        const held = b.holders.length ? `, held by ${b.holders.map((h) => `T${h.task} ${h.taskName} (${h.mode})`).join(', ')}` : '';
        const at = b.backtrace[0] ? ` in ${b.backtrace[0].func}() at ${b.backtrace[0].loc.file}:${b.backtrace[0].loc.line}` : '';
        return `node${b.node}/T${b.task} ${b.taskName} waits for ${b.waitsFor}${held}${at}`;
      });
    const dlmWaits: DeadlockReport['dlmWaits'] = this.dlm
      .locks()
      .filter((l) => l.queue !== 'granted')
      .map((l) => ({
        lkid: l.lkid,
        node: l.node,
        resource: l.resource,
        lockspace: l.lockspace,
        mode: l.requestedMode,
        blockedBy: this.dlm.waitsFor(l.lkid).map((id) => {
          const b = this.dlm.lockInfo(id);
          return { lkid: id, node: b?.node ?? -1, mode: b?.grantedMode ?? b?.requestedMode };
        }),
      }));
    for (const w of dlmWaits) {
      const by = w.blockedBy.map((b) => `lock ${b.lkid} of node${b.node} (${describeMode(b.mode ?? -1)})`).join(', ');
      lines.push(`DLM: node${w.node} wants "${w.resource}" ${describeMode(w.mode ?? -1)} (lock ${w.lkid})${by ? `, behind ${by}` : ''}`);
    }
    return { step: this.step, blocked, dlmWaits, message: `deadlock: no task can run\n${lines.join('\n')}` };
  }
}

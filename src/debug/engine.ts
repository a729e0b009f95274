import type { Cluster } from '../core/kernel/cluster';
import type { KTask } from '../core/kernel/node';
import type { Execution, ExecutionSnapshot } from '../core/scenario/execution';
import type { Machine, RunResult, Task } from '../core/vm/machine';
import type { Cursor } from './chooser';
import { History, OpFlag, OpKind, type OpView, type Poke } from './history';

export { OpKind, OpFlag, type OpView, type Poke } from './history';

/**
 * Exact time travel over an Execution, one C statement at a time.
 *
 * The scenario runner runs a task's slice (up to its next scheduling point) in one go. The debugger needs to
 * stop inside a slice, so every node's `Machine.run` is wrapped by a gate that caps the statements the current
 * operation may run: when the cap, not the slice's budget, stops the task, the slice is split — the cluster
 * believes it ended, and the next operation continues it (same scheduling step, the rest of its budget). The
 * schedule, step counters and lock events come out exactly as in an uninterrupted run, which is what makes a
 * debugged run reproduce `iolock-sim run`.
 *
 * Every operation is recorded (history.ts); a position is an index in that history. A snapshot of the whole
 * execution is kept every few thousand statements, so reaching any earlier position is "restore the nearest
 * snapshot at or before it, replay the recorded operations" — exact to the statement. The replay runs the
 * operations of one slice as a single capped run (a machine split at statement boundaries gives the same state
 * however its budget is cut), so it goes at the interpreter's full speed.
 */

interface EngineState {
  /** The task whose slice is in progress, split by the gate. */
  slice: number | undefined;
  /** Statements left of the split `Machine.run` call's budget. */
  leftover: number | undefined;
  cursor: Cursor;
  /** Per task: the startStep of its current call and how many calls it has started (for thread names). */
  calls: Map<number, { start: number; n: number }>;
}

interface Snap {
  pos: number;
  exec: ExecutionSnapshot;
  st: EngineState;
}

/** Shared by the wrappers of every node's Machine.run. */
class Gate {
  active = false;
  cap = 0;
  leftover: number | undefined = undefined;
  split = false;
}

function cloneState(s: EngineState): EngineState {
  return { slice: s.slice, leftover: s.leftover, cursor: { ...s.cursor }, calls: new Map([...s.calls].map(([k, v]) => [k, { ...v }])) };
}

/** Whether the task stands at the start of a C statement (where a debugger stops), not inside one. */
export function atStatement(T: Task): boolean {
  const top = T.frames.length - 1;
  const fr = T.frames[top];
  const f = T.fns[top];
  return fr !== undefined && f !== undefined && T.pendingSync === undefined && f.code.stmtPcs.has(fr.pc);
}

const MAX_SNAPSHOTS = 256;
/** Share of forward running that snapshots may cost; their interval grows with the state they copy. */
const SNAPSHOT_OVERHEAD = 0.2;
/** What one single-statement operation costs forward, roughly (ms), to size that interval. */
const OP_MS = 0.007;
/** Statements between snapshots at most: a step back replays at most this many. */
const MAX_EVERY = 8000;

export class Engine {
  readonly cluster: Cluster;
  /** The first lock event of the scenario phase (setup's are not the scenario's: the checkers skip them). */
  readonly firstScenarioEvent: number;
  pos = 0;
  readonly history = new History();
  private snaps: Snap[] = [];
  private st: EngineState = { slice: undefined, leftover: undefined, cursor: { at: 0, used: 0 }, calls: new Map() };
  private readonly gate = new Gate();
  /** Statements run since the last snapshot, and the interval in force. */
  private sinceSnap = 0;
  private every: number;
  private snapMs: number | undefined;

  constructor(
    readonly x: Execution,
    /** Statements between two snapshots at least (more when snapshots get expensive). */
    readonly snapshotEvery = 2000,
  ) {
    this.every = snapshotEvery;
    this.cluster = x.cluster;
    this.firstScenarioEvent = x.cluster.events.length;
    for (const n of this.cluster.nodes) this.wrap(n.machine);
    x.choices();
    this.noteCalls();
    this.snaps.push({ pos: 0, exec: x.snapshot(), st: cloneState(this.st) });
  }

  private wrap(m: Machine): void {
    const orig = m.run.bind(m);
    const g = this.gate;
    m.run = (T: Task, budget: number): RunResult => {
      if (!g.active) return orig(T, budget);
      let full = budget;
      if (g.leftover !== undefined) {
        full = g.leftover;
        g.leftover = undefined;
      }
      const b = Math.min(full, g.cap);
      const before = T.steps;
      const r = orig(T, b);
      const used = T.steps - before;
      g.cap -= used;
      if (r === 'paused' && b < full) {
        g.split = true;
        g.leftover = full - used;
      }
      return r;
    };
  }

  get recorded(): number {
    return this.history.length;
  }

  op(i: number): OpView | undefined {
    return this.history.get(i);
  }

  get cursor(): Cursor {
    return this.st.cursor;
  }

  /** The task whose slice is in progress (only it may run until the slice ends), if any. */
  get midSlice(): KTask | undefined {
    return this.st.slice === undefined ? undefined : this.cluster.taskById.get(this.st.slice);
  }

  get over(): boolean {
    return this.x.finished && this.st.slice === undefined;
  }

  /** Tasks that may run the next operation. */
  runnable(): KTask[] {
    const m = this.midSlice;
    if (m) return [m];
    if (this.x.finished) return [];
    return this.x.choices();
  }

  /** How many calls the task has started (its scenario step, counting from 1). */
  callsStarted(task: number): number {
    return this.st.calls.get(task)?.n ?? 0;
  }

  /** Runs one operation of kt — a statement, or the rest of the one it is inside — and records it. */
  run(kt: KTask, cursor?: Cursor): void {
    const mid = this.midSlice;
    if (mid && mid !== kt) throw new Error(`internal: ${kt.label} cannot run while ${mid.label}'s slice is in progress`);
    const k = mid ? OpKind.Cont : OpKind.Pick;
    const cap = atStatement(kt.m) ? 1 : 0;
    const h = this.history;
    // changes the user made here are part of the recorded future: going forward again repeats them
    while (this.pos < h.length && h.kindAt(this.pos) === OpKind.Poke) this.replay(this.pos + 1);
    if (this.pos < h.length) {
      if (h.kindAt(this.pos) === k && h.taskAt(this.pos) === kt.id && h.capAt(this.pos) === cap) {
        // the recorded future: redo it
        this.replay(this.pos + 1);
        return;
      }
      h.truncate(this.pos);
      this.dropSnapshotsAfter(this.pos);
    }
    const loc = k === OpKind.Pick ? kt.node.locOf(kt.m) : undefined;
    const c = k === OpKind.Pick ? cursor ?? this.st.cursor : undefined;
    const before = kt.m.steps;
    const wasDead = kt.dead !== undefined;
    const ended = this.exec(k, kt, cap, c);
    const T = kt.m;
    const top = T.frames.length - 1;
    const flags = (atStatement(T) ? OpFlag.AtStatement : 0) | (!wasDead && kt.dead !== undefined ? OpFlag.Died : 0) | (ended ? OpFlag.SliceEnd : 0);
    const n = T.steps - before;
    h.push(
      { k, task: kt.id, cap, n, step: this.cluster.step, depth: T.frames.length, fn: T.fns[top]?.index ?? -1, pc: T.frames[top]?.pc ?? -1, flags },
      { ...(c ? { cursor: { ...c } } : {}), ...(loc ? { at: { file: loc.file, line: loc.line } } : {}) },
    );
    this.pos++;
    this.sinceSnap += n;
    this.maybeSnapshot();
  }

  /** Applies a user's change (setVariable) as an operation, so that replays repeat it. */
  poke(p: Poke): void {
    this.history.truncate(this.pos);
    this.dropSnapshotsAfter(this.pos);
    applyPoke(this.cluster, p);
    this.history.push({ k: OpKind.Poke, task: p.kind === 'reg' ? p.task : 0, cap: 0, n: 0, step: this.cluster.step, depth: 0, fn: -1, pc: -1, flags: 0 }, { poke: p });
    this.pos++;
  }

  /**
   * One capped run of kt within its slice (new or continued); returns whether the slice ended. Afterwards
   * the execution is settled: at a slice end the scenario's bookkeeping (finished calls, next steps, ASTs)
   * has run, as before any scheduling decision.
   */
  private exec(k: OpKind, kt: KTask, cap: number, cursor: Cursor | undefined): boolean {
    const c = this.cluster;
    const g = this.gate;
    g.active = true;
    g.cap = cap;
    g.split = false;
    try {
      if (k === OpKind.Pick) {
        g.leftover = undefined;
        this.x.step(kt);
      } else {
        g.leftover = this.st.leftover;
        // runSlice counts a scheduling step per Machine.run; this one continues a step already counted
        c.step--;
        c.runSlice(kt);
      }
    } finally {
      g.active = false;
    }
    if (cursor) this.st.cursor = { ...cursor };
    if (g.split) {
      this.st.slice = kt.id;
      this.st.leftover = g.leftover;
      g.leftover = undefined;
      return false;
    }
    g.leftover = undefined;
    this.st.slice = undefined;
    this.st.leftover = undefined;
    this.x.choices();
    this.noteCalls();
    return true;
  }

  private noteCalls(): void {
    for (const kt of this.cluster.tasks()) {
      if (kt.kind !== 'user' || !kt.call) continue;
      const prev = this.st.calls.get(kt.id);
      if (prev?.start === kt.call.startStep) continue;
      this.st.calls.set(kt.id, { start: kt.call.startStep, n: (prev?.n ?? 0) + 1 });
    }
  }

  private maybeSnapshot(): void {
    if (this.sinceSnap < this.every) return;
    const last = this.snaps[this.snaps.length - 1];
    if (last && last.pos >= this.pos) return;
    const t0 = performance.now();
    this.snaps.push({ pos: this.pos, exec: this.x.snapshot(), st: cloneState(this.st) });
    // a smoothed cost: one slow snapshot (a garbage collection) should not stretch the interval
    this.snapMs = this.snapMs === undefined ? performance.now() - t0 : 0.8 * this.snapMs + 0.2 * (performance.now() - t0);
    this.sinceSnap = 0;
    this.every = Math.min(MAX_EVERY, Math.max(this.snapshotEvery, Math.ceil(this.snapMs / (SNAPSHOT_OVERHEAD * OP_MS))));
    if (this.snaps.length > MAX_SNAPSHOTS) {
      // keep the recent half dense and thin out the older half: stepping back a little stays cheap
      const half = this.snaps.length >> 1;
      this.snaps = [...this.snaps.slice(0, half).filter((_s, i) => i % 2 === 0), ...this.snaps.slice(half)];
    }
  }

  private dropSnapshotsAfter(pos: number): void {
    while (this.snaps.length > 1 && (this.snaps[this.snaps.length - 1] as Snap).pos > pos) this.snaps.pop();
  }

  /** Moves to a recorded position: replays forward, or restores the nearest snapshot before it and replays. */
  travel(target: number): number {
    if (!Number.isInteger(target) || target < 0 || target > this.history.length) throw new RangeError(`no position ${target} (0..${this.history.length})`);
    if (target < this.pos) this.restoreBefore(target);
    this.replay(target);
    return this.pos;
  }

  /**
   * Replays recorded operations up to `target`, a slice at a time: a pick and the continuations after it
   * become one run capped at the statements they ran. Checks that the run ends as recorded.
   */
  private replay(target: number): void {
    const h = this.history;
    while (this.pos < target) {
      const i = this.pos;
      const k = h.kindAt(i);
      if (k === OpKind.Poke) {
        applyPoke(this.cluster, h.pokes.get(i) as Poke);
        this.pos++;
        continue;
      }
      // a group stops where the next snapshot is due, so that replays keep snapshots as dense as running does
      let end = i + 1;
      let total = h.nAt(i);
      while (end < target && h.kindAt(end) === OpKind.Cont && this.sinceSnap + total < this.every) total += h.nAt(end++);
      const kt = this.cluster.taskById.get(h.taskAt(i));
      if (!kt) throw new Error(`internal: replay finds no task ${h.taskAt(i)} at position ${i}`);
      const ended = this.exec(k, kt, total, k === OpKind.Pick ? h.cursors.get(i) : undefined);
      const last = end - 1;
      if (ended !== ((h.flagsAt(last) & OpFlag.SliceEnd) !== 0) || this.cluster.step !== h.stepAt(last)) {
        throw new Error(`internal: the replay of positions ${i}..${last} did not end as recorded (the run is not deterministic here)`);
      }
      this.pos = end;
      this.sinceSnap += total;
      this.maybeSnapshot();
    }
  }

  private restoreBefore(target: number): void {
    let snap = this.snaps[0] as Snap;
    for (const s of this.snaps) if (s.pos <= target) snap = s;
    this.x.restore(snap.exec);
    this.st = cloneState(snap.st);
    this.pos = snap.pos;
    this.sinceSnap = 0;
    // later snapshots were taken on this same path; they are taken again as the replay passes
    this.dropSnapshotsAfter(snap.pos);
  }

  /** Positions where a task was picked (scheduling points) and where it stood. */
  schedulePoints(): { pos: number; task: number; step: number; at: { file: string; line: number } }[] {
    const out: { pos: number; task: number; step: number; at: { file: string; line: number } }[] = [];
    for (const [pos, at] of this.history.at) out.push({ pos, task: this.history.taskAt(pos), step: this.history.stepAt(pos), at });
    return out.sort((a, b) => a.pos - b.pos);
  }

  /** The position at the start of scheduling step `step` (a timeline click). */
  positionOfStep(step: number): number {
    return this.history.firstAtStep(step);
  }
}

function applyPoke(c: Cluster, p: Poke): void {
  if (p.kind === 'mem') {
    const mem = c.node(p.node).mem;
    // through the journal, so that stepping back undoes it
    if (mem.journaling) mem.logRange(p.addr, p.bytes.length);
    mem.u8.set(p.bytes, p.addr);
    return;
  }
  const kt = c.taskById.get(p.task);
  const fr = kt?.m.frames[p.frame];
  if (fr) fr[p.field] = p.value;
}

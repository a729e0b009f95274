import { createHash } from 'node:crypto';
import type { KTask } from '../kernel/node';
import { Execution, type ExecutionOptions, type ExecutionSnapshot, type ScenarioResult } from '../scenario/execution';
import type { Scenario, Verdict } from '../scenario/model';
import { HappensBefore } from './clocks';
import { dependent, recordFootprint, type Footprint } from './footprint';

export type ExploreMode = 'dpor' | 'naive' | 'random';

export interface ExploreOptions extends Omit<ExecutionOptions, 'snapshots' | 'honourSleep'> {
  mode?: ExploreMode;
  /** Complete executions to run at most (default 100 000; random: 1 000). */
  maxExecutions?: number;
  /** Wall-clock budget in milliseconds (default 5 minutes). */
  timeoutMs?: number;
  /** Scheduling steps one execution may take (default 100 000): a bound on livelocks the step limit misses. */
  maxDepth?: number;
  /** Stop at the first execution whose verdict is not ok. */
  stopOnFirst?: boolean;
  /** Search for a counterexample with fewer preemptions, then fewer steps (default true). */
  minimise?: boolean;
  /** Seed of the random mode. */
  seed?: number;
  /** Snapshot every this many scheduling steps (default 8); backtracking replays from the nearest one. */
  snapshotEvery?: number;
  onProgress?: (p: ExploreProgress) => void;
}

export interface ExploreProgress {
  executions: number;
  blocked: number;
  traces: number;
  transitions: number;
  ms: number;
  verdicts: Partial<Record<Verdict, number>>;
}

export type StopReason = 'complete' | 'max-executions' | 'timeout' | 'first-failure' | 'sampled';

export interface Counterexample {
  result: ScenarioResult;
  /** Switches away from a task that could have gone on. */
  preemptions: number;
  /** Scheduling steps from the scenario's first step. */
  length: number;
}

export interface ExploreResult extends ExploreProgress {
  scenario: string;
  policy: string | undefined;
  mode: ExploreMode;
  /** The worst verdict any execution had (oops > deadlock > error > inconsistent > lock-order > ok). */
  verdict: Verdict;
  /** Every interleaving (up to equivalence, for dpor) was run within the bounds. */
  complete: boolean;
  stopReason: StopReason;
  /** Why it stopped, in words. */
  stopped: string;
  /** For the worst verdict: the replayable, minimised execution. */
  counterexample: Counterexample | undefined;
  /** The first counterexample of every verdict found. */
  findings: Partial<Record<Verdict, Counterexample>>;
  /** Executions the minimiser ran on top. */
  minimiseExecutions: number;
  statements: number;
}

/** Worst first: what a table cell shows when several kinds of failure are reachable. */
export const SEVERITY: readonly Verdict[] = ['oops', 'deadlock', 'error', 'inconsistent', 'lock-order', 'ok'];

interface Level {
  snap: ExecutionSnapshot | undefined;
  enabled: KTask[];
  /** The footprint of the transition chosen here, once run. */
  ran: Footprint;
  backtrack: Set<number>;
  done: Set<number>;
  sleep: Map<number, Footprint>;
  chosen: number;
  /** Preemptions on the path up to this state. */
  preemptions: number;
}

/** Which choices a search makes at each state. */
interface Strategy {
  /** DPOR backtrack sets and sleep sets; otherwise every allowed choice is a branch. */
  dpor: boolean;
  /** Preemptions allowed on one path (the minimiser's bound). */
  preemptionBound: number;
  /** A verdict that ends the whole search when an execution has it. */
  stopOn: (r: ScenarioResult) => boolean;
}

/**
 * Stateless model checking of a scenario: every execution runs from a snapshot taken after setup, branching at
 * the scheduling points. `dpor` (Flanagan–Godefroid dynamic partial-order reduction with sleep sets) runs one
 * execution per Mazurkiewicz trace of the transitions' footprints (see footprint.ts), `naive` every
 * interleaving, `random` PCT-style priority schedules.
 */
export async function explore(s: Scenario, opts: ExploreOptions): Promise<ExploreResult> {
  const x = await Execution.prepare(s, { ...opts, snapshots: true, honourSleep: false });
  return new Explorer(x, opts).run();
}

class Explorer {
  private readonly t0 = Date.now();
  private readonly root: ExecutionSnapshot;
  private readonly hb = new HappensBefore();
  private readonly levels: Level[] = [];
  private readonly traces = new Set<string>();
  private readonly verdicts: Partial<Record<Verdict, number>> = {};
  private readonly findings: Partial<Record<Verdict, Counterexample>> = {};
  private executions = 0;
  private blocked = 0;
  private transitions = 0;
  private minimiseExecutions = 0;
  private lastProgress = 0;
  private readonly mode: ExploreMode;
  private readonly maxExecutions: number;
  private readonly timeoutMs: number;
  private readonly maxDepth: number;
  private readonly every: number;
  /** The depth of the state the execution stands in, and which snapshot levels are valid. */
  private depth = 0;

  constructor(
    private readonly x: Execution,
    private readonly opts: ExploreOptions,
  ) {
    this.mode = opts.mode ?? 'dpor';
    this.maxExecutions = opts.maxExecutions ?? (this.mode === 'random' ? 1000 : 100_000);
    this.timeoutMs = opts.timeoutMs ?? 300_000;
    this.maxDepth = opts.maxDepth ?? 100_000;
    this.every = Math.max(1, opts.snapshotEvery ?? 8);
    this.root = x.snapshot();
  }

  private get elapsed(): number {
    return Date.now() - this.t0;
  }

  private outOfBudget(): StopReason | undefined {
    if (this.executions >= this.maxExecutions) return 'max-executions';
    if (this.elapsed > this.timeoutMs) return 'timeout';
    return undefined;
  }

  run(): ExploreResult {
    let reason: StopReason;
    if (this.mode === 'random') reason = this.sample();
    else {
      const stopOnFirst = this.opts.stopOnFirst === true;
      reason = this.search({ dpor: this.mode === 'dpor', preemptionBound: this.x.scenario.explore.maxPreemptions ?? Infinity, stopOn: (r) => stopOnFirst && r.verdict !== 'ok' }, (r, pre, len) => this.record(r, pre, len));
    }
    const verdict = SEVERITY.find((v) => v !== 'ok' && this.findings[v]) ?? 'ok';
    let counterexample = this.findings[verdict];
    if (counterexample && this.opts.minimise !== false) counterexample = this.minimise(verdict, counterexample);
    if (counterexample) this.findings[verdict] = counterexample;
    // a preemption bound leaves schedules out: what it explored is complete, the proof is not
    const complete = reason === 'complete' && (this.mode === 'random' || this.x.scenario.explore.maxPreemptions === undefined);
    return {
      scenario: this.x.scenario.name,
      policy: this.opts.policy,
      mode: this.mode,
      verdict,
      complete,
      stopReason: reason,
      stopped: this.describeStop(reason),
      counterexample,
      findings: this.findings,
      minimiseExecutions: this.minimiseExecutions,
      statements: this.x.cluster.statements,
      ...this.progress(),
    };
  }

  private describeStop(r: StopReason): string {
    const n = `${this.executions} execution${this.executions === 1 ? '' : 's'}`;
    switch (r) {
      case 'complete':
        if (this.x.scenario.explore.maxPreemptions !== undefined) return `complete within explore.max_preemptions ${this.x.scenario.explore.maxPreemptions}: ${n}`;
        return this.mode === 'dpor'
          ? `complete: ${n} cover every interleaving up to reordering of independent steps (modulo unlocked data races)`
          : `complete: ${n}, every interleaving`;
      case 'max-executions':
        return `stopped at the execution bound (${this.maxExecutions}; raise --max-executions)`;
      case 'timeout':
        return `stopped at the time bound (${Math.round(this.timeoutMs / 1000)} s; raise --timeout) after ${n}`;
      case 'first-failure':
        return `stopped at the first failing execution (${n})`;
      case 'sampled':
        return `${n} sampled at random (a sample proves nothing about the others)`;
    }
  }

  private progress(): ExploreProgress {
    return { executions: this.executions, blocked: this.blocked, traces: this.traces.size, transitions: this.transitions, ms: this.elapsed, verdicts: { ...this.verdicts } };
  }

  private tick(): void {
    const now = Date.now();
    if (this.opts.onProgress && now - this.lastProgress > 250) {
      this.lastProgress = now;
      this.opts.onProgress(this.progress());
    }
  }

  /** An execution of the exploration proper (not the minimiser's), its trace still in `hb`. */
  private record(r: ScenarioResult, preemptions: number, length: number): void {
    this.executions++;
    this.traces.add(createHash('sha1').update(this.hb.traceKey()).digest('base64'));
    this.verdicts[r.verdict] = (this.verdicts[r.verdict] ?? 0) + 1;
    if (r.verdict !== 'ok') {
      const old = this.findings[r.verdict];
      if (!old || preemptions < old.preemptions || (preemptions === old.preemptions && length < old.length)) this.findings[r.verdict] = { result: r, preemptions, length };
    }
    this.tick();
  }

  // --- the state stack ---------------------------------------------------------------------------------

  /** Brings the execution back to the state at `depth` on the current path. */
  private goTo(depth: number): void {
    let from = depth;
    while (from > 0 && !this.levels[from]?.snap) from--;
    const snap = from === 0 ? this.root : (this.levels[from]?.snap as ExecutionSnapshot);
    this.x.restore(snap);
    for (let d = from + 1; d < this.levels.length; d++) (this.levels[d] as Level).snap = undefined;
    for (let d = from; d < depth; d++) {
      const lv = this.levels[d] as Level;
      this.x.choices();
      this.x.step(lv.enabled.find((t) => t.id === lv.chosen) as KTask);
      this.transitions++;
      const next = this.levels[d + 1];
      if (next && (d + 1) % this.every === 0) next.snap = this.x.snapshot();
    }
    this.depth = depth;
  }

  /** The preferred choice: the round-robin one, so that the first execution is `run`'s default schedule. */
  private prefer(ids: number[], last: number | undefined): number | undefined {
    if (last === undefined) return ids[0];
    return ids.find((id) => id > last) ?? ids[0];
  }

  /**
   * Depth-first search from the root. `onEnd` gets each complete execution. Returns why it stopped.
   */
  private search(st: Strategy, onEnd: (r: ScenarioResult, preemptions: number, length: number) => void): StopReason {
    this.levels.length = 0;
    this.hb.truncate(0);
    this.goTo(0);
    let sleepIn = new Map<number, Footprint>();
    for (;;) {
      // --- run forward from the state at this.depth until the execution ends
      for (;;) {
        const depth = this.depth;
        const before = this.levels[depth - 1];
        const enabled = this.x.choices();
        if (enabled.length === 0 || depth >= this.maxDepth) {
          const r = this.x.result();
          if (depth >= this.maxDepth && enabled.length) r.verdict = 'error';
          onEnd(r, before?.preemptions ?? 0, depth);
          if (st.stopOn(r)) return 'first-failure';
          break;
        }
        if (before) for (const t of enabled) if (!before.enabled.some((b) => b.id === t.id) && t.id !== before.chosen) this.hb.woke(t.id);
        const lv: Level = { snap: undefined, enabled, ran: [], backtrack: new Set(), done: new Set(), sleep: st.dpor ? sleepIn : new Map(), chosen: -1, preemptions: before?.preemptions ?? 0 };
        if (depth > 0 && depth % this.every === 0) lv.snap = this.x.snapshot();
        this.levels[depth] = lv;
        const allowed = this.allowed(lv, before, st);
        const pick = this.prefer(allowed, before?.chosen);
        if (pick === undefined) {
          // every choice sleeps: this execution would repeat an explored trace
          this.blocked++;
          break;
        }
        if (!st.dpor) for (const id of allowed) lv.backtrack.add(id);
        lv.backtrack.add(pick);
        this.take(lv, pick, before, st);
        sleepIn = this.childSleep(lv);
      }
      // --- backtrack to the deepest state with an unexplored choice
      const stop = this.outOfBudget();
      if (stop) return stop;
      let resumed = false;
      while (this.levels.length > 0) {
        const d = this.levels.length - 1;
        const lv = this.levels[d] as Level;
        if (lv.chosen >= 0 && st.dpor) lv.sleep.set(lv.chosen, lv.ran);
        const before = this.levels[d - 1];
        const next = [...lv.backtrack].find((id) => !lv.done.has(id) && !lv.sleep.has(id) && this.withinBound(lv, before, id, st));
        if (next === undefined) {
          this.levels.pop();
          continue;
        }
        this.hb.truncate(d);
        this.goTo(d);
        this.x.choices();
        this.take(lv, next, before, st);
        sleepIn = this.childSleep(lv);
        resumed = true;
        break;
      }
      if (!resumed) return 'complete';
    }
  }

  private isPreemption(lv: Level, before: Level | undefined, id: number): boolean {
    return before !== undefined && id !== before.chosen && lv.enabled.some((t) => t.id === before.chosen);
  }

  private withinBound(lv: Level, before: Level | undefined, id: number, st: Strategy): boolean {
    return (before?.preemptions ?? 0) + (this.isPreemption(lv, before, id) ? 1 : 0) <= st.preemptionBound;
  }

  private allowed(lv: Level, before: Level | undefined, st: Strategy): number[] {
    return lv.enabled.map((t) => t.id).filter((id) => !lv.sleep.has(id) && this.withinBound(lv, before, id, st));
  }

  /**
   * Runs `id`'s transition from the state of `lv` and moves one level down. With DPOR, every earlier
   * transition it races with (Flanagan–Godefroid: dependent, by another task, not ordered before it) gets a
   * backtrack point, so the other order is tried too. A transition's footprint is known once it ran, so the
   * races are found when it runs rather than while it waits.
   */
  private take(lv: Level, id: number, before: Level | undefined, st: Strategy): void {
    lv.chosen = id;
    lv.done.add(id);
    lv.preemptions = (before?.preemptions ?? 0) + (this.isPreemption(lv, before, id) ? 1 : 0);
    this.levels.length = this.depth + 1;
    const t = lv.enabled.find((e) => e.id === id) as KTask;
    lv.ran = recordFootprint(this.x.cluster, t, () => this.x.step(t));
    if (st.dpor) {
      for (const i of this.hb.races(id, lv.ran)) {
        const pre = this.levels[i] as Level;
        if (pre.enabled.some((e) => e.id === id)) pre.backtrack.add(id);
        else for (const e of pre.enabled) pre.backtrack.add(e.id);
      }
    }
    this.hb.push(id, lv.ran);
    this.transitions++;
    this.depth++;
  }

  /** Sleep sets: what slept here and is independent of the transition just run sleeps on below. */
  private childSleep(lv: Level): Map<number, Footprint> {
    const out = new Map<number, Footprint>();
    for (const [q, f] of lv.sleep) if (q !== lv.chosen && !dependent(f, lv.ran)) out.set(q, f);
    return out;
  }

  // --- random (PCT) ---------------------------------------------------------------------------------------

  private sample(): StopReason {
    let seed = (this.opts.seed ?? 1) >>> 0 || 1;
    const rand = (): number => {
      // xorshift32: reproducible from --seed
      seed ^= seed << 13;
      seed >>>= 0;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      seed >>>= 0;
      return seed / 0x100000000;
    };
    let expected = 200;
    for (;;) {
      const stop = this.outOfBudget();
      if (stop) return stop === 'max-executions' ? 'sampled' : stop;
      this.x.restore(this.root);
      this.hb.truncate(0);
      const prio = new Map<number, number>();
      const changes = [1, 2].map(() => Math.floor(rand() * expected));
      let depth = 0;
      let last: number | undefined;
      let preemptions = 0;
      for (;;) {
        const enabled = this.x.choices();
        if (enabled.length === 0 || depth >= this.maxDepth) break;
        for (const t of enabled) if (!prio.has(t.id)) prio.set(t.id, 10 + rand());
        let pick = enabled[0] as KTask;
        for (const t of enabled) if ((prio.get(t.id) as number) > (prio.get(pick.id) as number)) pick = t;
        const k = changes.indexOf(depth);
        if (k >= 0) prio.set(pick.id, k + rand() * 0.5);
        if (last !== undefined && pick.id !== last && enabled.some((t) => t.id === last)) preemptions++;
        this.hb.push(pick.id, recordFootprint(this.x.cluster, pick, () => this.x.step(pick)));
        this.transitions++;
        last = pick.id;
        depth++;
      }
      expected = Math.max(expected, depth);
      const r = this.x.result();
      if (depth >= this.maxDepth) r.verdict = 'error';
      this.record(r, preemptions, depth);
      if (this.opts.stopOnFirst && r.verdict !== 'ok') return 'first-failure';
    }
  }

  // --- counterexample minimisation -------------------------------------------------------------------------

  /**
   * Fewest preemptions first, then fewest steps: searches every schedule with 0, then 1 preemption (the
   * CHESS bound; bugs with few preemptions are the common case and the easiest to read) for the same
   * verdict, within a budget, and keeps the best.
   */
  private minimise(verdict: Verdict, found: Counterexample): Counterexample {
    let best = found;
    const budget = { executions: 2000, until: Date.now() + Math.min(30_000, Math.max(2_000, this.timeoutMs - this.elapsed)) };
    for (let bound = 0; bound < Math.min(best.preemptions, 2); bound++) {
      let n = 0;
      let got: Counterexample | undefined;
      this.search({ dpor: false, preemptionBound: bound, stopOn: () => n >= budget.executions || Date.now() > budget.until }, (r, pre, len) => {
        n++;
        this.minimiseExecutions++;
        if (r.verdict === verdict && (!got || len < got.length)) got = { result: r, preemptions: pre, length: len };
      });
      if (got) {
        best = got.preemptions < best.preemptions || got.length < best.length ? got : best;
        break;
      }
    }
    return best;
  }
}

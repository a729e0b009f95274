import { describeResult } from '../cli/verdict-text';
import type { KTask } from '../core/kernel/node';
import { formatSchedule, type ScheduleStep } from '../core/kernel/schedule';
import type { MemoryTree } from '../core/patch';
import type { Execution, ScenarioResult, TraceEntry } from '../core/scenario/execution';
import { buildTimeline } from '../core/timeline/model';
import { packTimeline } from '../core/timeline/pack';
import type { Scenario } from '../core/scenario/model';
import { BreakpointTable, LineIndex, hitConditionMet, type Breakpoint } from './breakpoints';
import type { Ast } from './cexpr';
import { EvalError, evaluate, parseExpression } from './cexpr';
import { choose, forced, type Cursor } from './chooser';
import { TypeRegistry } from './ctypes';
import { formatValue, scalarOf, type ValueEnv } from './cvalue';
import { typeName } from '../core/cfront/types';
import { Engine, atStatement } from './engine';
import { backwardHits, stepBackTarget } from './reverse';
import { deadlockFinding, oopsFinding, type Finding } from './findings';
import { Checkers } from './checkers';
import { framesOf, localValue, visibleLocals, type FrameView } from './frames';
import { threadName } from './names';
import { EXCEPTION_FILTERS, type CurrentStep, type ExceptionFilter, type LaunchArguments, type TimelineBody } from './protocol';
import { SourceMap } from './sources';
import { LaunchError, prepareRun } from './launch';

/**
 * The debugger's model of a scenario run, apart from DAP (the session translates): launching (patch, build,
 * optionally explore), running and stepping tasks one statement at a time, breakpoints and exception stops,
 * and time travel. Everything that runs C goes through the Engine, so every position stays reachable.
 */

export interface Stop {
  reason: 'entry' | 'step' | 'breakpoint' | 'function breakpoint' | 'exception' | 'pause' | 'goto' | 'end';
  threadId: number | undefined;
  description?: string;
  text?: string;
  finding?: Finding;
  hitBreakpointIds?: number[];
}

export interface RuntimeListener {
  stopped(s: Stop): void;
  output(text: string, category?: 'console' | 'stdout' | 'stderr' | 'important'): void;
  terminated(exitCode: number): void;
}

export { LaunchError } from './launch';

type Goal =
  | { kind: 'continue'; only: KTask | undefined }
  | { kind: 'step'; how: 'in' | 'over' | 'out'; kt: KTask; depth: number; only: boolean; force: boolean }
  | { kind: 'entry'; func: string | undefined };

/** How long a run may hold the event loop before it lets requests (pause) in. */
const SLICE_MS = 15;

export class DebugRuntime {
  readonly types: TypeRegistry;
  readonly lines: LineIndex;
  readonly breakpoints: BreakpointTable;
  readonly sources: SourceMap;
  readonly exceptionFilters = new Set<ExceptionFilter>(EXCEPTION_FILTERS.filter((f) => f.default).map((f) => f.filter));
  /** The thread of the last stop (stepping it keeps the schedule; stepping another picks that one). */
  currentThread: number | undefined;
  lastStop: Stop | undefined;
  private running = false;
  private reserved = false;
  private pauseRequested = false;
  private disposed = false;
  private ended = false;
  private readonly checkers: Checkers;
  private readonly conditionCache = new Map<string, Ast>();
  /** The timeline at the furthest recorded position, and the history it was made for (version and length). */
  private frontier: { version: number; recorded: number; timeline: TimelineBody['timeline'] } | undefined;

  private constructor(
    readonly args: LaunchArguments,
    readonly scenario: Scenario,
    readonly policy: string,
    readonly tree: MemoryTree,
    readonly engine: Engine,
    readonly script: ScheduleStep[],
    private readonly listener: RuntimeListener,
    baseDir: string,
  ) {
    const program = engine.cluster.program;
    this.types = new TypeRegistry(program);
    this.lines = new LineIndex(program);
    this.breakpoints = new BreakpointTable(this.lines, (k) => this.types.struct(k));
    this.sources = new SourceMap(tree, baseDir, args.sourceDir, `${scenario.name}-${policy}`);
    this.checkers = new Checkers(engine, this.exceptionFilters, (kt) => this.threadLabel(kt).replace(/ \[oops\]$/, ''), (t) => this.threadOfTask(t));
  }

  get x(): Execution {
    return this.engine.x;
  }

  /** Checks the arguments, applies the patches, builds the kernel and sets up the scenario (no C of it runs). */
  static async launch(args: LaunchArguments, listener: RuntimeListener): Promise<DebugRuntime> {
    const p = await prepareRun(args, (text) => listener.output(text));
    const engine = new Engine(p.x, args.snapshotEvery ?? 500);
    const rt = new DebugRuntime(args, p.scenario, p.policy, p.tree, engine, p.script, listener, p.baseDir);
    if (typeof args.stopOnEntry === 'string' && !rt.lines.functionEntry(args.stopOnEntry).length) {
      throw new LaunchError(`launch: stopOnEntry names no C function of the kernel: '${args.stopOnEntry}'`);
    }
    return rt;
  }

  // --- names -----------------------------------------------------------------------------------------------

  nameOf(id: number): string {
    return this.x.nameOf(id);
  }

  threadLabel(kt: KTask): string {
    return threadName(this.scenario, kt, this.nameOf(kt.id), this.engine.callsStarted(kt.id));
  }

  /** Tasks shown as threads: scenario tasks and kernel threads (not the nodes' setup tasks). */
  tasks(): KTask[] {
    return this.engine.cluster.tasks().filter((t) => t.kind !== 'init');
  }

  task(threadId: number): KTask | undefined {
    const kt = this.engine.cluster.taskById.get(threadId);
    return kt && kt.kind !== 'init' ? kt : undefined;
  }

  valueEnv(kt: KTask | undefined): ValueEnv {
    const c = this.engine.cluster;
    const node = kt?.node ?? c.node(0);
    return { mem: node.mem, node: node.index, types: this.types, frame: (task, frame) => c.taskById.get(task)?.m.frames[frame] };
  }

  /** Evaluates a C expression in a frame (or with globals only); throws EvalError. */
  evaluateIn(fv: FrameView | undefined, kt: KTask | undefined, text: string) {
    let ast = this.conditionCache.get(text);
    if (!ast) {
      ast = parseExpression(text, (k) => this.types.struct(k));
      if (this.conditionCache.size > 1000) this.conditionCache.clear();
      this.conditionCache.set(text, ast);
    }
    return evaluate(this.valueEnv(kt), this.scopeOf(fv, kt), ast);
  }

  scopeOf(fv: FrameView | undefined, kt: KTask | undefined) {
    const vis = fv ? visibleLocals(fv) : undefined;
    const types = this.types;
    return {
      file: fv?.loc.file,
      local: (name: string) => {
        if (fv && vis) {
          const v = vis.locals.find((l) => l.name === name) ?? vis.params.find((l) => l.name === name);
          if (v) return localValue(fv, v);
        }
        if (name === 'current' && kt) {
          const ts = types.struct('struct task_struct');
          if (ts) return { type: { k: 'ptr' as const, to: ts }, place: { kind: 'none' as const }, v: kt.taskStruct };
        }
        return undefined;
      },
    };
  }

  // --- where we are ----------------------------------------------------------------------------------------

  currentStep(): CurrentStep {
    const c = this.engine.cluster;
    return {
      position: this.engine.pos,
      recorded: this.engine.recorded,
      step: c.step,
      statements: c.statements,
      schedule: formatSchedule(this.x.picks),
      over: this.engine.over,
      verdict: this.engine.over ? this.x.result().verdict : 'running',
    };
  }

  /**
   * The timeline of the run up to the furthest recorded position. At that position it is the run so far (made
   * now, and kept); behind it, the one kept while the recorded future is unchanged; without one (the future was
   * recorded while nobody asked), the run so far.
   */
  timeline(): TimelineBody {
    const e = this.engine;
    const h = e.history;
    const f = this.frontier;
    const atFrontier = e.pos === e.recorded;
    if (atFrontier || !f || f.version !== h.version || f.recorded !== e.recorded) {
      const timeline = packTimeline(buildTimeline(this.runSoFar()));
      this.frontier = atFrontier ? { version: h.version, recorded: e.recorded, timeline } : undefined;
      return { timeline, step: e.cluster.step };
    }
    return { timeline: f.timeline, step: e.cluster.step };
  }

  /** The result so far, with the system calls in progress as 'running' trace entries up to now. */
  private runSoFar(): ScenarioResult {
    const r = this.x.result();
    const c = this.engine.cluster;
    const running: TraceEntry[] = [];
    for (const t of r.tasks) {
      const kt = c.taskById.get(t.kernelId);
      const call = kt?.call;
      if (!kt || !call || r.trace.some((e) => e.task === t.id && e.startStep === call.startStep)) continue;
      const args = call.args.map((a) => (typeof a === 'number' && a >= 0x1000 ? `0x${a.toString(16)}` : String(a)));
      running.push({ task: t.id, step: this.engine.callsStarted(kt.id) - 1, call: `${call.fn}(${args.join(', ')})`, result: 'running', startStep: call.startStep, endStep: c.step, at: '' });
    }
    return running.length ? { ...r, trace: [...r.trace, ...running] } : r;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /**
   * Claims the runtime for a run the session starts after answering the request: requests that come in
   * between see it running (a second run is refused, a pause stops the run as soon as it starts) instead of
   * racing it. `release` gives the claim back if the run ends without driving (a travel, a failure).
   */
  reserve(): void {
    if (this.running) throw new EvalError('the scenario is already running (pause it first)');
    this.running = true;
    this.reserved = true;
    this.pauseRequested = false;
  }

  release(): void {
    if (!this.reserved) return;
    this.reserved = false;
    this.running = false;
    this.pauseRequested = false;
  }

  // --- commands ----------------------------------------------------------------------------------------------

  /** After configurationDone: stop on entry, or run. */
  async start(): Promise<void> {
    const e = this.args.stopOnEntry;
    if (e === true) return this.drive({ kind: 'entry', func: undefined });
    if (typeof e === 'string' && e) return this.drive({ kind: 'entry', func: e });
    return this.drive({ kind: 'continue', only: undefined });
  }

  async continue(threadId: number | undefined, singleThread: boolean): Promise<void> {
    const kt = threadId === undefined ? undefined : this.task(threadId);
    return this.drive({ kind: 'continue', only: singleThread ? kt : undefined });
  }

  async step(how: 'in' | 'over' | 'out', threadId: number, singleThread: boolean): Promise<void> {
    const kt = this.task(threadId);
    if (!kt) throw new EvalError(`no thread ${threadId}`);
    const force = singleThread || (this.currentThread !== undefined && threadId !== this.currentThread);
    return this.drive({ kind: 'step', how, kt, depth: kt.m.frames.length, only: singleThread, force });
  }

  /** The client went away: a run in progress stops without a word. */
  dispose(): void {
    this.disposed = true;
    this.pauseRequested = true;
  }

  pause(): void {
    if (this.running) this.pauseRequested = true;
    else this.stop({ reason: 'pause', threadId: this.currentThread });
  }

  /** Back to the latest earlier statement of the thread at the same or an outer call depth (reverse `next`). */
  async stepBack(threadId: number): Promise<void> {
    const kt = this.task(threadId);
    if (!kt) throw new EvalError(`no thread ${threadId}`);
    const found = stepBackTarget(this.engine.history, this.engine.pos, kt.id, kt.m.frames.length);
    this.engine.travel(found ?? 0);
    this.afterTravel();
    if (found === undefined) this.stop({ reason: 'entry', threadId, description: 'at the start of the scenario' });
    else this.stop({ reason: 'step', threadId });
  }

  /** Back to the latest earlier breakpoint hit or oops (or the start). */
  async reverseContinue(threadId: number | undefined): Promise<void> {
    const e = this.engine;
    const funcs = e.cluster.node(0).machine.funcs;
    let stop: Stop | undefined;
    for (const hit of backwardHits(e.history, e.pos, this.exceptionFilters.has('oops'), (code, pc) => this.breakpoints.at(code, pc), (fn) => funcs[fn]?.code)) {
      if (hit.died) {
        e.travel(hit.pos);
        const kt = this.task(hit.task);
        if (!kt?.dead) continue;
        const finding = oopsFinding(kt, this.threadLabel(kt).replace(/ \[oops\]$/, ''), kt.dead);
        stop = { reason: 'exception', threadId: hit.task, finding, description: finding.description, text: finding.details };
        break;
      }
      const bps = hit.breakpoints.filter((b) => b.logMessage === undefined);
      let hits = bps.filter((b) => !b.condition);
      if (!hits.length && bps.length) {
        e.travel(hit.pos);
        const kt = this.task(hit.task);
        hits = kt ? bps.filter((b) => this.conditionHolds(b, kt)) : [];
      }
      if (!hits.length) continue;
      e.travel(hit.pos);
      stop = { reason: hits.every((b) => b.kind === 'function') ? 'function breakpoint' : 'breakpoint', threadId: hit.task, hitBreakpointIds: hits.map((b) => b.id) };
      break;
    }
    if (!stop) e.travel(0);
    this.afterTravel();
    this.stop(stop ?? { reason: 'entry', threadId: threadId ?? this.currentThread, description: 'at the start of the scenario' });
  }

  /** Positions of scheduling points at a source line (goto targets). */
  gotoTargets(treeFile: string, line: number): { id: number; label: string; line: number }[] {
    return this.engine
      .schedulePoints()
      .filter((p) => p.at.file === treeFile && p.at.line === line)
      .map((p) => ({ id: p.pos + 1, label: `step ${p.step}: ${this.nameOf(p.task)} at ${treeFile}:${line}`, line }));
  }

  /** Travels to a position (goto target id - 1, or a timeline's step) and stops there. */
  travelTo(pos: number, reason: Stop['reason'] = 'goto'): void {
    this.engine.travel(pos);
    this.afterTravel();
    const h = this.engine.history;
    const task = pos < h.length ? h.taskAt(pos) : pos > 0 ? h.taskAt(pos - 1) : this.currentThread;
    this.stop({ reason, threadId: task, description: `position ${pos}, step ${this.engine.cluster.step}` });
  }

  /** Back to the start of the scenario, then as at launch (the recorded run stays available for stepping). */
  async restart(): Promise<void> {
    this.engine.travel(0);
    this.afterTravel();
    this.ended = false;
    for (const bp of this.breakpoints.all()) bp.hits = 0;
    await this.start();
  }

  // --- the run loop --------------------------------------------------------------------------------------------

  private async drive(goal: Goal): Promise<void> {
    if (this.running && !this.reserved) throw new EvalError('the scenario is already running (pause it first)');
    // a pause that came while the run was reserved stops it at once
    if (!this.reserved) this.pauseRequested = false;
    this.reserved = false;
    this.running = true;
    try {
      if (this.engine.over && this.ended) {
        this.listener.output('the run is over: step back, restart, or stop the session\n');
        this.terminate();
        return;
      }
      let t0 = Date.now();
      let last: KTask | undefined = goal.kind === 'step' ? goal.kt : undefined;
      const pick = { force: goal.kind === 'step' && goal.force };
      for (;;) {
        if (this.disposed) return;
        if (this.pauseRequested) {
          this.pauseRequested = false;
          return this.stop({ reason: 'pause', threadId: last?.id ?? this.currentThread });
        }
        if (this.engine.over) return this.atEnd(last);
        const next = this.nextTask(goal, pick);
        if ('stop' in next) return this.stop(next.stop);
        const kt = next.kt;
        last = kt;
        const stopped = this.tick(kt, next.cursor, goal);
        if (stopped) return this.stop(stopped);
        if (Date.now() - t0 > SLICE_MS) {
          await new Promise<void>((r) => setImmediate(r));
          t0 = Date.now();
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Which task runs the next operation. */
  private nextTask(goal: Goal, pick: { force: boolean }): { kt: KTask; cursor: Cursor | undefined } | { stop: Stop } {
    const e = this.engine;
    const mid = e.midSlice;
    if (mid) return { kt: mid, cursor: undefined };
    const can = e.runnable();
    const c = e.cluster;
    // a step of a thread other than the one stopped on makes it the next pick (the user chose who runs)
    const forceNow = pick.force;
    pick.force = false;
    const only = goal.kind === 'step' ? (goal.only || forceNow ? goal.kt : undefined) : goal.kind === 'continue' ? goal.only : undefined;
    if (only) {
      if (can.includes(only)) return { kt: only, cursor: forced(this.script, e.cursor, can, (id) => this.nameOf(id), c.lastPick, only.id) };
      if (goal.kind === 'continue' || (goal.kind === 'step' && goal.only)) {
        return { stop: { reason: 'step', threadId: only.id, description: `${this.threadLabel(only)} cannot run: ${this.whyNotRunnable(only)}` } };
      }
    }
    const ch = choose(this.script, e.cursor, can, (id) => this.nameOf(id), c.lastPick);
    if (ch.diverged) this.listener.output(`${ch.diverged}\n`, 'important');
    if (!ch.pick) throw new Error('internal: no task to run while the run is not over');
    return { kt: ch.pick, cursor: ch.cursor };
  }

  private whyNotRunnable(kt: KTask): string {
    if (kt.state === 'dead') return 'it was killed by an oops';
    if (kt.state === 'idle') return 'it has no system call in progress';
    if (kt.wait) return `it waits for ${this.engine.cluster.describeWait(kt, kt.wait).waitsFor}`;
    return 'it is blocked';
  }

  /** One operation of kt, then whether it stops the run (exception, breakpoint, goal reached). */
  private tick(kt: KTask, cursor: Cursor | undefined, goal: Goal): Stop | undefined {
    const c = this.engine.cluster;
    this.checkers.before();
    const wasDead = kt.dead !== undefined;
    const call = kt.call;
    const events = c.events.length;
    const before = atStatement(kt.m) ? this.stmtKey(kt) : undefined;
    this.engine.run(kt, cursor);
    const finding = this.checkers.after(kt, wasDead, call, events);
    if (finding) return { reason: 'exception', threadId: finding.threadId ?? kt.id, finding, description: finding.description, text: finding.details };
    if (atStatement(kt.m)) {
      const bps = before !== undefined && before === this.stmtKey(kt) ? [] : this.breakpointsAt(kt);
      const hit: Breakpoint[] = [];
      for (const bp of bps) {
        if (!this.conditionHolds(bp, kt)) continue;
        bp.hits++;
        if (bp.hitCondition && !hitConditionMet(bp.hitCondition, bp.hits)) continue;
        if (bp.logMessage !== undefined) {
          this.listener.output(`${this.interpolate(bp.logMessage, kt)}\n`, 'console');
          continue;
        }
        hit.push(bp);
      }
      if (hit.length) return { reason: hit.every((b) => b.kind === 'function') ? 'function breakpoint' : 'breakpoint', threadId: kt.id, hitBreakpointIds: hit.map((b) => b.id) };
      if (this.goalReached(goal, kt)) return { reason: goal.kind === 'entry' ? 'entry' : 'step', threadId: kt.id };
    }
    return undefined;
  }

  /** Depth, function and line of a task at a statement, as one number (same line, same frame: no new stop). */
  private stmtKey(kt: KTask): number {
    const T = kt.m;
    const top = T.frames.length - 1;
    const f = T.fns[top];
    const fr = T.frames[top];
    const line = f && fr ? f.code.pcLoc[fr.pc]?.line ?? 0 : 0;
    return (top * 65536 + (f?.index ?? 0)) * 1048576 + line;
  }

  private breakpointsAt(kt: KTask): Breakpoint[] {
    if (this.breakpoints.empty || !atStatement(kt.m)) return [];
    const T = kt.m;
    const top = T.frames.length - 1;
    const f = T.fns[top];
    const fr = T.frames[top];
    if (!f || !fr) return [];
    return this.breakpoints.at(f.code, fr.pc) ?? [];
  }

  private conditionHolds(bp: Breakpoint, kt: KTask): boolean {
    if (!bp.condition) return true;
    const fv = framesOf(kt.m, kt.id)[0];
    try {
      const env = this.valueEnv(kt);
      const v = evaluate(env, this.scopeOf(fv, kt), bp.condition);
      const t = this.types.complete(v.type);
      if (t.k !== 'int' && t.k !== 'ptr') throw new EvalError(`a '${typeName(t)}' is not a truth value`);
      const s = scalarOf(env, { ...v, type: t });
      if (!s.ok) throw new EvalError(s.why);
      return s.v != 0;
    } catch (e) {
      // a condition that cannot be evaluated stops, so that its error is seen
      this.listener.output(`breakpoint ${bp.id} condition: ${e instanceof Error ? e.message : String(e)}\n`, 'important');
      return true;
    }
  }

  private interpolate(msg: string, kt: KTask): string {
    const fv = framesOf(kt.m, kt.id)[0];
    return msg.replace(/\{([^{}]+)\}/g, (_m, expr: string) => {
      try {
        return formatValue(this.valueEnv(kt), this.evaluateIn(fv, kt, expr));
      } catch (e) {
        return `<${e instanceof Error ? e.message : String(e)}>`;
      }
    });
  }

  private goalReached(goal: Goal, kt: KTask): boolean {
    if (goal.kind === 'continue') return false;
    if (goal.kind === 'entry') {
      if (goal.func === undefined) return true;
      const T = kt.m;
      const top = T.frames.length - 1;
      const fr = T.frames[top];
      const f = T.fns[top];
      return f?.name === goal.func && fr !== undefined && this.lines.functionEntry(goal.func).some((s) => s.code === f.code && s.pc === fr.pc);
    }
    if (goal.kt !== kt) return false;
    const d = kt.m.frames.length;
    if (goal.how === 'in') return true;
    if (goal.how === 'over') return d <= goal.depth;
    return d < goal.depth;
  }

  // --- the end -------------------------------------------------------------------------------------------------

  threadOfTask(name: string): number | undefined {
    return this.tasks().find((t) => this.nameOf(t.id) === name)?.id;
  }

  private atEnd(last: KTask | undefined): void {
    const r = this.x.result();
    const first = !this.ended;
    this.ended = true;
    if (first) this.report(r);
    if (first && r.deadlock && this.exceptionFilters.has('deadlock')) {
      const stacks = this.tasks()
        .filter((t) => t.state === 'blocked')
        .map((t) => ({ task: this.threadLabel(t), text: t.node.machine.backtrace(t.m).map((b) => `    at ${b.func} (${b.loc.file}:${b.loc.line})`).join('\n') }));
      const finding = deadlockFinding(r.deadlock, (task) => this.threadOfTask(task), stacks);
      return this.stop({ reason: 'exception', threadId: finding.threadId ?? last?.id, finding, description: finding.description, text: finding.details });
    }
    if (!first || this.args.stopAtEnd === false) {
      this.terminate(r);
      return;
    }
    this.stop({ reason: 'end', threadId: last?.id ?? this.currentThread, description: `the scenario is over: ${r.verdict}`, text: r.detail });
  }

  private report(r: ScenarioResult): void {
    const lines = describeResult(r, (f) => this.tree.read(f));
    this.listener.output(`schedule: ${r.schedule}\n${lines.join('\n')}\n`, r.verdict === 'ok' ? 'console' : 'important');
  }

  terminate(r: ScenarioResult = this.x.result()): void {
    this.listener.terminated(r.verdict === 'ok' ? 0 : 1);
  }

  // --- time travel -----------------------------------------------------------------------------------------------

  private afterTravel(): void {
    this.checkers.invalidate();
    this.ended = false;
  }

  // --- stops --------------------------------------------------------------------------------------------------

  private stop(s: Stop): void {
    if (this.disposed) return;
    this.currentThread = s.threadId ?? this.currentThread;
    this.lastStop = s;
    this.listener.stopped(s);
  }
}

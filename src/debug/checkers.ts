import { findInversions, formatInversion } from '../core/check/lock-order';
import type { KTask } from '../core/kernel/node';
import type { Engine } from './engine';
import { inconsistentFinding, inversionFinding, leakFinding, oopsFinding, type Finding } from './findings';
import { heldBy } from './locks';
import type { ExceptionFilter } from './protocol';

/**
 * The exception filters' checks after every operation, cheap unless something changed: a task that died, a
 * system call that returned (lock leaks, inconsistent reads), a lock acquired (lock-order cycles). Their
 * baselines (what was already reported) belong to a position, so they are recomputed after time travel.
 */
export class Checkers {
  private seenInversions = new Set<string>();
  private seenInconsistent = 0;
  private baselinePos = -1;

  constructor(
    private readonly engine: Engine,
    private readonly filters: ReadonlySet<ExceptionFilter>,
    /** "node0/T1 read(A)" without a state suffix, and the thread of a scenario task name. */
    private readonly label: (kt: KTask) => string,
    private readonly threadOf: (task: string) => number | undefined,
  ) {}

  /** Forget the baselines (after time travel). */
  invalidate(): void {
    this.baselinePos = -1;
  }

  /** Before an operation: the baselines of the current position. */
  before(): void {
    if (this.baselinePos === this.engine.pos) return;
    this.baselinePos = this.engine.pos;
    this.seenInversions = new Set(this.filters.has('lock-order') ? findInversions(this.scenarioEvents()).map(formatInversion) : []);
    this.seenInconsistent = this.filters.has('inconsistent') ? this.engine.x.result().inconsistent.length : 0;
  }

  private scenarioEvents() {
    return this.engine.cluster.events.slice(this.engine.firstScenarioEvent);
  }

  /** After an operation of kt (which was dead or not, in call `call`, with `events` lock events before). */
  after(kt: KTask, wasDead: boolean, call: KTask['call'], events: number): Finding | undefined {
    this.baselinePos = this.engine.pos;
    const c = this.engine.cluster;
    const f = this.filters;
    if (!wasDead && kt.dead && f.has('oops')) return oopsFinding(kt, this.label(kt), kt.dead);
    const ended = call !== undefined && kt.call?.startStep !== call.startStep;
    if (ended && kt.kind === 'user' && kt.result?.status === 'done' && f.has('leak')) {
      const holds = heldBy(c, kt.id);
      if (holds.length) return leakFinding(kt, this.label(kt), call.fn, holds);
    }
    if (f.has('lock-order') && c.events.length > events && c.events.slice(events).some((e) => e.op === 'acquire')) {
      for (const inv of findInversions(this.scenarioEvents())) {
        const key = formatInversion(inv);
        if (this.seenInversions.has(key)) continue;
        this.seenInversions.add(key);
        return inversionFinding(inv, kt.id);
      }
    }
    if (ended && f.has('inconsistent')) {
      const r = this.engine.x.result();
      if (r.inconsistent.length > this.seenInconsistent) {
        const fi = r.inconsistent[r.inconsistent.length - 1];
        this.seenInconsistent = r.inconsistent.length;
        if (fi) return inconsistentFinding(fi, this.threadOf(fi.task));
      }
    }
    return undefined;
  }
}

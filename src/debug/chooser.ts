import type { ScheduleStep } from '../core/kernel/schedule';
import { roundRobin } from '../core/kernel/scheduler';

/**
 * Who runs next when the user does not say: the launch schedule, then round-robin — the decisions
 * `runScenario` makes (kernel/schedule.ts's scriptedScheduler), but with the script's position as plain data
 * that travels with the debugger's snapshots. The kernel's scheduler keeps its position in a closure, which
 * stepping back could not rewind.
 */
export interface Cursor {
  /** Index of the schedule element in force; past the end: round-robin. */
  at: number;
  /** Steps of that element used. */
  used: number;
}

export interface Choice<T> {
  pick: T | undefined;
  cursor: Cursor;
  /** Set when the script named a task that cannot run here: it no longer describes this execution. */
  diverged: string | undefined;
}

export interface Candidate {
  readonly id: number;
}

export function choose<T extends Candidate>(script: readonly ScheduleStep[], cursor: Cursor, can: readonly T[], nameOf: (id: number) => string, last: number | undefined): Choice<T> {
  let { at, used } = cursor;
  let diverged: string | undefined;
  while (at < script.length) {
    const step = script[at] as ScheduleStep;
    const t = can.find((x) => nameOf(x.id) === step.task);
    if (step.count === '*') {
      if (t) return { pick: t, cursor: { at, used: used + 1 }, diverged };
      at++;
      used = 0;
      continue;
    }
    if (!t) {
      diverged = `the schedule diverges: ${step.task} cannot run here (runnable: ${can.map((x) => nameOf(x.id)).join(', ') || 'none'}); going on round-robin`;
      at = script.length;
      break;
    }
    return { pick: t, cursor: used + 1 === step.count ? { at: at + 1, used: 0 } : { at, used: used + 1 }, diverged };
  }
  const pick = roundRobin(can.map((t) => ({ id: t.id, state: 'runnable' as const, t })), last)?.t;
  return { pick, cursor: { at, used }, diverged };
}

/**
 * The cursor after the user picked `id` themselves: the script goes on if it would have chosen the same task,
 * otherwise it is left (round-robin from here).
 */
export function forced<T extends Candidate>(script: readonly ScheduleStep[], cursor: Cursor, can: readonly T[], nameOf: (id: number) => string, last: number | undefined, id: number): Cursor {
  const c = choose(script, cursor, can, nameOf, last);
  if (c.pick?.id === id) return c.cursor;
  return { at: script.length, used: 0 };
}

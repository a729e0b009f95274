import { UserError } from '../diagnostics';
import type { Scheduler, Schedulable } from './scheduler';

/**
 * Schedule strings: which task runs at each scheduling step, e.g. "T1:4,T2:7,T1:*" — T1 for four steps, T2 for
 * seven, then T1 for as long as it can run. Every run records the schedule it took, and a run given that string
 * takes the same steps, so any execution (the default one, or one an explorer found) replays exactly.
 * Task names are the scenario's task ids; kernel threads are "name@node" (dlm_astd@0).
 */
export interface ScheduleStep {
  task: string;
  /** How many scheduling steps; '*' = as long as the task is runnable. */
  count: number | '*';
}

export function parseSchedule(text: string, file = '<schedule>'): ScheduleStep[] {
  const steps: ScheduleStep[] = [];
  let col = 1;
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z_][\w.-]*(?:@\d+)?)\s*(?::\s*(\d+|\*))?\s*$/.exec(part);
    if (!m) throw new UserError({ file, line: 1, col }, `bad schedule element '${part.trim()}' (expected TASK, TASK:N or TASK:*)`);
    const count = m[2] === undefined ? 1 : m[2] === '*' ? '*' : Number(m[2]);
    if (count === 0) throw new UserError({ file, line: 1, col }, `a schedule element runs a task for at least one step ('${part.trim()}')`);
    steps.push({ task: m[1] as string, count });
    col += part.length + 1;
  }
  return steps;
}

/** Runs of the same task become TASK:N; a single step is just TASK:1, so the string reads uniformly. */
export function formatSchedule(picks: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < picks.length; ) {
    let j = i;
    while (j < picks.length && picks[j] === picks[i]) j++;
    out.push(`${picks[i]}:${j - i}`);
    i = j;
  }
  return out.join(',');
}

/**
 * A scheduler that follows `script`, then `fallback`. A script that names a task which cannot run at that step
 * no longer describes this execution: that is an error.
 */
export function scriptedScheduler(script: readonly ScheduleStep[], nameOf: (id: number) => string, fallback: Scheduler): Scheduler {
  let at = 0;
  let used = 0;
  let picks = 0;
  return <T extends Schedulable>(tasks: readonly T[], last: number | undefined): T | undefined => {
    if (!tasks.some((x) => x.state === 'runnable')) return undefined; // nothing can run: not a divergence
    let pick: T | undefined;
    while (at < script.length && pick === undefined) {
      const step = script[at] as ScheduleStep;
      const t = tasks.find((x) => nameOf(x.id) === step.task);
      const runnable = t !== undefined && t.state === 'runnable';
      if (step.count === '*') {
        if (runnable) pick = t;
        else {
          at++;
          used = 0;
        }
        continue;
      }
      if (!runnable) {
        const can = tasks.filter((x) => x.state === 'runnable').map((x) => nameOf(x.id));
        throw new UserError(undefined, `the schedule diverges at step ${picks + 1}: ${step.task} cannot run there (runnable: ${can.join(', ') || 'none'})`);
      }
      pick = t;
      if (++used === step.count) {
        at++;
        used = 0;
      }
    }
    pick ??= fallback(tasks, last);
    if (pick) picks++;
    return pick;
  };
}

/**
 * The scheduling decision, kept in one small function so the explorer can replace it (DPOR, schedule strings).
 * Deterministic round-robin: after task `last`, the next runnable task in the fixed order (task id order, which
 * is creation order across the cluster), wrapping around.
 */
export interface Schedulable {
  readonly id: number;
  readonly state: 'idle' | 'runnable' | 'blocked' | 'dead';
}

export type Scheduler = <T extends Schedulable>(tasks: readonly T[], last: number | undefined) => T | undefined;

export const roundRobin: Scheduler = (tasks, last) => {
  let first: (typeof tasks)[number] | undefined;
  for (const t of tasks) {
    if (t.state !== 'runnable') continue;
    if (first === undefined) first = t;
    if (last === undefined || t.id > last) return t;
  }
  return first;
};

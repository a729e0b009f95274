import { ANY, type Footprint } from './footprint';

/**
 * Happens-before for DPOR, by vector clocks over the transitions of the current execution. A clock maps a task
 * slot to the index of that task's last transition that happens before; transition i happens before the next
 * transition of task q when i <= clock(q)[slot(task of i)]. Every change is logged so that backtracking to
 * depth d undoes exactly the transitions from d on.
 */
type Clock = number[];

const join = (a: Clock, b: Clock | undefined): Clock => {
  if (!b) return a;
  for (let i = 0; i < b.length; i++) if ((b[i] as number) > (a[i] ?? -1)) a[i] = b[i] as number;
  return a;
};

export class HappensBefore {
  private readonly slots = new Map<number, number>();
  private readonly taskClock = new Map<number, Clock>();
  private readonly keyClock = new Map<string, Clock>();
  /** Per key, the transitions that touched it, in order (ANY lists the transitions that touch everything). */
  private readonly access = new Map<string, number[]>();
  /** Task and footprint of each transition of the current execution. */
  readonly tasks: number[] = [];
  readonly fps: Footprint[] = [];
  private readonly undo: (() => void)[][] = [];

  private slot(task: number): number {
    let s = this.slots.get(task);
    if (s === undefined) this.slots.set(task, (s = this.slots.size));
    return s;
  }

  get length(): number {
    return this.tasks.length;
  }

  /** Records transition number `length` by `task` touching `fp`; `woken` are the tasks it made runnable. */
  push(task: number, fp: Footprint): void {
    const i = this.tasks.length;
    const log: (() => void)[] = [];
    const vc: Clock = [...(this.taskClock.get(task) ?? [])];
    const keys = fp.includes(ANY) ? [...this.keyClock.keys()] : [...fp, ANY];
    for (const k of keys) join(vc, this.keyClock.get(k));
    vc[this.slot(task)] = i;
    const setClock = <K>(m: Map<K, Clock>, k: K, c: Clock): void => {
      const old = m.get(k);
      log.push(() => (old ? m.set(k, old) : m.delete(k)));
      m.set(k, c);
    };
    setClock(this.taskClock, task, vc);
    for (const k of fp.length ? fp : []) {
      setClock(this.keyClock, k, vc);
      let list = this.access.get(k);
      if (!list) this.access.set(k, (list = []));
      list.push(i);
      const l = list;
      log.push(() => l.pop());
    }
    this.tasks.push(task);
    this.fps.push(fp);
    this.undo.push(log);
  }

  /** The last transition made the blocked task `task` runnable: its next transition happens after it. */
  woke(task: number): void {
    const last = this.tasks.length - 1;
    const by = this.taskClock.get(this.tasks[last] as number);
    if (last < 0 || !by) return;
    const old = this.taskClock.get(task);
    (this.undo[last] as (() => void)[]).push(() => (old ? this.taskClock.set(task, old) : this.taskClock.delete(task)));
    this.taskClock.set(task, join([...(old ?? [])], by));
  }

  /** Back to the first `depth` transitions. */
  truncate(depth: number): void {
    while (this.tasks.length > depth) {
      const log = this.undo.pop() as (() => void)[];
      for (let j = log.length - 1; j >= 0; j--) (log[j] as () => void)();
      this.tasks.pop();
      this.fps.pop();
    }
  }

  private happensBefore(i: number, task: number): boolean {
    const c = this.taskClock.get(task);
    const s = this.slots.get(this.tasks[i] as number);
    return c !== undefined && s !== undefined && i <= (c[s] ?? -1);
  }

  /**
   * The earlier transitions that `task`'s transition touching `fp` races with (dependent, by another task, not
   * ordered before it by happens-before) and that Flanagan–Godefroid would have found while it waited to run:
   * at every state since the task's previous transition, the last race before that state — every race after
   * its previous transition, and the last one before.
   */
  races(task: number, fp: Footprint): number[] {
    if (fp.length === 0) return [];
    const since = (this.taskClock.get(task)?.[this.slots.get(task) ?? -1] ?? -1) + 1;
    const found = new Set<number>();
    let lastBefore = -1;
    const lists = fp.includes(ANY) ? [...this.access.values()] : [...fp, ANY].map((k) => this.access.get(k) ?? []);
    for (const list of lists) {
      for (let j = list.length - 1; j >= 0; j--) {
        const i = list[j] as number;
        if (i < since && i <= lastBefore) break;
        if (this.tasks[i] === task || this.happensBefore(i, task)) continue;
        if (i >= since) found.add(i);
        else {
          lastBefore = i;
          break;
        }
      }
    }
    if (lastBefore >= 0) found.add(lastBefore);
    return [...found];
  }

  /**
   * The Mazurkiewicz trace of the execution, as text: per object, which task's how-manieth transition touched
   * it in what order. Two executions are equivalent (differ only in the order of independent transitions)
   * exactly when these agree.
   */
  traceKey(): string {
    const local = new Map<number, number>();
    const seq = new Map<string, string[]>();
    this.tasks.forEach((t, i) => {
      const n = local.get(t) ?? 0;
      local.set(t, n + 1);
      const fp = this.fps[i] as Footprint;
      const keys = fp.includes(ANY) ? [ANY, ...seq.keys()] : fp;
      for (const k of keys) {
        let l = seq.get(k);
        if (!l) seq.set(k, (l = []));
        l.push(`${t}.${n}`);
      }
    });
    return [...seq.keys()]
      .sort()
      .map((k) => `${k}=${(seq.get(k) as string[]).join(',')}`)
      .join(';');
  }
}

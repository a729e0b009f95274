import type { LockEvent } from '../kernel/events';
import type { ScenarioResult } from '../scenario';
import { fullItem, generaliseItemShape } from './pack';
import type { TimelineCycle, TimelineData, TimelineItem, TimelineItemKind, TimelineLane, TimelineLock, TimelineNode } from './types';

/**
 * Turns one scenario run into timeline data: a lane per scenario task and per kernel thread that took a lock,
 * grouped by node; lock hold spans (acquire to the matching release of the same task and lock, innermost
 * first), wait spans (contended to acquired), syscall spans (the trace), the oops and deadlock marks, and the
 * deadlock cycle. One pass over the events, then two sorts; fine for 100 000 events. The items come out lane by
 * lane, row by row, each row by start, the marks after their lane's rows: the order the layout and the packed
 * form keep them in (columns.ts).
 */
export function buildTimeline(result: ScenarioResult): TimelineData {
  const endStep = result.steps;
  let startStep = endStep;
  for (const t of result.trace) startStep = Math.min(startStep, t.startStep);
  for (const e of result.events) startStep = Math.min(startStep, e.step);

  // --- lanes: the scenario's tasks in order, then the kernel threads met in the events, by node
  const lanes: TimelineLane[] = [];
  const laneByKernelId = new Map<number, number>();
  const laneByTask = new Map<string, number>();
  const addLane = (l: Omit<TimelineLane, 'index' | 'rows' | 'cycle'>): number => {
    const index = lanes.length;
    lanes.push({ ...l, index, rows: 0, cycle: false });
    laneByKernelId.set(l.kernelId, index);
    laneByTask.set(l.task, index);
    return index;
  };
  for (const t of result.tasks) addLane({ node: t.node, label: t.id, task: t.id, kernelId: t.kernelId, kind: 'task' });
  for (const e of result.events) {
    if (laneByKernelId.has(e.task)) continue;
    // named as schedule strings name it ("dlm_astd@0"); under its node the lane just says "dlm_astd"; two
    // threads of one name on one node get the kernel id appended
    let label = e.taskName;
    let task = `${e.taskName}@${e.node}`;
    if (laneByTask.has(task)) {
      label = `${e.taskName}#${e.task}`;
      task = `${label}@${e.node}`;
    }
    addLane({ node: e.node, label, task, kernelId: e.task, kind: 'thread' });
  }

  // --- locks and source locations, interned (numeric keys: string keys cost more than the rest at 100 000 events)
  const locks: TimelineLock[] = [];
  const lockIndex = new Map<number, number[]>();
  const lockOf = (e: LockEvent): number => {
    const key = e.node * 2 ** 40 + e.addr;
    let same = lockIndex.get(key);
    if (!same) lockIndex.set(key, (same = []));
    // memory is reused: a new name or class at an old address is another lock
    for (const i of same) {
      const l = locks[i] as TimelineLock;
      if (l.name === e.name && l.cls === e.cls) return i;
    }
    const i = locks.length;
    locks.push({ node: e.node, addr: e.addr, name: e.name, cls: e.cls, kind: e.kind });
    same.push(i);
    return i;
  };
  const locs: string[] = [];
  const locIndex = new Map<string, Map<number, number>>();
  const locOf = (file: string | undefined, line: number | undefined): number | undefined => {
    if (file === undefined) return undefined;
    let byLine = locIndex.get(file);
    if (!byLine) locIndex.set(file, (byLine = new Map()));
    const ln = line ?? 0;
    let i = byLine.get(ln);
    if (i === undefined) {
      i = locs.length;
      locs.push(line === undefined ? file : `${file}:${line}`);
      byLine.set(ln, i);
    }
    return i;
  };

  // --- spans from the lock events, as fixed-shape records first (turned into lean JSON items at the end)
  const spans: Span[] = [];
  /** Open holds by task and lock, innermost last; open holds by lock; open waits by task and lock. */
  const holds = new Map<number, Span[]>();
  const holdsOfLock = new Map<number, Span[]>();
  const waits = new Map<number, Span>();
  const closeWait = (key: number, e: LockEvent): void => {
    const w = waits.get(key);
    if (!w) return;
    waits.delete(key);
    w.end = e.step;
    w.open = false;
    w.endAt = locOf(e.loc?.file, e.loc?.line);
  };
  for (const e of result.events) {
    if (e.op === 'init') continue;
    const lock = lockOf(e);
    const key = e.task * 2 ** 24 + lock;
    const lane = laneByKernelId.get(e.task) as number;
    switch (e.op) {
      case 'acquire': {
        // a wait the runtime did not close with 'acquired' ends here
        closeWait(key, e);
        const sp = new Span('hold', lane, e.step, endStep, lock, e.mode, locOf(e.loc?.file, e.loc?.line));
        sp.trylock = e.trylock === true;
        sp.recursive = e.recursive === true;
        spans.push(sp);
        push(holds, key, sp);
        push(holdsOfLock, lock, sp);
        break;
      }
      case 'release': {
        // the task's own innermost hold; else (a semaphore up()ed by another task) the oldest hold of the lock
        let sp = holds.get(key)?.pop();
        if (!sp) {
          sp = holdsOfLock.get(lock)?.[0];
          if (sp) {
            const theirs = holds.get((lanes[sp.lane] as TimelineLane).kernelId * 2 ** 24 + lock);
            theirs?.splice(theirs.indexOf(sp), 1);
          }
        }
        if (!sp) break;
        const all = holdsOfLock.get(lock) as Span[];
        all.splice(all.lastIndexOf(sp), 1);
        sp.end = e.step;
        sp.open = false;
        sp.endAt = locOf(e.loc?.file, e.loc?.line);
        break;
      }
      case 'contended': {
        closeWait(key, e);
        const sp = new Span('wait', lane, e.step, endStep, lock, e.mode, locOf(e.loc?.file, e.loc?.line));
        spans.push(sp);
        waits.set(key, sp);
        break;
      }
      case 'acquired':
        closeWait(key, e);
        break;
    }
  }

  // --- syscalls and marks
  for (const t of result.trace) {
    const lane = laneByTask.get(t.task);
    if (lane === undefined) continue;
    const sp = new Span('syscall', lane, t.startStep, t.endStep, undefined, undefined, undefined);
    // 'blocked': still waiting when the run stopped; 'running': in progress at a debugger's stop
    sp.open = t.result === 'blocked' || t.result === 'running';
    sp.text = t.call;
    sp.result = t.result;
    spans.push(sp);
  }
  for (const o of result.oops) {
    const lane = laneByTask.get(o.task);
    if (lane === undefined) continue;
    // the call that oopsed ended at the oops
    const call = result.trace.find((t) => t.task === o.task && t.result === 'oops');
    const step = call?.endStep ?? endStep;
    const sp = new Span('oops', lane, step, step, undefined, undefined, locOf(o.file, o.line));
    sp.open = false;
    sp.text = `oops (${o.kind}): ${o.message}`;
    spans.push(sp);
  }
  const deadlocked = (result.deadlock?.tasks ?? []).map((t) => laneByTask.get(t)).filter((l): l is number => l !== undefined);
  for (const lane of deadlocked) {
    const sp = new Span('deadlock', lane, endStep, endStep, undefined, undefined, undefined);
    sp.open = false;
    sp.text = result.deadlock?.message ?? 'deadlock';
    spans.push(sp);
  }

  // --- the deadlock cycle: what the deadlocked tasks still wait for, and who holds it
  let cycle: TimelineCycle | undefined;
  if (result.deadlock) {
    const inCycle = new Set(deadlocked);
    const cycleLocks = new Set<number>();
    const edges: TimelineCycle['edges'] = [];
    for (const w of waits.values()) {
      if (!inCycle.has(w.lane) || w.lock === undefined) continue;
      w.cycle = true;
      cycleLocks.add(w.lock);
      for (const h of holdsOfLock.get(w.lock) ?? []) {
        if (h.lane === w.lane) continue;
        h.cycle = true;
        edges.push({ waiter: w.lane, holder: h.lane, lock: w.lock });
      }
    }
    for (const l of inCycle) (lanes[l] as TimelineLane).cycle = true;
    cycle = { message: result.deadlock.message, lanes: [...inCycle], locks: [...cycleLocks], items: [], edges, step: endStep };
  }

  // --- order, rows (holds and waits stacked greedily so that none overlap in a row), the JSON items
  spans.sort((a, b) => a.start - b.start || b.end - a.end || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const rowEnds: number[][] = lanes.map(() => []);
  for (const sp of spans) {
    if (sp.kind !== 'hold' && sp.kind !== 'wait') continue;
    const ends = rowEnds[sp.lane] as number[];
    let r = 0;
    while (r < ends.length && (ends[r] as number) > sp.start) r++;
    ends[r] = Math.max(sp.end, sp.start);
    sp.row = r + 1;
  }
  for (const l of lanes) l.rows = (rowEnds[l.index] as number[]).length;
  // slot order (columns.ts): each lane's rows then its marks, each row still by start (the sort is stable)
  const mark = (sp: Span) => sp.kind === 'oops' || sp.kind === 'deadlock';
  spans.sort((a, b) => a.lane - b.lane || Number(mark(a)) - Number(mark(b)) || (mark(a) ? 0 : a.row - b.row));
  generaliseItemShape();
  const items = spans.map(toItem);
  if (cycle) cycle.items = spans.flatMap((sp, i) => (sp.cycle ? [i] : []));

  const nodes: TimelineNode[] = [];
  for (const l of lanes) {
    let n = nodes.find((x) => x.node === l.node);
    if (!n) nodes.push((n = { node: l.node, label: `node${l.node}`, lanes: [] }));
    n.lanes.push(l.index);
  }
  nodes.sort((a, b) => a.node - b.node);
  // scenario tasks first, then kernel threads, within each node
  for (const n of nodes) n.lanes.sort((a, b) => Number(lanes[a]?.kind === 'thread') - Number(lanes[b]?.kind === 'thread') || a - b);

  return {
    version: 1,
    scenario: result.scenario,
    policy: result.policy,
    verdict: result.verdict,
    schedule: result.schedule,
    startStep,
    endStep,
    nodes,
    lanes,
    locks,
    locs,
    items,
    cycle,
  };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

/** At one step: syscalls before lock spans before marks (marks draw on top). */
const KIND_ORDER: Record<TimelineItemKind, number> = { syscall: 0, wait: 1, hold: 2, oops: 3, deadlock: 3 };

/** A span or mark while the timeline is built: every field present, so every record has one shape. */
class Span {
  row = 0;
  open = true;
  cycle = false;
  endAt: number | undefined = undefined;
  text: string | undefined = undefined;
  result: string | undefined = undefined;
  trylock = false;
  recursive = false;
  constructor(
    readonly kind: TimelineItemKind,
    readonly lane: number,
    readonly start: number,
    public end: number,
    readonly lock: number | undefined,
    readonly mode: 'read' | 'write' | undefined,
    readonly at: number | undefined,
  ) {}
}

/**
 * The item: every field present, undefined where it does not apply, so that all items share one shape (the
 * layout reads 100 000 of them fast) while JSON.stringify still leaves the undefined ones out.
 */
function toItem(sp: Span): TimelineItem {
  return fullItem(sp.kind, sp.lane, sp.row, sp.start, sp.end, {
    lock: sp.lock,
    mode: sp.mode,
    open: sp.open && sp.kind !== 'oops' && sp.kind !== 'deadlock' ? true : undefined,
    cycle: sp.cycle ? true : undefined,
    at: sp.at,
    endAt: sp.endAt,
    text: sp.text,
    result: sp.result,
    trylock: sp.trylock ? true : undefined,
    recursive: sp.recursive ? true : undefined,
  });
}

import { formatLoc } from '../core/diagnostics';
import type { Cluster } from '../core/kernel/cluster';
import type { LockEvent } from '../core/kernel/events';
import type { LockHolder, LockTableEntry, LockWaiter, TraceEventInfo } from './protocol';

/**
 * Who holds and who waits for which lock, replayed from the cluster's lock-event log (builtin locks and the C
 * locks announced through the lockdep hooks alike). The log is the one source the checkers use too, so the
 * debugger's view agrees with their reports.
 */

export interface Hold {
  node: number;
  addr: number;
  kind: LockEvent['kind'];
  name: string;
  cls: string;
  mode: 'read' | 'write';
  count: number;
  sinceStep: number;
  at: string | undefined;
}

interface Replay {
  /** node:addr → holds by task. */
  holds: Map<string, Map<number, Hold>>;
  /** task → the lock it announced waiting for (contended, not yet acquired). */
  waits: Map<number, { key: string; ev: LockEvent }>;
  first: Map<string, LockEvent>;
}

/**
 * The replay of a cluster's log, kept per log and extended as the log grows: every stop asks for the locks of
 * a thread, and the log holds thousands of events. A log cut back by stepping back, or grown on another path
 * (its last known event is not the same object), is replayed from the start.
 */
const cache = new WeakMap<readonly LockEvent[], { len: number; last: LockEvent | undefined; r: Replay }>();

function replay(events: readonly LockEvent[]): Replay {
  let c = cache.get(events);
  if (!c || c.len > events.length || (c.len > 0 && events[c.len - 1] !== c.last)) {
    c = { len: 0, last: undefined, r: { holds: new Map(), waits: new Map(), first: new Map() } };
    cache.set(events, c);
  }
  if (c.len < events.length) {
    apply(c.r, events, c.len);
    c.len = events.length;
    c.last = events[events.length - 1];
  }
  return c.r;
}

function apply(r: Replay, events: readonly LockEvent[], from: number): void {
  const { holds, waits, first } = r;
  for (let i = from; i < events.length; i++) {
    const e = events[i] as LockEvent;
    const key = `${e.node}:${e.addr}`;
    if (!first.has(key)) first.set(key, e);
    if (e.op === 'contended') waits.set(e.task, { key, ev: e });
    else if (e.op === 'acquired') waits.delete(e.task);
    else if (e.op === 'acquire') {
      waits.delete(e.task);
      let m = holds.get(key);
      if (!m) holds.set(key, (m = new Map()));
      const h = m.get(e.task);
      if (h) h.count++;
      else m.set(e.task, { node: e.node, addr: e.addr, kind: e.kind, name: e.name, cls: e.cls, mode: e.mode, count: 1, sinceStep: e.step, at: e.loc && formatLoc(e.loc) });
    } else if (e.op === 'release') {
      const m = holds.get(key);
      const h = m?.get(e.task);
      if (m && h && --h.count <= 0) m.delete(e.task);
    }
  }
}

/** The locks a task holds now, oldest first. */
export function heldBy(c: Cluster, task: number): Hold[] {
  const r = replay(c.events);
  const out: Hold[] = [];
  for (const m of r.holds.values()) {
    const h = m.get(task);
    if (h) out.push(h);
  }
  return out.sort((a, b) => a.sinceStep - b.sinceStep);
}

/** What a task announced it waits for (a lock it contended for), if anything. */
export function waitingFor(c: Cluster, task: number): LockEvent | undefined {
  return replay(c.events).waits.get(task)?.ev;
}

export function describeHold(h: Hold): string {
  return `${h.name} (${h.mode === 'read' ? 'shared' : 'exclusive'})`;
}

/** Every lock held or waited for, cluster-wide. */
export function lockTable(c: Cluster, nameOf: (task: number) => string): LockTableEntry[] {
  const r = replay(c.events);
  const entries = new Map<string, LockTableEntry>();
  const entry = (key: string, e: { node: number; addr: number; kind: LockEvent['kind']; name: string; cls: string }): LockTableEntry => {
    let x = entries.get(key);
    if (!x) entries.set(key, (x = { node: e.node, address: '0x' + e.addr.toString(16), kind: e.kind, name: e.name, cls: e.cls, holders: [], waiters: [] }));
    return x;
  };
  for (const [key, m] of r.holds) {
    for (const [task, h] of m) {
      const holder: LockHolder = { threadId: task, task: nameOf(task), mode: h.mode, sinceStep: h.sinceStep, at: h.at };
      entry(key, h).holders.push(holder);
    }
  }
  for (const [task, w] of r.waits) {
    const kt = c.taskById.get(task);
    if (!kt || kt.state === 'dead') continue;
    const waiter: LockWaiter = { threadId: task, task: nameOf(task), mode: w.ev.mode, at: w.ev.loc && formatLoc(w.ev.loc) };
    entry(w.key, w.ev).waiters.push(waiter);
  }
  return [...entries.values()].filter((e) => e.holders.length || e.waiters.length);
}

export function traceEvents(c: Cluster, from: number, nameOf: (task: number) => string): TraceEventInfo[] {
  return c.events.slice(Math.max(0, from)).map((e) => ({
    seq: e.seq,
    step: e.step,
    node: e.node,
    threadId: e.task,
    task: nameOf(e.task),
    op: e.op,
    kind: e.kind,
    name: e.name,
    mode: e.mode,
    at: e.loc && formatLoc(e.loc),
  }));
}

import type { LockTableEntry } from '../../debug/protocol';
import type { TreeNode } from './tree-node';

/**
 * The Locks view: every lock that is held or waited for, cluster-wide, with its holders (mode, since which
 * scheduling step, where taken) and its waiters in queue order. When the waits close a cycle the locks and
 * tasks on it are marked: that is the deadlock, read off the same table the user sees.
 */

/** Task thread ids and lock keys on a wait-for cycle (task waits for a lock held by the next task). */
export interface WaitCycle {
  threads: Set<number>;
  locks: Set<string>;
}

export function lockKey(l: Pick<LockTableEntry, 'node' | 'address'>): string {
  return `${l.node}:${l.address}`;
}

/**
 * Finds the tasks that wait, through lock holders, for themselves. A task waits for every holder of the lock it
 * is queued on; a depth-first search over that graph marks the strongly connected part that loops.
 */
export function findWaitCycle(locks: readonly LockTableEntry[]): WaitCycle {
  const waitsOn = new Map<number, LockTableEntry>();
  for (const l of locks) for (const w of l.waiters) waitsOn.set(w.threadId, l);
  // a task queued on a lock it holds itself (a recursive glock) is a cycle of one
  const next = (t: number): number[] => (waitsOn.get(t)?.holders ?? []).map((h) => h.threadId);
  const threads = new Set<number>();
  // Tarjan would find every component; waits form a graph of out-degree ≤ holders, small enough for a walk from
  // each waiter that records the loop it closes.
  for (const start of waitsOn.keys()) {
    const path: number[] = [];
    const onPath = new Map<number, number>();
    const walk = (t: number): void => {
      if (onPath.has(t)) {
        for (const c of path.slice(onPath.get(t))) threads.add(c);
        return;
      }
      if (path.length > waitsOn.size) return;
      onPath.set(t, path.length);
      path.push(t);
      for (const n of next(t)) walk(n);
      path.pop();
      onPath.delete(t);
    };
    walk(start);
  }
  const cycleLocks = new Set<string>();
  for (const t of threads) {
    const l = waitsOn.get(t);
    if (l && l.holders.some((h) => threads.has(h.threadId))) cycleLocks.add(lockKey(l));
  }
  return { threads, locks: cycleLocks };
}

/** A lock the C code announces through lockdep (a glock) is named by its class; the builtins by their kind. */
function kindLabel(l: LockTableEntry): string {
  return l.kind === 'lockdep' && l.cls ? l.cls : l.kind;
}

/** What each queued task waits for, read off the lock table: "glock 2/6 (write)". The task list itself only
 * knows the wait queue a task sleeps on, which for a glock is the completion inside glock_wait_internal. */
export function lockWaits(locks: readonly LockTableEntry[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const l of locks) for (const w of l.waiters) out.set(w.threadId, `${l.name}${w.mode ? ` (${w.mode})` : ''}`);
  return out;
}

function modeHeld(l: LockTableEntry): string {
  if (!l.holders.length) return 'free';
  return l.holders.some((h) => h.mode === 'write') ? 'write' : 'read';
}

export function lockNodes(locks: readonly LockTableEntry[], nodeName: (n: number) => string = (n) => `node${n}`): TreeNode[] {
  const cycle = findWaitCycle(locks);
  return locks.map((l) => {
    const key = lockKey(l);
    const onCycle = cycle.locks.has(key);
    const held = modeHeld(l);
    const children: TreeNode[] = [
      ...l.holders.map((h): TreeNode => ({
        id: `lock:${key}:holder:${h.threadId}`,
        label: h.task,
        description: `holds ${h.mode} since step ${h.sinceStep}${h.at ? ` · ${h.at}` : ''}`,
        icon: { id: h.mode === 'write' ? 'lock' : 'unlock', ...(cycle.threads.has(h.threadId) ? { color: 'errorForeground' } : {}) },
        ...(h.at ? { reveal: parseAt(h.at) } : {}),
        contextValue: 'holder',
      })),
      ...l.waiters.map((w, i): TreeNode => ({
        id: `lock:${key}:waiter:${w.threadId}`,
        label: w.task,
        description: `waits #${i + 1}${w.mode ? ` for ${w.mode}` : ''}${w.at ? ` · ${w.at}` : ''}`,
        icon: { id: 'watch', ...(cycle.threads.has(w.threadId) ? { color: 'errorForeground' } : {}) },
        ...(w.at ? { reveal: parseAt(w.at) } : {}),
        contextValue: 'waiter',
      })),
    ];
    return {
      id: `lock:${key}`,
      label: l.name,
      // what matters most comes first: a narrow sidebar cuts the end off
      description: `${onCycle ? 'DEADLOCK CYCLE · ' : ''}${held}${l.waiters.length ? ` · ${l.waiters.length} waiting` : ''} · ${kindLabel(l)} · ${nodeName(l.node)}`,
      tooltip: `${l.kind} ${l.name} (class ${l.cls}) at ${l.address} on ${nodeName(l.node)}\n${l.holders.length} holder(s), ${l.waiters.length} waiter(s)${onCycle ? '\nOn the wait-for cycle: every task on it waits for a lock another one holds.' : ''}`,
      icon: onCycle ? { id: 'error', color: 'errorForeground' } : { id: held === 'free' ? 'unlock' : 'lock', ...(l.waiters.length ? { color: 'editorWarning.foreground' } : {}) },
      children,
      expanded: onCycle || l.waiters.length > 0,
      contextValue: onCycle ? 'lock-cycle' : 'lock',
    };
  });
}

/** "fs/gfs2/glock.c:1132" or "fs/gfs2/glock.c:1132:5" → a location relative to the patched tree. */
export function parseAt(at: string): { path: string; line: number } | undefined {
  const m = /^(.*?):(\d+)(?::\d+)?$/.exec(at);
  return m && m[1] ? { path: m[1], line: Number(m[2]) } : undefined;
}

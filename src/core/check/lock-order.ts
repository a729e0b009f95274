import type { SourceLoc } from '../diagnostics';
import { formatLoc } from '../diagnostics';
import type { LockEvent } from '../kernel/events';

/**
 * Lock-order inversions, the way lockdep finds them: every time a task takes lock B while holding lock A, the
 * order A → B is recorded with where each was taken; an order that closes a cycle is a possible deadlock even
 * if this run never blocked (scenario s8: the crossed pattern run one task after the other).
 *
 * Locks are compared by class for kernel locks (all mmap_sems are one class, as in lockdep) and by instance
 * for cluster locks announced through the lockdep hooks: every inode glock shares a class, and the question a
 * locking patch raises is in which order two files' glocks are taken, cluster-wide (the instance name, e.g.
 * "glock 2/17", carries no node).
 */
export interface Acquisition {
  lock: string;
  mode: 'read' | 'write';
  node: number;
  task: string;
  step: number;
  loc: SourceLoc | undefined;
}

/** One recorded order: `held` was held when `taken` was acquired. */
export interface OrderEdge {
  held: Acquisition;
  taken: Acquisition;
}

export interface Inversion {
  /** The cycle as orders, each the first time it was seen: cycle[i].taken.lock === cycle[i+1].held.lock. */
  cycle: OrderEdge[];
}

function keyOf(e: LockEvent): string {
  return e.kind === 'lockdep' ? e.name : e.cls;
}

/** Collects the first occurrence of each order between two different locks. */
export function lockOrders(events: readonly LockEvent[]): OrderEdge[] {
  const held = new Map<number, Acquisition[]>();
  const edges = new Map<string, OrderEdge>();
  for (const e of events) {
    const stack = held.get(e.task) ?? [];
    held.set(e.task, stack);
    const lock = keyOf(e);
    if (e.op === 'acquire') {
      const a: Acquisition = { lock, mode: e.mode, node: e.node, task: e.taskName, step: e.step, loc: e.loc };
      // A trylock cannot wait, so it cannot close a deadlock; a recursive hold adds no new order.
      if (!e.trylock && !e.recursive) {
        for (const h of stack) {
          // Two shared holds of one rwsem-like lock do not exclude each other; the same lock twice is recursion.
          if (h.lock === lock) continue;
          const k = `${h.lock}\u0000${lock}`;
          if (!edges.has(k)) edges.set(k, { held: h, taken: a });
        }
      }
      stack.push(a);
    } else if (e.op === 'release') {
      for (let i = stack.length - 1; i >= 0; i--) {
        if ((stack[i] as Acquisition).lock === lock) {
          stack.splice(i, 1);
          break;
        }
      }
    }
  }
  return [...edges.values()];
}

/** Cycles in the order graph, each reported once, shortest first (an ABBA pair is the common case). */
export function findInversions(events: readonly LockEvent[]): Inversion[] {
  const edges = lockOrders(events);
  const out = new Map<string, Inversion>();
  const from = new Map<string, OrderEdge[]>();
  for (const e of edges) from.set(e.held.lock, [...(from.get(e.held.lock) ?? []), e]);
  // Breadth-first from each edge's target back to its source finds the shortest cycle through that edge.
  for (const start of edges) {
    const prev = new Map<string, OrderEdge>();
    const queue = [start.taken.lock];
    const seen = new Set(queue);
    while (queue.length) {
      const at = queue.shift() as string;
      if (at === start.held.lock) break;
      for (const e of from.get(at) ?? []) {
        if (seen.has(e.taken.lock)) continue;
        seen.add(e.taken.lock);
        prev.set(e.taken.lock, e);
        queue.push(e.taken.lock);
      }
    }
    if (!prev.has(start.held.lock)) continue;
    const path: OrderEdge[] = [];
    for (let at = start.held.lock; at !== start.taken.lock; ) {
      const e = prev.get(at) as OrderEdge;
      path.unshift(e);
      at = e.held.lock;
    }
    const cycle = [start, ...path];
    const key = cycle.map((e) => e.held.lock).sort().join('\u0000');
    if (!out.has(key)) out.set(key, { cycle });
  }
  return [...out.values()].sort((a, b) => a.cycle.length - b.cycle.length);
}

function where(a: Acquisition): string {
  return `${a.lock} (${a.mode === 'read' ? 'shared' : 'exclusive'}) by node${a.node}/${a.task} at ${a.loc ? formatLoc(a.loc) : '?'}, step ${a.step}`;
}

/**
 * The explanation lockdep prints: the orders that form the cycle with where each was seen, then the
 * two-column "possible unsafe locking scenario" for an ABBA pair.
 */
export function formatInversion(inv: Inversion): string {
  const lines = ['WARNING: possible circular locking dependency detected', ''];
  inv.cycle.forEach((e, i) => {
    lines.push(`-> #${i}: ${e.taken.lock} taken while holding ${e.held.lock}:`);
    lines.push(`     held:  ${where(e.held)}`);
    lines.push(`     taken: ${where(e.taken)}`);
  });
  const first = inv.cycle[0] as OrderEdge;
  const second = inv.cycle[1];
  if (inv.cycle.length === 2 && second) {
    const a = first.held.lock;
    const b = first.taken.lock;
    const col = Math.max(28, `lock(${a});`.length + 4, `lock(${b});`.length + 4);
    const row = (l: string, r: string) => `       ${l.padEnd(col)}${r}`.trimEnd();
    lines.push('', ' Possible unsafe locking scenario:', '', row('CPU0', 'CPU1'), row('----', '----'));
    lines.push(row(`lock(${a});`, ''), row('', `lock(${b});`), row('', `lock(${a});`), row(`lock(${b});`, ''));
    lines.push('', ' *** DEADLOCK ***');
  }
  return lines.join('\n');
}

import { NO_SWITCH_BUILTINS, SYNC_BUILTINS } from '../kernel/builtin-names';
import type { Cluster } from '../kernel/cluster';
import type { WaitReason } from '../kernel/locks';
import type { KTask } from '../kernel/node';
import type { I64 } from '../vm/int64';

/**
 * What a transition touches, as keys: two transitions of different tasks are dependent (their order can matter)
 * when their keys meet. A transition is one slice of a task: the scheduling-point builtin it stopped in front
 * of, then C up to the next one it may be preempted at — a task holding a spinlock is not preempted, so a
 * spinlock section is part of one transition (docs/exploration.md). Lock objects and wait queues are per node ("n0:0x1234"); the DLM is one
 * cluster-wide object because its lock ids and per-node AST queues are shared by every resource. C memory
 * touched between scheduling points is not a key: the model kernel protects shared data with these locks, so
 * exploration is complete modulo unlocked data races.
 */
export type Footprint = readonly string[];

/** Conflicts with every transition. */
export const ANY = '*';


const DLM = new Set(['dlm_new_lockspace', 'dlm_release_lockspace', 'dlm_lock', 'dlm_unlock', '__dlm_next_ast']);

const objectKey = (node: number, addr: number): string => `n${node}:0x${addr.toString(16)}`;

function waitKeys(node: number, w: WaitReason): string[] {
  switch (w.kind) {
    case 'spinlock':
    case 'rwsem':
    case 'semaphore':
      return [objectKey(node, w.addr)];
    case 'waitqueue':
      return w.queues.map((q) => objectKey(node, q));
    case 'dlm-ast':
      return ['dlm'];
  }
}

/** The keys of one scheduling-point builtin `kt` is about to run (lockdep annotations touch nothing). */
export function syncKeys(kt: KTask, name: string, args: readonly I64[]): string[] {
  const node = kt.node.index;
  if (DLM.has(name)) return ['dlm'];
  if (name === 'schedule') return kt.node.locks.queuesOf(kt.id).map((q) => objectKey(node, q));
  if (NO_SWITCH_BUILTINS.has(name)) return [];
  // __sim_spawn hands out cluster-wide task ids
  if (name === '__sim_spawn') return ['spawn'];
  // every other scheduling point is a lock or wait-queue operation on the object its first argument points to
  if (SYNC_BUILTINS.has(name)) return [objectKey(node, Number(args[0] ?? 0))];
  return [ANY];
}

/**
 * A woken task's next transition first completes what it waited for (the lock handed over, the wake-up): it
 * is ordered with the waker and with everyone else on that object.
 */
export function wakeKeys(kt: KTask): string[] {
  return kt.woken ? waitKeys(kt.node.index, kt.woken) : [];
}

/**
 * Collects the keys of the transition a task runs: the wake it completes, then every scheduling-point builtin
 * of its slice (one when it holds no spinlock, the whole spinlock section otherwise), as the cluster reports
 * them. A transition's footprint is known exactly once it ran; the explorer learns those of transitions it did
 * not choose by running them from a snapshot.
 */
export function recordFootprint(c: Cluster, kt: KTask, run: () => void): Footprint {
  const keys = new Set(wakeKeys(kt));
  c.syncObserver = (t, name, args) => {
    for (const k of syncKeys(t, name, args)) keys.add(k);
  };
  try {
    run();
  } finally {
    c.syncObserver = undefined;
  }
  return [...keys];
}

export function dependent(a: Footprint, b: Footprint): boolean {
  if (a.length === 0 || b.length === 0) return false;
  if (a.includes(ANY) || b.includes(ANY)) return true;
  return a.some((k) => b.includes(k));
}

import type { SourceLoc } from '../diagnostics';

/**
 * The lock-event log: every acquire, release, contention and end of wait of a builtin lock (spinlock, rwsem,
 * semaphore) or of a C lock announced through the lockdep hooks. The deadlock and lock-order checkers are built
 * on it; it is plain data, JSON-serialisable.
 */
export type LockKind = 'spinlock' | 'rwsem' | 'semaphore' | 'lockdep';

export type LockOp =
  /** The task now holds the lock (after any wait). */
  | 'acquire'
  /** The task dropped one hold. */
  | 'release'
  /** The task starts waiting for the lock. */
  | 'contended'
  /** The wait begun by 'contended' is over (granted or not). */
  | 'acquired'
  /** init_* / lockdep_init_map: the lock's class is set. */
  | 'init';

export interface LockEvent {
  /** Position in the cluster's log. */
  seq: number;
  /** The cluster's scheduling step when it happened. */
  step: number;
  node: number;
  /** Cluster-wide task id and its display name. */
  task: number;
  taskName: string;
  op: LockOp;
  kind: LockKind;
  /** Address of the lock object (or lockdep_map) in the node's memory. */
  addr: number;
  /** Instance name ("glock 2/17") or, for builtin locks, the class name. */
  name: string;
  /** Lock class for the order checker ("&mm->mmap_sem", "gfs2_glock(inode)"). */
  cls: string;
  /** 'read' for shared holds (down_read, lock_acquire read=1), 'write' for exclusive ones. */
  mode: 'read' | 'write';
  trylock?: boolean;
  /** A repeat hold of a lockdep map the task already holds (GFS2 recursion, OCFS2 holder counts). */
  recursive?: boolean;
  /** Where in the C the builtin was called. */
  loc: SourceLoc | undefined;
}

/** A line of printk output, or a report the kernel runtime makes itself (oops, warning). */
export interface LogLine {
  step: number;
  node: number;
  task: number;
  taskName: string;
  /** The "<n>" printk level (4 = KERN_WARNING, ...), or undefined. */
  level: number | undefined;
  text: string;
}

/** A problem the runtime noticed that does not stop the task (scheduling while atomic, self-deadlock, ...). */
export interface KernelWarning {
  step: number;
  node: number;
  task: number;
  taskName: string;
  kind: 'sleep-in-atomic' | 'self-deadlock' | 'lock-reinit' | 'uninitialised-lock';
  message: string;
  loc: SourceLoc | undefined;
}

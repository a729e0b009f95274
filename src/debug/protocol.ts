/**
 * The iolock debug adapter's own protocol: its launch arguments and the custom requests and events the editor
 * views (lock table, tasks, timeline) use on top of DAP. Defined once here; docs/dap.md describes them and the
 * extension imports these types. Plain data only: everything here crosses the wire as JSON.
 */
import type { PackedTimeline } from '../core/timeline/pack';

export type ExceptionFilter = 'deadlock' | 'oops' | 'lock-order' | 'leak' | 'inconsistent';

export const EXCEPTION_FILTERS: readonly { filter: ExceptionFilter; label: string; description: string; default: boolean }[] = [
  { filter: 'deadlock', label: 'Deadlock', description: 'Stop when no task can run while a scenario task sleeps (with the wait cycle).', default: true },
  { filter: 'oops', label: 'Oops', description: 'Stop where a task faults: NULL or ERR_PTR dereference, use after free, BUG(), ...', default: true },
  { filter: 'lock-order', label: 'Lock-order inversion', description: "Stop when a lock order closes a cycle (lockdep's possible circular locking dependency).", default: false },
  { filter: 'leak', label: 'Lock leak', description: 'Stop when a system call returns to user space holding a lock.', default: true },
  { filter: 'inconsistent', label: 'Inconsistent read', description: 'Stop when a read returns data that is neither all old nor all new.', default: true },
];

/** The `launch` request's arguments (package.json contributes.debuggers mirrors this schema). */
export interface LaunchArguments {
  /** A scenario file (.iolock.yaml). */
  scenario: string;
  /** A policy from examples/policies/ (base, walk_vm, seed, seed-fixed, ...); default: the scenario's, else seed. */
  policy?: string;
  /** A patch mail, .patch or quilt series file to apply instead of a policy. */
  series?: string;
  /** Apply no patch at all (the unpatched model kernel). */
  noPatch?: boolean;
  /** A schedule string ("T1:4,T2:7,T1:*") to follow, then round-robin: replays a run or a counterexample. */
  schedule?: string;
  /** true: stop before the scenario's first C statement; a function name: stop when a task first enters it. */
  stopOnEntry?: boolean | string;
  /** Explore the scenario first (DPOR) and debug the worst counterexample found. */
  explore?: boolean;
  /** Seconds the exploration may take (default 60). */
  exploreTimeout?: number;
  /** Where tasks may be preempted: 'none' (default: as `iolock-sim run`) or 'full' (at every lock operation). */
  preemption?: 'none' | 'full';
  /** Kernel tree (default: kernel/ of the checkout). */
  tree?: string;
  /** Folder for the patched C files the editor opens (default: a folder in the system's temp dir). */
  sourceDir?: string;
  /** Stop at the end of the run (to step back from it) instead of terminating. Default true. */
  stopAtEnd?: boolean;
  /** Statements between two snapshots at least (time travel; more when snapshots get expensive); default 500. */
  snapshotEvery?: number;
  /** Statements the run may take (default: the scenario's explore.max_steps, else LIMITS.scenarioSteps). */
  maxSteps?: number;
  /** Lock events, kernel log lines and system calls the run may record (default LIMITS.traceEvents). */
  maxTrace?: number;
  /** Bytes of the patch input, a series with its patches (default LIMITS.patchBytes). */
  maxPatchBytes?: number;
  /** Bytes of the scenario file (default LIMITS.scenarioBytes). */
  maxScenarioBytes?: number;
}

/** One hold of a lock. */
export interface LockHolder {
  threadId: number;
  task: string;
  mode: 'read' | 'write';
  /** Scheduling step at which it was taken. */
  sinceStep: number;
  /** "fs/gfs2/glock.c:1132" */
  at: string | undefined;
}

export interface LockWaiter {
  threadId: number;
  task: string;
  mode: 'read' | 'write' | undefined;
  at: string | undefined;
}

export interface LockTableEntry {
  node: number;
  /** Address of the lock object (or lockdep map) in the node's memory, hex. */
  address: string;
  kind: 'spinlock' | 'rwsem' | 'semaphore' | 'lockdep';
  /** "glock 2/3", "&mm->mmap_sem" */
  name: string;
  cls: string;
  holders: LockHolder[];
  waiters: LockWaiter[];
}

export interface TaskInfo {
  threadId: number;
  /** "node0/T1 read(A)" */
  name: string;
  node: number;
  /** The scenario's task id, or "dlm_astd@0" for a kernel thread. */
  task: string;
  kind: 'user' | 'kthread' | 'init';
  state: 'idle' | 'runnable' | 'blocked' | 'dead';
  /** "rwsem &mm->mmap_sem (read)" when blocked. */
  waitsFor: string | undefined;
  /** The C location the task is at. */
  at: { path: string; line: number; func: string } | undefined;
}

/** Where the run is in time. */
export interface CurrentStep {
  /** Position in the recorded history (0 = after setup); stepping back lowers it. */
  position: number;
  /** Positions recorded so far (a position below it can be reached again without re-running). */
  recorded: number;
  /** The cluster's scheduling step (the `step` of lock events and timelines). */
  step: number;
  /** Statements run by all tasks since boot. */
  statements: number;
  /** The schedule string of the run so far. */
  schedule: string;
  /** Whether the run is over (every task done, a deadlock, or the statement limit). */
  over: boolean;
  /** The verdict so far ('ok' while nothing went wrong). */
  verdict: string;
}

export interface TraceEventInfo {
  seq: number;
  step: number;
  node: number;
  threadId: number;
  task: string;
  op: 'acquire' | 'release' | 'contended' | 'acquired' | 'init';
  kind: LockTableEntry['kind'];
  name: string;
  mode: 'read' | 'write';
  at: string | undefined;
}

/**
 * The timeline of a debug session: the run up to the furthest position recorded (so that after travelling back
 * the steps ahead stay on the timeline, to be clicked), and where the session is now.
 */
export interface TimelineBody {
  /** Packed (src/core/timeline/pack.ts; unpackTimeline() gives the TimelineData), built as the HTML report's. */
  timeline: PackedTimeline;
  /** The scheduling step the session is at (at most timeline.endStep). */
  step: number;
}

/** Custom requests: command → arguments and response body. */
export interface CustomRequests {
  /** Every lock held or waited for, cluster-wide, now. */
  'iolock/locks': { args: Record<string, never>; body: { locks: LockTableEntry[] } };
  /** Every task with its state and location. */
  'iolock/tasks': { args: Record<string, never>; body: { tasks: TaskInfo[] } };
  /** Lock events of the scenario so far (from `from`, a sequence number). */
  'iolock/trace': { args: { from?: number }; body: { events: TraceEventInfo[] } };
  'iolock/currentStep': { args: Record<string, never>; body: CurrentStep };
  /** Travel to the start of a scheduling step (a timeline click) or to a history position. */
  'iolock/travel': { args: { step?: number; position?: number }; body: CurrentStep };
  /** The timeline of the run (see TimelineBody). */
  'iolock/timeline': { args: Record<string, never>; body: TimelineBody };
}

/** Custom events: name → body. Sent after every stop (`iolock/stopped`) and when the run ends. */
export interface CustomEvents {
  'iolock/stopped': CurrentStep & { threadId: number | undefined; reason: string };
  'iolock/verdict': { verdict: string; detail: string; schedule: string; asExpected: boolean | undefined };
}

export type CustomRequestName = keyof CustomRequests;
export const CUSTOM_REQUESTS: readonly CustomRequestName[] = ['iolock/locks', 'iolock/tasks', 'iolock/trace', 'iolock/currentStep', 'iolock/travel', 'iolock/timeline'];

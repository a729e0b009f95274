/**
 * The timeline's data: what one scenario run looks like drawn as swimlanes. Plain JSON (numbers, strings,
 * arrays), built in core by buildTimeline() and sent as is to the webview or inlined into the HTML report.
 * This file imports nothing, so that the browser bundle and its type check never pull in the simulator.
 */

export type TimelineItemKind = 'hold' | 'wait' | 'syscall' | 'oops' | 'deadlock';

/** A scenario task, or a kernel thread (dlm_astd, ...) that took locks during the run. */
export interface TimelineLane {
  /** Its index in TimelineData.lanes. */
  index: number;
  node: number;
  /** What the lane is called: the scenario task id ("T1"), or the kernel thread's name ("dlm_astd"). */
  label: string;
  /** The task name a 'reveal' message carries: the scenario task id, or the thread's name@node as schedule strings write it ("dlm_astd@0"). */
  task: string;
  /** Cluster-wide kernel task id. */
  kernelId: number;
  kind: 'task' | 'thread';
  /** Rows of lock spans (holds and waits stacked so that none overlap), under the syscall row. */
  rows: number;
  /** The lane is one of the deadlock's tasks. */
  cycle: boolean;
}

export interface TimelineNode {
  node: number;
  label: string;
  /** Lane indexes, scenario tasks first, then kernel threads. */
  lanes: number[];
}

/** A lock instance: a lock object at an address in one node's memory. */
export interface TimelineLock {
  node: number;
  addr: number;
  /** Instance name ("glock 2/17"), or the class name for builtin locks. */
  name: string;
  /** Lock class ("&mm->mmap_sem", "gfs2_glock(inode)"). */
  cls: string;
  kind: 'spinlock' | 'rwsem' | 'semaphore' | 'lockdep';
}

/**
 * One thing drawn: a span (hold, wait, syscall) from start to end, or a mark (oops, deadlock) at start === end.
 * Steps are the cluster's scheduling steps. Optional fields are left out where they do not apply, to keep the
 * JSON of a 100 000-event run small; detailLines() turns an item into its hover text.
 */
export interface TimelineItem {
  kind: TimelineItemKind;
  lane: number;
  /** Row inside the lane for holds and waits (1 = first lock row); 0 for syscalls and marks. */
  row: number;
  start: number;
  end: number;
  /** Index in TimelineData.locks (holds, waits). */
  lock?: number;
  /** Hold or wait mode. */
  mode?: 'read' | 'write';
  /** Still held (or still waited for, or the call still running) when the run ended. */
  open?: boolean;
  /** Part of the deadlock cycle: a wait of a deadlocked task, or the hold it waits for. */
  cycle?: boolean;
  /** Index in TimelineData.locs: where it started (acquire, contended, oops) and ended (release, acquired). */
  at?: number;
  endAt?: number;
  /** Syscalls: the call ("sys_read(3, 0x40000000, 8192)"); marks: the message. */
  text?: string;
  /** Syscalls: "= 8192", "= -EIO", "oops", "blocked". */
  result?: string;
  trylock?: boolean;
  recursive?: boolean;
}

/** A waits-for edge of the deadlock: the waiter's lane waits for a lock the holder's lane holds. */
export interface TimelineEdge {
  waiter: number;
  holder: number;
  lock: number;
}

export interface TimelineCycle {
  message: string;
  lanes: number[];
  locks: number[];
  /** Item indexes: the open waits and the holds they wait for. */
  items: number[];
  edges: TimelineEdge[];
  /** The step the run stopped at. */
  step: number;
}

export interface TimelineData {
  version: 1;
  scenario: string;
  policy: string | undefined;
  verdict: string;
  schedule: string;
  /** First and last step drawn: the scenario's first scheduling step, and where the run stopped. */
  startStep: number;
  endStep: number;
  nodes: TimelineNode[];
  lanes: TimelineLane[];
  locks: TimelineLock[];
  /** "file:line" strings, referenced by TimelineItem.at / endAt. */
  locs: string[];
  /**
   * Lane by lane: the lane's rows in order (row 0, the system calls, first), each sorted by start (then longer
   * first), then the lane's marks. The layout takes items in any order; in this one it indexes none of them.
   */
  items: TimelineItem[];
  cycle: TimelineCycle | undefined;
}

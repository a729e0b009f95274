import { CFault } from '../vm/memory';
import type { KernelWarning, LockKind, LockOp } from './events';
import { RWSEM_ACTIVITY, RWSEM_NAME, SEM_COUNT, SEM_NAME, SPINLOCK_NAME, WQH_NAME } from './layout';

/**
 * The live state of a node's builtin locks and wait queues (kernel/BUILTINS.md, "Locks" and "Tasks, sleeping
 * and waking"), keyed by the C object's address and created lazily from the struct's fields, so statically
 * initialised objects need no init call. Pure bookkeeping over task ids: the node turns "blocked" into BLOCK
 * and a grant into Machine.wake. Plain data, so a snapshot is a structured clone.
 */

export interface SpinState {
  kind: 'spinlock';
  addr: number;
  cls: string;
  owner: number | undefined;
  /** Tasks spinning, in arrival order: the first one gets the lock at unlock. */
  waiters: number[];
}

export interface RwsemState {
  kind: 'rwsem';
  addr: number;
  cls: string;
  /** One entry per read hold (a task may appear more than once). */
  readers: number[];
  writer: number | undefined;
  /** FIFO of sleepers, 2.6.13 rwsem-spinlock rules. */
  queue: { task: number; mode: 'read' | 'write' }[];
}

export interface SemState {
  kind: 'semaphore';
  addr: number;
  cls: string;
  count: number;
  /** The count it was initialised with: an up() past it on a mutex is a release of a lock nobody holds. */
  initial: number;
  /** Tasks that did a down() not yet matched by an up(). */
  holders: number[];
  queue: number[];
}

export type LockState = SpinState | RwsemState | SemState;

export interface WaitEntry {
  /** Address of the wait_queue_t: identifies the entry. */
  wait: number;
  task: number;
  exclusive: boolean;
}

export interface WaitQueueState {
  addr: number;
  name: string;
  entries: WaitEntry[];
}

/** What a blocked task waits for: the scheduler's and the deadlock report's view. */
export type WaitReason =
  | { kind: 'spinlock'; addr: number }
  | { kind: 'rwsem'; addr: number; mode: 'read' | 'write' }
  | { kind: 'semaphore'; addr: number }
  | { kind: 'waitqueue'; queues: number[] }
  | { kind: 'dlm-ast'; rec: number };

/** Reads of C memory the lazy initialisation needs. */
export interface FieldReader {
  i32(addr: number): number;
  i64(addr: number): number;
  /** The C string at the pointer stored at addr, or undefined when NULL or unreadable. */
  strAt(addr: number): string | undefined;
}

export interface LockHooks {
  event(op: LockOp, kind: LockKind, addr: number, cls: string, mode: 'read' | 'write', task: number, extra?: { trylock?: boolean }): void;
  warn(kind: KernelWarning['kind'], message: string, task: number): void;
  /** A sleeping task got what it waited for: make it runnable with this call result. */
  wake(task: number, value: number): void;
}

export interface NodeLocksState {
  locks: Map<number, LockState>;
  queues: Map<number, WaitQueueState>;
  /** Tasks marked "going to sleep" by prepare_to_wait and not woken since. */
  goingToSleep: Set<number>;
  /** Spinlocks held, per task (for "scheduling while atomic"). */
  spinHeld: Map<number, number[]>;
}

function hex(a: number): string {
  return '0x' + a.toString(16);
}

export class NodeLocks {
  s: NodeLocksState = { locks: new Map(), queues: new Map(), goingToSleep: new Set(), spinHeld: new Map() };

  constructor(
    private readonly mem: FieldReader,
    private readonly hooks: LockHooks,
  ) {}

  // --- lazy state ----------------------------------------------------------------------------------------------

  private className(addr: number, nameOff: number, what: string): string {
    return this.mem.strAt(addr + nameOff) ?? `${what}@${hex(addr)}`;
  }

  private fault(message: string, addr: number): never {
    throw new CFault('lock', message, addr);
  }

  spin(addr: number): SpinState {
    const l = this.s.locks.get(addr);
    if (l?.kind === 'spinlock') return l;
    if (l) this.fault(`spinlock operation on ${hex(addr)}, which is used as a ${l.kind} (${l.cls})`, addr);
    const st: SpinState = { kind: 'spinlock', addr, cls: this.className(addr, SPINLOCK_NAME, 'spinlock'), owner: undefined, waiters: [] };
    this.s.locks.set(addr, st);
    return st;
  }

  rwsem(addr: number): RwsemState {
    const l = this.s.locks.get(addr);
    if (l?.kind === 'rwsem') return l;
    if (l) this.fault(`rwsem operation on ${hex(addr)}, which is used as a ${l.kind} (${l.cls})`, addr);
    this.mem.i64(addr + RWSEM_ACTIVITY); // faults on a bad pointer, as the real down_read would
    const st: RwsemState = { kind: 'rwsem', addr, cls: this.className(addr, RWSEM_NAME, 'rwsem'), readers: [], writer: undefined, queue: [] };
    this.s.locks.set(addr, st);
    return st;
  }

  sem(addr: number): SemState {
    const l = this.s.locks.get(addr);
    if (l?.kind === 'semaphore') return l;
    if (l) this.fault(`semaphore operation on ${hex(addr)}, which is used as a ${l.kind} (${l.cls})`, addr);
    const count = this.mem.i32(addr + SEM_COUNT);
    const st: SemState = { kind: 'semaphore', addr, cls: this.className(addr, SEM_NAME, 'semaphore'), count, initial: Math.max(1, count), holders: [], queue: [] };
    this.s.locks.set(addr, st);
    return st;
  }

  queue(addr: number): WaitQueueState {
    let q = this.s.queues.get(addr);
    if (!q) {
      q = { addr, name: this.mem.strAt(addr + WQH_NAME) ?? `waitqueue@${hex(addr)}`, entries: [] };
      this.s.queues.set(addr, q);
    }
    return q;
  }

  /** An init call: the state starts afresh with this class name. */
  init(kind: 'spinlock' | 'rwsem' | 'semaphore', addr: number, cls: string, task: number, count = 1): void {
    const old = this.s.locks.get(addr);
    if (old && busy(old)) this.hooks.warn('lock-reinit', `${kind} ${cls} at ${hex(addr)} re-initialised while held or waited for`, task);
    let st: LockState;
    if (kind === 'spinlock') st = { kind, addr, cls, owner: undefined, waiters: [] };
    else if (kind === 'rwsem') st = { kind, addr, cls, readers: [], writer: undefined, queue: [] };
    else st = { kind, addr, cls, count, initial: Math.max(1, count), holders: [], queue: [] };
    this.s.locks.set(addr, st);
    this.hooks.event('init', kind, addr, cls, 'write', task);
  }

  initQueue(addr: number, name: string, task: number): void {
    const old = this.s.queues.get(addr);
    if (old && old.entries.length > 0) this.hooks.warn('lock-reinit', `wait queue ${name} at ${hex(addr)} re-initialised with ${old.entries.length} waiters`, task);
    this.s.queues.set(addr, { addr, name, entries: [] });
  }

  /** Memory [addr, addr+size) is being freed: a held lock or a queued waiter in it is a bug. */
  forget(addr: number, size: number): void {
    for (const [a, l] of this.s.locks) {
      if (a < addr || a >= addr + size) continue;
      if (busy(l)) this.fault(`freeing memory at ${hex(addr)} that holds the ${l.kind} ${l.cls} (${hex(a)}) while it is held or waited for`, a);
      this.s.locks.delete(a);
    }
    for (const [a, q] of this.s.queues) {
      if (a < addr || a >= addr + size) continue;
      if (q.entries.length > 0) this.fault(`freeing memory at ${hex(addr)} that holds the wait queue ${q.name} (${hex(a)}) with ${q.entries.length} waiters`, a);
      this.s.queues.delete(a);
    }
    for (const q of this.s.queues.values()) {
      const e = q.entries.find((x) => x.wait >= addr && x.wait < addr + size);
      if (e) this.fault(`freeing memory at ${hex(addr)} that holds a wait_queue_t (${hex(e.wait)}) still queued on ${q.name}`, e.wait);
    }
  }

  /** Spinlocks the task holds: non-empty means it must not sleep. */
  spinsHeld(task: number): number[] {
    return this.s.spinHeld.get(task) ?? [];
  }

  private atomicCheck(task: number, what: string): void {
    const held = this.spinsHeld(task);
    if (held.length === 0) return;
    const names = held.map((a) => (this.s.locks.get(a) as LockState | undefined)?.cls ?? hex(a)).join(', ');
    this.hooks.warn('sleep-in-atomic', `BUG: scheduling while atomic: ${what} while holding spinlock ${names}`, task);
  }

  // --- spinlocks -----------------------------------------------------------------------------------------------

  /** True when taken; false when the task must spin (it sleeps until the lock is handed to it). */
  spinLock(addr: number, task: number): boolean {
    const l = this.spin(addr);
    if (l.owner === undefined) {
      this.takeSpin(l, task);
      return true;
    }
    if (l.owner === task) this.hooks.warn('self-deadlock', `spin_lock on ${l.cls}, which the task already holds`, task);
    this.hooks.event('contended', 'spinlock', addr, l.cls, 'write', task);
    l.waiters.push(task);
    return false;
  }

  private takeSpin(l: SpinState, task: number): void {
    l.owner = task;
    const held = this.s.spinHeld.get(task) ?? [];
    held.push(l.addr);
    this.s.spinHeld.set(task, held);
    this.hooks.event('acquire', 'spinlock', l.addr, l.cls, 'write', task);
  }

  spinTrylock(addr: number, task: number): boolean {
    const l = this.spin(addr);
    if (l.owner !== undefined) return false;
    l.owner = task;
    const held = this.s.spinHeld.get(task) ?? [];
    held.push(addr);
    this.s.spinHeld.set(task, held);
    this.hooks.event('acquire', 'spinlock', addr, l.cls, 'write', task, { trylock: true });
    return true;
  }

  spinUnlock(addr: number, task: number): void {
    const l = this.spin(addr);
    if (l.owner !== task) {
      this.fault(
        l.owner === undefined ? `spin_unlock of ${l.cls}, which is not locked` : `spin_unlock of ${l.cls} by a task that does not hold it (held by task ${l.owner})`,
        addr,
      );
    }
    l.owner = undefined;
    const held = this.s.spinHeld.get(task) ?? [];
    const i = held.lastIndexOf(addr);
    if (i >= 0) held.splice(i, 1);
    this.hooks.event('release', 'spinlock', addr, l.cls, 'write', task);
    const next = l.waiters.shift();
    if (next !== undefined) {
      this.hooks.event('acquired', 'spinlock', addr, l.cls, 'write', next);
      this.takeSpin(l, next);
      this.hooks.wake(next, 0);
    }
  }

  spinIsLocked(addr: number): boolean {
    return this.spin(addr).owner !== undefined;
  }

  // --- rwsems (lib/rwsem-spinlock.c, 2.6.13: strictly FIFO) ------------------------------------------------------

  downRead(addr: number, task: number, trylock = false): boolean {
    const l = this.rwsem(addr);
    if (!trylock) this.atomicCheck(task, 'down_read');
    if (l.writer === undefined && l.queue.length === 0) {
      l.readers.push(task);
      this.hooks.event('acquire', 'rwsem', addr, l.cls, 'read', task, trylock ? { trylock } : undefined);
      return true;
    }
    if (trylock) return false;
    if (l.writer === task || l.readers.includes(task)) this.hooks.warn('self-deadlock', `down_read on ${l.cls}, which the task already holds (it queues behind ${l.writer === task ? 'its own write hold' : 'a waiting writer'})`, task);
    this.hooks.event('contended', 'rwsem', addr, l.cls, 'read', task);
    l.queue.push({ task, mode: 'read' });
    return false;
  }

  downWrite(addr: number, task: number, trylock = false): boolean {
    const l = this.rwsem(addr);
    if (!trylock) this.atomicCheck(task, 'down_write');
    if (l.writer === undefined && l.readers.length === 0 && l.queue.length === 0) {
      l.writer = task;
      this.hooks.event('acquire', 'rwsem', addr, l.cls, 'write', task, trylock ? { trylock } : undefined);
      return true;
    }
    if (trylock) return false;
    if (l.writer === task || l.readers.includes(task)) this.hooks.warn('self-deadlock', `down_write on ${l.cls}, which the task already holds`, task);
    this.hooks.event('contended', 'rwsem', addr, l.cls, 'write', task);
    l.queue.push({ task, mode: 'write' });
    return false;
  }

  upRead(addr: number, task: number): void {
    const l = this.rwsem(addr);
    const i = l.readers.lastIndexOf(task);
    if (i < 0) this.fault(`up_read of ${l.cls} by a task that does not hold it for read` + (l.writer === task ? ' (it holds it for write)' : ''), addr);
    l.readers.splice(i, 1);
    this.hooks.event('release', 'rwsem', addr, l.cls, 'read', task);
    this.rwsemWake(l);
  }

  upWrite(addr: number, task: number): void {
    const l = this.rwsem(addr);
    if (l.writer !== task) this.fault(`up_write of ${l.cls} by a task that does not hold it for write` + (l.readers.includes(task) ? ' (it holds it for read)' : ''), addr);
    l.writer = undefined;
    this.hooks.event('release', 'rwsem', addr, l.cls, 'write', task);
    this.rwsemWake(l);
  }

  downgradeWrite(addr: number, task: number): void {
    const l = this.rwsem(addr);
    if (l.writer !== task) this.fault(`downgrade_write of ${l.cls} by a task that does not hold it for write`, addr);
    l.writer = undefined;
    l.readers.push(task);
    this.hooks.event('release', 'rwsem', addr, l.cls, 'write', task);
    this.hooks.event('acquire', 'rwsem', addr, l.cls, 'read', task);
    this.rwsemWake(l, true);
  }

  /** __rwsem_do_wake: a writer at the head once the semaphore is free; else every reader at the head. */
  private rwsemWake(l: RwsemState, readersOnly = false): void {
    if (l.writer !== undefined) return;
    const head = l.queue[0];
    if (!head) return;
    if (head.mode === 'write') {
      if (readersOnly || l.readers.length > 0) return;
      l.queue.shift();
      l.writer = head.task;
      this.hooks.event('acquired', 'rwsem', l.addr, l.cls, 'write', head.task);
      this.hooks.event('acquire', 'rwsem', l.addr, l.cls, 'write', head.task);
      this.hooks.wake(head.task, 0);
      return;
    }
    while (l.queue[0]?.mode === 'read') {
      const w = l.queue.shift() as { task: number };
      l.readers.push(w.task);
      this.hooks.event('acquired', 'rwsem', l.addr, l.cls, 'read', w.task);
      this.hooks.event('acquire', 'rwsem', l.addr, l.cls, 'read', w.task);
      this.hooks.wake(w.task, 0);
    }
  }

  // --- counting semaphores -------------------------------------------------------------------------------------

  down(addr: number, task: number): boolean {
    const l = this.sem(addr);
    this.atomicCheck(task, 'down');
    if (l.count > 0 && l.queue.length === 0) {
      l.count--;
      l.holders.push(task);
      this.hooks.event('acquire', 'semaphore', addr, l.cls, 'write', task);
      return true;
    }
    if (l.holders.includes(task)) this.hooks.warn('self-deadlock', `down on ${l.cls}, which the task already holds`, task);
    this.hooks.event('contended', 'semaphore', addr, l.cls, 'write', task);
    l.queue.push(task);
    return false;
  }

  /** down_trylock's convention: true when it took the semaphore. */
  downTry(addr: number, task: number): boolean {
    const l = this.sem(addr);
    if (l.count > 0 && l.queue.length === 0) {
      l.count--;
      l.holders.push(task);
      this.hooks.event('acquire', 'semaphore', addr, l.cls, 'write', task, { trylock: true });
      return true;
    }
    return false;
  }

  up(addr: number, task: number): void {
    const l = this.sem(addr);
    let i = l.holders.indexOf(task);
    if (i < 0 && l.holders.length === 0 && l.count >= l.initial) {
      this.fault(`up of ${l.cls}, which nobody holds (count ${l.count})`, addr);
    }
    // A semaphore may be released by another task than the one that took it (completion style).
    if (i < 0) i = 0;
    const owner = l.holders[i];
    if (owner !== undefined) l.holders.splice(i, 1);
    this.hooks.event('release', 'semaphore', addr, l.cls, 'write', owner ?? task);
    const next = l.queue.shift();
    if (next !== undefined) {
      l.holders.push(next);
      this.hooks.event('acquired', 'semaphore', addr, l.cls, 'write', next);
      this.hooks.event('acquire', 'semaphore', addr, l.cls, 'write', next);
      this.hooks.wake(next, 0);
    } else l.count++;
  }

  // --- wait queues ---------------------------------------------------------------------------------------------

  prepareToWait(q: number, wait: number, task: number, exclusive: boolean): void {
    const wq = this.queue(q);
    if (!wq.entries.some((e) => e.wait === wait)) wq.entries.push({ wait, task, exclusive });
    this.s.goingToSleep.add(task);
  }

  finishWait(q: number, wait: number, task: number): void {
    const wq = this.queue(q);
    const i = wq.entries.findIndex((e) => e.wait === wait);
    if (i >= 0) wq.entries.splice(i, 1);
    this.s.goingToSleep.delete(task);
  }

  /**
   * Wakes every non-exclusive waiter and at most nr exclusive ones (nr 0: all), taking their entries off the
   * queue. `sleepingInSchedule(task)` says whether a woken task is asleep in schedule() (and so must be made
   * runnable) rather than merely marked "going to sleep".
   */
  wakeUp(q: number, nr: number, sleepingInSchedule: (task: number) => boolean): number[] {
    const wq = this.queue(q);
    const woken: number[] = [];
    let excl = 0;
    wq.entries = wq.entries.filter((e) => {
      if (e.exclusive) {
        if (nr !== 0 && excl >= nr) return true;
        excl++;
      }
      woken.push(e.task);
      return false;
    });
    for (const t of woken) {
      this.s.goingToSleep.delete(t);
      if (sleepingInSchedule(t)) this.hooks.wake(t, 0);
    }
    return woken;
  }

  waitqueueActive(q: number): boolean {
    return this.queue(q).entries.length > 0;
  }

  /** schedule(): true when the task must sleep (it was marked by prepare_to_wait and nobody woke it since). */
  mustSleep(task: number): boolean {
    this.atomicCheck(task, 'schedule()');
    return this.s.goingToSleep.has(task);
  }

  /** The wait queues the task has an entry on (what it sleeps on in schedule()). */
  queuesOf(task: number): number[] {
    const out: number[] = [];
    for (const q of this.s.queues.values()) if (q.entries.some((e) => e.task === task)) out.push(q.addr);
    return out;
  }

  /** Holders of a lock, for the deadlock report. */
  holdersOf(addr: number): { task: number; mode: 'read' | 'write' }[] {
    const l = this.s.locks.get(addr);
    if (!l) return [];
    if (l.kind === 'spinlock') return l.owner === undefined ? [] : [{ task: l.owner, mode: 'write' }];
    if (l.kind === 'rwsem') return [...(l.writer === undefined ? [] : [{ task: l.writer, mode: 'write' as const }]), ...l.readers.map((t) => ({ task: t, mode: 'read' as const }))];
    return l.holders.map((t) => ({ task: t, mode: 'write' as const }));
  }

  snapshot(): NodeLocksState {
    return structuredClone(this.s);
  }

  restore(s: NodeLocksState): void {
    this.s = structuredClone(s);
  }
}

function busy(l: LockState): boolean {
  if (l.kind === 'spinlock') return l.owner !== undefined || l.waiters.length > 0;
  if (l.kind === 'rwsem') return l.writer !== undefined || l.readers.length > 0 || l.queue.length > 0;
  return l.holders.length > 0 || l.queue.length > 0;
}

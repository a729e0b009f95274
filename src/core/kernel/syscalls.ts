import { UserError } from '../diagnostics';
import type { I64 } from '../vm/int64';
import type { Program } from '../vm/machine';
import { buildKernel, type KernelTree } from './build';
import { Cluster, type ClusterOptions, type RunResult } from './cluster';
import type { CallOutcome, KNode, KTask } from './node';

/**
 * What the scenario runner drives: boot nodes, make filesystems and files, mount, create processes and
 * threads, and run system calls and user-mode accesses as those tasks (kernel/ENTRY.md). Each call runs the C
 * entry point as a task of its node, with the scheduler running every other task meanwhile, and returns how it
 * ended: its value, or the oops, deadlock or panic that stopped it.
 */

// i386 values (kernel/ENTRY.md)
export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_APPEND = 0o2000;
export const O_LARGEFILE = 0o100000;
export const O_DIRECT = 0o40000;
export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const MAP_SHARED = 1;
export const MAP_PRIVATE = 2;
export const MAP_FIXED = 0x10;
export const MAP_ANONYMOUS = 0x20;
export const SIGBUS = 7;
export const SIGSEGV = 11;

export interface SimOptions extends ClusterOptions {
  /** The kernel: a compiled Program, or a tree to build (cached by content). */
  program?: Program;
  tree?: KernelTree & { files?: ReadonlyMap<string, string> };
  /** Sizes in 4096-byte blocks of the disks /dev/simd0, /dev/simd1, ... */
  disks?: number[];
  /** Boot every node (start_kernel) right away; default true. */
  boot?: boolean;
}

/**
 * A setup call of the kernel (boot, mkfs, mount, process creation) that failed: the patched kernel's fault, so an
 * error in the user's input (the patch), reported as such rather than as our crash.
 */
export class SyscallError extends UserError {
  constructor(
    readonly what: string,
    readonly outcome: CallOutcome,
  ) {
    super(undefined, `the kernel could not be set up: ${what}: ${describeOutcome(outcome)}`);
    this.name = 'SyscallError';
  }
}

export function describeOutcome(o: CallOutcome): string {
  switch (o.status) {
    case 'done':
      return `returned ${String(o.value)}`;
    case 'oops': {
      const at = o.oops.loc ? ` at ${o.oops.loc.file}:${o.oops.loc.line}` : '';
      return `oops (${o.oops.kind})${at}: ${o.oops.message}\n  ${o.oops.backtrace.map((b) => `${b.func} (${b.loc.file}:${b.loc.line})`).join('\n  ')}`;
    }
    case 'deadlock':
      return o.deadlock.message;
    case 'limit':
      return `stopped after ${o.steps} statements (the run's step limit)`;
    case 'panic':
      return `kernel panic: ${o.message}`;
  }
}

/** The value of a call that finished; anything else is an error naming the call. */
export function valueOf(o: CallOutcome, what = 'call'): I64 {
  if (o.status !== 'done') throw new SyscallError(what, o);
  return o.value;
}

/** A value returned as -errno is an error too. */
export function okValue(o: CallOutcome, what = 'call'): number {
  const v = Number(valueOf(o, what));
  if (v < 0 && v > -4096) throw new SyscallError(what, o);
  return v;
}

export class SimCluster {
  private constructor(readonly cluster: Cluster) {}

  /** A cluster of `nodes` kernels (compiled from `tree` unless `program` is given), booted unless boot: false. */
  static async create(opts: SimOptions): Promise<SimCluster> {
    let program = opts.program;
    if (!program) {
      if (!opts.tree) throw new Error('SimCluster.create needs a program or a kernel tree');
      program = (await buildKernel(opts.tree)).program;
    }
    const sim = new SimCluster(new Cluster(program, opts));
    for (const blocks of opts.disks ?? []) sim.cluster.disks.add(blocks);
    if (opts.boot !== false) for (const n of sim.cluster.nodes) sim.boot(n.index);
    return sim;
  }

  node(i: number): KNode {
    return this.cluster.node(i);
  }

  /** Adds /dev/simdN (N in creation order). */
  addDisk(blocks: number): number {
    return this.cluster.disks.add(blocks);
  }

  /** A NUL-terminated string in the node's kernel memory (the scenario string area). */
  kstring(node: number, s: string): number {
    const bytes = Buffer.from(s + '\0', 'latin1');
    const mem = this.node(node).mem;
    const p = mem.allocStatic(bytes.length, 'string', 'scenario string');
    mem.u8.set(bytes, p);
    return p;
  }

  /** Bytes in the node's kernel memory (the scenario data area). */
  kbytes(node: number, data: Uint8Array): number {
    const mem = this.node(node).mem;
    const p = mem.allocStatic(Math.max(1, data.length), 'string', 'scenario data');
    mem.u8.set(data, p);
    return p;
  }

  /** Runs a setup entry point as the node's init_task. */
  /**
   * Runs a setup call as the node's init_task, then lets the kernel threads it started or woke run until they
   * sleep, so that every setup step (and the scenario after them) begins from a quiet cluster.
   */
  setup(node: number, fn: string, args: I64[]): CallOutcome {
    const r = this.cluster.call(this.node(node).initTask, fn, args);
    if (r.status === 'done') this.cluster.run();
    return r;
  }

  boot(node: number): void {
    okValue(this.setup(node, 'start_kernel', []), `start_kernel on node${node}`);
  }

  mkfs(fstype: 'ext2' | 'gfs2' | 'ocfs2', dev: string, opts: { label?: string; locktable?: string; node?: number } = {}): void {
    const n = opts.node ?? 0;
    const args = [this.kstring(n, fstype), this.kstring(n, dev), opts.label === undefined ? 0 : this.kstring(n, opts.label), opts.locktable === undefined ? 0 : this.kstring(n, opts.locktable)];
    okValue(this.setup(n, 'sim_mkfs', args), `mkfs ${fstype} ${dev}`);
  }

  /** Adds a file to the disk's root directory; returns its inode number (= its cluster lock number). */
  mkfile(dev: string, name: string, data: Uint8Array | null, capacity?: number, opts: { size?: number; node?: number } = {}): number {
    const n = opts.node ?? 0;
    const size = opts.size ?? data?.length ?? 0;
    const args = [this.kstring(n, dev), this.kstring(n, name), data ? this.kbytes(n, data) : 0, size, capacity ?? size];
    return okValue(this.setup(n, 'sim_mkfile', args), `mkfile ${dev} ${name}`);
  }

  mount(node: number, fstype: string, dev: string, dir: string, data?: string): void {
    const args = [this.kstring(node, fstype), this.kstring(node, dev), this.kstring(node, dir), data === undefined ? 0 : this.kstring(node, data)];
    okValue(this.setup(node, 'sim_mount', args), `mount ${dev} on ${dir} (node${node})`);
  }

  umount(node: number, dir: string): CallOutcome {
    return this.setup(node, 'sim_umount', [this.kstring(node, dir)]);
  }

  createProcess(node: number, comm: string): UserTask {
    const p = Number(valueOf(this.setup(node, 'sim_process_create', [this.kstring(node, comm)]), `create process ${comm}`));
    if (p === 0) throw new UserError(undefined, `the kernel could not be set up: sim_process_create(${comm}) on node${node} returned NULL`);
    return new UserTask(this, this.node(node).newTask('user', comm, p));
  }

  createThread(leader: UserTask, comm: string): UserTask {
    const node = leader.kt.node.index;
    const p = Number(valueOf(this.setup(node, 'sim_thread_create', [leader.kt.taskStruct, this.kstring(node, comm)]), `create thread ${comm}`));
    if (p === 0) throw new UserError(undefined, `the kernel could not be set up: sim_thread_create(${comm}) on node${node} returned NULL`);
    return new UserTask(this, this.node(node).newTask('user', comm, p));
  }

  /** Runs every started call to its end (or to a deadlock). */
  run(): RunResult {
    return this.cluster.run();
  }
}

/** A scenario task: system calls and user-mode accesses run as it. */
export class UserTask {
  constructor(
    readonly sim: SimCluster,
    readonly kt: KTask,
  ) {}

  get nodeIndex(): number {
    return this.kt.node.index;
  }

  /** Runs `fn(args)` as this task to its end. */
  call(fn: string, args: I64[]): CallOutcome {
    return this.sim.cluster.call(this.kt, fn, args);
  }

  /** Starts `fn(args)` as this task without waiting: `SimCluster.run()` runs it with the others. */
  begin(fn: string, args: I64[]): void {
    this.kt.node.start(this.kt, fn, args);
  }

  /** How the last call ended (after `begin` and a run). */
  get result(): CallOutcome | undefined {
    return this.kt.result;
  }

  open(path: string, flags = O_RDONLY, mode = 0): CallOutcome {
    return this.call('sim_open', [this.sim.kstring(this.nodeIndex, path), flags, mode]);
  }
  close(fd: number): CallOutcome {
    return this.call('sys_close', [fd]);
  }
  read(fd: number, buf: I64, count: number): CallOutcome {
    return this.call('sys_read', [fd, buf, count]);
  }
  write(fd: number, buf: I64, count: number): CallOutcome {
    return this.call('sys_write', [fd, buf, count]);
  }
  pread(fd: number, buf: I64, count: number, pos: number): CallOutcome {
    return this.call('sys_pread64', [fd, buf, count, pos]);
  }
  pwrite(fd: number, buf: I64, count: number, pos: number): CallOutcome {
    return this.call('sys_pwrite64', [fd, buf, count, pos]);
  }
  lseek(fd: number, offset: number, origin: number): CallOutcome {
    return this.call('sys_lseek', [fd, offset, origin]);
  }
  mmap(addr: number, len: number, prot: number, flags: number, fd: number, off: number): CallOutcome {
    return this.call('sys_mmap', [addr, len, prot, flags, fd, off]);
  }
  munmap(addr: I64, len: number): CallOutcome {
    return this.call('sys_munmap', [addr, len]);
  }
  userAlloc(len: number): CallOutcome {
    return this.call('sim_user_alloc', [len]);
  }
  userFree(addr: I64, len: number): CallOutcome {
    return this.call('sim_user_free', [addr, len]);
  }
  exit(): CallOutcome {
    return this.call('sim_task_exit', []);
  }

  /** User code loads `len` bytes at `uaddr`: the signal (0 when all went well), the bytes read, how many. */
  userRead(uaddr: I64, len: number): { outcome: CallOutcome; sig: number; bytes: Uint8Array; done: number } {
    const mem = this.kt.node.mem;
    const kbuf = mem.malloc(Math.max(1, len), 'userRead buffer');
    const done = mem.malloc(8, 'userRead done', true);
    try {
      const outcome = this.call('sim_user_read', [kbuf, uaddr, len, done]);
      const n = Number(mem.dv.getBigUint64(done, true));
      return { outcome, sig: outcome.status === 'done' ? Number(outcome.value) : -1, bytes: mem.u8.slice(kbuf, kbuf + Math.min(n, len)), done: n };
    } finally {
      mem.free(kbuf);
      mem.free(done);
    }
  }

  /** User code stores `bytes` at `uaddr`. */
  userWrite(uaddr: I64, bytes: Uint8Array): { outcome: CallOutcome; sig: number; done: number } {
    const mem = this.kt.node.mem;
    const kbuf = mem.malloc(Math.max(1, bytes.length), 'userWrite buffer');
    const done = mem.malloc(8, 'userWrite done', true);
    mem.u8.set(bytes, kbuf);
    try {
      const outcome = this.call('sim_user_write', [uaddr, kbuf, bytes.length, done]);
      const n = Number(mem.dv.getBigUint64(done, true));
      return { outcome, sig: outcome.status === 'done' ? Number(outcome.value) : -1, done: n };
    } finally {
      mem.free(kbuf);
      mem.free(done);
    }
  }
}

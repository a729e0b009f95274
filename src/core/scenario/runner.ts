import { formatLoc } from '../diagnostics';
import { findInversions, formatInversion } from '../check/lock-order';
import type { KernelTree } from '../kernel/build';
import type { LockEvent } from '../kernel/events';
import { formatSchedule, parseSchedule, scriptedScheduler } from '../kernel/schedule';
import { roundRobin } from '../kernel/scheduler';
import { TASK_STRUCT_MM } from '../kernel/layout';
import type { CallOutcome, KTask } from '../kernel/node';
import { SimCluster, UserTask, describeOutcome } from '../kernel/syscalls';
import type { I64 } from '../vm/int64';
import type { Program } from '../vm/machine';
import { errnoName, fileContent, type Expectation, type Scenario, type ScenarioTask, type Step, type Verdict } from './model';
import { expectationFor } from './parse';

export interface RunOptions {
  tree?: KernelTree & { files?: ReadonlyMap<string, string> };
  program?: Program;
  /** The policy the tree was patched with ('none' = unpatched), to pick the expectation. */
  policy?: string;
  /** Statement limit of the run (default: the scenario's explore.max_steps, else 50 million). */
  maxSteps?: number;
  /** A schedule string to follow from the first scenario step on (see kernel/schedule.ts); default round-robin. */
  schedule?: string;
}

export interface TraceEntry {
  task: string;
  /** Index in the task's steps. */
  step: number;
  /** The entry point and its arguments, e.g. "sys_read(3, 0x40000000, 10000)". */
  call: string;
  /** "= 10000", "= -EIO", "oops", "deadlock", ... */
  result: string;
  /** Scheduling steps of the cluster when the call started and when it ended. */
  startStep: number;
  endStep: number;
  at: string;
}

export interface OopsInfo {
  kind: string;
  message: string;
  file: string | undefined;
  line: number | undefined;
  address: string | undefined;
  task: string;
  node: number;
  backtrace: { func: string; file: string; line: number }[];
}

export interface Finding {
  task: string;
  step: number;
  at: string;
  message: string;
}

export interface ScenarioResult {
  scenario: string;
  /** The schedule this run took from the scenario's first step: give it back as `schedule` to replay the run. */
  schedule: string;
  policy: string | undefined;
  verdict: Verdict;
  /** One line (or a report) saying why. */
  detail: string;
  oops: OopsInfo[];
  deadlock: { message: string; tasks: string[] } | undefined;
  errors: Finding[];
  inconsistent: Finding[];
  /** Lock-order inversions, in lockdep's words. */
  lockOrder: string[];
  trace: TraceEntry[];
  /** The scenario's tasks in order, with their node: the lanes of a timeline. */
  tasks: { id: string; node: number; kernelId: number }[];
  /** Lock events from the scenario's first step on (setup's are left out), for timelines and checkers. */
  events: LockEvent[];
  steps: number;
  statements: number;
  expected: { verdict: Verdict; at: string | undefined; kind: string | undefined } | undefined;
  /** Whether the verdict (and oops location/kind) is the expected one; undefined when nothing is expected. */
  asExpected: boolean | undefined;
}


interface Buffer_ {
  addr: number;
  length: number;
  /** Set for a file mapping: which file and where, and whether stores reach the file. */
  file: { path: string; offset: number; shared: boolean } | undefined;
}

interface Proc {
  fds: Map<string, { fd: number; path: string; pos: number }>;
  bufs: Map<string, Buffer_>;
}

interface Running {
  spec: ScenarioTask;
  ut: UserTask;
  proc: Proc;
  next: number;
  pending: { index: number; step: Step; call: string; start: number; finish: (o: CallOutcome) => void } | undefined;
  sleepUntil: number | undefined;
  stopped: boolean;
}

const hex = (n: number): string => '0x' + n.toString(16);

/**
 * One deterministic execution of a scenario with the cluster's default (round-robin) scheduler. Setup runs
 * first, sequentially as each node's init_task; then every task's steps run concurrently, each step one entry
 * point call started as soon as the task's previous one returned, so the tasks interleave at the kernel's
 * scheduling points exactly as the scheduler decides.
 */
export async function runScenario(s: Scenario, opts: RunOptions): Promise<ScenarioResult> {
  const devIndex = (d: string): number => Number(d.slice('/dev/simd'.length));
  const disks: number[] = [];
  for (const f of s.filesystems) disks[devIndex(f.device)] = f.blocks;
  const maxSteps = opts.maxSteps ?? s.explore.maxSteps ?? 50_000_000;
  const sim = await SimCluster.create({
    ...(opts.program ? { program: opts.program } : {}),
    ...(opts.tree ? { tree: opts.tree } : {}),
    nodes: s.nodes.length,
    disks: Array.from(disks, (b) => b ?? 16),
    maxSteps,
  });
  const c = sim.cluster;

  // --- setup, as init_task: a failure here is the scenario's or the kernel's problem, not a finding
  const versions = new Map<string, Uint8Array[]>();
  for (const f of s.filesystems) {
    sim.mkfs(f.type, f.device);
    for (const file of f.files) {
      const data = fileContent(file);
      sim.mkfile(f.device, file.name, data, file.capacity);
      versions.set(file.path, [data]);
    }
  }
  for (const f of s.filesystems) for (const n of f.on) sim.mount(n, f.type, f.device, f.mount, f.options);

  const running = new Map<string, Running>();
  const procs = new Map<string, Proc>();
  const leaderOf = (t: ScenarioTask): ScenarioTask => {
    let x = t;
    for (let guard = 0; x.threadOf !== undefined && guard < 100; guard++) x = s.tasks.find((y) => y.id === x.threadOf) ?? x;
    return x;
  };
  for (const t of s.tasks) {
    if (t.threadOf !== undefined) continue;
    const proc: Proc = { fds: new Map(), bufs: new Map() };
    procs.set(t.id, proc);
    running.set(t.id, { spec: t, ut: sim.createProcess(t.node, t.process ?? t.id), proc, next: 0, pending: undefined, sleepUntil: undefined, stopped: false });
  }
  for (const t of s.tasks) {
    if (t.threadOf === undefined) continue;
    const leader = leaderOf(t);
    const lr = running.get(leader.id);
    if (!lr) throw new Error(`internal: no leader ${leader.id} for ${t.id}`);
    running.set(t.id, { spec: t, ut: sim.createThread(lr.ut, t.id), proc: lr.proc, next: 0, pending: undefined, sleepUntil: undefined, stopped: false });
  }
  const order = s.tasks.map((t) => running.get(t.id) as Running);

  // From here on every scheduling step is recorded (and, with opts.schedule, dictated): setup is always the
  // same, so the schedule string starts with the scenario's first step.
  const names = new Map(order.map((r) => [r.ut.kt.id, r.spec.id]));
  const nameOf = (id: number): string => {
    const kt = c.taskById.get(id);
    return names.get(id) ?? (kt ? `${kt.name}@${kt.node.index}` : `task${id}`);
  };
  const picks: string[] = [];
  c.scheduler = scriptedScheduler(opts.schedule ? parseSchedule(opts.schedule) : [], nameOf, roundRobin, picks);

  // kmalloc failures count from here: the scenario author cannot know how many setup made
  const base = c.nodes.map((n) => n.kmallocCount);
  if (s.faults.kmalloc.length) c.faults.kmalloc = (node, nth) => s.faults.kmalloc.some((k) => k.node === node && (base[node] ?? 0) + k.nth === nth);
  const firstEvent = c.events.length;

  const trace: TraceEntry[] = [];
  const errors: Finding[] = [];
  const inconsistent: Finding[] = [];
  const oopses: OopsInfo[] = [];
  let deadlock: ScenarioResult['deadlock'];
  let limit: string | undefined;

  const peek = (kt: KTask, addr: number, len: number): Uint8Array | undefined => {
    const node = kt.node;
    const mm = Number(node.mem.dv.getBigUint64(kt.taskStruct + TASK_STRUCT_MM, true));
    const out = new Uint8Array(len);
    for (let i = 0; i < len; ) {
      const a = addr + i;
      const e = node.pt.get(mm, a);
      if (!e) return undefined;
      const n = Math.min(len - i, 4096 - (a % 4096));
      out.set(node.mem.u8.subarray(e.kaddr + (a % 4096), e.kaddr + (a % 4096) + n), i);
      i += n;
    }
    return out;
  };
  const storeToFile = (b: Buffer_, off: number, bytes: Uint8Array): void => {
    if (!b.file?.shared) return;
    const vs = versions.get(b.file.path);
    const cur = vs?.[vs.length - 1];
    if (!vs || !cur) return;
    const at = b.file.offset + off;
    const next = cur.slice();
    next.set(bytes.subarray(0, Math.max(0, Math.min(bytes.length, next.length - at))), at);
    vs.push(next);
  };

  const buffer = (r: Running, name: string): Buffer_ => {
    const b = r.proc.bufs.get(name);
    if (!b) throw new StepError(`buffer '${name}' is not mapped (yet): its alloc or mmap step has not run or failed`);
    return b;
  };
  const fdOf = (r: Running, name: string): { fd: number; path: string; pos: number } => {
    const f = r.proc.fds.get(name);
    if (!f) throw new StepError(`fd '${name}' is not open (yet): its open step has not run or failed`);
    return f;
  };

  /** Starts the task's next step (or sleeps); false when it has nothing more to do. */
  const startNext = (r: Running): void => {
    while (!r.stopped && !r.pending && r.sleepUntil === undefined && r.next < r.spec.steps.length) {
      const index = r.next++;
      const step = r.spec.steps[index] as Step;
      try {
        begin(r, index, step);
      } catch (e) {
        if (!(e instanceof StepError)) throw e;
        errors.push({ task: r.spec.id, step: index, at: formatLoc(step.loc), message: e.message });
        r.stopped = true;
      }
    }
  };

  const begin = (r: Running, index: number, step: Step): void => {
    const kt = r.ut.kt;
    const mem = kt.node.mem;
    const go = (fn: string, args: I64[], finish: (o: CallOutcome) => void): void => {
      const call = `${fn}(${args.map((a) => (typeof a === 'number' && a >= 0x1000 ? hex(a) : String(a))).join(', ')})`;
      r.pending = { index, step, call, start: c.step, finish };
      r.ut.begin(fn, args);
    };
    /** A -errno return: allowed by expect_errno, else an error finding; returns the value or undefined. */
    const value = (o: CallOutcome): number | undefined => {
      if (o.status !== 'done') return undefined;
      const v = Number(o.value);
      if (v < 0 && v > -4096) {
        if (!step.expectErrno.includes(-v)) errors.push({ task: r.spec.id, step: index, at: formatLoc(step.loc), message: `${step.kind} returned -${errnoName(-v)}` });
        // a program bails out on a failed call, allowed or not: its later steps would use what it did not get
        r.stopped = true;
        return undefined;
      }
      return v;
    };
    switch (step.kind) {
      case 'sleep':
        r.sleepUntil = c.step + step.steps;
        return;
      case 'open':
        return go('sim_open', [sim.kstring(kt.node.index, step.path), step.flags, 0], (o) => {
          const v = value(o);
          if (v !== undefined) r.proc.fds.set(step.as, { fd: v, path: step.path, pos: 0 });
        });
      case 'close': {
        const f = fdOf(r, step.fd);
        return go('sys_close', [f.fd], (o) => {
          if (value(o) !== undefined) r.proc.fds.delete(step.fd);
        });
      }
      case 'alloc':
        return go('sim_user_alloc', [step.length], (o) => {
          const v = value(o);
          if (v !== undefined) r.proc.bufs.set(step.as, { addr: v, length: step.length, file: undefined });
        });
      case 'mmap': {
        const f = fdOf(r, step.fd);
        return go('sys_mmap', [0, step.length, step.prot, step.shared ? 1 : 2, f.fd, step.offset], (o) => {
          const v = value(o);
          const writable = (step.prot & 2) !== 0;
          if (v !== undefined) r.proc.bufs.set(step.as, { addr: v, length: step.length, file: { path: f.path, offset: step.offset, shared: step.shared && writable } });
        });
      }
      case 'munmap': {
        const b = buffer(r, step.buffer);
        return go('sys_munmap', [b.addr + step.offset, step.length ?? b.length - step.offset], (o) => {
          if (value(o) !== undefined && step.offset === 0 && step.length === undefined) r.proc.bufs.delete(step.buffer);
        });
      }
      case 'read':
      case 'write': {
        const f = fdOf(r, step.fd);
        const b = buffer(r, step.buffer);
        const count = step.count ?? b.length - step.offset;
        const addr = b.addr + step.offset;
        return go(step.kind === 'read' ? 'sys_read' : 'sys_write', [f.fd, addr, count], (o) => {
          const n = value(o);
          if (n === undefined || n <= 0) return;
          const pos = f.pos;
          f.pos += n;
          const got = peek(kt, addr, n);
          if (!got) return;
          const vs = versions.get(f.path);
          if (step.kind === 'write') {
            if (vs?.length) {
              const next = (vs[vs.length - 1] as Uint8Array).slice();
              next.set(got.subarray(0, Math.max(0, Math.min(n, next.length - pos))), pos);
              vs.push(next);
            }
            return;
          }
          if (vs) {
            const ok = vs.some((v) => Buffer.from(v.subarray(pos, pos + n)).equals(Buffer.from(got)));
            if (!ok) inconsistent.push({ task: r.spec.id, step: index, at: formatLoc(step.loc), message: describeMismatch(f.path, pos, got, vs) });
          }
          storeToFile(b, step.offset, got);
        });
      }
      case 'touch': {
        const b = buffer(r, step.buffer);
        const addr = b.addr + step.offset;
        const done = mem.malloc(8, 'touch done', true);
        const kbuf = mem.malloc(step.length, 'touch buffer');
        const fill = step.value.charCodeAt(0) & 0xff;
        const fn = step.write ? 'sim_user_fill' : 'sim_user_read';
        return go(fn, step.write ? [addr, fill, step.length, done] : [kbuf, addr, step.length, done], (o) => {
          mem.free(done);
          mem.free(kbuf);
          if (o.status !== 'done') return;
          const sig = Number(o.value);
          if (sig !== 0) errors.push({ task: r.spec.id, step: index, at: formatLoc(step.loc), message: `touch killed the task with signal ${sig === 7 ? 'SIGBUS' : sig === 11 ? 'SIGSEGV' : sig}` });
          else if (step.write) storeToFile(b, step.offset, new Uint8Array(step.length).fill(fill));
        });
      }
      case 'memcpy': {
        const to = buffer(r, step.to);
        const from = buffer(r, step.from);
        const done = mem.malloc(8, 'memcpy done', true);
        return go('sim_user_copy', [to.addr + step.toOffset, from.addr + step.fromOffset, step.count, done], (o) => {
          mem.free(done);
          if (o.status !== 'done') return;
          const sig = Number(o.value);
          if (sig !== 0) errors.push({ task: r.spec.id, step: index, at: formatLoc(step.loc), message: `memcpy killed the task with signal ${sig === 7 ? 'SIGBUS' : sig === 11 ? 'SIGSEGV' : sig}` });
          else {
            const got = peek(kt, to.addr + step.toOffset, step.count);
            if (got) storeToFile(to, step.toOffset, got);
          }
        });
      }
      case 'exit':
        return go('sim_task_exit', [], () => undefined);
    }
  };

  const finish = (r: Running): void => {
    const p = r.pending;
    if (!p) return;
    const o = r.ut.result ?? { status: 'done', value: 0 };
    r.pending = undefined;
    let result: string;
    if (o.status === 'done') {
      const v = Number(o.value);
      result = v < 0 && v > -4096 ? `= -${errnoName(-v)}` : `= ${p.step.kind === 'mmap' || p.step.kind === 'alloc' ? hex(v) : v}`;
    } else result = o.status;
    trace.push({ task: r.spec.id, step: p.index, call: p.call, result, startStep: p.start, endStep: c.step, at: formatLoc(p.step.loc) });
    if (o.status === 'oops') {
      const x = o.oops;
      oopses.push({
        kind: x.kind,
        message: x.message,
        file: x.loc?.file,
        line: x.loc?.line,
        address: x.address === undefined ? undefined : hex(Number(x.address)),
        task: r.spec.id,
        node: x.node,
        backtrace: x.backtrace.map((b) => ({ func: b.func, file: b.loc.file, line: b.loc.line })),
      });
      r.stopped = true;
      return;
    }
    if (o.status !== 'done') {
      if (o.status !== 'deadlock') errors.push({ task: r.spec.id, step: p.index, at: formatLoc(p.step.loc), message: describeOutcome(o) });
      r.stopped = true;
      return;
    }
    p.finish(o);
  };

  // --- the concurrent run
  for (;;) {
    for (const r of order) {
      if (r.sleepUntil !== undefined && c.step >= r.sleepUntil) r.sleepUntil = undefined;
      startNext(r);
    }
    if (!order.some((r) => r.pending || r.sleepUntil !== undefined)) break;
    const res = c.runUntil(() => order.some((r) => (r.pending && r.ut.kt.call === undefined) || (r.sleepUntil !== undefined && c.step >= r.sleepUntil)));
    for (const r of order) if (r.pending && r.ut.kt.call === undefined) finish(r);
    if (res.status === 'deadlock') {
      deadlock = { message: res.deadlock.message, tasks: res.deadlock.blocked.filter((b) => b.kind === 'user').map((b) => order.find((r) => r.ut.kt.id === b.task)?.spec.id ?? b.taskName) };
      for (const r of order) if (r.pending) trace.push({ task: r.spec.id, step: r.pending.index, call: r.pending.call, result: 'blocked', startStep: r.pending.start, endStep: c.step, at: formatLoc(r.pending.step.loc) });
      break;
    }
    if (res.status === 'limit') {
      limit = `stopped after ${res.steps} statements (explore.max_steps ${maxSteps}): a livelock, or raise the limit`;
      break;
    }
    // nothing can run but sleepers: their time has come
    if (res.status === 'idle') for (const r of order) if (r.sleepUntil !== undefined && !r.pending) r.sleepUntil = c.step;
  }

  const inversions = findInversions(c.events.slice(firstEvent)).map(formatInversion);
  let verdict: Verdict;
  let detail: string;
  const firstOops = oopses[0];
  if (firstOops) {
    verdict = 'oops';
    detail = `oops (${firstOops.kind}) in ${firstOops.task}${firstOops.file ? ` at ${firstOops.file}:${firstOops.line ?? '?'}` : ''}: ${firstOops.message}`;
  } else if (deadlock) {
    verdict = 'deadlock';
    detail = deadlock.message;
  } else if (limit || errors.length) {
    verdict = 'error';
    detail = limit ?? errors.map((e) => `${e.at}: ${e.task}: ${e.message}`).join('\n');
  } else if (inconsistent.length) {
    verdict = 'inconsistent';
    detail = inconsistent.map((e) => `${e.at}: ${e.task}: ${e.message}`).join('\n');
  } else if (inversions.length) {
    verdict = 'lock-order';
    detail = inversions.join('\n\n');
  } else {
    verdict = 'ok';
    detail = `every step of ${order.length} task${order.length === 1 ? '' : 's'} returned as allowed and every read saw consistent data`;
  }
  if (limit && errors.length === 0) errors.push({ task: '', step: -1, at: s.file, message: limit });
  const exp = expectationFor(s, opts.policy);
  return {
    scenario: s.name,
    policy: opts.policy,
    verdict,
    detail,
    oops: oopses,
    deadlock,
    errors,
    inconsistent,
    lockOrder: inversions,
    trace,
    tasks: order.map((r) => ({ id: r.spec.id, node: r.ut.kt.node.index, kernelId: r.ut.kt.id })),
    events: c.events.slice(firstEvent),
    schedule: formatSchedule(picks),
    steps: c.step,
    statements: c.statements,
    expected: exp && { verdict: exp.verdict, at: exp.at, kind: exp.kind },
    asExpected: exp && meets(exp, verdict, firstOops),
  };
}

function meets(e: Expectation, verdict: Verdict, oops: OopsInfo | undefined): boolean {
  if (e.verdict !== verdict) return false;
  if (e.verdict !== 'oops' || !oops) return true;
  if (e.at !== undefined && e.at !== `${oops.file ?? ''}:${oops.line ?? ''}`) return false;
  return e.kind === undefined || e.kind === oops.kind;
}

function describeMismatch(path: string, pos: number, got: Uint8Array, vs: Uint8Array[]): string {
  // which version each page of the buffer came from shows how the read was torn
  const parts: string[] = [];
  for (let off = 0; off < got.length; off += 4096) {
    const end = Math.min(got.length, off + 4096);
    const g = Buffer.from(got.subarray(off, end));
    const which = vs.findIndex((v) => Buffer.from(v.subarray(pos + off, pos + end)).equals(g));
    parts.push(which < 0 ? 'neither' : `v${which}`);
  }
  return `read of ${path} at ${pos} (${got.length} bytes) saw neither all-old nor all-new data: by page, ${parts.join(' ')} (v0 = initial, ${vs.length} versions known)`;
}

class StepError extends Error {}

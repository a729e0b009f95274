import type { LockEvent, LockKind } from '../kernel/events';
import type { ScenarioResult, TraceEntry } from '../scenario';

export interface SyntheticOptions {
  /** Lock events to make (acquire, release, contended, acquired), about. */
  events: number;
  nodes?: number;
  tasksPerNode?: number;
  /** Distinct locks per node. */
  locks?: number;
  seed?: number;
}

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A made-up run of the size a long exploration produces, for the timeline's tests and benchmarks: tasks on
 * several nodes making system calls (about 40 lock events each, as real runs have), inside which they take
 * nested spinlocks, rwsems, semaphores and glocks,
 * sometimes after a wait; one kernel thread per node; the last task oopses. Deterministic for a seed.
 */
export function syntheticResult(opts: SyntheticOptions): ScenarioResult {
  const rand = rng(opts.seed ?? 1);
  const nodes = opts.nodes ?? 2;
  const perNode = opts.tasksPerNode ?? 3;
  const nlocks = opts.locks ?? 64;
  const kinds: LockKind[] = ['spinlock', 'spinlock', 'rwsem', 'semaphore', 'lockdep'];
  const lockTable = Array.from({ length: nodes }, (_, n) =>
    Array.from({ length: nlocks }, (_, i) => {
      const kind = kinds[i % kinds.length] as LockKind;
      const cls = kind === 'lockdep' ? 'gfs2_glock(inode)' : kind === 'rwsem' ? '&mm->mmap_sem' : kind === 'semaphore' ? '&inode->i_sem' : '&gl->gl_spin';
      return { addr: 0x400000 + n * 0x100000 + i * 0x40, kind, cls, name: kind === 'lockdep' ? `glock 2/${i}` : cls };
    }),
  );
  const tasks: ScenarioResult['tasks'] = [];
  const lanes: { name: string; node: number; id: number; user: boolean }[] = [];
  let kid = 100;
  for (let n = 0; n < nodes; n++) {
    for (let t = 0; t < perNode; t++) {
      const id = `T${n * perNode + t + 1}`;
      tasks.push({ id, node: n, kernelId: kid });
      lanes.push({ name: id, node: n, id: kid++, user: true });
    }
    lanes.push({ name: 'dlm_astd', node: n, id: kid++, user: false });
  }
  const perLane = Math.ceil(opts.events / lanes.length);
  const events: Omit<LockEvent, 'seq'>[] = [];
  const trace: TraceEntry[] = [];
  const start = 1000;
  let end = start;
  for (const lane of lanes) {
    let step = start + Math.floor(rand() * 20);
    let made = 0;
    let call = 0;
    while (made < perLane) {
      const callStart = step;
      // one system call: a few nested lock sections
      const sections = 4 + Math.floor(rand() * 12);
      for (let s = 0; s < sections && made < perLane; s++) {
        const depth = 1 + Math.floor(rand() * 3);
        const held: (typeof lockTable)[number][number][] = [];
        for (let d = 0; d < depth; d++) {
          const l = lockTable[lane.node]?.[Math.floor(rand() * nlocks)];
          if (!l || held.includes(l)) continue;
          const mode = l.kind === 'rwsem' || l.kind === 'lockdep' ? (rand() < 0.5 ? 'read' : 'write') : 'write';
          const ev = (op: LockEvent['op'], line: number): Omit<LockEvent, 'seq'> => ({
            step,
            node: lane.node,
            task: lane.id,
            taskName: lane.name,
            op,
            kind: l.kind,
            addr: l.addr,
            name: l.name,
            cls: l.cls,
            mode,
            loc: { file: l.kind === 'lockdep' ? 'fs/gfs2/glock.c' : 'kernel/locks.c', line, col: 2 },
          });
          if (rand() < 0.1) {
            events.push(ev('contended', 1091));
            step += 1 + Math.floor(rand() * 30);
            events.push(ev('acquired', 1093));
            made += 2;
          }
          events.push(ev('acquire', 1132));
          made++;
          held.push(l);
          step += 1 + Math.floor(rand() * 8);
        }
        while (held.length) {
          const l = held.pop() as (typeof lockTable)[number][number];
          events.push({ step, node: lane.node, task: lane.id, taskName: lane.name, op: 'release', kind: l.kind, addr: l.addr, name: l.name, cls: l.cls, mode: 'write', loc: { file: 'kernel/locks.c', line: 1367, col: 2 } });
          made++;
          step += 1 + Math.floor(rand() * 4);
        }
      }
      if (lane.user) trace.push({ task: lane.name, step: call++, call: `sys_read(3, 0x40000000, ${4096 * (1 + (call % 4))})`, result: '= 4096', startStep: callStart, endStep: step, at: 'synthetic.iolock.yaml:1:1' });
      step += 1 + Math.floor(rand() * 10);
    }
    end = Math.max(end, step);
  }
  events.sort((a, b) => a.step - b.step);
  const last = tasks[tasks.length - 1];
  const lastCall = [...trace].reverse().find((t) => t.task === last?.id);
  if (lastCall) lastCall.result = 'oops';
  return {
    scenario: `synthetic-${opts.events}`,
    schedule: 'T1:*',
    policy: 'synthetic',
    verdict: 'oops',
    detail: 'synthetic run',
    oops: last
      ? [{ kind: 'null-deref', message: 'NULL pointer dereference (synthetic)', file: 'fs/iolock.c', line: 67, address: '0x68', task: last.id, node: last.node, backtrace: [{ func: 'iolock_region', file: 'fs/iolock.c', line: 67 }] }]
      : [],
    deadlock: undefined,
    errors: [],
    inconsistent: [],
    lockOrder: [],
    trace,
    tasks,
    events: events.map((e, seq) => ({ seq, ...e })),
    steps: end,
    statements: end * 10,
    expected: undefined,
    asExpected: undefined,
  };
}

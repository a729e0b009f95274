import type { SourceLoc } from '../diagnostics';

/**
 * A scenario after parsing, schema validation and the semantic checks: names resolved to indices, defaults
 * filled in, every element carrying where it was written so that the runner's findings point back at the YAML.
 */
export type FsType = 'gfs2' | 'ocfs2' | 'ext2';
/** Where a task may lose its CPU (see the schema's explore.preemption). */
export type Preemption = 'none' | 'full';
export type Verdict = 'ok' | 'deadlock' | 'oops' | 'inconsistent' | 'lock-order' | 'error';
export interface ScenarioFile {
  name: string;
  /** "/<mount>/<name>" */
  path: string;
  size: number;
  capacity: number;
  content: { kind: 'fill'; char: string } | { kind: 'text'; text: string } | { kind: 'counter' } | { kind: 'zero' };
  loc: SourceLoc;
}

export interface ScenarioFs {
  type: FsType;
  device: string;
  blocks: number;
  mount: string;
  options: string | undefined;
  /** Node indices that mount it. */
  on: number[];
  files: ScenarioFile[];
  loc: SourceLoc;
}

interface StepBase {
  /** Errnos (positive) this step may return as -errno without that being an error. */
  expectErrno: number[];
  loc: SourceLoc;
}

export type Step = StepBase &
  (
    | { kind: 'open'; path: string; as: string; flags: number }
    | { kind: 'close'; fd: string }
    | { kind: 'mmap'; fd: string; length: number; offset: number; prot: number; shared: boolean; as: string }
    | { kind: 'munmap'; buffer: string; offset: number; length: number | undefined }
    | { kind: 'read' | 'write'; fd: string; buffer: string; offset: number; count: number | undefined }
    | { kind: 'alloc'; as: string; length: number }
    | { kind: 'touch'; buffer: string; offset: number; length: number; write: boolean; value: string }
    | { kind: 'memcpy'; to: string; toOffset: number; from: string; fromOffset: number; count: number }
    | { kind: 'sleep'; steps: number }
    | { kind: 'exit' }
  );

export type StepKind = Step['kind'];
export const STEP_KINDS: readonly StepKind[] = ['open', 'mmap', 'munmap', 'close', 'read', 'write', 'alloc', 'touch', 'memcpy', 'sleep', 'exit'];

export interface ScenarioTask {
  id: string;
  node: number;
  /** Comm of the new process; undefined for a thread. */
  process: string | undefined;
  /** The task whose process this one is a thread of. */
  threadOf: string | undefined;
  steps: Step[];
  loc: SourceLoc;
}

export interface Expectation {
  verdict: Verdict;
  /** The policy it is stated for ('none' = unpatched); undefined = the scenario's own policy. */
  policy: string | undefined;
  /** For oops: "file:line". */
  at: string | undefined;
  kind: string | undefined;
  loc: SourceLoc;
}

export interface Scenario {
  file: string;
  name: string;
  description: string | undefined;
  policy: string | undefined;
  series: string | undefined;
  /** Where `series` is written, for errors about the file it names (see scenarioSeriesPath). */
  seriesLoc?: SourceLoc;
  nodes: string[];
  filesystems: ScenarioFs[];
  tasks: ScenarioTask[];
  faults: { kmalloc: { node: number; nth: number; loc: SourceLoc }[] };
  explore: { maxExecutions?: number; maxSteps?: number; maxTime?: number; maxPreemptions?: number; preemption?: Preemption };
  expect: Expectation[];
}

/** i386 errno numbers (kernel/include/asm/errno.h) for expect_errno names. */
export const ERRNO: Readonly<Record<string, number>> = {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, ENOEXEC: 8, EBADF: 9, ECHILD: 10, EAGAIN: 11,
  ENOMEM: 12, EACCES: 13, EFAULT: 14, ENOTBLK: 15, EBUSY: 16, EEXIST: 17, EXDEV: 18, ENODEV: 19, ENOTDIR: 20,
  EISDIR: 21, EINVAL: 22, ENFILE: 23, EMFILE: 24, ENOTTY: 25, ETXTBSY: 26, EFBIG: 27, ENOSPC: 28, ESPIPE: 29,
  EROFS: 30, EMLINK: 31, EPIPE: 32, EDOM: 33, ERANGE: 34, EDEADLK: 35, ENAMETOOLONG: 36, ENOLCK: 37, ENOSYS: 38,
  ENOTEMPTY: 39, ELOOP: 40, EWOULDBLOCK: 11, ENODATA: 61, EOVERFLOW: 75, EOPNOTSUPP: 95, ESHUTDOWN: 108,
  ETIMEDOUT: 110, EALREADY: 114, EINPROGRESS: 115, ECANCELED: 125,
};

export function errnoName(n: number): string {
  for (const [k, v] of Object.entries(ERRNO)) if (v === n && k !== 'EWOULDBLOCK') return k;
  return `errno ${n}`;
}

/** The file's initial bytes, from its content spec. */
export function fileContent(f: ScenarioFile): Uint8Array {
  const out = new Uint8Array(f.size);
  const c = f.content;
  if (c.kind === 'fill') out.fill(c.char.charCodeAt(0) & 0xff);
  else if (c.kind === 'text') {
    const t = Buffer.from(c.text, 'latin1');
    for (let i = 0; i < f.size; i++) out[i] = t[i % t.length] ?? 0;
  } else if (c.kind === 'counter') for (let i = 0; i < f.size; i++) out[i] = i % 251;
  return out;
}

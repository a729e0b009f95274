import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { LineCounter, parseDocument, visit } from 'yaml';
import { UserError, type SourceLoc } from '../diagnostics';
import { LIMITS, limitMessage } from '../limits';
import { unsafePathReason } from '../patch/paths';
import { ERRNO, type Expectation, type ScenarioFile, type ScenarioFs, type ScenarioTask, type Scenario, type Step, type Verdict } from './model';
import { formatPath, Positions, type Path } from './positions';
import { schemaErrors } from './schema';

/** The raw shapes the schema guarantees (after validation), before names are resolved. */
type Raw = Record<string, unknown>;
type NodeRef = number | string;

export interface ParseResult {
  scenario: Scenario | undefined;
  errors: UserError[];
}

const O_FLAGS: Record<string, number> = { rdonly: 0, wronly: 1, rdwr: 2, append: 0o2000, largefile: 0o100000, direct: 0o40000 };

export interface ScenarioLoadOptions {
  /** Bytes the scenario text may have (default LIMITS.scenarioBytes). */
  maxBytes?: number;
}

/** YAML text → Scenario, or the list of every problem found (syntax, schema, then semantics), each at file:line:col. */
export function parseScenario(text: string, file: string, opts: ScenarioLoadOptions = {}): ParseResult {
  const maxBytes = opts.maxBytes ?? LIMITS.scenarioBytes.default;
  const bytes = Buffer.byteLength(text);
  if (bytes > maxBytes) return { scenario: undefined, errors: [new UserError({ file, line: 1, col: 1 }, limitMessage('scenarioBytes', maxBytes, `the scenario is ${bytes} bytes`))] };
  const lc = new LineCounter();
  // warnings (a key that is a collection) go to the schema check, not to the user's stderr
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, logLevel: 'error' });
  const pos = new Positions(file, doc, lc);
  const syntax = [...doc.errors].map((e) => new UserError(pos.at(e.pos[0]), e.message.split('\n')[0] ?? e.message));
  if (syntax.length) return { scenario: undefined, errors: syntax };
  // the yaml package refuses aliases that expand too far (a "billion laughs" bomb) and builds a cycle for an
  // alias inside its own anchor (`a: &x [*x]`): both are said at the first alias
  const firstAlias = (): SourceLoc => {
    let at = 0;
    visit(doc, {
      Alias(_, node) {
        at = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    return pos.at(at);
  };
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (e) {
    return { scenario: undefined, errors: [new UserError(firstAlias(), `the YAML cannot be expanded: ${e instanceof Error ? e.message : String(e)}`)] };
  }
  if (cyclic(value)) return { scenario: undefined, errors: [new UserError(firstAlias(), 'an alias (*name) refers to a node that contains it')] };
  const errors = schemaErrors(value, pos);
  if (errors.length) return { scenario: undefined, errors };
  return buildModel(value as Raw, pos);
}

/** Whether a value built from YAML contains itself (an alias inside its own anchor). */
function cyclic(v: unknown, open = new Set<unknown>()): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (open.has(v)) return true;
  open.add(v);
  const children = Array.isArray(v) ? v : v instanceof Map ? [...v.values()] : Object.values(v);
  const found = children.some((c) => cyclic(c, open));
  open.delete(v);
  return found;
}

export function loadScenarioFile(path: string, opts: ScenarioLoadOptions = {}): ParseResult {
  const maxBytes = opts.maxBytes ?? LIMITS.scenarioBytes.default;
  let st: fs.Stats;
  try {
    st = fs.statSync(path);
  } catch {
    return { scenario: undefined, errors: [new UserError(undefined, `cannot read ${path}: no such file`)] };
  }
  if (!st.isFile()) return { scenario: undefined, errors: [new UserError(undefined, `cannot read ${path}: not a regular file`)] };
  // refused before reading: the file may be far bigger than the limit
  if (st.size > maxBytes) return { scenario: undefined, errors: [new UserError({ file: path, line: 1, col: 1 }, limitMessage('scenarioBytes', maxBytes, `${path} is ${st.size} bytes`))] };
  return parseScenario(fs.readFileSync(path, 'utf8'), path, opts);
}

/** Like loadScenarioFile, but throws the first error (saying how many more there are). */
export function loadScenarioOrThrow(path: string, opts: ScenarioLoadOptions = {}): Scenario {
  const r = loadScenarioFile(path, opts);
  if (r.scenario) return r.scenario;
  const first = r.errors[0];
  const more = r.errors.length > 1 ? ` (and ${r.errors.length - 1} more)` : '';
  throw new UserError(first?.loc, `${first?.detail ?? 'invalid scenario'}${more}`);
}

function buildModel(raw: Raw, pos: Positions): ParseResult {
  const errors: UserError[] = [];
  const err = (path: Path, msg: string, key = false): void => {
    errors.push(new UserError(pos.loc(path, key), `${formatPath(path)}: ${msg}`));
  };
  const L = (path: Path): SourceLoc => pos.loc(path);

  const nodesRaw = raw.nodes;
  const nodes = typeof nodesRaw === 'number' ? Array.from({ length: nodesRaw }, (_, i) => `node${i}`) : Array.isArray(nodesRaw) ? (nodesRaw as string[]) : ['node0'];
  const nodeIndex = (ref: NodeRef | undefined, path: Path, dflt = 0): number => {
    if (ref === undefined) return dflt;
    const i = typeof ref === 'number' ? ref : nodes.indexOf(ref);
    if (i < 0 || i >= nodes.length) {
      err(path, typeof ref === 'number' ? `node ${ref} is out of range (the scenario has ${nodes.length} node${nodes.length === 1 ? '' : 's'}: 0..${nodes.length - 1})` : `no node named '${ref}' (nodes: ${nodes.join(', ')})`);
      return 0;
    }
    return i;
  };

  // --- filesystems and files
  const filesystems: ScenarioFs[] = [];
  const paths = new Map<string, ScenarioFile>();
  const devices = new Set<string>();
  const mounts = new Set<string>();
  let nextDev = 0;
  ((raw.filesystems ?? []) as Raw[]).forEach((f, i) => {
    const at: Path = ['filesystems', i];
    const device = (f.device as string | undefined) ?? `/dev/simd${nextDev}`;
    nextDev = Math.max(nextDev, Number(device.slice('/dev/simd'.length)) + 1);
    if (devices.has(device)) err([...at, 'device'], `device ${device} is used by another filesystem`);
    devices.add(device);
    const mount = (f.mount as string).replace(/\/+$/, '');
    if (mounts.has(mount)) err([...at, 'mount'], `mount point ${mount} is used by another filesystem`);
    mounts.add(mount);
    const files: ScenarioFile[] = [];
    const names = new Set<string>();
    ((f.files ?? []) as Raw[]).forEach((r, j) => {
      const fat: Path = [...at, 'files', j];
      const name = r.name as string;
      if (names.has(name)) err([...fat, 'name'], `duplicate file '${name}' on ${mount}`);
      names.add(name);
      const kinds = (['fill', 'text', 'pattern'] as const).filter((k) => r[k] !== undefined);
      if (kinds.length > 1) err([...fat, kinds[1] as string], `give one of fill, text or pattern, not ${kinds.join(' and ')}`, true);
      const size = r.size as number;
      const capacity = (r.capacity as number | undefined) ?? Math.max(4096, Math.ceil(size / 4096) * 4096);
      if (capacity < size) err([...fat, 'capacity'], `capacity ${capacity} is smaller than the size ${size}`);
      const content: ScenarioFile['content'] =
        r.fill !== undefined ? { kind: 'fill', char: r.fill as string } : r.text !== undefined ? { kind: 'text', text: r.text as string } : r.pattern === 'zero' ? { kind: 'zero' } : { kind: 'counter' };
      const file: ScenarioFile = { name, path: `${mount}/${name}`, size, capacity, content, loc: L(fat) };
      files.push(file);
      paths.set(file.path, file);
    });
    const need = 16 + files.reduce((s, x) => s + Math.ceil(x.capacity / 4096) + 2, 0);
    const blocks = (f.blocks as number | undefined) ?? Math.max(64, need * 2);
    if (blocks < need) err([...at, 'blocks'], `${blocks} blocks cannot hold the files (about ${need} needed)`);
    const on = f.on === undefined ? nodes.map((_, k) => k) : (f.on as NodeRef[]).map((r, k) => nodeIndex(r, [...at, 'on', k]));
    filesystems.push({ type: f.type as ScenarioFs['type'], device, blocks, mount, options: f.options as string | undefined, on, files, loc: L(at) });
  });

  // --- tasks
  const rawTasks = raw.tasks as Raw[];
  const taskIds = new Map<string, number>();
  rawTasks.forEach((t, i) => {
    const id = t.id as string;
    if (taskIds.has(id)) err(['tasks', i, 'id'], `duplicate task id '${id}'`);
    else taskIds.set(id, i);
  });
  // fd and buffer names belong to a process: a thread sees its leader's
  const procOf = (i: number, seen = new Set<number>()): number => {
    const of = rawTasks[i]?.['thread-of'] as string | undefined;
    if (of === undefined) return i;
    const j = taskIds.get(of);
    if (j === undefined || seen.has(j)) return i;
    seen.add(i);
    return procOf(j, seen);
  };
  const procNames = new Map<number, { fds: Set<string>; bufs: Set<string> }>();
  const namesOf = (p: number) => {
    let n = procNames.get(p);
    if (!n) procNames.set(p, (n = { fds: new Set(), bufs: new Set() }));
    return n;
  };
  // names are declared by any task of the process, in any step: tasks run concurrently, so "before" is a
  // property of the schedule, not of the text; a use that no step of the process declares is the mistake
  rawTasks.forEach((t, i) => {
    const n = namesOf(procOf(i));
    for (const s of t.steps as Raw[]) {
      const open = s.open as Raw | undefined;
      if (open) n.fds.add(open.as as string);
      const mm = (s.mmap ?? s.alloc) as Raw | undefined;
      if (mm) n.bufs.add(mm.as as string);
    }
  });

  const tasks: ScenarioTask[] = [];
  rawTasks.forEach((t, i) => {
    const at: Path = ['tasks', i];
    const threadOf = t['thread-of'] as string | undefined;
    let node = nodeIndex(t.node as NodeRef | undefined, [...at, 'node']);
    if (threadOf !== undefined) {
      const j = taskIds.get(threadOf);
      if (j === undefined) err([...at, 'thread-of'], `no task '${threadOf}'`);
      else if (j === i || procOf(i) === i) err([...at, 'thread-of'], `'${threadOf}' is a cycle of threads`);
      else {
        if (t.process !== undefined) err([...at, 'process'], `a thread has no process of its own (it is a thread of '${threadOf}')`, true);
        const leaderNode = nodeIndex(rawTasks[j]?.node as NodeRef | undefined, ['tasks', j, 'node']);
        if (t.node !== undefined && node !== leaderNode) err([...at, 'node'], `a thread runs on its leader's node (${nodes[leaderNode] ?? leaderNode})`);
        node = leaderNode;
      }
    }
    const names = namesOf(procOf(i));
    const fd = (name: string, p: Path): string => {
      if (!names.fds.has(name)) err(p, `no fd named '${name}' (no open step of this process binds it${names.fds.size ? `; fds: ${[...names.fds].join(', ')}` : ''})`);
      return name;
    };
    const buf = (name: string, p: Path): string => {
      if (!names.bufs.has(name)) err(p, `no buffer or mapping named '${name}' (declare it with alloc or mmap${names.bufs.size ? `; known: ${[...names.bufs].join(', ')}` : ''})`);
      return name;
    };
    const steps: Step[] = [];
    (t.steps as Raw[]).forEach((s, k) => {
      const sp: Path = [...at, 'steps', k];
      const kinds = Object.keys(s).filter((x) => x !== 'expect_errno');
      if (kinds.length !== 1) {
        err(sp, kinds.length ? `one step per list item, not ${kinds.join(' and ')}` : 'a step needs an action besides expect_errno');
        return;
      }
      const kind = kinds[0] as string;
      const v = s[kind];
      const vp: Path = [...sp, kind];
      const ee = s.expect_errno;
      const expectErrno = (ee === undefined ? [] : Array.isArray(ee) ? ee : [ee]).flatMap((x: unknown, q: number): number[] => {
        if (typeof x === 'number') return [Math.abs(x)];
        const e = ERRNO[String(x).replace(/^-/, '')];
        if (e === undefined) {
          err(Array.isArray(ee) ? [...sp, 'expect_errno', q] : [...sp, 'expect_errno'], `unknown errno '${String(x)}' (e.g. EIO, EINVAL, ENOMEM)`);
          return [];
        }
        return [e];
      });
      const base = { expectErrno, loc: L(sp) };
      const o = (v ?? {}) as Raw;
      const num = (x: unknown, d: number): number => (typeof x === 'number' ? x : d);
      switch (kind) {
        case 'open': {
          const path = (o.file as string).replace(/\/+/g, '/');
          if (!paths.has(path) && expectErrno.length === 0) {
            err([...vp, 'file'], `no file ${path} in the scenario (files: ${[...paths.keys()].join(', ') || 'none'})`);
          }
          const fl = o.flags === undefined ? [] : Array.isArray(o.flags) ? (o.flags as string[]) : [o.flags as string];
          const access = fl.filter((f) => f === 'rdonly' || f === 'wronly' || f === 'rdwr');
          if (access.length > 1) err([...vp, 'flags'], `give one of rdonly, wronly, rdwr, not ${access.join(' and ')}`);
          steps.push({ ...base, kind: 'open', path, as: o.as as string, flags: fl.reduce((a, f) => a | (O_FLAGS[f] ?? 0), 0) });
          break;
        }
        case 'close':
          steps.push({ ...base, kind: 'close', fd: fd(v as string, vp) });
          break;
        case 'mmap': {
          const prot = ((o.prot as string[] | undefined) ?? ['read']).reduce((a, p) => a | (p === 'read' ? 1 : 2), 0);
          steps.push({ ...base, kind: 'mmap', fd: fd(o.fd as string, [...vp, 'fd']), length: o.length as number, offset: num(o.offset, 0), prot, shared: o.map === 'shared', as: o.as as string });
          break;
        }
        case 'munmap': {
          const r = typeof v === 'string' ? { buffer: v } : o;
          steps.push({ ...base, kind: 'munmap', buffer: buf(r.buffer as string, typeof v === 'string' ? vp : [...vp, 'buffer']), offset: num(r.offset, 0), length: r.length as number | undefined });
          break;
        }
        case 'read':
        case 'write': {
          const bk = kind === 'read' ? 'into' : 'from';
          const wrong = kind === 'read' ? 'from' : 'into';
          if (o[wrong] !== undefined) err([...vp, wrong], `${kind} takes '${bk}', not '${wrong}'`, true);
          if (o[bk] === undefined) {
            err(vp, `missing required key '${bk}'`);
            break;
          }
          steps.push({ ...base, kind, fd: fd(o.fd as string, [...vp, 'fd']), buffer: buf(o[bk] as string, [...vp, bk]), offset: num(o.offset, 0), count: o.count as number | undefined });
          break;
        }
        case 'alloc':
          steps.push({ ...base, kind: 'alloc', as: o.as as string, length: o.length as number });
          break;
        case 'touch':
          steps.push({ ...base, kind: 'touch', buffer: buf(o.at as string, [...vp, 'at']), offset: num(o.offset, 0), length: num(o.length, 1), write: o.write === true, value: (o.value as string | undefined) ?? 'W' });
          break;
        case 'memcpy':
          steps.push({ ...base, kind: 'memcpy', to: buf(o.to as string, [...vp, 'to']), toOffset: num(o.to_offset, 0), from: buf(o.from as string, [...vp, 'from']), fromOffset: num(o.from_offset, 0), count: o.count as number });
          break;
        case 'sleep':
          steps.push({ ...base, kind: 'sleep', steps: v as number });
          break;
        case 'exit':
          steps.push({ ...base, kind: 'exit' });
          break;
      }
    });
    tasks.push({ id: t.id as string, node, process: threadOf === undefined ? ((t.process as string | undefined) ?? (t.id as string)) : undefined, threadOf, steps, loc: L(at) });
  });
  // the same name bound twice in one process would make later uses ambiguous
  for (const [p, _] of procNames) {
    const seen = new Map<string, Path>();
    rawTasks.forEach((t, i) => {
      if (procOf(i) !== p) return;
      (t.steps as Raw[]).forEach((s, k) => {
        for (const kind of ['open', 'mmap', 'alloc']) {
          const as = (s[kind] as Raw | undefined)?.as as string | undefined;
          if (as === undefined) continue;
          const ns = kind === 'open' ? `fd:${as}` : `buf:${as}`;
          if (seen.has(ns)) err(['tasks', i, 'steps', k, kind, 'as'], `'${as}' is already bound at ${formatPath(seen.get(ns) ?? [])} (names are per process)`);
          else seen.set(ns, ['tasks', i, 'steps', k]);
        }
      });
    });
  }

  // --- faults, explore, expect
  const kmalloc = (((raw.faults as Raw | undefined)?.kmalloc ?? []) as Raw[]).map((k, i) => ({
    node: nodeIndex(k.node as NodeRef | undefined, ['faults', 'kmalloc', i, 'node']),
    nth: k.nth as number,
    loc: L(['faults', 'kmalloc', i]),
  }));
  const ex = (raw.explore ?? {}) as Raw;
  const explore: Scenario['explore'] = {};
  if (typeof ex.max_executions === 'number') explore.maxExecutions = ex.max_executions;
  if (typeof ex.max_steps === 'number') explore.maxSteps = ex.max_steps;
  if (typeof ex.max_time === 'number') explore.maxTime = ex.max_time;
  if (typeof ex.max_preemptions === 'number') explore.maxPreemptions = ex.max_preemptions;
  if (ex.preemption === 'none' || ex.preemption === 'full') explore.preemption = ex.preemption;
  const expect: Expectation[] = [];
  const e = raw.expect;
  const outcome = (o: Raw, p: Path): void => {
    if (o.at !== undefined && o.verdict !== 'oops') err([...p, 'at'], `'at' is for verdict oops, not ${String(o.verdict)}`, true);
    expect.push({ verdict: o.verdict as Verdict, policy: o.policy as string | undefined, at: o.at as string | undefined, kind: o.kind as string | undefined, loc: L(p) });
  };
  if (typeof e === 'string') expect.push({ verdict: e as Verdict, policy: undefined, at: undefined, kind: undefined, loc: L(['expect']) });
  else if (Array.isArray(e)) {
    (e as Raw[]).forEach((o, i) => outcome(o, ['expect', i]));
    const pol = new Set<string>();
    expect.forEach((x, i) => {
      const k = x.policy ?? '';
      if (pol.has(k)) err(['expect', i, 'policy'], `two outcomes for policy '${k || '(the scenario\'s own)'}'`);
      pol.add(k);
    });
  } else if (e && typeof e === 'object') outcome(e as Raw, ['expect']);
  if (raw.policy !== undefined && raw.series !== undefined) err(['series'], `give 'policy' or 'series', not both`, true);
  // a scenario from someone else's repository must not name a patch elsewhere on the user's disk
  const seriesWhy = typeof raw.series === 'string' ? unsafePathReason(raw.series) : undefined;
  if (seriesWhy) err(['series'], `the series must be a file beside the scenario or below it: ${seriesWhy.replace('the tree', "the scenario's folder")}`);

  if (errors.length) return { scenario: undefined, errors: errors.sort((a, b) => (a.loc?.line ?? 0) - (b.loc?.line ?? 0) || (a.loc?.col ?? 0) - (b.loc?.col ?? 0)) };
  return {
    scenario: {
      file: pos.file,
      name: raw.name as string,
      description: raw.description as string | undefined,
      policy: raw.policy as string | undefined,
      series: raw.series as string | undefined,
      ...(raw.series !== undefined ? { seriesLoc: L(['series']) } : {}),
      nodes,
      filesystems,
      tasks,
      faults: { kmalloc },
      explore,
      expect,
    },
    errors: [],
  };
}

/**
 * The file a scenario's `series` names, resolved beside the scenario file, or undefined when it names none. A
 * name that leads out of the scenario's folder (by `..`, an absolute path or a symlink) is a UserError at the
 * `series` key: parse already refuses the first two, the symlink shows only on disk.
 */
export function scenarioSeriesPath(s: Scenario): string | undefined {
  if (s.series === undefined) return undefined;
  const dir = nodePath.dirname(s.file);
  const at = s.seriesLoc ?? { file: s.file, line: 1, col: 1 };
  const why = unsafePathReason(s.series);
  if (why) throw new UserError(at, `the series must be a file beside the scenario or below it: ${why}`);
  const p = nodePath.join(dir, s.series);
  let real: string;
  try {
    real = fs.realpathSync(p);
  } catch {
    throw new UserError(at, `series file not found: ${p}`);
  }
  const rel = nodePath.relative(fs.realpathSync(dir), real);
  if (rel.startsWith('..') || nodePath.isAbsolute(rel)) throw new UserError(at, `the series ${s.series} leads out of the scenario's folder (to ${real})`);
  return p;
}

/** The outcome expected under `policy` ('none' or undefined = unpatched), if the scenario states one. */
export function expectationFor(s: Scenario, policy: string | undefined): Expectation | undefined {
  const want = policy ?? 'none';
  return s.expect.find((e) => (e.policy ?? s.policy ?? 'none') === want);
}

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { buildKernel } from '../../../src/core/kernel/build';
import { findRepoRoot, loadTree, type MemoryTree } from '../../../src/core/patch';
import { parseScenario, runScenario, type ParseResult } from '../../../src/core/scenario';
import { expectUserError } from '../expect';
import { mutatedText } from '../mutate';
import type { PropertyTable } from '../worker';

const root = findRepoRoot(__dirname) as string;
const FILE = 'fuzz.iolock.yaml';
const VERDICTS = ['ok', 'oops', 'deadlock', 'error', 'inconsistent', 'lock-order'];

let examples: { name: string; text: string; value: unknown }[] = [];
let tree: MemoryTree | undefined;
/** How many mutated scenarios were valid and ran (a mutator that only makes invalid ones tests little). */
const counts = { valid: 0, invalid: 0 };

function loadExamples(): void {
  const dir = path.join(root, 'examples', 'scenarios');
  examples = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.iolock.yaml'))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, text, value: parseYaml(text) as unknown };
    });
}

/** Parsing never throws: a scenario, or errors that each point into the text. */
function checkParse(text: string): ParseResult {
  const r = parseScenario(text, FILE);
  assert.ok((r.scenario === undefined) !== (r.errors.length === 0), 'either a scenario or errors');
  const files = new Map([[FILE, text]]);
  for (const e of r.errors) expectUserError(e, files);
  if (r.scenario) JSON.stringify(r.scenario);
  return r;
}

const VALUES: unknown[] = [0, -1, 1, 2, 3, 7, 8, 9, 16, 4095, 4096, 8192, 65536, 1e6, 1e9, 1e12, 2 ** 53, 1.5, -0.5, 'T1', 'T2', 'T3', 'fa', 'fb', 'mB', 'buf', '/mnt/gfs2/A', '/mnt/gfs2/B', '/mnt/gfs2/../../etc/passwd', '/dev/simd0', '/dev/simd99999999999', '', 'shared', 'private', 'rdwr', 'read', 'write', ['read', 'write'], ['rdwr', 'append'], 'node0', 'node1', 'gfs2', 'ext2', 'ocfs2', 'counter', 'zero', 'A', 'EIO', 'deadlock', 'oops', 'none', 'full', 'era=2007', null, true, false, {}, [], { open: { file: '/mnt/gfs2/A', as: 'fz' } }, { sleep: 3 }, { exit: true }, { alloc: { as: 'mz', length: 4096 } }];

type Mut = { at: number; op: 'set' | 'delete' | 'duplicate' | 'swap' | 'same-type'; value: number };

/** Every path to a value inside `v` (objects and arrays), the root included. */
function pathsOf(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

function mutateValue(value: unknown, muts: Mut[]): unknown {
  const doc = structuredClone(value);
  for (const m of muts) {
    const all = pathsOf(doc).filter((p) => p.length > 0);
    const p = all[m.at % Math.max(all.length, 1)];
    if (!p) continue;
    let parent = doc as Record<string | number, unknown>;
    for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    const key = p[p.length - 1] as string | number;
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.op === 'duplicate' && Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
    else if (m.op === 'swap' && Array.isArray(parent)) {
      // another order of steps, tasks or files: usually still valid, so it runs
      const other = m.value % parent.length;
      [parent[key as number], parent[other]] = [parent[other], parent[key as number]];
    } else if (m.op === 'same-type') {
      // a value of the same type from elsewhere in the scenario (a name, a count): mostly still valid
      const old = parent[key];
      const pool = all.map((q) => q.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], doc)).filter((v) => typeof v === typeof old && (typeof v !== 'object' || Array.isArray(v) === Array.isArray(old)));
      if (pool.length) parent[key] = structuredClone(pool[m.value % pool.length]);
    } else parent[key] = structuredClone(VALUES[m.value % VALUES.length]);
  }
  return doc;
}

// mostly mutations that keep a scenario valid, so that a good share of them run (the rest test the checks)
const mutArb = fc.record({
  at: fc.nat(),
  op: fc.oneof(
    { weight: 5, arbitrary: fc.constant('same-type' as const) },
    { weight: 2, arbitrary: fc.constant('swap' as const) },
    { weight: 1, arbitrary: fc.constantFrom('set' as const, 'delete' as const, 'duplicate' as const) },
  ),
  value: fc.nat(),
});
const yamlLineArb = fc.oneof(
  fc.constantFrom('nodes: 9', 'nodes: [a, a]', 'tasks: []', '  - id: T1', '    steps:', '      - read: { fd: fa, into: mB, count: 8192 }', 'a: &x [*x]', '<<: *x', 'a: !!binary AAAA', 'a: !!js/function "function () {}"', '%YAML 1.2', '---', '...', '? complex', '- - -', '"\\u0000"', 'size: .nan', 'size: .inf', 'size: 0x10', 'size: 1e400', '\t- tab', 'x: |', 'x: >-'),
  fc.string({ maxLength: 30 }),
);

/** A YAML bomb: nested aliases that would expand to 9^depth nodes. */
function aliasBomb(depth: number): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= depth; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  return `name: bomb\n${lines.join('\n')}\ntasks: *a${depth}\n`;
}

export const properties: PropertyTable = {
  'scenario: random and mutated YAML gives a scenario or errors at line:col': {
    setup: async () => loadExamples(),
    arb: fc.constant(null).chain(() =>
      fc.oneof(
        { weight: 4, arbitrary: fc.nat(examples.length - 1).chain((i) => mutatedText((examples[i] as { text: string }).text, yamlLineArb, 6)) },
        { weight: 1, arbitrary: fc.array(yamlLineArb, { maxLength: 20 }).map((ls) => ls.join('\n')) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => toYaml(v)) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }).map(aliasBomb) },
      ),
    ),
    check: (text: string) => {
      checkParse(text);
    },
    show: (text: string) => text,
  },

  'scenario: mutated scenarios parse, and the valid ones run to a verdict within the limits': {
    setup: async () => {
      loadExamples();
      tree = loadTree(path.join(root, 'kernel'));
      await buildKernel(tree);
    },
    arb: fc.constant(null).chain(() => fc.tuple(fc.nat(examples.length - 1), fc.array(mutArb, { minLength: 1, maxLength: 3 }))),
    check: async ([i, muts]: [number, Mut[]]) => {
      const value = mutateValue((examples[i] as { value: unknown }).value, muts);
      const text = toYaml(value);
      const r = checkParse(text);
      counts[r.scenario ? 'valid' : 'invalid']++;
      // written straight to fd 2: a worker's console is lost when the harness ends it
      if (process.env.FUZZ_REPORT && (counts.valid + counts.invalid) % 100 === 0) fs.writeSync(2, `      scenarios: ${counts.valid} valid (run), ${counts.invalid} refused with positions\n`);
      if (!r.scenario) return;
      const result = await runScenario(r.scenario, { tree: tree as MemoryTree, policy: 'none', maxSteps: 3_000_000, maxTrace: 50_000 });
      assert.ok(VERDICTS.includes(result.verdict), `verdict ${result.verdict}`);
      JSON.stringify(result);
    },
    show: ([i, muts]) => toYaml(mutateValue((examples[i] as { value: unknown }).value, muts)),
    perInputMs: 20_000,
  },
};

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import * as fc from 'fast-check';

/** What a property module exports, by name: how to make inputs and what must hold for each. */
export interface FuzzProperty<T> {
  /** Runs once in the worker before the first input (tree-sitter, a kernel build, a debug session). */
  setup?: () => Promise<void>;
  arb: fc.Arbitrary<T>;
  /** Throws (anything) when the property does not hold for the input. */
  check: (input: T) => void | Promise<void>;
  /** The input as shown when it fails or hangs (default: fast-check's stringify, cut at 4000 characters). */
  show?: (input: T) => string;
  /** One input must take no longer (default 5 s): slower is a finding (superlinear work, a near-hang). */
  perInputMs?: number;
}

// Properties of different input types live in one table; each is only ever used with its own arbitrary.
export type PropertyTable = Record<string, FuzzProperty<any>>;

export interface WorkerRequest {
  module: string;
  property: string;
  seed: number;
  runs: number;
  timeMs: number;
  path: string | undefined;
}

export type WorkerReport =
  | { kind: 'passed'; inputs: number; ms: number }
  | { kind: 'failed'; inputs: number; path: string; message: string }
  | { kind: 'hung'; ms: number }
  | { kind: 'crashed'; message: string };

const cut = (s: string) => (s.length > 4000 ? s.slice(0, 4000) + `... (${s.length} characters)` : s);

async function main(req: WorkerRequest): Promise<WorkerReport> {
  const mod = require(path.join(__dirname, 'props', req.module)) as { properties: PropertyTable };
  const prop = mod.properties[req.property];
  if (!prop) throw new Error(`no property ${req.property} in ${req.module}`);
  await prop.setup?.();
  const limit = prop.perInputMs ?? 5000;
  const show = prop.show ?? ((v: unknown) => fc.stringify(v));
  const started = Date.now();
  const property = fc.asyncProperty(prop.arb, async (input: unknown) => {
    parentPort?.postMessage({ input: cut(show(input)) });
    const t0 = Date.now();
    await prop.check(input);
    const ms = Date.now() - t0;
    if (ms > limit) throw new Error(`one input took ${ms} ms (limit ${limit} ms)`);
  });
  const details = await fc.check(property, {
    seed: req.seed,
    numRuns: req.runs,
    interruptAfterTimeLimit: req.timeMs,
    markInterruptAsFailure: false,
    ...(req.path !== undefined ? { path: req.path } : {}),
  });
  const ms = Date.now() - started;
  if (!details.failed) return { kind: 'passed', inputs: details.numRuns, ms };
  const example = details.counterexample?.[0];
  const err = details.errorInstance;
  const why = err instanceof Error ? (err.stack ?? err.message) : String(err);
  // the whole input, uncut, for reproducing it by hand
  const dir = path.join(os.tmpdir(), 'iolock-fuzz-failures');
  fs.mkdirSync(dir, { recursive: true });
  const saved = path.join(dir, `${req.property.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80)}.txt`);
  fs.writeFileSync(saved, show(example));
  return {
    kind: 'failed',
    inputs: details.numRuns,
    path: details.counterexamplePath ?? '',
    message: `input (shrunk ${details.numShrinks} times; in full in ${saved}):\n${cut(show(example))}\n${why}`,
  };
}

main(workerData as WorkerRequest).then(
  (r) => parentPort?.postMessage(r),
  (e: unknown) => parentPort?.postMessage({ kind: 'crashed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerReport),
);

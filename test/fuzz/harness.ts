import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerReport, WorkerRequest } from './worker';

/**
 * Fuzz properties run in a worker thread so that an input that hangs (a loop in the code under test that no
 * limit stops) or grows memory without bound is caught: the watchdog terminates the worker and the test fails
 * naming the input, instead of mocha waiting forever (its timeout cannot interrupt synchronous code).
 *
 * Every property has a fixed seed. FUZZ_SEED=<n> replays another one, FUZZ_RUNS=<n> and FUZZ_TIME=<ms> make a
 * longer campaign than the CI budget (the defaults here keep the whole suite under two minutes on 2 cores).
 */
export interface FuzzOptions {
  /** Module under out/test/fuzz/props/ that exports the property (see worker.ts). */
  module: string;
  property: string;
  /** Inputs to try at most (FUZZ_RUNS overrides). */
  runs: number;
  /** Milliseconds of trying at most (FUZZ_TIME overrides); fewer inputs are tried when they are slow. */
  timeMs: number;
  seed?: number;
  /** Heap of the worker: an input that needs more is a failure (no unbounded memory). */
  heapMb?: number;
}

export interface FuzzStats {
  property: string;
  seed: number;
  inputs: number;
  ms: number;
}

const envInt = (name: string): number | undefined => {
  const v = process.env[name];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
};

/** A mocha timeout for a fuzz suite: its CI budget, or a longer campaign's FUZZ_TIME per property plus setup. */
export function fuzzTimeout(ciMs: number): number {
  const t = envInt('FUZZ_TIME');
  return t === undefined ? ciMs : Math.max(ciMs, t + 120_000);
}

/** A seed per property name, so that properties do not all explore the same random stream. */
function defaultSeed(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A failure whose message is the whole story: mocha prints the stack, which would repeat it. */
function fail(message: string): never {
  const e = new Error(message);
  e.stack = message;
  throw e;
}

export async function fuzz(opts: FuzzOptions): Promise<FuzzStats> {
  const seed = envInt('FUZZ_SEED') ?? opts.seed ?? defaultSeed(opts.property);
  const runs = envInt('FUZZ_RUNS') ?? opts.runs;
  const timeMs = envInt('FUZZ_TIME') ?? opts.timeMs;
  // setup (a kernel build, tree-sitter) and shrinking come on top of the trying time
  const watchdogMs = timeMs + 60_000;
  const req: WorkerRequest = { module: opts.module, property: opts.property, seed, runs, timeMs, path: process.env.FUZZ_PATH };
  const worker = new Worker(path.join(__dirname, 'worker.js'), {
    workerData: req,
    resourceLimits: { maxOldGenerationSizeMb: opts.heapMb ?? 1536 },
    stdout: false,
    stderr: false,
  });
  let last = '(none yet)';
  const report = await new Promise<WorkerReport>((resolve) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ kind: 'hung', ms: watchdogMs });
    }, watchdogMs);
    worker.on('message', (m: { input: string } | WorkerReport) => {
      if ('input' in m) last = m.input;
      else {
        clearTimeout(timer);
        resolve(m);
      }
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      resolve({ kind: 'crashed', message: e.stack ?? e.message });
    });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ kind: 'crashed', message: `the worker exited with code ${code}` });
    });
  });
  await worker.terminate();
  const replay = `FUZZ_SEED=${seed} node scripts/run-mocha.mjs '${opts.property}'`;
  if (report.kind === 'hung') {
    fail(`${opts.property}: no answer within ${report.ms} ms (a hang?), seed ${seed}; the input it was on:\n${last}\nreplay: ${replay}`);
  }
  if (report.kind === 'crashed') {
    fail(`${opts.property}: the worker died (out of memory?), seed ${seed}: ${report.message}\nthe input it was on:\n${last}\nreplay: ${replay}`);
  }
  if (report.kind === 'failed') {
    fail(`${opts.property}: seed ${seed}, path ${report.path}, after ${report.inputs} inputs:\n${report.message}\nreplay: FUZZ_PATH=${report.path} ${replay}`);
  }
  const stats: FuzzStats = { property: opts.property, seed, inputs: report.inputs, ms: report.ms };
  if (process.env.FUZZ_REPORT) console.log(`      ${opts.property}: ${report.inputs} inputs in ${(report.ms / 1000).toFixed(1)} s (seed ${seed})`);
  return stats;
}

// Benchmarks, run side by side in one process so the ratios hold on a noisy machine.
// Writes the table to bench/results.md with the commit it measured.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'inherit' });
const { runCProgram } = require(join(root, 'out/src/core/vm/cprogram.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quiet = { stdout: () => {}, stderr: () => {} };

async function interp(file, n) {
  const t0 = process.hrtime.bigint();
  const r = await runCProgram(file, { args: [file, String(n)], maxSteps: 1e12, io: quiet });
  if (r.fault) throw new Error(r.fault.message);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function native(exe, n) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(exe, [String(n)]);
  if (r.status !== 0) throw new Error('native run failed');
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const loop = join(root, 'bench/loop.c');
const work = mkdtempSync(join(tmpdir(), 'iolock-bench-'));
const exe = join(work, 'loop');
execFileSync('gcc', ['-O0', '-o', exe, loop]);

const SMALL = 1e5;
const BIG = 3e6;
const NBIG = 1e8;
const rows = [];
// warm up: V8 needs a few runs before its optimised code settles
for (let i = 0; i < 3; i++) await interp(loop, SMALL);
const iSmall = [], iBig = [], gSmall = [], gBig = [], startup = [];
for (let r = 0; r < 5; r++) {
  iSmall.push(await interp(loop, SMALL));
  iBig.push(await interp(loop, BIG));
  gSmall.push(native(exe, SMALL));
  gBig.push(native(exe, NBIG));
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, [join(root, 'bin/iolock-sim.js'), 'cexec', loop, '1']);
  startup.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const perIterInterp = (median(iBig) - median(iSmall)) / (BIG - SMALL) * 1e6; // ns
const perIterGcc = (median(gBig) - median(gSmall)) / (NBIG - SMALL) * 1e6;
rows.push(['interpreter: bench/loop.c, ns per iteration (startup subtracted)', perIterInterp.toFixed(1)]);
rows.push(['gcc -O0: same file, ns per iteration', perIterGcc.toFixed(2)]);
rows.push(['ratio interpreter / gcc -O0 (must ≤ 30, aim ≤ 5)', (perIterInterp / perIterGcc).toFixed(1) + '×']);
rows.push(['`iolock-sim cexec` startup on a small file (process start to exit), ms (target < 300)', median(startup).toFixed(0)]);

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || 'uncommitted';
const table = ['| measure | value |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
console.log(table);
writeFileSync(
  join(root, 'bench/results.md'),
  `# Benchmark results\n\nProduced by \`npm run bench\` (bench/run.mjs) at commit ${commit} on ${new Date().toISOString().slice(0, 10)}, ` +
    `${process.version}, medians of 5 runs after 3 warm-up runs, both sides measured in the same run.\n\n${table}\n`,
);

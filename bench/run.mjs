// Benchmarks, interpreter and gcc measured alternately in one run so the ratios hold on a noisy machine.
// Writes the table to bench/results.md with the commit it measured.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One `cexec` run in its own process, as a user runs it (each process warms V8 up on its own). */
function interp(file, n, extra) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, 'bin/iolock-sim.js'), 'cexec', file, String(n), ...extra]);
  if (r.status !== 0) throw new Error(`cexec ${file} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function native(exe, n, extra) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(exe, [String(n), ...extra]);
  if (r.status !== 0) throw new Error('native run failed');
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const work = mkdtempSync(join(tmpdir(), 'iolock-bench-'));
const SMALL = 1e5;
const BIG = 1e7;
const NBIG = 1e8;
const rows = [];

/** ns per iteration of one C file, interpreter vs gcc -O0, startup subtracted by running two sizes. */
function perIteration(name, extra = []) {
  const file = join(root, 'bench', name);
  const exe = join(work, name.replace(/\.c$/, ''));
  execFileSync('gcc', ['-O0', '-o', exe, file]);
  const iSmall = [], iBig = [], gSmall = [], gBig = [];
  for (let r = 0; r < 5; r++) {
    iSmall.push(interp(file, SMALL, extra));
    iBig.push(interp(file, BIG, extra));
    gSmall.push(native(exe, SMALL, extra));
    gBig.push(native(exe, NBIG, extra));
  }
  const vm = ((median(iBig) - median(iSmall)) / (BIG - SMALL)) * 1e6;
  const gcc = ((median(gBig) - median(gSmall)) / (NBIG - SMALL)) * 1e6;
  return { vm, gcc, ratio: vm / gcc };
}

const loop = perIteration('loop.c');
rows.push(['bench/loop.c: interpreter, ns per iteration (startup subtracted)', loop.vm.toFixed(1)]);
rows.push(['bench/loop.c: gcc -O0, ns per iteration', loop.gcc.toFixed(2)]);
rows.push(['**bench/loop.c: ratio interpreter / gcc -O0** (must ≤ 30, aim ≤ 5)', `**${loop.ratio.toFixed(1)}×**`]);
const hash = perIteration('loop.c', ['hash']);
rows.push(['bench/loop.c hash (values ≥ 2^53, bigint path): interpreter, ns per iteration', hash.vm.toFixed(1)]);
rows.push(['bench/loop.c hash: ratio interpreter / gcc -O0', `${hash.ratio.toFixed(1)}×`]);
const startup = [];
for (let r = 0; r < 5; r++) {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, [join(root, 'bin/iolock-sim.js'), 'cexec', join(root, 'bench/loop.c'), '1']);
  startup.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
rows.push(['`iolock-sim cexec bench/loop.c 1`, process start to exit, ms (target < 300)', median(startup).toFixed(0)]);

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || 'uncommitted';
const table = ['| measure | value |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
console.log(table);
// other benchmarks (bench/timeline.mjs) keep their own marked sections of the file: carry them over
const resultsPath = join(root, 'bench/results.md');
const kept = (existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '').match(/<!-- bench:[\w-]+ -->[\s\S]*?<!-- \/bench:[\w-]+ -->\n?/g) ?? [];
writeFileSync(
  resultsPath,
  `# Benchmark results\n\nProduced by \`npm run bench\` (bench/run.mjs) at commit ${commit} on ${new Date().toISOString().slice(0, 10)}, ` +
    `${process.version}, medians of 5 runs; each interpreter run is a fresh \`cexec\` process (startup subtracted by running two sizes), alternating with the gcc -O0 build of the same file.\n\n${table}\n` +
    kept.map((k) => `\n${k}`).join(''),
);

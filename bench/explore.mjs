// Explorer benchmarks, side by side in one run: DPOR against naive exploration on scenarios where naive
// finishes, DPOR's executions against the Mazurkiewicz traces they cover, full DPOR proofs with their time and
// rate, and the memory of a long run. Writes its own marked section of bench/results.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

/** One `explore --json` in its own process; `ms` is the exploration's own clock (compiling the kernel excluded). */
function explore(scenario, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(root, 'bin/iolock-sim.js'), 'explore', join(root, scenario), '--json', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const j = JSON.parse(r.stdout);
  if (j.error) throw new Error(`${scenario}: ${j.error}`);
  return { ...j, rssMiB: Number(r.stderr.trim().split('\n').pop()) / 1024 };
}

const rows = [];
const row = (a, b) => rows.push([a, b]);
const fix = 'test/fixtures/scenarios';

for (const name of ['three-nodes-local', 'two-openers-shared']) {
  const d = explore(`${fix}/${name}.iolock.yaml`, ['--no-patch', '--mode', 'dpor']);
  const n = explore(`${fix}/${name}.iolock.yaml`, ['--no-patch', '--mode', 'naive', '--timeout', '1200']);
  row(`\`${name}\`: DPOR executions / distinct traces (target ≤ 1.1)`, `${d.executions} / ${d.traces} = **${(d.executions / d.traces).toFixed(2)}**${d.complete ? '' : ' (bounded)'}`);
  row(`\`${name}\`: naive executions (traces among them) / DPOR executions (target ≥ 100×)`, `${n.executions} (${n.traces}) / ${d.executions} = **${(n.executions / d.executions).toFixed(0)}×**${n.complete ? '' : ' (naive bounded)'}`);
  row(`\`${name}\`: time DPOR / naive`, `${(d.ms / 1000).toFixed(2)} s / ${(n.ms / 1000).toFixed(1)} s`);
}

const s9 = explore('examples/scenarios/s9-three-way.iolock.yaml', ['--policy', 'base', '--timeout', '120']);
row('`s9-three-way` base, DPOR 120 s: executions / distinct traces (target ≤ 1.1)', `${s9.executions} / ${s9.traces} = **${(s9.executions / s9.traces).toFixed(2)}** (${s9.complete ? 'complete' : 'bounded: ' + s9.stopped})`);

for (const policy of ['iolock', 'walk_vm', 'base']) {
  if (!existsSync(join(root, 'examples/policies', policy, 'series'))) continue;
  const r = explore('examples/scenarios/s2-crossed-mmap.iolock.yaml', ['--policy', policy, '--timeout', '600']);
  row(`\`s2-crossed-mmap\` × \`${policy}\`: full DPOR${policy === 'iolock' ? ' (target < 2 s)' : ''}`, `**${(r.ms / 1000).toFixed(1)} s**, ${r.executions} executions, ${(r.executions / (r.ms / 1000)).toFixed(0)} executions/s, verdict ${r.verdict}${r.complete ? ', complete' : ', bounded'}`);
}

// a long run: one scenario execution of more than a million scheduling steps' worth of statements
const long = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(root, 'bin/iolock-sim.js'), 'run', join(root, 'bench/long-run.iolock.yaml'), '--no-patch', '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
const lj = JSON.parse(long.stdout);
row('`bench/long-run.iolock.yaml`: one run, statements / scheduling steps / peak RSS (target < 1 GiB)', `${lj.statements.toLocaleString('en')} / ${lj.steps.toLocaleString('en')} / **${(Number(long.stderr.trim().split('\n').pop()) / 1024).toFixed(0)} MiB**`);

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
const table = ['| measure | value |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
console.log(table);
const section = `<!-- bench:explore -->\n## Explorer (bench/explore.mjs)\n\nProduced by \`node bench/explore.mjs\` at commit ${commit} (plus the working tree) on ${new Date().toISOString().slice(0, 10)}, ${process.version}, 2 CPUs shared with other work. Each exploration is its own \`iolock-sim explore --json\` process; times are the explorer's own clock (the kernel compile before it excluded); preemption model \`none\` (the default, docs/exploration.md).\n\n${table}\n<!-- /bench:explore -->\n`;
const path = join(root, 'bench/results.md');
const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
writeFileSync(path, /<!-- bench:explore -->[\s\S]*?<!-- \/bench:explore -->\n?/.test(text) ? text.replace(/<!-- bench:explore -->[\s\S]*?<!-- \/bench:explore -->\n?/, section) : `${text.trimEnd()}\n\n${section}`);

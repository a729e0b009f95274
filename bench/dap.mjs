// The debug adapter as a DAP client sees it: the standalone adapter (`iolock-sim dap`, stdio) driven by
// @vscode/debugadapter-testsupport's DebugClient. Measures, with the targets:
//   - step request to stopped event on s2 (stepIn: one C statement; next: over calls), p50/p99 (< 2 / < 10 ms)
//   - stepBack on a trace of more than 100 000 statements (< 20 ms), and reverseContinue / goto across it
//   - scopes + variables of a frame (< 5 ms)
// Writes its own section of bench/results.md. Usage: node bench/dap.mjs [--steps N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const { DebugClient } = require('@vscode/debugadapter-testsupport');
const args = process.argv.slice(2);
const STEPS = Number(args[args.indexOf('--steps') + 1]) || 400;

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const work = mkdtempSync(join(tmpdir(), 'iolock-dap-bench-'));
// a long trace: one task reads 512 KiB of a GFS2 file (~137 000 single-statement positions in the scenario phase)
const longScenario = join(work, 'long-read.iolock.yaml');
writeFileSync(
  longScenario,
  `name: bench-long-read
description: one task reads 512 KiB of a GFS2 file (a long trace for the debugger's benchmark)
nodes: 1
filesystems:
  - type: gfs2
    mount: /mnt/gfs2
    blocks: 200
    files:
      - { name: A, size: 524288, fill: "A" }
tasks:
  - id: T1
    steps:
      - open: { file: /mnt/gfs2/A, as: fa }
      - alloc: { as: buf, length: 524288 }
      - read: { fd: fa, into: buf, count: 524288 }
`,
);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

async function session(launch, body) {
  const dc = new DebugClient(join(root, 'bin/iolock-sim.js'), 'dap', 'iolock');
  dc.defaultTimeout = 120000;
  await dc.start();
  const stopped = dc.waitForEvent('stopped', 300000);
  await Promise.all([dc.configurationSequence(), dc.launch({ sourceDir: join(work, 'src'), ...launch })]);
  const first = await stopped;
  try {
    return await body(dc, first);
  } finally {
    await dc.stop();
  }
}

/** Sends a request and waits for the stopped event it leads to; returns the latency in ms and the event. */
async function timed(dc, send) {
  const p = dc.waitForEvent('stopped', 300000);
  const t0 = performance.now();
  await send();
  const ev = await p;
  return { ms: performance.now() - t0, ev };
}

const rows = [];

// 1. stepping on s2 (base: the crossed-mmap deadlock), from the entry stop
await session({ scenario: join(root, 'examples/scenarios/s2-crossed-mmap.iolock.yaml'), policy: 'base', stopOnEntry: true }, async (dc, first) => {
  const tid = first.body.threadId;
  const stepIn = [];
  for (let i = 0; i < STEPS; i++) {
    const r = await timed(dc, () => dc.stepInRequest({ threadId: tid }));
    if (r.ev.body.reason !== 'step') break;
    stepIn.push(r.ms);
  }
  const next = [];
  let last;
  for (let i = 0; i < STEPS / 4; i++) {
    const r = await timed(dc, () => dc.nextRequest({ threadId: tid }));
    last = r.ev;
    if (r.ev.body.reason !== 'step') break;
    next.push(r.ms);
  }
  rows.push([`stepIn (one C statement) request to stopped, s2 base, ${stepIn.length} steps: p50 / p99 (target < 2 / < 10 ms)`, `**${ms(pct(stepIn, 50))} / ${ms(pct(stepIn, 99))} ms**`]);
  rows.push([`next (over calls) request to stopped, s2 base, ${next.length} steps: p50 / p99`, `${ms(pct(next, 50))} / ${ms(pct(next, 99))} ms`]);
  // 3. variables of a frame, at the deadlock (deep stacks, locks held)
  // the steps may have reached the deadlock already; a continue from there would end the session
  const end = last?.body.reason === 'exception' ? { ev: last } : await timed(dc, () => dc.continueRequest({ threadId: tid }));
  const threads = (await dc.threadsRequest()).body.threads;
  const t = end.ev.body.threadId ?? threads[1].id;
  const panel = [];
  const varsOnly = [];
  let count = 0;
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    const frames = (await dc.stackTraceRequest({ threadId: t })).body.stackFrames.filter((f) => f.source?.path);
    const scopes = (await dc.scopesRequest({ frameId: frames[0].id })).body.scopes.filter((s) => !s.expensive);
    const t1 = performance.now();
    count = 0;
    for (const s of scopes) count += (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables.length;
    const t2 = performance.now();
    panel.push(t2 - t0);
    varsOnly.push(t2 - t1);
  }
  rows.push([`variables of the top frame at the s2 deadlock: the ${3} variables requests of its scopes (${count} variables: locals, arguments, locks held): p50 / p99 (target < 5 ms)`, `**${ms(pct(varsOnly, 50))} / ${ms(pct(varsOnly, 99))} ms**`]);
  rows.push([`  the same with stackTrace (23 frames) and scopes first, a whole Variables view refresh: p50 / p99`, `${ms(pct(panel, 50))} / ${ms(pct(panel, 99))} ms`]);
});

// 2. time travel on a long trace
await session({ scenario: longScenario, policy: 'base', stopOnEntry: true }, async (dc, first) => {
  const tid = first.body.threadId;
  const run = await timed(dc, () => dc.continueRequest({ threadId: tid }));
  const at = (await dc.customRequest('iolock/currentStep')).body;
  // from the end stop, reverse-next soon steps back over the whole read() call: a jump across the trace
  const fromEnd = [];
  for (let i = 0; i < 8; i++) fromEnd.push((await timed(dc, () => dc.stepBackRequest({ threadId: tid }))).ms);
  const far = [];
  for (const frac of [0.9, 0.5, 0.1, 0.75, 0.25]) {
    const pos = Math.floor(at.recorded * frac);
    const t0 = performance.now();
    await dc.customRequest('iolock/travel', { position: pos });
    far.push(performance.now() - t0);
  }
  // deep in the copy loop, 80% into the trace: one statement back at a time
  await dc.customRequest('iolock/travel', { position: Math.floor(at.recorded * 0.8) });
  const back = [];
  for (let i = 0; i < 100; i++) back.push((await timed(dc, () => dc.stepBackRequest({ threadId: tid }))).ms);
  rows.push([`continue over a long trace (512 KiB read: ${at.recorded.toLocaleString('en')} recorded positions, one per statement; ${at.statements.toLocaleString('en')} statements since boot), request to end stop`, `${ms(run.ms)} ms`]);
  rows.push([`stepBack 80% into that trace (a statement back each time), 100 in a row: p50 / p99 (target < 20 ms)`, `**${ms(pct(back, 50))} / ${ms(pct(back, 99))} ms**`]);
  rows.push([`stepBack from the end stop, 8 in a row (reverse-next soon steps back over the whole read: ~135 000 positions): median / max`, `${ms(pct(fromEnd, 50))} / ${ms(Math.max(...fromEnd))} ms`]);
  rows.push([`iolock/travel to 90%, 50%, 10%, 75%, 25% of the trace: median / max`, `${ms(pct(far, 50))} / ${ms(Math.max(...far))} ms`]);
});

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
  } catch {
    return 'unknown';
  }
})();
const table = ['| measure | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
console.log(table);
const section =
  `<!-- bench:dap -->\n## Debug adapter (bench/dap.mjs)\n\n` +
  `Produced by \`node bench/dap.mjs\` at commit ${commit} (plus the working tree) on ${new Date().toISOString().slice(0, 10)}, ${process.version}, ` +
  `on ${cpus().length} CPUs with load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the end. The standalone adapter (\`iolock-sim dap\` on stdio) ` +
  `driven by @vscode/debugadapter-testsupport's DebugClient; times are request sent to stopped event (or response) received, so they include the protocol.\n\n` +
  `${table}\n<!-- /bench:dap -->\n`;
const resultsPath = join(root, 'bench/results.md');
const old = readFileSync(resultsPath, 'utf8');
const marked = /<!-- bench:dap -->[\s\S]*?<!-- \/bench:dap -->\n?/;
writeFileSync(resultsPath, marked.test(old) ? old.replace(marked, section) : `${old.trimEnd()}\n\n${section}`);
console.log('bench/results.md: dap section written');
rmSync(work, { recursive: true, force: true });

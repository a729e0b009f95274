import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { explore } from '../src/core/explore/explorer';
import { buildKernel } from '../src/core/kernel/build';
import { findRepoRoot, loadTree } from '../src/core/patch';
import { loadScenarioOrThrow, runScenario } from '../src/core/scenario';
import type { Program } from '../src/core/vm/machine';

const root = findRepoRoot(__dirname) as string;
const scenario = (name: string) => loadScenarioOrThrow(path.join(root, 'examples', 'scenarios', `${name}.iolock.yaml`));
const fixture = (name: string) => loadScenarioOrThrow(path.join(root, 'test', 'fixtures', 'scenarios', `${name}.iolock.yaml`));

describe('explorer: every schedule of a scenario, one per class of equivalent interleavings', function () {
  this.timeout(300000);
  let program: Program;
  before(async () => {
    program = (await buildKernel(loadTree(path.join(root, 'kernel')))).program;
  });

  it('DPOR proves s2 unpatched can deadlock, one execution per trace, and the counterexample replays to the same step', async () => {
    const r = await explore(scenario('s2-crossed-mmap'), { program, policy: 'none' });
    assert.equal(r.verdict, 'deadlock');
    assert.equal(r.complete, true, r.stopped);
    assert.equal(r.executions, r.traces, 'no two executions in the same Mazurkiewicz trace');
    assert.ok((r.verdicts.deadlock ?? 0) > 0 && (r.verdicts['lock-order'] ?? 0) > 0, JSON.stringify(r.verdicts));
    const c = r.counterexample;
    assert.ok(c);
    assert.equal(c.preemptions, 0, 'a non-preemptive schedule reaches it');
    assert.deepEqual(c.result.deadlock?.tasks, ['T1', 'T2']);
    assert.match(c.result.deadlock?.message ?? '', /node0\/T1 holds glock 2\/\d+ \(shared\).* and waits for glock 2\/\d+ \(exclusive\)/);
    const again = await runScenario(scenario('s2-crossed-mmap'), { program, policy: 'none', schedule: c.result.schedule });
    assert.equal(again.verdict, 'deadlock');
    assert.equal(again.steps, c.result.steps);
    assert.equal(again.schedule, c.result.schedule);
    assert.deepEqual(again.trace, c.result.trace);
  });

  it('DPOR is sound against naive exploration: naive runs every interleaving and finds exactly the traces DPOR ran', async () => {
    const s = fixture('two-openers-shared');
    const dpor = await explore(s, { program, mode: 'dpor' });
    const naive = await explore(s, { program, mode: 'naive' });
    assert.ok(dpor.complete && naive.complete);
    assert.equal(dpor.executions, dpor.traces);
    assert.equal(naive.traces, dpor.traces, 'the same Mazurkiewicz traces');
    assert.ok(dpor.traces > 1, 'the two GFS2 openers meet in the DLM');
    assert.ok(naive.executions >= 50 * dpor.executions, `naive ${naive.executions} vs dpor ${dpor.executions}`);
    assert.equal(naive.verdict, 'ok');
  });

  it('independent nodes need a single execution', async () => {
    const r = await explore(fixture('three-nodes-local'), { program });
    assert.deepEqual([r.complete, r.executions, r.traces, r.verdict], [true, 1, 1, 'ok']);
  });

  it('bounds stop the search and say which one and how to raise it', async () => {
    const s = scenario('s2-crossed-mmap');
    const byCount = await explore(s, { program, maxExecutions: 3, minimise: false });
    assert.deepEqual([byCount.complete, byCount.stopReason, byCount.executions], [false, 'max-executions', 3]);
    assert.match(byCount.stopped, /execution bound \(3; raise --max-executions\)/);
    const byTime = await explore(s, { program, timeoutMs: 1, minimise: false });
    assert.deepEqual([byTime.complete, byTime.stopReason], [false, 'timeout']);
    assert.match(byTime.stopped, /raise --timeout/);
  });

  it('random (PCT) mode is reproducible from its seed and never claims completeness', async () => {
    const s = scenario('s2-crossed-mmap');
    const a = await explore(s, { program, mode: 'random', seed: 7, maxExecutions: 6, minimise: false });
    const b = await explore(s, { program, mode: 'random', seed: 7, maxExecutions: 6, minimise: false });
    assert.deepEqual(a.verdicts, b.verdicts);
    assert.equal(a.counterexample?.result.schedule, b.counterexample?.result.schedule);
    assert.deepEqual([a.complete, a.stopReason, a.executions], [false, 'sampled', 6]);
  });

  it('full preemption explores inside system calls and still finds the s2 deadlock first thing with --first', async () => {
    const r = await explore(scenario('s2-crossed-mmap'), { program, preemption: 'full', stopOnFirst: true, minimise: false });
    assert.equal(r.stopReason, 'first-failure');
    assert.equal(r.verdict, 'deadlock');
    const again = await runScenario(scenario('s2-crossed-mmap'), { program, preemption: 'full', schedule: r.counterexample?.result.schedule });
    assert.equal(again.verdict, 'deadlock');
  });
});

describe('iolock-sim explore from the command line', function () {
  this.timeout(300000);
  const cli = (args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin/iolock-sim.js'), 'explore', ...args], { encoding: 'utf8' });

  it('--json gives the verdict, completeness, counts, the replayable schedule and the deadlock cycle', () => {
    const r = cli([path.join(root, 'examples/scenarios/s2-crossed-mmap.iolock.yaml'), '--policy', 'base', '--json']);
    assert.equal(r.status, 1, r.stderr);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & { deadlock: { cycle: { task: string; waitsFor: string; file: string; line: number }[] } };
    assert.equal(j.verdict, 'deadlock');
    assert.equal(j.complete, true);
    assert.ok((j.executions as number) > 1);
    assert.match(j.schedule as string, /^T1:\d+,/);
    assert.deepEqual(j.deadlock.cycle.map((w) => w.task), ['T1', 'T2']);
    assert.ok(j.deadlock.cycle.every((w) => /^glock 2\/\d+ \(exclusive\)$/.test(w.waitsFor) && w.file && w.line > 0));
  });

  it('usage errors exit 2; an input error under --json is still JSON (exit 1)', () => {
    assert.equal(cli(['--mode', 'bogus']).status, 2);
    const r = cli([path.join(root, 'no-such.iolock.yaml'), '--json']);
    assert.equal(r.status, 1);
    assert.equal((JSON.parse(r.stdout) as { verdict: string }).verdict, 'error');
  });
});

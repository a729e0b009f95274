import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoryTree, extractPatches, findRepoRoot, loadTree, planPatches } from '../src/core/patch';
import { buildKernel } from '../src/core/kernel/build';
import { patchedTree } from '../src/core/kernel/anon-read';
import { loadScenarioOrThrow, runScenario } from '../src/core/scenario';

const root = findRepoRoot(__dirname) as string;
const SEED = path.join(root, '..', 'shared', 'seeds', '000_ca315d8c7e35812b.txt');
const scenario = (name: string) => loadScenarioOrThrow(path.join(root, 'examples', 'scenarios', `${name}.iolock.yaml`));

describe('running YAML scenarios on the model kernel', function () {
  this.timeout(120000);
  let base: MemoryTree;
  let seed: MemoryTree;

  before(async () => {
    base = loadTree(path.join(root, 'kernel'));
    const plan = planPatches(base, [{ source: SEED, files: extractPatches(fs.readFileSync(SEED, 'utf8'), SEED) }]);
    assert.ok(plan.ok, 'the seed applies');
    seed = patchedTree(base, plan, '<seed applied>');
    await Promise.all([buildKernel(base), buildKernel(seed)]);
  });

  it('s0 unpatched: the read returns the file and the verdict is ok, as expected for policy none', async () => {
    const r = await runScenario(scenario('s0-anon-buffer'), { tree: base, policy: 'none' });
    assert.equal(r.verdict, 'ok', r.detail);
    assert.equal(r.asExpected, true);
    assert.deepEqual(r.trace.map((t) => [t.task, t.step, t.result]), [['T1', 0, '= 0'], ['T1', 1, '= 0x40000000'], ['T1', 2, '= 10000']]);
    assert.match(r.trace[2]?.call ?? '', /^sys_read\(0, 0x40000000, 0x2710\)$/);
    assert.doesNotThrow(() => JSON.stringify(r));
  });

  it('s0 with the seed: oops (null-deref) at fs/iolock.c:67 in iolock_region <- vfs_read <- sys_read, as expected', async () => {
    const r = await runScenario(scenario('s0-anon-buffer'), { tree: seed, policy: 'seed' });
    assert.equal(r.verdict, 'oops', r.detail);
    assert.equal(r.asExpected, true);
    const o = r.oops[0];
    assert.equal(o?.kind, 'null-deref');
    assert.equal(`${o?.file}:${o?.line}`, 'fs/iolock.c:67');
    assert.deepEqual(o?.backtrace.slice(0, 3).map((b) => b.func), ['iolock_region', 'vfs_read', 'sys_read']);
    assert.equal(r.trace[2]?.result, 'oops');
  });

  it('s2 unpatched, default schedule: both readers block in the crossed faults (deadlock)', async () => {
    const r = await runScenario(scenario('s2-crossed-mmap'), { tree: base, policy: 'none' });
    assert.equal(r.verdict, 'deadlock', r.detail);
    assert.deepEqual(r.deadlock?.tasks.sort(), ['T1', 'T2']);
    assert.deepEqual(r.trace.filter((t) => t.result === 'blocked').map((t) => [t.task, t.step]).sort(), [['T1', 3], ['T2', 3]]);
  });
});

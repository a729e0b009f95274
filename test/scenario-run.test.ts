import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { MemoryTree, findRepoRoot, loadTree } from '../src/core/patch';
import { buildKernel } from '../src/core/kernel/build';
import { loadScenarioOrThrow, runScenario } from '../src/core/scenario';

const root = findRepoRoot(__dirname) as string;
const scenario = (name: string) => loadScenarioOrThrow(path.join(root, 'examples', 'scenarios', `${name}.iolock.yaml`));

describe('running YAML scenarios on the model kernel', function () {
  this.timeout(120000);
  let base: MemoryTree;

  before(async () => {
    base = loadTree(path.join(root, 'kernel'));
    await buildKernel(base);
  });

  it('s0 unpatched: the read returns the file and the verdict is ok, as expected for policy none', async () => {
    const r = await runScenario(scenario('s0-anon-buffer'), { tree: base, policy: 'none' });
    assert.equal(r.verdict, 'ok', r.detail);
    assert.equal(r.asExpected, true);
    assert.deepEqual(r.trace.map((t) => [t.task, t.step, t.result]), [['T1', 0, '= 0'], ['T1', 1, '= 0x40000000'], ['T1', 2, '= 10000']]);
    assert.match(r.trace[2]?.call ?? '', /^sys_read\(0, 0x40000000, 0x2710\)$/);
    assert.doesNotThrow(() => JSON.stringify(r));
  });

  it('s2 unpatched, default schedule: both readers block in the crossed faults (deadlock)', async () => {
    const r = await runScenario(scenario('s2-crossed-mmap'), { tree: base, policy: 'none' });
    assert.equal(r.verdict, 'deadlock', r.detail);
    assert.deepEqual(r.deadlock?.tasks.sort(), ['T1', 'T2']);
    assert.deepEqual(r.trace.filter((t) => t.result === 'blocked').map((t) => [t.task, t.step]).sort(), [['T1', 3], ['T2', 3]]);
  });
});

import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { MemoryTree, findRepoRoot, loadTree } from '../src/core/patch';
import { buildKernel } from '../src/core/kernel/build';
import { applyPolicy, policyPatches } from '../src/core/policies';
import { loadScenarioOrThrow, runScenario } from '../src/core/scenario';

const root = findRepoRoot(__dirname) as string;
const s0 = () => loadScenarioOrThrow(path.join(root, 'examples', 'scenarios', 's0-anon-buffer.iolock.yaml'));

describe('the first proof: the seed mail "vfs: iolock" on the model kernel', function () {
  this.timeout(120000);
  let base: MemoryTree;
  let patched: MemoryTree;

  before(async () => {
    base = loadTree(path.join(root, 'kernel'));
    const { plan, tree } = applyPolicy(base, policyPatches('seed'), '<seed applied>');
    assert.equal(plan.summary.applied, 7, 'the archived mail applies: 7 hunks');
    patched = tree as MemoryTree;
    await Promise.all([buildKernel(base), buildKernel(patched)]);
  });

  it('the patched tree compiles fs/iolock.c (picked up through obj-y)', async () => {
    const k = await buildKernel(patched);
    assert.ok(k.build.files.includes('fs/iolock.c'));
  });

  it('patched: a read of a GFS2 file into a malloc\'d buffer oopses on NULL at fs/iolock.c:67 in iolock_region <- vfs_read <- sys_read', async () => {
    const r = await runScenario(s0(), { tree: patched, policy: 'seed' });
    assert.equal(r.verdict, 'oops', r.detail);
    const o = r.oops[0];
    assert.equal(o?.kind, 'null-deref');
    assert.equal(`${o?.file}:${o?.line}`, 'fs/iolock.c:67');
    assert.deepEqual(o?.backtrace.slice(0, 3).map((b) => b.func), ['iolock_region', 'vfs_read', 'sys_read']);
    // ret->mapping is NULL: the load is of ->a_ops, at NULL + offsetof(struct address_space, a_ops)
    assert.ok(Number(o?.address) > 0 && Number(o?.address) < 4096, `faulting address ${String(o?.address)}`);
    assert.match(patched.read('fs/iolock.c')?.split('\n')[66] ?? '', /if \(ret->mapping->a_ops->iolock_acquire\)/);
  });

  it('unpatched: the same read returns the file\'s bytes', async () => {
    const r = await runScenario(s0(), { tree: base, policy: 'none' });
    assert.equal(r.verdict, 'ok', r.detail);
    assert.deepEqual(r.oops, []);
  });
});

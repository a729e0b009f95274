import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoryTree, extractPatches, findRepoRoot, loadTree, planPatches } from '../src/core/patch';
import { buildKernel } from '../src/core/kernel/build';
import { describeOutcome, okValue } from '../src/core/kernel/syscalls';
import { ANON_READ_DATA, patchedTree, runAnonBufferRead } from '../src/core/kernel/anon-read';

const root = findRepoRoot(__dirname) as string;
const SEED = path.join(root, '..', 'shared', 'seeds', '000_ca315d8c7e35812b.txt');

describe('the first proof: the seed mail "vfs: iolock" on the model kernel', function () {
  this.timeout(120000);
  const data = ANON_READ_DATA;
  let base: MemoryTree;
  let patched: MemoryTree;

  before(async () => {
    base = loadTree(path.join(root, 'kernel'));
    const plan = planPatches(base, [{ source: SEED, files: extractPatches(fs.readFileSync(SEED, 'utf8'), SEED) }]);
    assert.ok(plan.ok, 'the seed applies');
    patched = patchedTree(base, plan, '<seed applied>');
    await Promise.all([buildKernel(base), buildKernel(patched)]);
  });

  it('the patched tree compiles fs/iolock.c (picked up through obj-y)', async () => {
    const k = await buildKernel(patched);
    assert.ok(k.build.files.includes('fs/iolock.c'));
  });

  it('patched: a read of a GFS2 file into a malloc\'d buffer oopses on NULL at fs/iolock.c:67 in iolock_region <- vfs_read <- sys_read', async () => {
    const { sim, outcome } = await runAnonBufferRead(patched);
    assert.equal(outcome.status, 'oops', describeOutcome(outcome));
    if (outcome.status !== 'oops') return;
    const o = outcome.oops;
    assert.equal(o.kind, 'null-deref');
    assert.equal(o.loc?.file, 'fs/iolock.c');
    assert.equal(o.loc?.line, 67);
    assert.deepEqual(o.backtrace.slice(0, 3).map((b) => b.func), ['iolock_region', 'vfs_read', 'sys_read']);
    // ret->mapping is NULL: the load is of ->a_ops, at NULL + offsetof(struct address_space, a_ops)
    assert.ok(typeof o.address === 'number' && o.address > 0 && o.address < 4096, `faulting address ${String(o.address)}`);
    const line = patched.read('fs/iolock.c')?.split('\n')[66];
    assert.match(line ?? '', /if \(ret->mapping->a_ops->iolock_acquire\)/);
    assert.ok(sim.cluster.log.some((l) => l.text.startsWith('Oops: NULL pointer dereference')));
  });

  it('unpatched: the same read returns the file\'s bytes', async () => {
    const { outcome, bytes, sim } = await runAnonBufferRead(base);
    assert.equal(outcome.status, 'done', describeOutcome(outcome));
    assert.equal(okValue(outcome), data.length);
    assert.ok(bytes.equals(data));
    assert.deepEqual(sim.cluster.oopses, []);
  });
});

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoryTree, extractPatches, findRepoRoot, loadTree, planPatches } from '../src/core/patch';
import { buildKernel } from '../src/core/kernel/build';
import { SimCluster, describeOutcome, okValue } from '../src/core/kernel/syscalls';
import type { CallOutcome } from '../src/core/kernel/node';

const root = findRepoRoot(__dirname) as string;
const SEED = path.join(root, '..', 'shared', 'seeds', '000_ca315d8c7e35812b.txt');

/** Boots one node on `tree`, makes a GFS2 file and read(2)s it into a malloc'd buffer. */
async function readIntoMallocBuffer(tree: MemoryTree, data: Buffer): Promise<{ sim: SimCluster; outcome: CallOutcome; back: () => Buffer }> {
  const sim = await SimCluster.create({ tree, nodes: 1, disks: [32] });
  sim.mkfs('gfs2', '/dev/simd0');
  sim.mkfile('/dev/simd0', 'A', data, 16384);
  sim.mount(0, 'gfs2', '/dev/simd0', '/mnt/gfs2');
  const t = sim.createProcess(0, 'reader');
  const fd = okValue(t.open('/mnt/gfs2/A'), 'open');
  const buf = okValue(t.userAlloc(data.length), 'sim_user_alloc');
  const outcome = t.read(fd, buf, data.length);
  return { sim, outcome, back: () => Buffer.from(t.userRead(buf, data.length).bytes) };
}

describe('the first proof: the seed mail "vfs: iolock" on the model kernel', function () {
  this.timeout(120000);
  const data = Buffer.from('GFS2 file contents. '.repeat(500));
  let base: MemoryTree;
  let patched: MemoryTree;

  before(async () => {
    base = loadTree(path.join(root, 'kernel'));
    const plan = planPatches(base, [{ source: SEED, files: extractPatches(fs.readFileSync(SEED, 'utf8'), SEED) }]);
    assert.ok(plan.ok, 'the seed applies');
    patched = new MemoryTree(base.files, '<seed applied>');
    for (const [p, text] of plan.changes) {
      if (text === null) patched.remove(p);
      else patched.write(p, text);
    }
    await Promise.all([buildKernel(base), buildKernel(patched)]);
  });

  it('the patched tree compiles fs/iolock.c (picked up through obj-y)', async () => {
    const k = await buildKernel(patched);
    assert.ok(k.build.files.includes('fs/iolock.c'));
  });

  it('patched: a read of a GFS2 file into a malloc\'d buffer oopses on NULL at fs/iolock.c:67 in iolock_region <- vfs_read <- sys_read', async () => {
    const { sim, outcome } = await readIntoMallocBuffer(patched, data);
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
    const { outcome, back, sim } = await readIntoMallocBuffer(base, data);
    assert.equal(outcome.status, 'done', describeOutcome(outcome));
    assert.equal(okValue(outcome), data.length);
    assert.ok(back().equals(data));
    assert.deepEqual(sim.cluster.oopses, []);
  });
});

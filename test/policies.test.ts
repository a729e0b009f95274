import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { MemoryTree, findRepoRoot, loadPatchFile, loadTree, patchedTree, planPatches } from '../src/core/patch';
import { buildKernel } from '../src/core/kernel/build';
import { loadScenarioOrThrow, runScenario } from '../src/core/scenario';
import { MAP_PRIVATE, PROT_READ, PROT_WRITE, SimCluster, describeOutcome, okValue } from '../src/core/kernel/syscalls';

const root = findRepoRoot(__dirname) as string;
const policiesDir = path.join(root, 'examples', 'policies');

/** Policies shipped as series in examples/policies/, with how many patches each holds. */
const POLICIES: { name: string; patches: number }[] = [
  { name: 'base', patches: 0 },
  { name: 'walk_vm', patches: 1 },
  { name: 'seed-fixed', patches: 2 },
  { name: 'iolock', patches: 2 },
  { name: 'faultin-2021', patches: 2 },
  { name: 'ocfs2', patches: 2 },
];

/** Crossed mappings (s2): the policies meant to remove that deadlock, and what the default schedule gives. */
const S2_DEFAULT: Record<string, string> = { iolock: 'ok', 'faultin-2021': 'ok' };

/**
 * Read GFS2 file A into a MAP_PRIVATE mapping of GFS2 file B (same filesystem, not yet faulted in): the copy
 * faults on B while the read is under way, so walk_vm_hard() (P1), ->iolock_acquire() (P2i, P3) and the I/O
 * context (P5) get a file, and P4's copy comes up short and is retried after the fault-in.
 */
async function readIntoMappedFile(tree: MemoryTree, fs: 'gfs2' | 'ocfs2' = 'gfs2') {
  const data = Buffer.from('GFS2 file contents. '.repeat(500));
  const size = Math.ceil(data.length / 4096) * 4096;
  const sim = await SimCluster.create({ tree, nodes: 1, disks: [64] });
  sim.mkfs(fs, '/dev/simd0');
  sim.mkfile('/dev/simd0', 'A', data, size);
  sim.mkfile('/dev/simd0', 'B', Buffer.alloc(size, 0x42), size);
  sim.mount(0, fs, '/dev/simd0', `/mnt/${fs}`);
  const t = sim.createProcess(0, 'reader');
  const fdA = okValue(t.open(`/mnt/${fs}/A`), 'open A');
  const fdB = okValue(t.open(`/mnt/${fs}/B`), 'open B');
  const buf = okValue(t.mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fdB, 0), 'mmap B');
  const outcome = t.read(fdA, buf, data.length);
  const bytes = outcome.status === 'done' ? Buffer.from(t.userRead(buf, data.length).bytes) : Buffer.alloc(0);
  return { sim, outcome, bytes, data };
}

describe('locking policies (examples/policies/*/series) on the model kernel', function () {
  this.timeout(240000);
  let base: MemoryTree;
  const trees = new Map<string, MemoryTree>();

  before(async () => {
    base = loadTree(path.join(root, 'kernel'));
    for (const p of POLICIES) {
      const inputs = loadPatchFile(path.join(policiesDir, p.name, 'series'), 1);
      assert.equal(inputs.length, p.patches, `${p.name}: patches in the series`);
      const plan = planPatches(base, inputs);
      assert.ok(plan.ok, `${p.name} applies to kernel/`);
      trees.set(p.name, p.patches ? patchedTree(base, plan, `<policy ${p.name}>`) : base);
    }
    // one build per distinct tree (base and the empty series share one)
    await Promise.all([...new Set(trees.values())].map((t) => buildKernel(t)));
  });

  it('the seed policy folder lists no patch (the lead wires it to the seed mail)', () => {
    assert.deepEqual(loadPatchFile(path.join(policiesDir, 'seed', 'series'), 1), []);
  });

  for (const p of POLICIES) {
    describe(p.name, () => {
      it('applies exactly (no offset, fuzz or whitespace repair) and compiles', async () => {
        const plan = planPatches(base, loadPatchFile(path.join(policiesDir, p.name, 'series'), 1));
        assert.ok(plan.ok);
        const s = plan.summary;
        assert.deepEqual([s.withOffset, s.withFuzz, s.whitespaceRepaired], [0, 0, 0]);
        const k = await buildKernel(trees.get(p.name)!);
        assert.ok(k.build.files.includes('fs/gfs2/ops_file.c'));
        if (p.name === 'seed-fixed' || p.name === 'iolock') assert.ok(k.build.files.includes('fs/iolock.c'));
      });

      it('a GFS2 read into a malloc\'d buffer returns the file\'s bytes (s0)', async () => {
        const s0 = loadScenarioOrThrow(path.join(root, 'examples', 'scenarios', 's0-anon-buffer.iolock.yaml'));
        const r = await runScenario(s0, { tree: trees.get(p.name)!, policy: p.name });
        assert.equal(r.verdict, 'ok', r.detail);
      });

      it('a GFS2 read into a private mapping of another GFS2 file returns the file\'s bytes', async () => {
        const { outcome, bytes, data, sim } = await readIntoMappedFile(trees.get(p.name)!);
        assert.equal(outcome.status, 'done', describeOutcome(outcome));
        assert.equal(okValue(outcome), data.length);
        assert.ok(bytes.equals(data));
        assert.deepEqual(sim.cluster.oopses, []);
      });

      it('an OCFS2 read into a private mapping of another OCFS2 file returns the file\'s bytes', async () => {
        const { outcome, bytes, data, sim } = await readIntoMappedFile(trees.get(p.name)!, 'ocfs2');
        assert.equal(outcome.status, 'done', describeOutcome(outcome));
        assert.equal(okValue(outcome), data.length);
        assert.ok(bytes.equals(data));
        assert.deepEqual(sim.cluster.oopses, []);
      });

      const s2 = S2_DEFAULT[p.name];
      if (s2) {
        it(`crossed shared writable mappings (s2) end ${s2} on the default schedule: no deadlock`, async () => {
          const sc = loadScenarioOrThrow(path.join(root, 'examples', 'scenarios', 's2-crossed-mmap.iolock.yaml'));
          const r = await runScenario(sc, { tree: trees.get(p.name)!, policy: p.name });
          assert.equal(r.verdict, s2, r.detail);
        });
      }
    });
  }
});

import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { findRepoRoot, loadTree } from '../src/core/patch';
import { buildKernel } from '../src/core/kernel/build';
import type { Program } from '../src/core/vm/machine';
import { MAP_SHARED, O_RDWR, PROT_READ, SimCluster, describeOutcome, okValue } from '../src/core/kernel/syscalls';

const root = findRepoRoot(__dirname) as string;

/** 10000 bytes that differ from page to page and from zeroes. */
function pattern(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + seed + (i >> 12)) & 255;
  return b;
}

describe('kernel runtime: the model kernel boots and moves file data', function () {
  this.timeout(60000);
  let program: Program;
  before(async () => {
    program = (await buildKernel(loadTree(path.join(root, 'kernel')))).program;
  });

  it('boots a node: start_kernel returns 0, runs the initcalls and starts dlm_astd asleep', async () => {
    const sim = await SimCluster.create({ program, nodes: 1 });
    const text = sim.cluster.log.map((l) => l.text);
    assert.ok(text.includes('Linux version 2.6.13-iolocksim (model kernel)'), text.join('\n'));
    assert.ok(text.some((t) => /GFS2 .* installed/.test(t)));
    const astd = sim.node(0).tasks.find((t) => t.name === 'dlm_astd');
    assert.ok(astd, 'dlm_astd was spawned');
    assert.equal(astd.kind, 'kthread');
    assert.equal(astd.state, 'blocked');
    assert.equal(astd.wait?.kind, 'dlm-ast');
    assert.deepEqual(sim.cluster.oopses, []);
  });

  for (const fs of ['ext2', 'gfs2', 'ocfs2'] as const) {
    it(`${fs}: read(2) of a file into a sim_user_alloc'd buffer returns the file's bytes`, async () => {
      const sim = await SimCluster.create({ program, nodes: 1, disks: [32] });
      const data = pattern(10000, fs.length);
      sim.mkfs(fs, '/dev/simd0');
      const ino = sim.mkfile('/dev/simd0', 'A', data, 16384);
      assert.equal(ino, 3);
      sim.mount(0, fs, '/dev/simd0', `/mnt/${fs}`);
      const t = sim.createProcess(0, 'reader');
      const fd = okValue(t.open(`/mnt/${fs}/A`), 'open');
      const buf = okValue(t.userAlloc(data.length), 'sim_user_alloc');
      const r = t.read(fd, buf, data.length);
      assert.equal(r.status, 'done', describeOutcome(r));
      assert.equal(okValue(r), data.length);
      const back = t.userRead(buf, data.length);
      assert.equal(back.sig, 0);
      assert.ok(Buffer.from(back.bytes).equals(data), 'the buffer holds the file');
      okValue(t.close(fd), 'close');
      assert.deepEqual(sim.cluster.oopses, []);
    });
  }

  for (const fs of ['gfs2', 'ocfs2'] as const) {
    it(`${fs}: a write on node 1 is read back on node 0 (the cluster lock moves the data)`, async () => {
      const sim = await SimCluster.create({ program, nodes: 2, disks: [32] });
      const data = pattern(10000, 1);
      sim.mkfs(fs, '/dev/simd0');
      sim.mkfile('/dev/simd0', 'A', data, 16384);
      for (const n of [0, 1]) sim.mount(n, fs, '/dev/simd0', '/mnt/c');
      const reader = sim.createProcess(0, 'reader');
      const writer = sim.createProcess(1, 'writer');
      // node 0 caches the file under its lock first
      const rfd = okValue(reader.open('/mnt/c/A'), 'open on node 0');
      const rbuf = okValue(reader.userAlloc(16384), 'alloc on node 0');
      assert.equal(okValue(reader.pread(rfd, rbuf, 100, 0)), 100);
      // node 1 writes over the start of the file
      const fresh = Buffer.from(`written on node 1 (${fs})`);
      const wfd = okValue(writer.open('/mnt/c/A', O_RDWR), 'open on node 1');
      const wbuf = okValue(writer.userAlloc(4096), 'alloc on node 1');
      assert.equal(writer.userWrite(wbuf, fresh).sig, 0);
      assert.equal(okValue(writer.write(wfd, wbuf, fresh.length)), fresh.length);
      // node 0 reads it again and sees node 1's bytes, then the old rest
      assert.equal(okValue(reader.pread(rfd, rbuf, 100, 0)), 100);
      const got = Buffer.from(reader.userRead(rbuf, 100).bytes);
      assert.equal(got.subarray(0, fresh.length).toString(), fresh.toString());
      assert.ok(got.subarray(fresh.length).equals(data.subarray(fresh.length, 100)));
      assert.deepEqual(sim.cluster.oopses, []);
      assert.ok(sim.cluster.events.some((e) => e.kind === 'lockdep' && e.node === 1 && e.op === 'acquire'), 'the cluster lock is announced to the checkers');
    });
  }

  it('snapshot/restore: a cross-node write made after a snapshot is gone after restore, and the run replays', async () => {
    const sim = await SimCluster.create({ program, nodes: 2, disks: [32], snapshots: true });
    const data = pattern(8192, 5);
    sim.mkfs('gfs2', '/dev/simd0');
    sim.mkfile('/dev/simd0', 'A', data, 8192);
    for (const n of [0, 1]) sim.mount(n, 'gfs2', '/dev/simd0', '/mnt/g');
    const reader = sim.createProcess(0, 'reader');
    const writer = sim.createProcess(1, 'writer');
    const rfd = okValue(reader.open('/mnt/g/A'));
    const rbuf = okValue(reader.userAlloc(8192));
    const wfd = okValue(writer.open('/mnt/g/A', O_RDWR));
    const wbuf = okValue(writer.userAlloc(4096));
    const c = sim.cluster;
    const snap = c.snapshot();
    const at = { log: c.log.length, events: c.events.length, step: c.step, tasks: c.tasks().length };

    const writeThenRead = (): Buffer => {
      assert.equal(writer.userWrite(wbuf, Buffer.from('XYZ')).sig, 0);
      assert.equal(okValue(writer.write(wfd, wbuf, 3)), 3);
      assert.equal(okValue(reader.pread(rfd, rbuf, 16, 0)), 16);
      return Buffer.from(reader.userRead(rbuf, 16).bytes);
    };
    const first = writeThenRead();
    assert.equal(first.subarray(0, 3).toString(), 'XYZ');
    const stepsOfFirst = c.step - at.step;

    c.restore(snap);
    assert.deepEqual({ log: c.log.length, events: c.events.length, step: c.step, tasks: c.tasks().length }, at);
    assert.equal(okValue(reader.pread(rfd, rbuf, 16, 0)), 16);
    assert.ok(Buffer.from(reader.userRead(rbuf, 16).bytes).equals(data.subarray(0, 16)), 'the write is undone on disk and in both nodes');

    c.restore(snap);
    assert.ok(writeThenRead().equals(first));
    assert.equal(c.step - at.step, stepsOfFirst, 'the same schedule again');
  });

  it('a cross-node deadlock (crossed shared mappings, both nodes writing) is reported with both writers and the DLM queue', async () => {
    const sim = await SimCluster.create({ program, nodes: 2, disks: [32] });
    sim.mkfs('gfs2', '/dev/simd0');
    sim.mkfile('/dev/simd0', 'A', pattern(8192, 1), 8192);
    sim.mkfile('/dev/simd0', 'B', pattern(8192, 2), 8192);
    for (const n of [0, 1]) sim.mount(n, 'gfs2', '/dev/simd0', '/mnt/g');
    const w0 = sim.createProcess(0, 'w0');
    const w1 = sim.createProcess(1, 'w1');
    const open = (t: typeof w0, f: string) => okValue(t.open(`/mnt/g/${f}`, O_RDWR), `open ${f}`);
    const [a0, b0, a1, b1] = [open(w0, 'A'), open(w0, 'B'), open(w1, 'A'), open(w1, 'B')];
    const mapB0 = okValue(w0.mmap(0, 8192, PROT_READ, MAP_SHARED, b0, 0), 'mmap B on node 0');
    const mapA1 = okValue(w1.mmap(0, 8192, PROT_READ, MAP_SHARED, a1, 0), 'mmap A on node 1');
    // node 0 writes A from its map of B while node 1 writes B from its map of A
    w0.begin('sys_write', [a0, mapB0, 8192]);
    w1.begin('sys_write', [b1, mapA1, 8192]);
    const r = sim.run();
    assert.equal(r.status, 'deadlock');
    if (r.status !== 'deadlock') return;
    assert.deepEqual(r.deadlock.blocked.filter((b) => b.kind === 'user').map((b) => b.taskName).sort(), ['w0', 'w1']);
    assert.deepEqual(r.deadlock.dlmWaits.map((w) => w.node).sort(), [0, 1]);
    assert.ok(r.deadlock.dlmWaits.every((w) => w.blockedBy.length === 1 && w.blockedBy[0]?.node !== w.node), 'each node waits for the other');
  });
});

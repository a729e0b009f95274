import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { buildKernel } from '../src/core/kernel/build';
import { findRepoRoot, loadTree, type MemoryTree } from '../src/core/patch';
import { applyPolicy, policyPatches } from '../src/core/policies';
import { loadScenarioOrThrow, runScenario, type ScenarioResult } from '../src/core/scenario';
import { buildTimeline, detailLines, packTimeline, unpackTimeline, type TimelineData, type TimelineItem } from '../src/core/timeline';

const root = findRepoRoot(__dirname) as string;
const scenario = (name: string) => loadScenarioOrThrow(path.join(root, 'examples', 'scenarios', `${name}.iolock.yaml`));

async function policyTree(base: MemoryTree, policy: string): Promise<MemoryTree> {
  const { tree } = applyPolicy(base, policyPatches(policy), `kernel + ${policy}`);
  assert.ok(tree, `${policy} applies`);
  await buildKernel(tree);
  return tree;
}

const laneOf = (d: TimelineData, label: string) => d.lanes.find((l) => l.label === label)?.index;
const lockName = (d: TimelineData, it: TimelineItem) => (it.lock === undefined ? undefined : d.locks[it.lock]?.name);

describe('timeline model: buildTimeline from real scenario runs', function () {
  this.timeout(240000);
  let s2: ScenarioResult;
  let s0: ScenarioResult;
  let d2: TimelineData;

  before(async () => {
    const base = loadTree(path.join(root, 'kernel'));
    const [baseTree, seedTree] = await Promise.all([policyTree(base, 'base'), policyTree(base, 'seed')]);
    s2 = await runScenario(scenario('s2-crossed-mmap'), { tree: baseTree, policy: 'base' });
    s0 = await runScenario(scenario('s0-anon-buffer'), { tree: seedTree, policy: 'seed' });
    assert.equal(s2.verdict, 'deadlock', s2.detail);
    d2 = buildTimeline(s2);
  });

  it('s2 on base: a lane per task grouped under its node, then the kernel thread dlm_astd in a lane of its own', () => {
    assert.deepEqual(
      d2.nodes.map((n) => [n.label, n.lanes.map((l) => d2.lanes[l]?.label)]),
      [['node0', ['T1', 'T2', 'dlm_astd']]],
    );
    const astd = d2.lanes.find((l) => l.label === 'dlm_astd');
    assert.equal(astd?.kind, 'thread');
    assert.equal(astd?.task, 'dlm_astd@0', 'named as schedule strings name it');
    assert.ok(d2.items.some((it) => it.lane === astd?.index && it.kind === 'hold'), 'dlm_astd holds locks on its own lane');
    assert.equal(d2.startStep, Math.min(...s2.trace.map((t) => t.startStep), ...s2.events.map((e) => e.step)));
    assert.equal(d2.endStep, s2.steps);
  });

  it('s2 on base: one hold span per glock and rwsem acquire, from its step, in its mode, to its release (or the end)', () => {
    const acquires = s2.events.filter((e) => e.op === 'acquire' && (e.kind === 'rwsem' || e.cls === 'gfs2_glock(inode)'));
    assert.ok(acquires.length >= 10, `glock and rwsem acquires: ${acquires.length}`);
    const holds = d2.items.filter((it) => it.kind === 'hold' && it.lock !== undefined && (d2.locks[it.lock]?.kind === 'rwsem' || d2.locks[it.lock]?.cls === 'gfs2_glock(inode)'));
    assert.equal(holds.length, acquires.length);
    const lane = new Map(s2.tasks.map((t) => [t.kernelId, laneOf(d2, t.id)]));
    for (const e of acquires) {
      const h = holds.find((it) => it.start === e.step && it.lane === lane.get(e.task) && lockName(d2, it) === e.name);
      assert.ok(h, `hold of ${e.name} by ${e.taskName} at step ${e.step}`);
      assert.equal(h.mode, e.mode);
      const release = s2.events.find((r) => r.op === 'release' && r.task === e.task && r.addr === e.addr && r.seq > e.seq);
      if (h.open) assert.equal(h.end, s2.steps, 'an unreleased hold runs to the end');
      else assert.ok(release && h.end === release.step, `${e.name} released at step ${release?.step}, span ends at ${h.end}`);
    }
    // read holds and write holds both occur (shared glocks, exclusive mmap_sem)
    assert.ok(holds.some((h) => h.mode === 'read') && holds.some((h) => h.mode === 'write'));
  });

  it('s2 on base: every contended lock has a wait span to its acquired; the syscalls are spans from the trace', () => {
    const contended = s2.events.filter((e) => e.op === 'contended');
    assert.equal(d2.items.filter((it) => it.kind === 'wait').length, contended.length);
    const sys = d2.items.filter((it) => it.kind === 'syscall');
    assert.deepEqual(
      sys.map((it) => [d2.lanes[it.lane]?.label, it.start, it.end, it.text, it.result]).sort(),
      s2.trace.map((t) => [t.task, t.startStep, t.endStep, t.call, t.result]).sort(),
    );
    // holds and waits of a lane never overlap within a row
    for (const l of d2.lanes) {
      for (let row = 1; row <= l.rows; row++) {
        const spans = d2.items.filter((it) => it.lane === l.index && it.row === row);
        for (let i = 1; i < spans.length; i++) assert.ok((spans[i] as TimelineItem).start >= (spans[i - 1] as TimelineItem).end, `${l.label} row ${row}`);
      }
    }
  });

  it('s2 on base: the deadlock cycle: both readers, each waiting for the glock the other holds, marked and explained', () => {
    const c = d2.cycle;
    assert.ok(c, 'a cycle');
    assert.deepEqual(c.lanes.map((l) => d2.lanes[l]?.label).sort(), ['T1', 'T2']);
    assert.ok(d2.lanes.filter((l) => l.cycle).every((l) => l.label === 'T1' || l.label === 'T2'));
    assert.deepEqual(c.locks.map((l) => d2.locks[l]?.cls), ['gfs2_glock(inode)', 'gfs2_glock(inode)']);
    const items = c.items.map((i) => d2.items[i] as TimelineItem);
    assert.ok(items.every((it) => it.cycle && it.open), 'cycle items are marked and still open at the end');
    const waits = items.filter((it) => it.kind === 'wait');
    const holds = items.filter((it) => it.kind === 'hold');
    assert.equal(waits.length, 2);
    assert.equal(holds.length, 2);
    // T1 waits for what T2 holds and T2 for what T1 holds
    for (const w of waits) assert.ok(holds.some((h) => h.lock === w.lock && h.lane !== w.lane), `someone else holds ${lockName(d2, w)}`);
    assert.deepEqual(c.edges.map((e) => [d2.lanes[e.waiter]?.label, d2.lanes[e.holder]?.label]).sort(), [['T1', 'T2'], ['T2', 'T1']]);
    // a deadlock mark on each deadlocked lane, at the step the run stopped
    const marks = d2.items.filter((it) => it.kind === 'deadlock');
    assert.deepEqual(marks.map((m) => [d2.lanes[m.lane]?.label, m.start]).sort(), [['T1', s2.steps], ['T2', s2.steps]]);
    const tip = detailLines(d2, waits[0] as TimelineItem).join('\n');
    assert.match(tip, /waits for glock 2\/\d+ — still waiting when the run ended/);
    assert.match(tip, /class gfs2_glock\(inode\) \(lockdep\)/);
    assert.match(tip, /contended at fs\/gfs2\/glock\.c:\d+/);
    assert.match(tip, /deadlock cycle/);
  });

  it('s0 with the seed: the oops mark at fs/iolock.c:67, at the step the read oopsed, with the message in its detail', () => {
    assert.equal(s0.verdict, 'oops');
    const d = buildTimeline(s0);
    const oops = d.items.filter((it) => it.kind === 'oops');
    assert.equal(oops.length, 1);
    const o = oops[0] as TimelineItem;
    assert.equal(d.lanes[o.lane]?.label, 'T1');
    assert.equal(o.at === undefined ? undefined : d.locs[o.at], 'fs/iolock.c:67');
    const read = s0.trace.find((t) => t.result === 'oops');
    assert.equal(o.start, read?.endStep);
    const tip = detailLines(d, o);
    assert.equal(tip[0], 'node0/T1: OOPS at fs/iolock.c:67');
    assert.match(tip[1] ?? '', /null-deref.*NULL pointer dereference/);
    assert.equal(d.cycle, undefined);
  });

  it('is plain JSON, and the packed form the report inlines unpacks to the same data', () => {
    const json = JSON.parse(JSON.stringify(d2)) as TimelineData;
    assert.deepEqual(json, JSON.parse(JSON.stringify(unpackTimeline(JSON.parse(JSON.stringify(packTimeline(d2)))))));
    assert.equal(json.items.length, d2.items.length);
    const packed = JSON.stringify(packTimeline(d2)).length;
    assert.ok(packed < JSON.stringify(d2).length / 2, `packed ${packed} bytes`);
  });
});

import { strict as assert } from 'node:assert';
import type { LockEvent } from '../src/core/kernel/events';
import type { ScenarioResult } from '../src/core/scenario';
import {
  buildTimeline,
  DEFAULT_METRICS,
  fitViewport,
  layoutTimeline,
  packTimeline,
  panBy,
  unpackTimeline,
  type PackedTimeline,
  zoomAt,
  type TimelineData,
  type TimelineItem,
  type TimelineLayout,
  type Viewport,
} from '../src/core/timeline';
import { syntheticResult } from '../src/core/timeline/synthetic';

/** A tiny run: T1 on node0 holds A (write) 10..30 and waits for B 40..50 then holds it; T2 on node1 oopses at 60. */
function small(): ScenarioResult {
  const ev = (seq: number, step: number, task: number, op: LockEvent['op'], name: string, mode: 'read' | 'write' = 'write'): LockEvent => ({
    seq,
    step,
    node: task === 1 ? 0 : 1,
    task,
    taskName: `T${task}`,
    op,
    kind: 'rwsem',
    addr: name === 'A' ? 0x100 : 0x200,
    name,
    cls: name,
    mode,
    loc: { file: 'fs/x.c', line: 10 + seq, col: 1 },
  });
  return {
    scenario: 'small',
    schedule: '',
    policy: undefined,
    verdict: 'oops',
    detail: '',
    oops: [{ kind: 'null-deref', message: 'NULL', file: 'fs/iolock.c', line: 67, address: '0x0', task: 'T2', node: 1, backtrace: [] }],
    deadlock: undefined,
    errors: [],
    inconsistent: [],
    lockOrder: [],
    trace: [
      { task: 'T1', step: 0, call: 'sys_read(3, 0x1000, 10)', result: '= 10', startStep: 5, endStep: 80, at: 'x:1:1' },
      { task: 'T2', step: 0, call: 'sys_read(3, 0x1000, 10)', result: 'oops', startStep: 5, endStep: 60, at: 'x:2:1' },
    ],
    tasks: [
      { id: 'T1', node: 0, kernelId: 1 },
      { id: 'T2', node: 1, kernelId: 2 },
    ],
    events: [ev(0, 10, 1, 'acquire', 'A'), ev(1, 30, 1, 'release', 'A'), ev(2, 40, 1, 'contended', 'B', 'read'), ev(3, 50, 1, 'acquired', 'B', 'read'), ev(4, 50, 1, 'acquire', 'B', 'read'), ev(5, 70, 1, 'release', 'B', 'read')],
    steps: 100,
    statements: 1000,
    expected: undefined,
    asExpected: undefined,
  };
}

const vpOf = (d: TimelineData, startStep: number, pxPerStep: number): Viewport => ({ width: DEFAULT_METRICS.labelWidth + 1000, height: 400, startStep, pxPerStep, scrollY: 0 });
const center = (L: TimelineLayout, item: number) => {
  const r = L.rects.find((x) => x.item === item) ?? L.marks.find((x) => x.item === item);
  assert.ok(r, `item ${item} is laid out`);
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
};

/** Items of lanes in view whose steps meet the visible range: what the rectangles must account for. */
function overlapping(d: TimelineData, L: TimelineLayout): number {
  const lanes = new Set(L.lanes.map((l) => l.lane));
  return d.items.filter((it) => lanes.has(it.lane) && it.kind !== 'oops' && it.kind !== 'deadlock' && it.end >= L.firstStep && it.start <= L.lastStep).length;
}

describe('timeline layout: zoom, pan, culling and hit testing without a browser', () => {
  const d = buildTimeline(small());
  const find = (pred: (it: TimelineItem) => boolean) => d.items.findIndex(pred);

  it('maps steps to x and back, and fits the whole run in the plot', () => {
    const vp = fitViewport(d, 1110, 300);
    const L = layoutTimeline(d, vp);
    assert.ok(L.stepToX(d.startStep) >= L.plotLeft && L.stepToX(d.endStep) <= vp.width);
    for (const s of [d.startStep, 37, d.endStep]) assert.ok(Math.abs(L.xToStep(L.stepToX(s)) - s) < 1e-9);
    assert.equal(L.lanes.length, 2);
    assert.deepEqual(L.groups.map((g) => g.label), ['node0', 'node1']);
    assert.ok(L.ticks.length >= 2 && L.ticks.every((t) => t.x >= L.plotLeft && t.x <= vp.width));
  });

  it('hit-tests holds, waits, syscalls and marks at their pixels, and nothing between them', () => {
    const L = layoutTimeline(d, vpOf(d, 0, 10));
    const holdA = find((it) => it.kind === 'hold' && d.locks[it.lock ?? -1]?.name === 'A');
    const waitB = find((it) => it.kind === 'wait');
    const sysT1 = find((it) => it.kind === 'syscall' && d.lanes[it.lane]?.label === 'T1');
    const oops = find((it) => it.kind === 'oops');
    for (const i of [holdA, waitB, sysT1, oops]) {
      const p = center(L, i);
      assert.equal(L.itemAt(p.x, p.y), i, `item ${i} (${d.items[i]?.kind}) at (${p.x}, ${p.y})`);
    }
    const a = center(L, holdA);
    assert.equal(L.itemAt(L.stepToX(35), a.y), undefined, 'between A (to 30) and B (from 40) there is nothing');
    assert.equal(L.itemAt(5, a.y), undefined, 'the label column holds no item');
    assert.equal(L.itemAt(a.x, 5), undefined, 'nor does the axis');
    // the oops mark wins over the syscall under it
    const o = center(L, oops);
    assert.equal(L.itemAt(o.x + 2, o.y), oops);
  });

  it('zooms about the pointer and pans by pixels, within the run', () => {
    const vp = fitViewport(d, 1110, 300);
    const x = 600;
    const before = layoutTimeline(d, vp).xToStep(x);
    const z = zoomAt(d, vp, 4, x);
    assert.ok(Math.abs(z.pxPerStep - vp.pxPerStep * 4) < 1e-9);
    assert.ok(Math.abs(layoutTimeline(d, z).xToStep(x) - before) < 1e-6, 'the step under the pointer stays put');
    const p = panBy(d, z, 100, 0);
    assert.ok(Math.abs(p.startStep - (z.startStep - 100 / z.pxPerStep)) < 1e-9, 'dragging right shows earlier steps');
    const far = panBy(d, z, -1e9, 0);
    assert.ok(layoutTimeline(d, far).firstStep < d.endStep, 'cannot pan the run out of view');
  });

  it('culls to the visible step range: a window shows only the items that meet it', () => {
    const L = layoutTimeline(d, vpOf(d, 32, 100)); // steps 32..42
    const shown = new Set(L.rects.map((r) => r.item));
    assert.ok(!shown.has(find((it) => it.kind === 'hold' && d.locks[it.lock ?? -1]?.name === 'A')), 'A ended at 30');
    assert.ok(shown.has(find((it) => it.kind === 'wait')));
    assert.equal(L.marks.length, 0, 'the oops at 60 is out of view');
    assert.equal(L.rects.reduce((n, r) => n + r.count, 0), overlapping(d, L));
  });

  describe('a synthetic run of 100 000 lock events', function () {
    this.timeout(60000);
    const big = syntheticResult({ events: 100_000, nodes: 2, tasksPerNode: 3, seed: 3 });
    const bd = buildTimeline(big);

    it('builds lanes and items from every event', () => {
      assert.ok(big.events.length >= 100_000);
      const holds = bd.items.filter((it) => it.kind === 'hold').length;
      assert.equal(holds, big.events.filter((e) => e.op === 'acquire').length);
      assert.equal(bd.lanes.length, 8);
    });

    it('whole run in view: sub-pixel spans merge, so there are at most a few rectangles per pixel column and row', () => {
      const vp = fitViewport(bd, 1400, 900);
      const L = layoutTimeline(bd, vp);
      const rows = L.lanes.reduce((n, l) => n + (bd.lanes[l.lane]?.rows ?? 0) + 1, 0);
      assert.ok(L.rects.length <= rows * (vp.width - L.plotLeft), `${L.rects.length} rectangles for ${rows} rows`);
      assert.ok(L.rects.length < bd.items.length / 4, `${L.rects.length} rectangles for ${bd.items.length} items`);
      assert.equal(L.rects.reduce((n, r) => n + r.count, 0), overlapping(bd, L), 'every visible item is in exactly one rectangle');
      // rows stay sorted by x for hit testing, and every rectangle is hit at its middle
      for (const r of L.rects.filter((_, i) => i % 97 === 0)) {
        const hit = L.rectAt(r.x + r.w / 2, r.y + r.h / 2);
        assert.ok(hit && hit.x <= r.x + r.w && hit.x + hit.w >= r.x, 'the rectangle (or one touching it) is hit');
      }
    });

    it('the packed form the report inlines lays out the same, without making the items it does not read', () => {
      const unpacked = unpackTimeline(JSON.parse(JSON.stringify(packTimeline(bd))) as PackedTimeline);
      for (const vp of [fitViewport(bd, 1400, 900), zoomAt(bd, fitViewport(bd, 1400, 900), 50, 500)]) {
        assert.deepEqual(
          layoutTimeline(unpacked, vp).rects.map((r) => ({ ...r })),
          layoutTimeline(bd, vp).rects.map((r) => ({ ...r })),
        );
      }
      // the lazily made items still behave as an array of the same items
      assert.ok(Array.isArray(unpacked.items));
      assert.equal(unpacked.items.length, bd.items.length);
      assert.deepEqual(unpacked.items[123], bd.items[123]);
      assert.equal(unpacked.items.filter((it) => it.kind === 'oops').length, 1);
      assert.deepEqual(JSON.parse(JSON.stringify(unpacked.items.slice(0, 50))), JSON.parse(JSON.stringify(bd.items.slice(0, 50))));
    });

    it('zoomed into 0.1% of the run: only that window is laid out, item by item', () => {
      const fit = fitViewport(bd, 1400, 900);
      const vp = zoomAt(bd, fit, 1000, 700);
      const L = layoutTimeline(bd, vp);
      assert.ok(L.rects.length > 0 && L.rects.length < 2000, `${L.rects.length} rectangles`);
      assert.equal(L.rects.reduce((n, r) => n + r.count, 0), overlapping(bd, L));
      for (const r of L.rects) {
        const it = bd.items[r.item] as TimelineItem;
        assert.ok(it.end >= L.firstStep && it.start <= L.lastStep);
      }
      // and hit testing finds the item drawn at a point
      const r = L.rects.find((x) => x.w > 6 && x.count === 1);
      assert.ok(r);
      assert.equal(L.itemAt(r.x + r.w / 2, r.y + r.h / 2), r.item);
    });
  });
});

import { columnsOf, isOk, KIND_DEADLOCK, KIND_OOPS, LOOKS, lookOf, PRECEDENCE, type Look } from './columns';
import type { TimelineData } from './types';

export { isOk, lookOf, type Look };

/**
 * Where things go on the timeline's canvas for a given zoom and pan: pure functions of the data and a viewport,
 * unit-tested without a browser. Per lane and row the items are indexed once (sorted by start, with a running
 * maximum of their ends) so that a frame binary-searches the visible step range instead of visiting every item,
 * and runs of items narrower than a pixel are merged into one rectangle. Pixels are CSS pixels.
 */

/** What the user controls: the canvas size, the zoom (pixels per step), the pan (left step, vertical scroll). */
export interface Viewport {
  width: number;
  height: number;
  /** The step at the left edge of the plot area (right of the lane labels). */
  startStep: number;
  pxPerStep: number;
  /** Pixels the lanes are scrolled up by. */
  scrollY: number;
}

export interface LayoutMetrics {
  /** Width of the lane label column on the left. */
  labelWidth: number;
  /** Height of the step axis at the top. */
  axisHeight: number;
  /** Height of a node's header band. */
  groupHeight: number;
  /** Height of the syscall band at the top of a lane (the bar and its label). */
  syscallHeight: number;
  /** Height of one row of lock spans. */
  rowHeight: number;
  /** Space above and below a lane's contents. */
  lanePad: number;
}

export const DEFAULT_METRICS: LayoutMetrics = { labelWidth: 110, axisHeight: 22, groupHeight: 18, syscallHeight: 12, rowHeight: 13, lanePad: 3 };

/** Spans narrower than this (in pixels) are merged with their neighbours in the same row. */
const MERGE_PX = 2;
/** The narrowest rectangle drawn (a zero-length span still shows). */
const MERGE_PX_MIN = 1;
/** Narrow spans closer than this (pixels) to the rectangle before them join it: gaps this small do not show. */
const MERGE_GAP = 1;
/** How far (in pixels) from a thin span or a mark the pointer may be and still hit it. */
const HIT_SLOP = 3;
const MAX_PX_PER_STEP = 400;
/** Room kept right of the end of the run when fitting, for the deadlock marks and the cycle's arrows. */
const FIT_RIGHT_PX = 64;

/**
 * One rectangle to draw: an item, or a run of sub-pixel items merged into one. Then item (and look) is the
 * strongest of them by PRECEDENCE, and count says how many there are.
 */
export interface ItemRect {
  item: number;
  x: number;
  y: number;
  w: number;
  h: number;
  count: number;
  look: Look;
  /** The item is part of the deadlock cycle (such items are never merged). */
  cycle: boolean;
}

export interface LaneBox {
  lane: number;
  y: number;
  h: number;
}

export interface GroupBox {
  node: number;
  label: string;
  y: number;
  h: number;
}

export interface Tick {
  step: number;
  x: number;
}

export interface TimelineLayout {
  viewport: Viewport;
  metrics: LayoutMetrics;
  /** x where step startStep is drawn; the plot is [plotLeft, width). */
  plotLeft: number;
  /** Height of all node groups and lanes, unscrolled. */
  contentHeight: number;
  /** Steps at the left and right edges of the plot. */
  firstStep: number;
  lastStep: number;
  groups: GroupBox[];
  lanes: LaneBox[];
  /** Spans (syscalls, holds, waits), clipped to the plot, by lane and row, each row sorted by x. */
  rects: ItemRect[];
  /** Oops and deadlock marks: x is the mark's position, w is 0. */
  marks: ItemRect[];
  ticks: Tick[];
  stepToX(step: number): number;
  xToStep(x: number): number;
  /** The item under (x, y), marks first, or undefined. */
  itemAt(x: number, y: number): number | undefined;
  /** The rectangle (or mark) under (x, y): for a merged rectangle, count tells how many items it stands for. */
  rectAt(x: number, y: number): ItemRect | undefined;
}

interface RowIndex {
  lane: number;
  row: number;
  /** Item indexes sorted by start. */
  items: Int32Array;
  starts: Float64Array;
  ends: Float64Array;
  /** Running maximum of the items' ends: non-decreasing, so binary-searchable. */
  maxEnds: Float64Array;
  /** Index in LOOKS of each item's look, and 1 where the item is in the deadlock cycle. */
  looks: Uint8Array;
  cycle: Uint8Array;
}

interface StaticLayout {
  metrics: LayoutMetrics;
  contentHeight: number;
  groups: GroupBox[];
  /** In drawing order (by node, then lane order in the node). */
  lanes: LaneBox[];
  laneBox: Map<number, LaneBox>;
  rows: Map<number, RowIndex[]>;
  marks: Map<number, number[]>;
}

const statics = new WeakMap<TimelineData, Map<string, StaticLayout>>();

/** Lane positions and the per-row indexes: computed once per data and metrics. */
function staticLayout(data: TimelineData, m: LayoutMetrics): StaticLayout {
  const key = JSON.stringify(m);
  let byMetrics = statics.get(data);
  const hit = byMetrics?.get(key);
  if (hit) return hit;
  const groups: GroupBox[] = [];
  const lanes: LaneBox[] = [];
  const laneBox = new Map<number, LaneBox>();
  let y = 0;
  for (const n of data.nodes) {
    const g: GroupBox = { node: n.node, label: n.label, y, h: m.groupHeight };
    y += m.groupHeight;
    for (const li of n.lanes) {
      const l = data.lanes[li];
      if (!l) continue;
      const h = laneHeight(l.rows, m);
      const box = { lane: li, y, h };
      lanes.push(box);
      laneBox.set(li, box);
      y += h;
    }
    g.h = y - g.y;
    groups.push(g);
  }
  // index the items by lane and row: a counting sort into typed arrays (items are sorted by start already, so
  // each row comes out sorted too). Three passes over the items and no per-item allocation: this is most of
  // the work before the first frame of a 100 000-event run.
  const c = columnsOf(data);
  const total = c.kind.length;
  const nl = data.lanes.length;
  const marks = new Map<number, number[]>();
  // rows per lane as buildTimeline counted them; data that breaks that promise is counted here
  const maxRow = Int32Array.from(data.lanes, (l) => l.rows);
  let base = new Int32Array(nl + 1);
  const bases = () => {
    base = new Int32Array(nl + 1);
    for (let l = 0; l < nl; l++) base[l + 1] = (base[l] as number) + (maxRow[l] as number) + 1;
  };
  bases();
  const slotOf = new Int32Array(total);
  let count = new Int32Array((base[nl] as number) + 1);
  for (let i = 0; i < total; i++) {
    const kind = c.kind[i] as number;
    const lane = c.lane[i] as number;
    const row = c.row[i] as number;
    if (kind === KIND_OOPS || kind === KIND_DEADLOCK) {
      slotOf[i] = -1;
      let a = marks.get(lane);
      if (!a) marks.set(lane, (a = []));
      a.push(i);
      continue;
    }
    if (row > (maxRow[lane] as number)) {
      // more rows than the lane said: widen it, and count again from the start
      maxRow[lane] = row;
      bases();
      count = new Int32Array((base[nl] as number) + 1);
      marks.clear();
      i = -1;
      continue;
    }
    const k = (base[lane] as number) + row;
    slotOf[i] = k;
    count[k + 1] = (count[k + 1] as number) + 1;
  }
  const slots = base[nl] as number;
  for (let k = 0; k < slots; k++) count[k + 1] = (count[k + 1] as number) + (count[k] as number);
  // count[k] is now where slot k begins in the shared arrays
  const n = count[slots] as number;
  const allItems = new Int32Array(n);
  const allStarts = new Float64Array(n);
  const allEnds = new Float64Array(n);
  const allLooks = new Uint8Array(n);
  const allCycle = new Uint8Array(n);
  const fill = count.slice(0, slots);
  for (let i = 0; i < total; i++) {
    const k = slotOf[i] as number;
    if (k < 0) continue;
    const at = fill[k] as number;
    fill[k] = at + 1;
    allItems[at] = i;
    allStarts[at] = c.start[i] as number;
    allEnds[at] = c.end[i] as number;
    allLooks[at] = c.look[i] as number;
    allCycle[at] = c.cycle[i] as number;
  }
  const rows = new Map<number, RowIndex[]>();
  for (let l = 0; l < nl; l++) {
    for (let r = 0; r <= (maxRow[l] as number); r++) {
      const k = (base[l] as number) + r;
      const from = count[k] as number;
      const to = count[k + 1] as number;
      if (from === to) continue;
      const ri: RowIndex = {
        lane: l,
        row: r,
        items: allItems.subarray(from, to),
        starts: allStarts.subarray(from, to),
        ends: allEnds.subarray(from, to),
        maxEnds: new Float64Array(to - from),
        looks: allLooks.subarray(from, to),
        cycle: allCycle.subarray(from, to),
      };
      sortRow(ri);
      let max = -Infinity;
      for (let j = 0; j < ri.ends.length; j++) {
        if ((ri.ends[j] as number) > max) max = ri.ends[j] as number;
        ri.maxEnds[j] = max;
      }
      let a = rows.get(l);
      if (!a) rows.set(l, (a = []));
      a.push(ri);
    }
  }
  for (const a of rows.values()) a.sort((x, y2) => x.row - y2.row);
  const s: StaticLayout = { metrics: m, contentHeight: y, groups, lanes, laneBox, rows, marks };
  if (!byMetrics) statics.set(data, (byMetrics = new Map()));
  byMetrics.set(key, s);
  return s;
}

/** Sorts a row's arrays by start if they are not (data that did not come from buildTimeline). */
function sortRow(ri: RowIndex): void {
  const n = ri.starts.length;
  let sorted = true;
  for (let j = 1; j < n && sorted; j++) sorted = (ri.starts[j - 1] as number) <= (ri.starts[j] as number);
  if (sorted) return;
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => (ri.starts[a] as number) - (ri.starts[b] as number) || (ri.items[a] as number) - (ri.items[b] as number));
  for (const arr of [ri.items, ri.starts, ri.ends, ri.looks, ri.cycle]) {
    const copy = arr.slice();
    order.forEach((from, to) => (arr[to] = copy[from] as number));
  }
}

export function laneHeight(rows: number, m: LayoutMetrics = DEFAULT_METRICS): number {
  return m.lanePad * 2 + m.syscallHeight + 2 + Math.max(1, rows) * m.rowHeight;
}

/** Where an item of a row sits inside its lane: y offset and height. */
function rowBand(row: number, m: LayoutMetrics): { dy: number; h: number } {
  if (row === 0) return { dy: m.lanePad, h: m.syscallHeight };
  return { dy: m.lanePad + m.syscallHeight + 2 + (row - 1) * m.rowHeight + 1, h: m.rowHeight - 2 };
}

/** First index whose value is >= v (a.length when none). */
function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > v. */
function upperBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Tick spacing in steps: 1, 2 or 5 times a power of ten, about 90 pixels apart. */
function tickStep(pxPerStep: number): number {
  const raw = 90 / pxPerStep;
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
  for (const f of [1, 2, 5, 10]) if (f * p >= raw) return Math.max(1, f * p);
  return 10 * p;
}

export function layoutTimeline(data: TimelineData, vp: Viewport, metrics: LayoutMetrics = DEFAULT_METRICS): TimelineLayout {
  const m = metrics;
  const st = staticLayout(data, m);
  const cols = columnsOf(data);
  const plotLeft = m.labelWidth;
  const pps = vp.pxPerStep;
  const stepToX = (step: number): number => plotLeft + (step - vp.startStep) * pps;
  const xToStep = (x: number): number => vp.startStep + (x - plotLeft) / pps;
  const firstStep = vp.startStep;
  const lastStep = xToStep(vp.width);
  const top = m.axisHeight - vp.scrollY;
  const visible = (y: number, h: number) => top + y + h > m.axisHeight && top + y < vp.height;

  const groups = st.groups.filter((g) => visible(g.y, g.h)).map((g) => ({ ...g, y: top + g.y }));
  const lanes = st.lanes.filter((l) => visible(l.y, l.h)).map((l) => ({ ...l, y: top + l.y }));

  // spans, row by row; rowRects remembers where each row's rectangles are for hit testing
  const rects: ItemRect[] = [];
  const rowRects = new Map<number, { from: number; to: number }>();
  const marks: ItemRect[] = [];
  const clipL = plotLeft - 2;
  const clipR = vp.width + 2;
  for (const lb of lanes) {
    for (const ri of st.rows.get(lb.lane) ?? []) {
      const band = rowBand(ri.row, m);
      const y = lb.y + band.dy;
      const from = rects.length;
      // visible: end >= firstStep and start <= lastStep
      const lo = lowerBound(ri.maxEnds, firstStep);
      const hi = upperBound(ri.starts, lastStep);
      let cur: ItemRect | undefined;
      let curRight = 0;
      let curLook = 0;
      let curSmall = false;
      let curCycle = false;
      const { starts, ends, looks, cycle } = ri;
      for (let j = lo; j < hi; j++) {
        const end = ends[j] as number;
        if (end < firstStep) continue;
        let x0 = plotLeft + ((starts[j] as number) - vp.startStep) * pps;
        let x1 = plotLeft + (end - vp.startStep) * pps;
        if (x0 < clipL) x0 = clipL;
        if (x1 > clipR) x1 = clipR;
        const w = x1 - x0;
        const look = looks[j] as number;
        const small = w < MERGE_PX;
        const cyc = cycle[j] === 1;
        if (small && cur && !cyc && !curCycle && x0 <= curRight + MERGE_GAP && (curSmall || curLook === look)) {
          if (x1 > curRight) curRight = x1;
          cur.count++;
          if ((PRECEDENCE[look] as number) > (PRECEDENCE[curLook] as number)) {
            curLook = look;
            cur.item = ri.items[j] as number;
          }
          continue;
        }
        if (cur) {
          cur.w = Math.max(curRight - cur.x, MERGE_PX_MIN);
          cur.look = LOOKS[curLook] as Look;
        }
        cur = { item: ri.items[j] as number, x: x0, y, w: 0, h: band.h, count: 1, look: 'sys-ok', cycle: cyc };
        curRight = x1;
        curLook = look;
        curSmall = small;
        curCycle = cyc;
        rects.push(cur);
      }
      if (cur) {
        cur.w = Math.max(curRight - cur.x, MERGE_PX_MIN);
        cur.look = LOOKS[curLook] as Look;
      }
      rowRects.set(lb.lane * 65536 + ri.row, { from, to: rects.length });
    }
    for (const ii of st.marks.get(lb.lane) ?? []) {
      const x = stepToX(cols.start[ii] as number);
      if (x < plotLeft - 8 || x > vp.width + 8) continue;
      marks.push({ item: ii, x, y: lb.y, w: 0, h: lb.h, count: 1, look: 'sys-err', cycle: false });
    }
  }

  const ticks: Tick[] = [];
  const ts = tickStep(pps);
  for (let s = Math.ceil(firstStep / ts) * ts; s <= lastStep && ticks.length < 1000; s += ts) ticks.push({ step: s, x: stepToX(s) });

  const rectAt = (x: number, y: number): ItemRect | undefined => {
    if (x < plotLeft || y < m.axisHeight || x > vp.width || y > vp.height) return undefined;
    for (let i = marks.length - 1; i >= 0; i--) {
      const r = marks[i] as ItemRect;
      if (Math.abs(x - r.x) <= HIT_SLOP + 2 && y >= r.y && y < r.y + r.h) return r;
    }
    const lb = lanes.find((l) => y >= l.y && y < l.y + l.h);
    if (!lb) return undefined;
    const dy = y - lb.y;
    let row: number;
    if (dy < m.lanePad + m.syscallHeight + 1) row = 0;
    else row = Math.floor((dy - m.lanePad - m.syscallHeight - 2) / m.rowHeight) + 1;
    const rr = rowRects.get(lb.lane * 65536 + row);
    if (!rr) return undefined;
    // the last rectangle starting at or left of x + slop, then its left neighbours while they may reach x
    let lo = rr.from;
    let hi = rr.to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((rects[mid] as ItemRect).x <= x + HIT_SLOP) lo = mid + 1;
      else hi = mid;
    }
    let best: ItemRect | undefined;
    let bestDist = Infinity;
    for (let j = lo - 1; j >= rr.from && j >= lo - 4; j--) {
      const r = rects[j] as ItemRect;
      const d = x < r.x ? r.x - x : x > r.x + r.w ? x - (r.x + r.w) : 0;
      if (d <= HIT_SLOP && d < bestDist) {
        best = r;
        bestDist = d;
      }
    }
    return best;
  };
  const itemAt = (x: number, y: number): number | undefined => rectAt(x, y)?.item;

  return { viewport: vp, metrics: m, plotLeft, contentHeight: st.contentHeight, firstStep, lastStep, groups, lanes, rects, marks, ticks, stepToX, xToStep, itemAt, rectAt };
}


/** Total height the canvas needs to show every lane without scrolling. */
export function contentHeight(data: TimelineData, m: LayoutMetrics = DEFAULT_METRICS): number {
  return m.axisHeight + staticLayout(data, m).contentHeight;
}

/** The viewport that shows the whole run, with a little room on both sides. */
export function fitViewport(data: TimelineData, width: number, height: number, m: LayoutMetrics = DEFAULT_METRICS): Viewport {
  const plot = Math.max(1, width - m.labelWidth);
  const range = Math.max(1, data.endStep - data.startStep);
  const left = 8;
  const right = Math.min(FIT_RIGHT_PX, plot / 4);
  const pxPerStep = Math.max(1e-9, plot - left - right) / range;
  return { width, height, startStep: data.startStep - left / pxPerStep, pxPerStep, scrollY: 0 };
}

/** Keeps some of the run in view and the vertical scroll within the lanes. */
export function clampViewport(data: TimelineData, vp: Viewport, m: LayoutMetrics = DEFAULT_METRICS): Viewport {
  const plot = Math.max(1, vp.width - m.labelWidth);
  const range = Math.max(1, data.endStep - data.startStep);
  const minPps = plot / (range * 4);
  const pxPerStep = Math.min(MAX_PX_PER_STEP, Math.max(minPps, vp.pxPerStep));
  const visible = plot / pxPerStep;
  const lo = data.startStep - visible * 0.9;
  const hi = data.endStep - visible * 0.1;
  const startStep = Math.min(hi, Math.max(lo, vp.startStep));
  const maxScroll = Math.max(0, staticLayout(data, m).contentHeight - (vp.height - m.axisHeight));
  const scrollY = Math.min(maxScroll, Math.max(0, vp.scrollY));
  return { ...vp, startStep, pxPerStep, scrollY };
}

/** Zooms by factor (> 1 in) keeping the step under x where it is. */
export function zoomAt(data: TimelineData, vp: Viewport, factor: number, x: number, m: LayoutMetrics = DEFAULT_METRICS): Viewport {
  const px = Math.max(m.labelWidth, Math.min(vp.width, x));
  const step = vp.startStep + (px - m.labelWidth) / vp.pxPerStep;
  const z = clampViewport(data, { ...vp, pxPerStep: vp.pxPerStep * factor }, m);
  return clampViewport(data, { ...z, startStep: step - (px - m.labelWidth) / z.pxPerStep }, m);
}

/** Pans by pixels: dx > 0 shows earlier steps (content moves right), dy > 0 scrolls down. */
export function panBy(data: TimelineData, vp: Viewport, dx: number, dy: number, m: LayoutMetrics = DEFAULT_METRICS): Viewport {
  return clampViewport(data, { ...vp, startStep: vp.startStep - dx / vp.pxPerStep, scrollY: vp.scrollY + dy }, m);
}

/** Zooms so that steps [start, end] fill two thirds of the plot (at least 8 steps), centred. */
export function focusRange(data: TimelineData, vp: Viewport, start: number, end: number, m: LayoutMetrics = DEFAULT_METRICS): Viewport {
  const plot = Math.max(1, vp.width - m.labelWidth);
  const span = Math.max(8, (end - start) * 1.5);
  const pxPerStep = Math.min(plot / span, MAX_PX_PER_STEP);
  const mid = (start + end) / 2;
  return clampViewport(data, { ...vp, pxPerStep, startStep: mid - plot / pxPerStep / 2 }, m);
}

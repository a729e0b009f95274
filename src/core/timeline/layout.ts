import { columnsOf, isOk, LOOKS, lookOf, MARK_ROW, type Look, type TimelineColumns } from './columns';
import { levelSpans, levelsOf, mergeRow, MERGE_PX_MIN, segmentSpans, type RowScale, type RowSpans } from './lod';
import type { TimelineData } from './types';

export { isOk, lookOf, type Look };

/**
 * Where things go on the timeline's canvas for a given zoom and pan: pure functions of the data and a viewport,
 * unit-tested without a browser. The items of each lane and row are a contiguous, start-sorted range of the
 * columns (columns.ts), so a frame binary-searches the visible step range of each row instead of visiting every
 * item, and runs of items narrower than a pixel are merged into one rectangle; zoomed out, the rows pre-merged
 * at a finer zoom (lod.ts) are merged instead of the items. Pixels are CSS pixels.
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
  /** Its segment of the columns, and its index among the segments of spans (its rows in the levels). */
  seg: number;
  spanRow: number;
  /** The row's items, when a frame first merges them. */
  spans: RowSpans | undefined;
  /** Running maximum of the spans' ends: non-decreasing, so binary-searchable; made when first needed. */
  maxEnds: Float64Array | undefined;
}

interface StaticLayout {
  metrics: LayoutMetrics;
  contentHeight: number;
  groups: GroupBox[];
  /** In drawing order (by node, then lane order in the node). */
  lanes: LaneBox[];
  rows: Map<number, RowIndex[]>;
  /** The slots of each lane's marks. */
  marks: Map<number, number[]>;
}

const statics = new WeakMap<TimelineData, Map<string, StaticLayout>>();

/** Lane positions and the rows of each lane: computed once per data and metrics, from the segments alone. */
function staticLayout(data: TimelineData, m: LayoutMetrics): StaticLayout {
  const key = JSON.stringify(m);
  let byMetrics = statics.get(data);
  const hit = byMetrics?.get(key);
  if (hit) return hit;
  const c = columnsOf(data);
  const rows = new Map<number, RowIndex[]>();
  const marks = new Map<number, number[]>();
  // rows per lane as buildTimeline counted them; data that breaks that promise gets the rows it has
  const laneRows = data.lanes.map((l) => l.rows);
  let spanRow = 0;
  for (let k = 0; k < c.segs.length / 4; k++) {
    const lane = c.segs[k * 4] as number;
    const row = c.segs[k * 4 + 1] as number;
    if (row === MARK_ROW) {
      const from = c.segs[k * 4 + 2] as number;
      const to = c.segs[k * 4 + 3] as number;
      c.load?.(k);
      const a = marks.get(lane) ?? [];
      for (let s = from; s < to; s++) a.push(s);
      marks.set(lane, a);
      continue;
    }
    if (row > (laneRows[lane] ?? 0)) laneRows[lane] = row;
    const ri: RowIndex = { lane, row, seg: k, spanRow: spanRow++, spans: undefined, maxEnds: undefined };
    let a = rows.get(lane);
    if (!a) rows.set(lane, (a = []));
    a.push(ri);
  }
  const groups: GroupBox[] = [];
  const lanes: LaneBox[] = [];
  let y = 0;
  for (const n of data.nodes) {
    const g: GroupBox = { node: n.node, label: n.label, y, h: m.groupHeight };
    y += m.groupHeight;
    for (const li of n.lanes) {
      if (!data.lanes[li]) continue;
      const h = laneHeight(laneRows[li] ?? 0, m);
      lanes.push({ lane: li, y, h });
      y += h;
    }
    g.h = y - g.y;
    groups.push(g);
  }
  const s: StaticLayout = { metrics: m, contentHeight: y, groups, lanes, rows, marks };
  if (!byMetrics) statics.set(data, (byMetrics = new Map()));
  byMetrics.set(key, s);
  return s;
}

function runningMax(ends: Float64Array): Float64Array {
  const out = new Float64Array(ends.length);
  let max = -Infinity;
  for (let j = 0; j < ends.length; j++) {
    if ((ends[j] as number) > max) max = ends[j] as number;
    out[j] = max;
  }
  return out;
}

const levelMaxEnds = new WeakMap<object, Float64Array>();

/**
 * The spans a frame at pxPerStep merges for a row: the coarsest level merged at that zoom or finer, else the
 * items; while the items are not loaded (the report's first moments), the finest level stands in for them.
 */
function spansAt(data: TimelineData, c: TimelineColumns, ri: RowIndex, pxPerStep: number): { spans: RowSpans; maxEnds: Float64Array } | undefined {
  const levels = levelsOf(c, data.startStep, data.endStep);
  let level;
  for (const l of levels) if (l.pxPerStep >= pxPerStep) level = l;
  if (!level) {
    const spans = (ri.spans ??= segmentSpans(c, ri.seg));
    if (spans) return { spans, maxEnds: (ri.maxEnds ??= runningMax(spans.end)) };
    level = levels[0];
    if (!level) return undefined;
  }
  let ends = levelMaxEnds.get(level);
  if (!ends) levelMaxEnds.set(level, (ends = runningMax(level.end)));
  const from = level.bounds[ri.spanRow] as number;
  return { spans: levelSpans(level, ri.spanRow), maxEnds: ends.subarray(from, level.bounds[ri.spanRow + 1]) };
}

/**
 * Does ahead what the first frames zoomed in would do: decodes every row of the packed form and indexes it. For
 * idle time after the first frame, so that zooming in does not pay for it (a no-op until the items are loaded).
 */
export function prepareLayout(data: TimelineData, m: LayoutMetrics = DEFAULT_METRICS): void {
  const c = columnsOf(data);
  for (const rows of staticLayout(data, m).rows.values()) {
    for (const ri of rows) {
      ri.spans ??= segmentSpans(c, ri.seg);
      if (ri.spans) ri.maxEnds ??= runningMax(ri.spans.end);
    }
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
  const scale: RowScale = { startStep: vp.startStep, pxPerStep: pps, plotLeft, clipL, clipR };
  for (const lb of lanes) {
    for (const ri of st.rows.get(lb.lane) ?? []) {
      const band = rowBand(ri.row, m);
      const y = lb.y + band.dy;
      const h = band.h;
      const from = rects.length;
      const row = spansAt(data, cols, ri, pps);
      if (!row) continue;
      // visible: end >= firstStep and start <= lastStep
      const lo = lowerBound(row.maxEnds, firstStep);
      const hi = upperBound(row.spans.start, lastStep);
      mergeRow(row.spans, lo, hi, firstStep, scale, (_f, _e, x0, x1, look, item, count, cycle) => {
        rects.push({ item, x: x0, y, w: Math.max(x1 - x0, MERGE_PX_MIN), h, count, look: LOOKS[look] as Look, cycle });
      });
      rowRects.set(lb.lane * 65536 + ri.row, { from, to: rects.length });
    }
    for (const slot of st.marks.get(lb.lane) ?? []) {
      const x = stepToX(cols.start[slot] as number);
      if (x < plotLeft - 8 || x > vp.width + 8) continue;
      marks.push({ item: cols.order ? (cols.order[slot] as number) : slot, x, y: lb.y, w: 0, h: lb.h, count: 1, look: 'sys-err', cycle: false });
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

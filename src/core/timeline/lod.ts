import { CYCLE_BIT, LOOK_MASK, MARK_ROW, PRECEDENCE, type Level, type TimelineColumns } from './columns';

/** Spans narrower than this (in pixels) are merged with their neighbours in the same row. */
const MERGE_PX = 2;
/** The narrowest rectangle drawn (a zero-length span still shows). */
export const MERGE_PX_MIN = 1;
/** Narrow spans closer than this (pixels) to the rectangle before them join it: gaps this small do not show. */
const MERGE_GAP = 1;

/** One row's spans: items (count undefined: one each) or a level's runs. */
export interface RowSpans {
  start: Float64Array;
  end: Float64Array;
  bits: Uint8Array;
  /** Item index of each span; undefined when it is `base` plus the span's index. */
  item: Int32Array | undefined;
  base: number;
  count: Int32Array | undefined;
}

/** Where a row is drawn: x = plotLeft + (step - startStep) * pxPerStep, clipped to [clipL, clipR]. */
export interface RowScale {
  startStep: number;
  pxPerStep: number;
  plotLeft: number;
  clipL: number;
  clipR: number;
}

/** A merged run: its first span, its last step, its pixels, the strongest look and item, and how many items. */
type EmitRun = (first: number, endStep: number, x0: number, x1: number, look: number, item: number, count: number, cycle: boolean) => void;

/**
 * Merges spans lo..hi-1 of a row (those ending before firstStep skipped) into runs: a span narrower than MERGE_PX
 * joins the run before it when it starts within MERGE_GAP of the run's right edge and the run started narrow or
 * has its look; the run shows the strongest look (PRECEDENCE). Spans of the deadlock cycle never merge.
 */
export function mergeRow(r: RowSpans, lo: number, hi: number, firstStep: number, sc: RowScale, emit: EmitRun): void {
  const { start: starts, end: ends, bits, item: items, count: counts, base } = r;
  const { startStep, pxPerStep: pps, plotLeft, clipL, clipR } = sc;
  let open = false;
  let first = 0;
  let curX = 0;
  let curRight = 0;
  let curEnd = 0;
  let curLook = 0;
  let curItem = 0;
  let curCount = 0;
  let curSmall = false;
  let curCycle = false;
  for (let j = lo; j < hi; j++) {
    const end = ends[j] as number;
    if (end < firstStep) continue;
    let x0 = plotLeft + ((starts[j] as number) - startStep) * pps;
    let x1 = plotLeft + (end - startStep) * pps;
    if (x0 < clipL) x0 = clipL;
    if (x1 > clipR) x1 = clipR;
    const b = bits[j] as number;
    const look = b & LOOK_MASK;
    const count = counts ? (counts[j] as number) : 1;
    // a run of a level is made of spans that were narrow at a finer zoom: narrower still now
    const small = x1 - x0 < MERGE_PX || count > 1;
    const cyc = (b & CYCLE_BIT) !== 0;
    if (small && open && !cyc && !curCycle && x0 <= curRight + MERGE_GAP && (curSmall || curLook === look)) {
      if (x1 > curRight) curRight = x1;
      if (end > curEnd) curEnd = end;
      curCount += count;
      if ((PRECEDENCE[look] as number) > (PRECEDENCE[curLook] as number)) {
        curLook = look;
        curItem = items ? (items[j] as number) : base + j;
      }
      continue;
    }
    if (open) emit(first, curEnd, curX, curRight, curLook, curItem, curCount, curCycle);
    open = true;
    first = j;
    curX = x0;
    curRight = x1;
    curEnd = end;
    curLook = look;
    curItem = items ? (items[j] as number) : base + j;
    curCount = count;
    curSmall = small;
    curCycle = cyc;
  }
  if (open) emit(first, curEnd, curX, curRight, curLook, curItem, curCount, curCycle);
}

/** Below this many items every frame merges the items themselves: levels would not pay for themselves. */
const LEVEL_MIN_ITEMS = 4096;
/** A level is kept when it has at most this fraction of the runs of the finer one it was merged from... */
const LEVEL_GAIN = 0.5;
/**
 * ... and at most this many runs: a finer level would only speed up frames that merge few enough items anyway
 * (zoomed in, most of the run is out of view), while every level adds to the data the page carries.
 */
const LEVEL_MAX_RUNS = 8192;

/** The spans of segment k (its slots) as a row. */
export function segmentSpans(c: TimelineColumns, k: number): RowSpans | undefined {
  if (c.load && !c.load(k)) return undefined;
  const from = c.segs[k * 4 + 2] as number;
  const to = c.segs[k * 4 + 3] as number;
  return {
    start: c.start.subarray(from, to),
    end: c.end.subarray(from, to),
    bits: c.bits.subarray(from, to),
    item: c.order?.subarray(from, to),
    base: from,
    count: undefined,
  };
}

/** The runs of span row k (k-th segment that is not marks) of a level. */
export function levelSpans(l: Level, k: number): RowSpans {
  const from = l.bounds[k] as number;
  const to = l.bounds[k + 1] as number;
  return {
    start: l.start.subarray(from, to),
    end: l.end.subarray(from, to),
    bits: l.bits.subarray(from, to),
    item: l.item.subarray(from, to),
    base: 0,
    count: l.count.subarray(from, to),
  };
}

/**
 * The levels of a timeline, finest first: rows merged at 1, 1/2, 1/4, ... pixels per step, each from the last
 * level kept (or the items), kept when it at least halves the runs, down to a few pixels for the whole run.
 */
export function levelsOf(c: TimelineColumns, startStep: number, endStep: number): Level[] {
  if (c.levels) return c.levels;
  const levels: Level[] = [];
  c.levels = levels;
  const spanSegs: number[] = [];
  let spans = 0;
  for (let k = 0; k < c.segs.length / 4; k++) {
    if (c.segs[k * 4 + 1] === MARK_ROW) continue;
    spanSegs.push(k);
    spans += (c.segs[k * 4 + 3] as number) - (c.segs[k * 4 + 2] as number);
  }
  if (spans < LEVEL_MIN_ITEMS) return levels;
  const range = Math.max(1, endStep - startStep);
  let rowsOf = (k: number): RowSpans | undefined => segmentSpans(c, spanSegs[k] as number);
  let runs = spans;
  for (let pps = 1; pps * range >= 8 && runs > spanSegs.length; pps /= 2) {
    const start: number[] = [];
    const end: number[] = [];
    const bits: number[] = [];
    const item: number[] = [];
    const count: number[] = [];
    const bounds = [0];
    const scale: RowScale = { startStep, pxPerStep: pps, plotLeft: 0, clipL: -Infinity, clipR: Infinity };
    for (let k = 0; k < spanSegs.length; k++) {
      const r = rowsOf(k);
      if (!r) return levels;
      mergeRow(r, 0, r.start.length, -Infinity, scale, (f, e, _x0, _x1, look, it, n, cyc) => {
        start.push(r.start[f] as number);
        end.push(e);
        bits.push(look | (cyc ? CYCLE_BIT : 0));
        item.push(it);
        count.push(n);
      });
      bounds.push(start.length);
    }
    if (start.length > runs * LEVEL_GAIN || start.length > LEVEL_MAX_RUNS) continue;
    const l: Level = {
      pxPerStep: pps,
      bounds: Int32Array.from(bounds),
      start: Float64Array.from(start),
      end: Float64Array.from(end),
      bits: Uint8Array.from(bits),
      item: Int32Array.from(item),
      count: Int32Array.from(count),
    };
    levels.push(l);
    runs = start.length;
    rowsOf = (k) => levelSpans(l, k);
  }
  return levels;
}

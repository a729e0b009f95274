import type { TimelineData, TimelineItem, TimelineItemKind } from './types';

/**
 * What the layout needs of every item, as typed arrays in *slot order*: lane by lane, each lane's rows of spans
 * (row 0, the system calls, first), then the lane's marks; each row sorted by start. buildTimeline makes its
 * items in that order, so for its data (and for the packed form, which keeps it) a slot is the item's index
 * and the rows are contiguous ranges: the browser indexes 100 000 items without visiting one of them.
 */
export interface TimelineColumns {
  /** Number of items. */
  n: number;
  start: Float64Array;
  end: Float64Array;
  /** Per slot: the look (LOOK_MASK: index in LOOKS, LOOK_MARK for marks), CYCLE_BIT and the FLAG_* bits. */
  bits: Uint8Array;
  /** The item index of each slot, when the items are not in slot order themselves (data made by hand). */
  order: Int32Array | undefined;
  /** The segments of slots: lane, row, first slot, end slot, four numbers each; row MARK_ROW for a lane's marks. */
  segs: Int32Array;
  /** Pre-merged rows for zoomed-out views (lod.ts), made on first need or shipped by the packed form. */
  levels: Level[] | undefined;
  /**
   * Fills start, end and bits of segment k if they are not yet, and says whether they are: the packed form
   * decodes a segment when first used, and in the HTML report the columns arrive after the first frame.
   */
  load: ((k: number) => boolean) | undefined;
}

/**
 * The rows of spans merged as the layout merges them at pxPerStep (a power of two): runs of spans narrower than
 * two pixels become one span with a count and the strongest item. Drawing at any zoom at or below pxPerStep
 * merges these runs instead of the items, so the whole run in view costs a few thousand runs, not every item.
 */
export interface Level {
  pxPerStep: number;
  /** Run index where the k-th segment of spans (segments in order, marks left out) begins; one more at the end. */
  bounds: Int32Array;
  start: Float64Array;
  end: Float64Array;
  /** LOOK_MASK and CYCLE_BIT of the run. */
  bits: Uint8Array;
  /** The run's strongest item (an item index), and how many items it stands for. */
  item: Int32Array;
  count: Int32Array;
}

export const MARK_ROW = -1;

export const LOOK_MASK = 7;
/** The look of a mark (oops, deadlock): not a span. */
const LOOK_MARK = 7;
export const CYCLE_BIT = 8;
export const FLAG_OPEN = 16;
export const FLAG_TRYLOCK = 32;
export const FLAG_RECURSIVE = 64;
/** A mark that is a deadlock (else an oops). */
const FLAG_DEADLOCK = 128;

/** How a span is drawn: its colour and fill. */
export type Look = 'sys-ok' | 'sys-err' | 'sys-open' | 'hold-read' | 'hold-write' | 'wait-read' | 'wait-write';
export const LOOKS: readonly Look[] = ['sys-ok', 'sys-open', 'sys-err', 'wait-read', 'wait-write', 'hold-read', 'hold-write'];
/** When narrow spans of different looks merge, the rectangle shows the strongest: errors, exclusive holds. */
export const PRECEDENCE: readonly number[] = [1, 2, 3, 1, 2, 3, 4];

/** A syscall result drawn as success. */
export function isOk(result: string | undefined): boolean {
  return result === undefined || (result.startsWith('= ') && !result.startsWith('= -'));
}

/** Index in LOOKS of an item of this kind, mode, state and result. */
function lookIndexOf(kind: TimelineItemKind, mode: 'read' | 'write' | undefined, open: boolean, result: string | undefined): number {
  switch (kind) {
    case 'syscall':
      return result === 'running' ? 0 : open ? 1 : isOk(result) ? 0 : 2;
    case 'wait':
      return mode === 'read' ? 3 : 4;
    default:
      return mode === 'read' ? 5 : 6;
  }
}

export function lookOf(it: TimelineItem): Look {
  return LOOKS[lookIndexOf(it.kind, it.mode, it.open === true, it.result)] as Look;
}

export const isMark = (kind: TimelineItemKind): boolean => kind === 'oops' || kind === 'deadlock';

/**
 * The bits of an item (see TimelineColumns.bits): one small number says what the layout and the hover need,
 * the kind and mode included (a span's look tells them).
 */
export function bitsOf(it: TimelineItem): number {
  return (
    (isMark(it.kind) ? LOOK_MARK | (it.kind === 'deadlock' ? FLAG_DEADLOCK : 0) : lookIndexOf(it.kind, it.mode, it.open === true, it.result)) |
    (it.cycle ? CYCLE_BIT : 0) |
    (it.open ? FLAG_OPEN : 0) |
    (it.trylock ? FLAG_TRYLOCK : 0) |
    (it.recursive ? FLAG_RECURSIVE : 0)
  );
}

/** The kind and mode bitsOf() encoded. */
export function kindOfBits(bits: number): { kind: TimelineItemKind; mode: 'read' | 'write' | undefined } {
  const look = bits & LOOK_MASK;
  if (look === LOOK_MARK) return { kind: bits & FLAG_DEADLOCK ? 'deadlock' : 'oops', mode: undefined };
  if (look <= 2) return { kind: 'syscall', mode: undefined };
  return { kind: look <= 4 ? 'wait' : 'hold', mode: look === 3 || look === 5 ? 'read' : 'write' };
}

/** Orders items into slots: lane, then spans before marks, then row, then as given (stable). */
function slotCompare(a: TimelineItem, b: TimelineItem): number {
  return a.lane - b.lane || Number(isMark(a.kind)) - Number(isMark(b.kind)) || (isMark(a.kind) ? 0 : a.row - b.row);
}

const registered = new WeakMap<TimelineData, TimelineColumns>();

/** Remembers columns made without the items (see unpackTimeline). */
export function registerColumns(data: TimelineData, cols: TimelineColumns): void {
  registered.set(data, cols);
}

export function columnsOf(data: TimelineData): TimelineColumns {
  let c = registered.get(data);
  if (!c) {
    c = columnsFromItems(data.items);
    registered.set(data, c);
  }
  return c;
}

/** The segments of slots in order: [lane, row, from, to] for every change of lane or row. */
function segmentsOf(n: number, laneOf: (slot: number) => number, rowOf: (slot: number) => number): Int32Array {
  const segs: number[] = [];
  for (let s = 0; s < n; s++) {
    const lane = laneOf(s);
    const row = rowOf(s);
    const k = segs.length - 4;
    if (k >= 0 && segs[k] === lane && segs[k + 1] === row) segs[k + 3] = s + 1;
    else segs.push(lane, row, s, s + 1);
  }
  return Int32Array.from(segs);
}

function columnsFromItems(items: readonly TimelineItem[]): TimelineColumns {
  const n = items.length;
  let inOrder = true;
  for (let i = 1; i < n && inOrder; i++) {
    const a = items[i - 1] as TimelineItem;
    const b = items[i] as TimelineItem;
    const c = slotCompare(a, b);
    inOrder = c < 0 || (c === 0 && a.start <= b.start);
  }
  const order = inOrder ? undefined : Int32Array.from(items.keys()).sort((i, j) => slotCompare(items[i] as TimelineItem, items[j] as TimelineItem) || (items[i] as TimelineItem).start - (items[j] as TimelineItem).start || i - j);
  const itemAt = (s: number) => items[order ? (order[s] as number) : s] as TimelineItem;
  const c: TimelineColumns = {
    n,
    start: new Float64Array(n),
    end: new Float64Array(n),
    bits: new Uint8Array(n),
    order,
    segs: segmentsOf(n, (s) => itemAt(s).lane, (s) => (isMark(itemAt(s).kind) ? MARK_ROW : itemAt(s).row)),
    levels: undefined,
    load: undefined,
  };
  for (let s = 0; s < n; s++) {
    const it = itemAt(s);
    c.start[s] = it.start;
    c.end[s] = it.end;
    c.bits[s] = bitsOf(it);
  }
  return c;
}

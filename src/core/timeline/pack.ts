import { bitsOf, columnsOf, CYCLE_BIT, FLAG_OPEN, FLAG_RECURSIVE, FLAG_TRYLOCK, isMark, kindOfBits, MARK_ROW, registerColumns, type Level, type TimelineColumns } from './columns';
import { levelsOf } from './lod';
import type { TimelineData, TimelineItem, TimelineItemKind } from './types';

/** A column of numbers: a plain array in JSON (the report, DAP), a typed array in a webview message. */
export type Numbers = readonly number[] | Float64Array | Int32Array | Uint8Array;

/** The items as columns in slot order (columns.ts). */
export interface PackedItems {
  /** Start minus the start of the item before it in its segment (the first: its start), and end minus start. */
  start: Numbers;
  length: Numbers;
  /** TimelineColumns.bits: look, cycle, flags; the kind and mode follow from them. */
  bits: Numbers;
  /** lock, at and endAt plus one; 0 for none. */
  lock: Numbers;
  at: Numbers;
  endAt: Numbers;
  /** For the items that have them (syscalls, marks): their slot, text and result (null for none). */
  texts: [number, string | null, string | null][];
}

/**
 * The wire form of TimelineData: the report inlines it as JSON, the debug adapter answers `iolock/timeline` with
 * it, the VS Code webview gets it by postMessage with typed arrays. Everything the first frame of a zoomed-out
 * view needs is outside `items`: the segments, the pre-merged levels (lod.ts) and the few items every frame
 * draws whole (marks, the deadlock cycle). So the browser draws that frame without a per-item object or loop,
 * and the report can put the columns at the end of the page, read when first needed (zooming in, hovering,
 * labels). unpackTimeline() gives back the same TimelineData (JSON-equal, for items in slot order as
 * buildTimeline makes them).
 */
export interface PackedTimeline extends Omit<TimelineData, 'items'> {
  packed: 2;
  /** Number of items. */
  count: number;
  /** TimelineColumns.segs. */
  segs: Numbers;
  levels: { pxPerStep: number; bounds: Numbers; start: Numbers; end: Numbers; bits: Numbers; item: Numbers; count: Numbers }[];
  /** The marks and the items of the deadlock cycle, by slot. */
  known: [number, TimelineItem][];
  items: PackedItems;
}

/** An item with every field present (undefined where it does not apply): one object shape for all items. */
export function fullItem(kind: TimelineItemKind, lane: number, row: number, start: number, end: number, rest: Partial<TimelineItem>): TimelineItem {
  return {
    kind,
    lane,
    row,
    start,
    end,
    lock: rest.lock,
    mode: rest.mode,
    open: rest.open,
    cycle: rest.cycle,
    at: rest.at,
    endAt: rest.endAt,
    text: rest.text,
    result: rest.result,
    trylock: rest.trylock,
    recursive: rest.recursive,
  };
}

/**
 * V8 gives an object literal's fields the representation of the first values seen (a small integer, undefined)
 * and, when a later object stores another kind (a number where undefined was), deprecates the shape: every
 * object made before then migrates on its next access, one by one. Making two throw-away items with both
 * kinds in every optional field first settles the shape before the 100 000 real ones are made.
 */
export function generaliseItemShape(): void {
  const a: TimelineItem[] = [];
  for (const v of [undefined, 1.5, 0, undefined]) {
    a.push({
      kind: 'hold',
      lane: 0,
      row: 0,
      start: v ?? 0,
      end: v ?? 0,
      lock: v,
      mode: v === undefined ? undefined : 'read',
      open: v === undefined ? undefined : true,
      cycle: v === undefined ? undefined : true,
      at: v,
      endAt: v,
      text: v === undefined ? undefined : '',
      result: v === undefined ? undefined : '',
      trylock: v === undefined ? undefined : true,
      recursive: v === undefined ? undefined : true,
    });
  }
}

/** The packed form, for JSON. Items not in slot order are put in it (the cycle's item indexes follow). */
/** The packed form, for JSON. Items not in slot order are put in it (the cycle's item indexes follow). */
export function packTimeline(data: TimelineData): PackedTimeline {
  const c = columnsOf(data);
  const n = c.n;
  const itemAt = (s: number) => data.items[c.order ? (c.order[s] as number) : s] as TimelineItem;
  const start: number[] = [];
  const length: number[] = [];
  for (let k = 0; k < c.segs.length; k += 4) {
    const from = c.segs[k + 2] as number;
    for (let s = from; s < (c.segs[k + 3] as number); s++) {
      start.push((c.start[s] as number) - (s === from ? 0 : (c.start[s - 1] as number)));
      length.push((c.end[s] as number) - (c.start[s] as number));
    }
  }
  const items: PackedItems = { start, length, bits: Array.from(c.bits), lock: [], at: [], endAt: [], texts: [] };
  const known: PackedTimeline['known'] = [];
  const plusOne = (v: number | undefined) => (v === undefined ? 0 : v + 1);
  for (let s = 0; s < n; s++) {
    const it = itemAt(s);
    (items.lock as number[]).push(plusOne(it.lock));
    (items.at as number[]).push(plusOne(it.at));
    (items.endAt as number[]).push(plusOne(it.endAt));
    if (it.text !== undefined || it.result !== undefined) items.texts.push([s, it.text ?? null, it.result ?? null]);
    if (isMark(it.kind) || it.cycle) known.push([s, it]);
  }
  const order = c.order;
  const slotOf = order ? new Int32Array(n) : undefined;
  if (order && slotOf) for (let s = 0; s < n; s++) slotOf[order[s] as number] = s;
  const slot = (i: number): number => (slotOf ? (slotOf[i] as number) : i);
  const { items: _items, ...rest } = data;
  return {
    ...rest,
    cycle: rest.cycle && { ...rest.cycle, items: rest.cycle.items.map(slot) },
    packed: 2,
    count: n,
    segs: Array.from(c.segs),
    levels: levelsOf(c, data.startStep, data.endStep).map((l) => ({
      pxPerStep: l.pxPerStep,
      bounds: Array.from(l.bounds),
      start: Array.from(l.start),
      end: Array.from(l.end),
      bits: Array.from(l.bits),
      item: Array.from(l.item, slot),
      count: Array.from(l.count),
    })),
    known,
    items,
  };
}

export function isPacked(d: TimelineData | PackedTimeline): d is PackedTimeline {
  return (d as PackedTimeline).packed === 2;
}

const f64 = (a: Numbers): Float64Array => (a instanceof Float64Array ? a : Float64Array.from(a));
const i32 = (a: Numbers): Int32Array => (a instanceof Int32Array ? a : Int32Array.from(a));
const u8 = (a: Numbers): Uint8Array => (a instanceof Uint8Array ? a : Uint8Array.from(a));

const unpacked = new WeakMap<TimelineData, () => boolean>();

/** Whether every item of the data can be read now (false only while the report's columns are not parsed yet). */
export function hasItems(data: TimelineData): boolean {
  return unpacked.get(data)?.() ?? true;
}

/**
 * The TimelineData of a packed timeline. Only the segments, levels and known items are read now; the columns
 * (`p.items`, which the report makes a getter of) when first needed: a segment's numbers when a frame first
 * merges its items, an item's when it is first read (the items array is a proxy that makes item i then).
 * `columnsReady` says whether p.items can be read yet (the report's columns come after the first frame); until
 * it does, frames merge the levels and the known items only.
 */
export function unpackTimeline(p: PackedTimeline, columnsReady: () => boolean = () => true): TimelineData {
  const n = p.count;
  const cols: TimelineColumns = {
    n,
    start: new Float64Array(n),
    end: new Float64Array(n),
    bits: new Uint8Array(n),
    order: undefined,
    segs: i32(p.segs),
    levels: p.levels.map((l): Level => ({ pxPerStep: l.pxPerStep, bounds: i32(l.bounds), start: f64(l.start), end: f64(l.end), bits: u8(l.bits), item: i32(l.item), count: i32(l.count) })),
    load: undefined,
  };
  const segs = cols.segs;
  const loaded = new Uint8Array(segs.length / 4);
  const known = new Map(p.known);
  // the marks' segments from the known items: the first frame draws the marks without the columns
  for (let k = 0; k < loaded.length; k++) {
    if (segs[k * 4 + 1] !== MARK_ROW) continue;
    let all = true;
    for (let s = segs[k * 4 + 2] as number; s < (segs[k * 4 + 3] as number); s++) {
      const it = known.get(s);
      if (!it) all = false;
      else {
        cols.start[s] = it.start;
        cols.end[s] = it.end;
        cols.bits[s] = bitsOf(it);
      }
    }
    if (all) loaded[k] = 1;
  }
  let ready = false;
  const columns = (): PackedItems | undefined => (ready || (ready = columnsReady()) ? p.items : undefined);
  cols.load = (k) => {
    if (loaded[k]) return true;
    const c = columns();
    if (!c) return false;
    loaded[k] = 1;
    let start = 0;
    for (let s = segs[k * 4 + 2] as number; s < (segs[k * 4 + 3] as number); s++) {
      start += c.start[s] as number;
      cols.start[s] = start;
      cols.end[s] = start + (c.length[s] as number);
      cols.bits[s] = c.bits[s] as number;
    }
    return true;
  };
  let texts: Map<number, [string | null, string | null]> | undefined;
  const make = (i: number): TimelineItem => {
    const it = known.get(i);
    if (it) return it;
    const c = columns();
    if (!c) throw new Error('the timeline items are not loaded yet');
    if (!texts) {
      texts = new Map();
      for (const [k, text, result] of c.texts) texts.set(k, [text, result]);
    }
    let k = 0;
    while (k + 4 < segs.length && (segs[k + 3] as number) <= i) k += 4;
    cols.load?.(k / 4);
    const b = cols.bits[i] as number;
    const { kind, mode }: { kind: TimelineItemKind; mode: 'read' | 'write' | undefined } = kindOfBits(b);
    const lock = c.lock[i] as number;
    const at = c.at[i] as number;
    const endAt = c.endAt[i] as number;
    const t = texts.get(i);
    return fullItem(kind, segs[k] as number, Math.max(0, segs[k + 1] as number), cols.start[i] as number, cols.end[i] as number, {
      lock: lock ? lock - 1 : undefined,
      mode,
      open: b & FLAG_OPEN ? true : undefined,
      cycle: b & CYCLE_BIT ? true : undefined,
      at: at ? at - 1 : undefined,
      endAt: endAt ? endAt - 1 : undefined,
      text: t?.[0] ?? undefined,
      result: t?.[1] ?? undefined,
      trylock: b & FLAG_TRYLOCK ? true : undefined,
      recursive: b & FLAG_RECURSIVE ? true : undefined,
    });
  };
  const { items: _items, packed: _packed, levels: _levels, count: _count, segs: _segs, known: _known, ...rest } = p;
  const data: TimelineData = { ...rest, items: lazyArray(n, make) };
  registerColumns(data, cols);
  unpacked.set(data, () => columns() !== undefined);
  return data;
}

/** An array of n items, item i made by make(i) when first read; a real array to Array.isArray and JSON. */
function lazyArray<T>(n: number, make: (i: number) => T): T[] {
  const made = new Array<T | undefined>(n);
  const index = (prop: string | symbol): number => {
    if (typeof prop !== 'string') return -1;
    const i = Number(prop);
    return Number.isInteger(i) && i >= 0 && i < n && String(i) === prop ? i : -1;
  };
  const get = (i: number): T => {
    let v = made[i];
    if (v === undefined) made[i] = v = make(i);
    return v;
  };
  return new Proxy(new Array<T>(n), {
    get(target, prop, receiver) {
      const i = index(prop);
      return i >= 0 ? get(i) : Reflect.get(target, prop, receiver);
    },
    has(target, prop) {
      return index(prop) >= 0 || Reflect.has(target, prop);
    },
    getOwnPropertyDescriptor(target, prop) {
      const i = index(prop);
      return i >= 0 ? { value: get(i), writable: true, enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(target, prop);
    },
    ownKeys(target) {
      return [...Array.from({ length: n }, (_, i) => String(i)), ...Reflect.ownKeys(target)];
    },
    set(target, prop, value, receiver) {
      const i = index(prop);
      if (i >= 0) {
        made[i] = value as T;
        return true;
      }
      return Reflect.set(target, prop, value, receiver);
    },
  });
}

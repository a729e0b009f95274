import { KINDS, lookIndexOf, registerColumns, type TimelineColumns } from './columns';
import type { TimelineData, TimelineItem, TimelineItemKind } from './types';

/**
 * A compact form of TimelineData for the wire (the HTML report inlines it; a webview message may carry it):
 * the items as columns of small numbers, starts delta-coded, so that a run of 100 000 lock events is about
 * 1 MB of JSON instead of 5, and the browser parses it in a fifth of the time. unpackTimeline() gives back
 * the same TimelineData (JSON-equal).
 */
export interface PackedTimeline extends Omit<TimelineData, 'items'> {
  packed: 1;
  items: {
    /** Index in KINDS. */
    kind: number[];
    lane: number[];
    row: number[];
    /** start minus the previous item's start (items are sorted by start). */
    start: number[];
    /** end minus start. */
    length: number[];
    /** lock, at and endAt plus one; 0 for none. */
    lock: number[];
    at: number[];
    endAt: number[];
    /** FLAG_* bits. */
    flags: number[];
    /** For the items that have them (syscalls, marks): their index, text and result (null for none). */
    texts: [number, string | null, string | null][];
  };
}

const READ = 1;
const WRITE = 2;
const OPEN = 4;
const CYCLE = 8;
const TRYLOCK = 16;
const RECURSIVE = 32;

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

export function packTimeline(data: TimelineData): PackedTimeline {
  const n = data.items.length;
  const cols: PackedTimeline['items'] = { kind: [], lane: [], row: [], start: [], length: [], lock: [], at: [], endAt: [], flags: [], texts: [] };
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const it = data.items[i] as TimelineItem;
    cols.kind.push(KINDS.indexOf(it.kind));
    cols.lane.push(it.lane);
    cols.row.push(it.row);
    cols.start.push(it.start - prev);
    prev = it.start;
    cols.length.push(it.end - it.start);
    cols.lock.push(it.lock === undefined ? 0 : it.lock + 1);
    cols.at.push(it.at === undefined ? 0 : it.at + 1);
    cols.endAt.push(it.endAt === undefined ? 0 : it.endAt + 1);
    cols.flags.push(
      (it.mode === 'read' ? READ : it.mode === 'write' ? WRITE : 0) |
        (it.open ? OPEN : 0) |
        (it.cycle ? CYCLE : 0) |
        (it.trylock ? TRYLOCK : 0) |
        (it.recursive ? RECURSIVE : 0),
    );
    if (it.text !== undefined || it.result !== undefined) cols.texts.push([i, it.text ?? null, it.result ?? null]);
  }
  const { items: _items, ...rest } = data;
  return { ...rest, packed: 1, items: cols };
}

export function isPacked(d: TimelineData | PackedTimeline): d is PackedTimeline {
  return (d as PackedTimeline).packed === 1;
}

/**
 * The TimelineData of a packed timeline. Its items are made on first access (the array is a proxy that builds
 * item i when it is read), and the layout's columns are registered straight from the packed arrays: drawing
 * a 100 000-event run reads only the few items under the pointer or wide enough to label.
 */
export function unpackTimeline(p: PackedTimeline): TimelineData {
  const c = p.items;
  const n = c.kind.length;
  const texts = new Map<number, [string | null, string | null]>();
  for (const [i, text, result] of c.texts) texts.set(i, [text, result]);
  const cols: TimelineColumns = {
    kind: new Uint8Array(n),
    lane: Int32Array.from(c.lane),
    row: Int32Array.from(c.row),
    start: new Float64Array(n),
    end: new Float64Array(n),
    look: new Uint8Array(n),
    cycle: new Uint8Array(n),
  };
  let start = 0;
  for (let i = 0; i < n; i++) {
    start += c.start[i] as number;
    const kind = c.kind[i] as number;
    const f = c.flags[i] as number;
    cols.kind[i] = kind;
    cols.start[i] = start;
    cols.end[i] = start + (c.length[i] as number);
    cols.look[i] = lookIndexOf(KINDS[kind] as TimelineItemKind, f & READ ? 'read' : f & WRITE ? 'write' : undefined, (f & OPEN) !== 0, kind === 2 ? texts.get(i)?.[1] ?? undefined : undefined);
    cols.cycle[i] = f & CYCLE ? 1 : 0;
  }
  const make = (i: number): TimelineItem => {
    const f = c.flags[i] as number;
    const lock = c.lock[i] as number;
    const at = c.at[i] as number;
    const endAt = c.endAt[i] as number;
    const t = texts.get(i);
    return {
      kind: KINDS[cols.kind[i] as number] as TimelineItemKind,
      lane: cols.lane[i] as number,
      row: cols.row[i] as number,
      start: cols.start[i] as number,
      end: cols.end[i] as number,
      lock: lock ? lock - 1 : undefined,
      mode: f & READ ? 'read' : f & WRITE ? 'write' : undefined,
      open: f & OPEN ? true : undefined,
      cycle: f & CYCLE ? true : undefined,
      at: at ? at - 1 : undefined,
      endAt: endAt ? endAt - 1 : undefined,
      text: t?.[0] ?? undefined,
      result: t?.[1] ?? undefined,
      trylock: f & TRYLOCK ? true : undefined,
      recursive: f & RECURSIVE ? true : undefined,
    };
  };
  const { items: _items, packed: _packed, ...rest } = p;
  const data: TimelineData = { ...rest, items: lazyArray(n, make) };
  registerColumns(data, cols);
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

import type { TimelineData, TimelineItem, TimelineItemKind } from './types';

/**
 * What the layout needs of every item, as typed arrays: kind, lane, row, start, end, look, cycle. Built from
 * the items (columnsFromItems), or straight from the packed form without making the items (the browser does
 * that: unpackTimeline registers them), so that indexing 100 000 items touches no objects.
 */
export interface TimelineColumns {
  /** Index in KINDS. */
  kind: Uint8Array;
  lane: Int32Array;
  row: Int32Array;
  start: Float64Array;
  end: Float64Array;
  /** Index in LOOKS. */
  look: Uint8Array;
  /** 1 for an item of the deadlock cycle. */
  cycle: Uint8Array;
}

export const KINDS: readonly TimelineItemKind[] = ['hold', 'wait', 'syscall', 'oops', 'deadlock'];
export const KIND_OOPS = 3;
export const KIND_DEADLOCK = 4;

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
export function lookIndexOf(kind: TimelineItemKind, mode: 'read' | 'write' | undefined, open: boolean, result: string | undefined): number {
  switch (kind) {
    case 'syscall':
      return open ? 1 : isOk(result) ? 0 : 2;
    case 'wait':
      return mode === 'read' ? 3 : 4;
    default:
      return mode === 'read' ? 5 : 6;
  }
}

export function lookOf(it: TimelineItem): Look {
  return LOOKS[lookIndexOf(it.kind, it.mode, it.open === true, it.result)] as Look;
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

function columnsFromItems(items: readonly TimelineItem[]): TimelineColumns {
  const n = items.length;
  const c: TimelineColumns = {
    kind: new Uint8Array(n),
    lane: new Int32Array(n),
    row: new Int32Array(n),
    start: new Float64Array(n),
    end: new Float64Array(n),
    look: new Uint8Array(n),
    cycle: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const it = items[i] as TimelineItem;
    c.kind[i] = KINDS.indexOf(it.kind);
    c.lane[i] = it.lane;
    c.row[i] = it.row;
    c.start[i] = it.start;
    c.end[i] = it.end;
    c.look[i] = lookIndexOf(it.kind, it.mode, it.open === true, it.result);
    c.cycle[i] = it.cycle ? 1 : 0;
  }
  return c;
}

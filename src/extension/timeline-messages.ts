import type { TimelineToHost } from '../core/timeline/messages';
import type { Numbers, PackedTimeline } from '../core/timeline/pack';

/**
 * The extension's side of the timeline messages, without `vscode` (unit-tested): what a webview sent, checked
 * (a webview is untrusted input), and the conversions of what is sent to it.
 */

/** The message if it is one the timeline sends, else undefined. */
export function parseTimelineMessage(raw: unknown): TimelineToHost | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'follow':
      return typeof m.follow === 'boolean' ? { type: 'follow', follow: m.follow } : undefined;
    case 'reveal': {
      if (typeof m.step !== 'number' || !Number.isInteger(m.step) || m.step < 0 || typeof m.task !== 'string') return undefined;
      return { type: 'reveal', step: m.step, task: m.task, ...(typeof m.at === 'string' ? { at: m.at } : {}) };
    }
    default:
      return undefined;
  }
}

/** "fs/iolock.c:67" → the tree-relative file and the line; undefined for anything else. */
export function parseLocation(at: string): { file: string; line: number } | undefined {
  const m = /^([\w./+-]+):(\d+)(?::\d+)?$/.exec(at);
  if (!m || m[1]?.split('/').includes('..')) return undefined;
  return { file: m[1] as string, line: Number(m[2]) };
}

const typed = (a: Numbers, make: (a: readonly number[]) => Float64Array | Int32Array | Uint8Array): Numbers => (Array.isArray(a) ? make(a) : a);
const f64 = (a: Numbers) => typed(a, (x) => Float64Array.from(x));
const i32 = (a: Numbers) => typed(a, (x) => Int32Array.from(x));
const u8 = (a: Numbers) => typed(a, (x) => Uint8Array.from(x));

/**
 * The packed timeline with typed arrays for its columns (as it came over DAP, they are plain arrays): a webview
 * message copies typed arrays as memory, and the webview uses them as they arrive.
 */
export function withTypedColumns(p: PackedTimeline): PackedTimeline {
  const c = p.items;
  return {
    ...p,
    segs: i32(p.segs),
    items: { ...c, start: f64(c.start), length: f64(c.length), bits: u8(c.bits), lock: i32(c.lock), at: i32(c.at), endAt: i32(c.endAt) },
    levels: p.levels.map((l) => ({ ...l, bounds: i32(l.bounds), start: f64(l.start), end: f64(l.end), bits: u8(l.bits), item: i32(l.item), count: i32(l.count) })),
  };
}

import type { TimelineData, TimelineItem } from './types';

/** Printable hex address. */
const hex = (n: number): string => '0x' + n.toString(16);

function steps(it: TimelineItem, data: TimelineData): string {
  if (it.start === it.end) return `step ${it.start}`;
  const n = it.end - it.start;
  const state = it.result === 'running' ? 'in progress' : it.end === data.endStep ? 'run ended' : 'open';
  return `steps ${it.start}–${it.end}${it.open ? ` (${state})` : ''}, ${n} step${n === 1 ? '' : 's'}`;
}

/**
 * The hover text of an item, one string per line: what it is, the lock (name, class, kind, address), the mode,
 * the C locations, the steps. Computed on demand rather than stored, so the data of a 100 000-event run stays
 * small; the first line is the title.
 */
export function detailLines(data: TimelineData, it: TimelineItem): string[] {
  const lane = data.lanes[it.lane];
  const who = lane ? `node${lane.node}/${lane.label}` : `lane ${it.lane}`;
  const loc = (i: number | undefined): string | undefined => (i === undefined ? undefined : data.locs[i]);
  const out: string[] = [];
  switch (it.kind) {
    case 'hold':
    case 'wait': {
      const l = it.lock === undefined ? undefined : data.locks[it.lock];
      const name = l?.name ?? '?';
      const mode = it.mode === 'read' ? 'read (shared)' : 'write (exclusive)';
      if (it.kind === 'hold') out.push(`${who} holds ${name}${it.open ? ' — never released' : ''}`);
      else out.push(`${who} waits for ${name}${it.open ? ' — still waiting when the run ended' : ''}`);
      if (l) out.push(`class ${l.cls} (${l.kind}) at ${hex(l.addr)} on node${l.node}`);
      out.push(`mode ${mode}${it.trylock ? ', trylock' : ''}${it.recursive ? ', recursive' : ''}`);
      const a = loc(it.at);
      const b = loc(it.endAt);
      if (a) out.push(`${it.kind === 'hold' ? 'acquired' : 'contended'} at ${a}`);
      if (b) out.push(`${it.kind === 'hold' ? 'released' : 'wait ended'} at ${b}`);
      if (it.cycle) out.push(it.kind === 'wait' ? 'deadlock cycle: this wait never ends' : 'deadlock cycle: a deadlocked task waits for this hold');
      break;
    }
    case 'syscall':
      out.push(`${who}: ${it.text ?? 'call'} ${it.result ?? ''}`.trimEnd());
      break;
    case 'oops': {
      out.push(`${who}: OOPS${loc(it.at) ? ` at ${loc(it.at)}` : ''}`);
      if (it.text) out.push(it.text);
      break;
    }
    case 'deadlock':
      out.push(`${who}: DEADLOCK`);
      if (it.text) out.push(...it.text.split('\n'));
      break;
  }
  out.push(steps(it, data));
  return out;
}

import type { Inversion } from '../core/check/lock-order';
import { formatInversion } from '../core/check/lock-order';
import { formatLoc } from '../core/diagnostics';
import type { KTask, Oops } from '../core/kernel/node';
import type { DeadlockInfo, Finding as ScenarioFinding } from '../core/scenario/execution';
import { hex } from './cvalue';
import type { Hold } from './locks';
import { describeHold } from './locks';
import type { ExceptionFilter } from './protocol';

/**
 * What an exception stop says about itself (DAP exceptionInfo): one line for the editor's peek, the full
 * explanation (the cycle of a deadlock, lockdep's two chains, the faulting address) for its details.
 */
export interface Finding {
  filter: ExceptionFilter;
  /** The thread to stop on. */
  threadId: number | undefined;
  /** Short kind ("null-deref", "deadlock", ...). */
  kind: string;
  /** One line. */
  description: string;
  /** The whole explanation. */
  details: string;
  /** C backtraces, one line a frame. */
  stackTrace: string | undefined;
  /** The faulting address, for oopses. */
  address: string | undefined;
}

function backtraceText(bt: { func: string; loc: { file: string; line: number } }[]): string {
  return bt.map((b) => `    at ${b.func} (${b.loc.file}:${b.loc.line})`).join('\n');
}

export function oopsFinding(kt: KTask, label: string, o: Oops): Finding {
  const where = o.loc ? ` at ${formatLoc(o.loc)}` : '';
  const addr = o.address === undefined ? undefined : hex(o.address);
  const lines = [`oops (${o.kind}) in ${label}${where}: ${o.message}`];
  if (addr) lines.push(`faulting address: ${addr}`);
  lines.push('backtrace:', backtraceText(o.backtrace));
  return {
    filter: 'oops',
    threadId: kt.id,
    kind: o.kind,
    description: `${o.message}${where ? ` (${o.loc?.file}:${o.loc?.line})` : ''}`,
    details: lines.join('\n'),
    stackTrace: backtraceText(o.backtrace),
    address: addr,
  };
}

export function deadlockFinding(d: DeadlockInfo, threadOf: (task: string) => number | undefined, stacks: { task: string; text: string }[]): Finding {
  const first = d.cycle.find((w) => d.tasks.includes(w.task)) ?? d.cycle[0];
  return {
    filter: 'deadlock',
    threadId: first ? threadOf(first.task) : undefined,
    kind: 'deadlock',
    description: `deadlock: ${d.tasks.join(' and ')} wait for each other${first ? ` (${first.task} waits for ${first.waitsFor})` : ''}`,
    details: [d.message, '', ...stacks.flatMap((s) => [`${s.task}:`, s.text])].join('\n'),
    stackTrace: stacks.map((s) => `${s.task}:\n${s.text}`).join('\n'),
    address: undefined,
  };
}

export function inversionFinding(inv: Inversion, threadId: number | undefined): Finding {
  const first = inv.cycle[0];
  return {
    filter: 'lock-order',
    threadId,
    kind: 'lock-order',
    description: `possible circular locking dependency: ${inv.cycle.map((e) => e.held.lock).join(' -> ')} -> ${first?.held.lock ?? '?'}`,
    details: formatInversion(inv),
    stackTrace: undefined,
    address: undefined,
  };
}

export function leakFinding(kt: KTask, label: string, call: string, holds: Hold[]): Finding {
  const list = holds.map((h) => `${describeHold(h)}, taken at ${h.at ?? '?'} (step ${h.sinceStep})`);
  return {
    filter: 'leak',
    threadId: kt.id,
    kind: 'lock-leak',
    description: `${call}() returned to user space holding ${holds.map(describeHold).join(', ')}`,
    details: [`lock held when returning to user space: ${label}: ${call}() returned holding:`, ...list.map((l) => `  ${l}`)].join('\n'),
    stackTrace: undefined,
    address: undefined,
  };
}

export function inconsistentFinding(f: ScenarioFinding, threadId: number | undefined): Finding {
  return {
    filter: 'inconsistent',
    threadId,
    kind: 'inconsistent-read',
    description: `${f.task} step ${f.step}: ${f.message}`,
    details: `${f.at}: ${f.task}: ${f.message}`,
    stackTrace: undefined,
    address: undefined,
  };
}

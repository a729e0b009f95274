import type { ApplyPlan, FileReport, HunkReport } from './apply';

function notes(h: HunkReport): string {
  const n: string[] = [];
  if (h.offset !== 0) n.push(`offset ${h.offset}`);
  if (h.fuzz !== 0) n.push(`fuzz ${h.fuzz}`);
  if (h.whitespaceRepaired) n.push('whitespace repaired');
  return n.length ? ` (${n.join(', ')})` : '';
}

/** "fs/read_write.c: hunk 2/3 @@ -247,14 +248,21 @@ vfs_read: applied at line 31 (offset -216, whitespace repaired)" */
export function formatHunk(f: FileReport, h: HunkReport): string {
  const head = `${f.path}: hunk ${h.index}/${h.total} ${h.range}${h.place ? ' ' + h.place : ''}`;
  switch (h.status) {
    case 'applied':
      return `${head}: ${f.action === 'create' ? 'created' : `applied at line ${h.line}`}${notes(h)}`;
    case 'failed':
      return `${head}: failed: ${h.reason ?? 'does not apply'}`;
    case 'refused':
      return `${head}: refused: ${h.reason ?? f.message ?? ''}`;
    case 'skipped':
      return `${head}: skipped: ${h.reason ?? ''}`;
  }
}

function formatFile(f: FileReport): string[] {
  const lines = f.hunks.map((h) => formatHunk(f, h));
  if (f.hunks.length === 0) {
    const what = {
      rename: `renamed from ${f.oldPath}`,
      create: 'created (empty)',
      delete: 'deleted',
      modify: 'no change to the text',
    }[f.action];
    lines.push(`${f.path}: ${f.status === 'applied' ? what : `${f.status}: ${f.message ?? ''}`}`);
  } else if (f.message && f.status === 'failed') lines.push(`${f.path}: ${f.message}`);
  return lines;
}

export interface Outcome {
  out?: string;
  written: boolean;
}

/** One line per hunk (grouped under each patch when there are several), then a summary line. */
export function formatPlan(plan: ApplyPlan, outcome: Outcome): string[] {
  const lines: string[] = [];
  const several = plan.patches.length > 1;
  for (const p of plan.patches) {
    if (several) lines.push(`${p.source}: ${p.status}`);
    for (const f of p.files) lines.push(...formatFile(f).map((l) => (several ? '  ' + l : l)));
  }
  lines.push(summaryLine(plan, outcome));
  return lines;
}

export function summaryLine(plan: ApplyPlan, outcome: Outcome): string {
  const s = plan.summary;
  const where = outcome.written
    ? `written to ${outcome.out}`
    : plan.ok && outcome.out === undefined
      ? 'nothing written (no --out)'
      : 'nothing written';
  if (plan.ok) {
    return (
      `applied ${s.applied} of ${s.hunks} hunks in ${s.files} files (${s.withOffset} at an offset, ${s.withFuzz} with fuzz, ` +
      `${s.whitespaceRepaired} with whitespace repaired); ${where}`
    );
  }
  return (
    `did not apply: ${s.applied} of ${s.hunks} hunks applied, ${s.failed} failed, ${s.refused} refused, ` +
    `${s.skipped} skipped; ${where}`
  );
}

import type { FileReport, HunkReport, PatchReport, Summary } from '../../core/patch/apply';
import type { TreeNode } from './tree-node';

/**
 * The Patch view and the Problems entries of an applied series: patches → files → hunks with their status
 * (applied, at an offset, with fuzz, whitespace repaired, failed and why). Built from `iolock-sim apply --json`,
 * the same report the command line prints.
 */

export interface ApplyReport {
  ok: boolean;
  patches: PatchReport[];
  summary: Summary;
}

export interface HunkProblem {
  /** The patch file (mail, .patch) holding the hunk, as the report names it. */
  file: string;
  /** 1-based line of the hunk's "@@" header (or the file's header for a whole-file failure). */
  line: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

const STATUS_ICON: Record<HunkReport['status'], { id: string; color?: string }> = {
  applied: { id: 'pass', color: 'testing.iconPassed' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  refused: { id: 'circle-slash', color: 'testing.iconFailed' },
  skipped: { id: 'debug-step-over', color: 'disabledForeground' },
};

function hunkDetail(h: HunkReport): string {
  if (h.status !== 'applied') return `${h.status}${h.reason ? `: ${h.reason}` : ''}`;
  const notes = [h.offset ? `offset ${h.offset > 0 ? '+' : ''}${h.offset}` : '', h.fuzz ? `fuzz ${h.fuzz}` : '', h.whitespaceRepaired ? 'whitespace repaired' : ''].filter(Boolean);
  return notes.length ? `applied, ${notes.join(', ')}` : 'applied';
}

function iconOf(h: HunkReport): { id: string; color?: string } {
  if (h.status === 'applied' && (h.offset || h.fuzz)) return { id: 'pass', color: 'editorWarning.foreground' };
  return STATUS_ICON[h.status];
}

function fileNode(p: number, f: FileReport): TreeNode {
  const failed = f.hunks.filter((h) => h.status !== 'applied').length;
  return {
    id: `patch:${p}:${f.path}`,
    label: f.path,
    description: `${f.action}${f.action === 'rename' ? ` from ${f.oldPath}` : ''} · ${f.hunks.length} hunk${f.hunks.length === 1 ? '' : 's'}${failed ? `, ${failed} not applied` : ''}${f.message ? ` · ${f.message}` : ''}`,
    icon: f.status === 'applied' ? { id: 'file-code' } : STATUS_ICON[f.status],
    expanded: f.status !== 'applied',
    reveal: { path: f.source.file, line: f.source.line },
    contextValue: 'patch-file',
    children: f.hunks.map((h) => ({
      id: `patch:${p}:${f.path}:${h.index}`,
      label: `${h.range}${h.place ? ` ${h.place}` : ''}`,
      description: hunkDetail(h),
      tooltip: `hunk ${h.index}/${h.total} of ${f.path}${h.line !== undefined ? `, at line ${h.line} of the file before the patch` : ''}\n${hunkDetail(h)}\n${f.source.file}:${h.headerLine}`,
      icon: iconOf(h),
      reveal: { path: f.source.file, line: h.headerLine },
      contextValue: 'hunk',
    })),
  };
}

export function patchNodes(report: ApplyReport): TreeNode[] {
  return report.patches.map((p, i) => ({
    id: `patch:${i}`,
    label: baseName(p.source),
    description: `${p.status} · ${p.files.length} file${p.files.length === 1 ? '' : 's'}`,
    tooltip: p.source,
    icon: p.status === 'applied' ? { id: 'git-pull-request', color: 'testing.iconPassed' } : STATUS_ICON[p.status],
    expanded: true,
    contextValue: 'patch',
    children: p.files.map((f) => fileNode(i, f)),
  }));
}

/** One Problems entry per hunk that did not apply cleanly, at its "@@" line in the patch file. */
export function hunkProblems(report: ApplyReport): HunkProblem[] {
  const out: HunkProblem[] = [];
  for (const p of report.patches) {
    for (const f of p.files) {
      if (f.status !== 'applied' && f.message) out.push({ file: f.source.file, line: f.source.line, message: `${f.path}: ${f.status}: ${f.message}`, severity: 'error' });
      for (const h of f.hunks) {
        if (h.status === 'failed' || h.status === 'refused') out.push({ file: f.source.file, line: h.headerLine, message: `${f.path} hunk ${h.index}/${h.total} ${h.range}: ${h.status}${h.reason ? `: ${h.reason}` : ''}`, severity: 'error' });
        else if (h.status === 'applied' && h.fuzz) out.push({ file: f.source.file, line: h.headerLine, message: `${f.path} hunk ${h.index}/${h.total}: ${hunkDetail(h)}`, severity: 'warning' });
      }
    }
  }
  return out;
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

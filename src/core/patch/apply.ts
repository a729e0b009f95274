import { UserError } from '../diagnostics';
import { detectStyle, Indenter, langOf, leadingWhitespace, looksFlattened, type IndentStyle, type Lang } from './indent';
import { locateHunk, nearestMiss, oldSide } from './locate';
import { normalizeRelPath, unsafePathReason } from './paths';
import { MemoryTree, type TreeHost } from './tree';
import { DEV_NULL, hunkPlace, hunkRange, type FilePatch, type Hunk } from './types';

/** One patch (a mail or .patch file, or one entry of a series) and the file patches extracted from it. */
export interface PatchInput {
  source: string;
  files: FilePatch[];
}

export type Status = 'applied' | 'failed' | 'refused' | 'skipped';

export interface HunkReport {
  /** 1-based, and the number of hunks in this file patch. */
  index: number;
  total: number;
  /** "@@ -247,14 +248,21 @@" and a short name for where it is ("vfs_read"). */
  range: string;
  place: string;
  /** Line of the "@@" header in the patch file. */
  headerLine: number;
  status: Status;
  /** 1-based line, in the file as it was before this patch, where the hunk's old text starts. */
  line?: number;
  offset: number;
  fuzz: number;
  whitespaceRepaired: boolean;
  reason?: string;
}

export interface FileReport {
  /** The path written (or deleted), tree-relative. */
  path: string;
  oldPath: string;
  action: 'modify' | 'create' | 'delete' | 'rename';
  status: Status;
  /** Why the file as a whole failed or was refused, when it is not one hunk's fault. */
  message?: string;
  hunks: HunkReport[];
  source: { file: string; line: number };
}

export interface PatchReport {
  source: string;
  status: Status;
  files: FileReport[];
}

export interface Summary {
  patches: number;
  files: number;
  hunks: number;
  applied: number;
  failed: number;
  refused: number;
  skipped: number;
  withOffset: number;
  withFuzz: number;
  whitespaceRepaired: number;
}

export interface ApplyPlan {
  /** True when every hunk of every file applied: only then may `changes` be written. */
  ok: boolean;
  patches: PatchReport[];
  /** New text of every changed file, or null for a deleted one, in the order first changed. */
  changes: Map<string, string | null>;
  summary: Summary;
}

/**
 * Work out the result of applying the patches in order to `tree`, without writing anything. A later patch sees
 * the files as the earlier ones left them; after a patch that does not apply, the rest are skipped, since a
 * series builds on itself.
 */
export function planPatches(tree: TreeHost, inputs: readonly PatchInput[]): ApplyPlan {
  const changes = new Map<string, string | null>();
  const patches: PatchReport[] = [];
  let failedBefore = false;
  for (const input of inputs) {
    const files = input.files.map((fp) =>
      failedBefore ? skippedFile(fp) : applyFilePatch(tree, changes, fp),
    );
    const status: Status = failedBefore ? 'skipped' : worst(files.map((f) => f.status));
    if (status !== 'applied') failedBefore = true;
    patches.push({ source: input.source, status, files });
  }
  const summary = summarize(patches);
  return { ok: patches.every((p) => p.status === 'applied'), patches, changes, summary };
}

/** Plan, and write the changes to `tree` only if everything applied. */
export function applyPatches(tree: TreeHost, inputs: readonly PatchInput[]): ApplyPlan & { written: boolean } {
  const plan = planPatches(tree, inputs);
  if (plan.ok) writeChanges(tree, plan.changes);
  return { ...plan, written: plan.ok };
}

export function writeChanges(tree: TreeHost, changes: ReadonlyMap<string, string | null>): void {
  for (const [path, text] of changes) {
    const why = tree.escape(path);
    if (why) throw new UserError(undefined, `refusing to write ${path} in ${tree.description}: ${why}`);
    if (text === null) {
      if (tree.kind(path) === 'file') tree.remove(path);
    } else tree.write(path, text);
  }
}

/** A copy of an in-memory tree with a plan's changes applied (the base is not touched). */
export function patchedTree(base: MemoryTree, plan: ApplyPlan, label: string): MemoryTree {
  const tree = new MemoryTree(base.files, label);
  writeChanges(tree, plan.changes);
  return tree;
}

function worst(statuses: readonly Status[]): Status {
  for (const s of ['refused', 'failed', 'skipped'] as const) if (statuses.includes(s)) return s;
  return 'applied';
}

function summarize(patches: readonly PatchReport[]): Summary {
  const s: Summary = {
    patches: patches.length,
    files: 0,
    hunks: 0,
    applied: 0,
    failed: 0,
    refused: 0,
    skipped: 0,
    withOffset: 0,
    withFuzz: 0,
    whitespaceRepaired: 0,
  };
  for (const p of patches) {
    for (const f of p.files) {
      s.files++;
      for (const h of f.hunks) {
        s.hunks++;
        s[h.status]++;
        if (h.status !== 'applied') continue;
        if (h.offset !== 0) s.withOffset++;
        if (h.fuzz !== 0) s.withFuzz++;
        if (h.whitespaceRepaired) s.whitespaceRepaired++;
      }
    }
  }
  return s;
}

function actionOf(fp: FilePatch): FileReport['action'] {
  return fp.isNew ? 'create' : fp.isDelete ? 'delete' : fp.isRename ? 'rename' : 'modify';
}

function hunkStub(h: Hunk, index: number, total: number, status: Status, reason?: string): HunkReport {
  const r: HunkReport = {
    index,
    total,
    range: hunkRange(h),
    place: hunkPlace(h),
    headerLine: h.headerLine,
    status,
    offset: 0,
    fuzz: 0,
    whitespaceRepaired: false,
  };
  if (reason !== undefined) r.reason = reason;
  return r;
}

function fileStub(fp: FilePatch, path: string, status: Status, message?: string): FileReport {
  const total = fp.hunks.length;
  const r: FileReport = {
    path,
    oldPath: fp.oldPath,
    action: actionOf(fp),
    status,
    hunks: fp.hunks.map((h, i) => hunkStub(h, i + 1, total, status, message)),
    source: fp.source,
  };
  if (message !== undefined) r.message = message;
  return r;
}

function skippedFile(fp: FilePatch): FileReport {
  return fileStub(fp, fp.isDelete ? fp.oldPath : fp.newPath, 'skipped', 'an earlier patch did not apply');
}

/** A file's text as lines, with what is needed to write it back the same way. */
interface Text {
  lines: string[];
  eol: string;
  finalNewline: boolean;
}

function toText(s: string): Text {
  const raw = s.split('\n');
  const finalNewline = s === '' || s.endsWith('\n');
  if (s.endsWith('\n')) raw.pop();
  if (s === '') raw.length = 0;
  const crlf = raw.filter((l) => l.endsWith('\r')).length;
  return {
    lines: raw.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)),
    eol: crlf > raw.length / 2 ? '\r\n' : '\n',
    finalNewline,
  };
}

function fromText(t: Text): string {
  if (t.lines.length === 0) return '';
  return t.lines.join(t.eol) + (t.finalNewline ? t.eol : '');
}

/** Current content of a path: what earlier file patches left, else the tree's. */
function current(tree: TreeHost, changes: ReadonlyMap<string, string | null>, path: string): string | undefined {
  if (changes.has(path)) return changes.get(path) ?? undefined;
  return tree.read(path);
}

function applyFilePatch(tree: TreeHost, changes: Map<string, string | null>, fp: FilePatch): FileReport {
  const paths = [fp.oldPath, fp.newPath].filter((p) => p !== DEV_NULL);
  for (const p of paths) {
    const why = unsafePathReason(p);
    if (why) return fileStub(fp, p, 'refused', `refusing ${p}: ${why}`);
  }
  const oldPath = fp.isNew ? DEV_NULL : normalizeRelPath(fp.oldPath);
  const newPath = fp.isDelete ? DEV_NULL : normalizeRelPath(fp.newPath);
  for (const p of [oldPath, newPath]) {
    if (p === DEV_NULL) continue;
    // "a/." or "b/./" strip to the tree itself
    if (p === '') return fileStub(fp, fp.isDelete ? fp.oldPath : fp.newPath, 'refused', `refusing '${fp.isDelete ? fp.oldPath : fp.newPath}': it names the tree itself, not a file in it`);
    const why = tree.escape(p);
    if (why) return fileStub(fp, p, 'refused', `refusing ${p}: ${why}`);
    const kind = changes.has(p) ? 'file' : tree.kind(p);
    if (kind === 'dir' || kind === 'other') {
      return fileStub(fp, p, 'refused', `refusing ${p}: it is ${kind === 'dir' ? 'a directory' : 'not a regular file'}`);
    }
  }
  const exists = (p: string) => current(tree, changes, p) !== undefined;

  // Plain (non-git) patches often name "foo.c.orig" and "foo.c": like GNU patch, use the side that exists.
  let source = fp.isNew ? newPath : fp.isDelete || fp.isRename ? oldPath : newPath;
  if (!fp.isNew && !fp.isDelete && !fp.isRename && !exists(newPath) && exists(oldPath)) source = oldPath;
  const target = fp.isDelete ? oldPath : fp.isRename ? newPath : source;
  if (target === DEV_NULL || (fp.isRename && (oldPath === DEV_NULL || newPath === DEV_NULL))) return fileStub(fp, DEV_NULL, 'refused', 'refusing a file patch with /dev/null where it needs a file');

  if (fp.isNew && exists(newPath)) return fileStub(fp, newPath, 'refused', `refusing to create ${newPath}: it already exists`);
  if (!fp.isNew && !exists(source)) {
    const verb = fp.isDelete ? 'delete' : fp.isRename ? 'rename' : 'patch';
    return fileStub(fp, source, 'refused', `refusing to ${verb} ${source}: no such file in ${tree.description}`);
  }
  if (fp.isRename && exists(newPath)) {
    return fileStub(fp, newPath, 'refused', `refusing to rename ${oldPath} to ${newPath}: it already exists`);
  }

  const text = toText(current(tree, changes, source) ?? '');
  const lang = langOf(target);
  const style = detectStyle(text.lines);
  const hunks = applyHunks(text, fp, lang, style);
  const report: FileReport = {
    path: target,
    oldPath: fp.oldPath,
    action: actionOf(fp),
    status: worst(hunks.map((h) => h.status)),
    hunks,
    source: fp.source,
  };
  if (report.status !== 'applied') return report;
  if (fp.isDelete) {
    if (text.lines.some((l) => l.trim() !== '')) {
      report.status = 'failed';
      report.message = `not deleting ${target}: ${text.lines.length} line(s) remain after the patch`;
      return report;
    }
    changes.set(target, null);
    return report;
  }
  if (fp.isRename) changes.set(oldPath, null);
  changes.set(target, fromText(text));
  return report;
}

/** Apply every hunk of a file patch to `text` in place; failed hunks leave it untouched and are reported. */
function applyHunks(text: Text, fp: FilePatch, lang: Lang, style: IndentStyle): HunkReport[] {
  const out: HunkReport[] = [];
  const total = fp.hunks.length;
  // Lines added minus lines removed by the hunks so far, to map positions back to the unpatched file.
  let delta = 0;
  let lastOffset = 0;
  let min = 0;
  fp.hunks.forEach((h, i) => {
    const r = hunkStub(h, i + 1, total, 'applied');
    out.push(r);
    const old = oldSide(h);
    const stated = h.oldCount === 0 ? h.oldStart : h.oldStart - 1;
    const expected = stated + delta + lastOffset;
    let at: number;
    let lead = 0;
    let trail = 0;
    if (old.length === 0) {
      at = Math.min(Math.max(expected, min), text.lines.length);
    } else {
      const m = locateHunk(text.lines, h, expected, min);
      if (!m) {
        r.status = 'failed';
        r.reason = failureReason(text.lines, h, expected, min, delta);
        return;
      }
      ({ at, lead, trail } = m);
      r.fuzz = m.fuzz;
    }
    const body = h.lines.slice(lead, h.lines.length - trail);
    const oldLen = body.filter((l) => l.kind !== '+').length;
    const { lines: replacement, repaired } = rebuild(text.lines, at, body, lang, style);
    const startLine = at - lead - delta + 1;
    r.line = Math.max(startLine, 1);
    r.offset = h.oldCount === 0 ? at - delta - h.oldStart : startLine - h.oldStart;
    r.whitespaceRepaired = repaired;
    const touchesEnd = at + oldLen === text.lines.length;
    text.lines.splice(at, oldLen, ...replacement);
    const lastNew = [...body].reverse().find((l) => l.kind !== '-');
    // With no new line left at the end, the last line is now one that had a line after it, so a newline.
    if (touchesEnd) text.finalNewline = lastNew ? !lastNew.noNewline : true;
    if (text.lines.length === 0) text.finalNewline = true;
    delta += replacement.length - oldLen;
    lastOffset = r.offset;
    min = at + replacement.length;
  });
  return out;
}

/**
 * The new lines for a matched hunk body: the tree's own text for context lines, added lines as given, or
 * re-indented when the hunk shows the archive's damage: context that matched only with whitespace ignored,
 * or added lines that are all flat (no tab, no run of spaces) while the code around them says they belong
 * indented. Only flat lines are re-indented; a line that kept real indentation keeps it.
 */
function rebuild(
  file: readonly string[],
  at: number,
  body: Hunk['lines'],
  lang: Lang,
  style: IndentStyle,
): { lines: string[]; repaired: boolean } {
  let contextDiffers = false;
  let f = at;
  for (const l of body) {
    if (l.kind === '+') continue;
    if (file[f] !== l.text) contextDiffers = true;
    f++;
  }
  const build = (reindent: boolean) => {
    const ind = new Indenter(file.slice(0, at), lang, style);
    const lines: string[] = [];
    let flatButIndented = false;
    let changed = false;
    let g = at;
    for (const l of body) {
      if (l.kind === '-') {
        g++;
        continue;
      }
      let t = l.kind === ' ' ? file[g++]! : l.text;
      if (l.kind === '+' && looksFlattened(t, style)) {
        const want = ind.indentFor(t);
        if (want !== leadingWhitespace(t) && (want.includes('\t') || want.length >= 2)) flatButIndented = true;
        if (reindent) {
          const fixed = want + t.trimStart();
          if (fixed !== t) changed = true;
          t = fixed;
        }
      }
      ind.push(t);
      lines.push(t);
    }
    return { lines, flatButIndented, changed };
  };
  const first = build(false);
  // The archive left no tab and no run of spaces in any line; one added line that has them shows this
  // hunk's indentation survived, and a flat line in it is meant to be flat.
  const survived = body.some((l) => l.kind === '+' && /^(?:[ ]*\t|[ ]{2})/.test(l.text));
  if (!contextDiffers && (survived || !first.flatButIndented)) return { lines: first.lines, repaired: false };
  const second = build(true);
  return { lines: second.lines, repaired: contextDiffers || second.changed };
}

function quote(s: string): string {
  const t = s.trim();
  return JSON.stringify(t.length > 60 ? t.slice(0, 57) + '...' : t);
}

function failureReason(file: readonly string[], h: Hunk, expected: number, min: number, delta: number): string {
  const old = oldSide(h);
  if (file.length === 0) return 'the file is empty';
  // The usual cause of a hunk that does not fit at all is a tree that already has it.
  const reversed: Hunk = { ...h, lines: h.lines.map((l) => ({ ...l, kind: l.kind === '+' ? '-' : l.kind === '-' ? '+' : ' ' })) };
  if (h.lines.some((l) => l.kind !== ' ')) {
    const done = locateHunk(file, reversed, expected, min);
    if (done && done.fuzz === 0) return `already applied? its new text is at line ${done.at - delta + 1}`;
  }
  const miss = nearestMiss(file, h, expected, min);
  if (!miss) return `no place after line ${min - delta} to try`;
  const bad = old[miss.firstBad]!;
  const what = bad.kind === '-' ? 'removed' : 'context';
  const fileIdx = miss.at + miss.firstBad;
  const seen =
    fileIdx < file.length ? `line ${fileIdx - delta + 1} reads ${quote(file[fileIdx]!)}` : `the file ends at line ${file.length - delta}`;
  return (
    `${what} line ${miss.firstBad + 1} of ${old.length} (patch line ${bad.mailLine}) ${quote(bad.text)} does not match; ` +
    `closest place is line ${miss.at - delta + 1} (${miss.matching} of ${old.length} lines match), where ${seen}`
  );
}

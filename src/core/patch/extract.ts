import { UserError } from '../diagnostics';
import { parseHunkHeader } from './hunk-header';
import { gitDiffPaths, headerPath, stripPath } from './paths';
import { DEV_NULL, type FilePatch, type Hunk, type HunkLine } from './types';

export interface ExtractOptions {
  /** Leading path components to strip, as patch -pN (default 1). */
  strip?: number;
}

/** Lines of a text without their line ends; a final newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const GIT_EXTENDED =
  /^(old mode|new mode|deleted file mode|new file mode|copy from|copy to|rename from|rename to|similarity index|dissimilarity index|index) /;
const MBOX_FROM = /^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) /;

/**
 * Every file patch in a mail, a .patch/format-patch file or a mailbox of several patches, in order. Prose,
 * quoted text ("> "), diffstats, "Index:"/"====" lines and signatures between and around them are skipped,
 * as git am and b4 do. Hunk bodies are read by the counts in their "@@" headers, because the archive that
 * carried the seed mail dropped the ' ' prefix of context lines: a line with no prefix inside a hunk is
 * context, an empty line is an empty context line.
 */
export function extractPatches(text: string, file: string, opts: ExtractOptions = {}): FilePatch[] {
  return new Extractor(splitLines(text), file, opts.strip ?? 1).run();
}

class Extractor {
  private readonly out: FilePatch[] = [];
  private subject: string | undefined;

  constructor(
    private readonly lines: string[],
    private readonly file: string,
    private readonly strip: number,
  ) {}

  run(): FilePatch[] {
    let i = 0;
    while (i < this.lines.length) {
      const line = this.lines[i]!;
      if (MBOX_FROM.test(line)) this.subject = undefined;
      const subj = /^Subject:\s*(.*)$/.exec(line) ?? /^(\[PATCH[^\]]*\].*)$/.exec(line);
      if (subj) this.subject = this.foldedHeader(i, subj[1]!);
      if (line.startsWith('diff --git ')) i = this.gitFile(i);
      else if (this.isTraditionalHeader(i)) i = this.traditionalFile(i, i, undefined);
      else i++;
    }
    if (this.out.length === 0) {
      throw this.error(1, 1, "no patch found: expected '--- '/'+++ ' file headers followed by '@@' hunks");
    }
    return this.out;
  }

  private foldedHeader(i: number, first: string): string {
    let s = first.trim();
    for (let j = i + 1; j < this.lines.length && /^[ \t]+\S/.test(this.lines[j]!); j++) s += ' ' + this.lines[j]!.trim();
    return s;
  }

  private isTraditionalHeader(i: number): boolean {
    return (this.lines[i]?.startsWith('--- ') ?? false) && (this.lines[i + 1]?.startsWith('+++ ') ?? false);
  }

  private error(line: number, col: number, message: string): UserError {
    return new UserError({ file: this.file, line, col }, message);
  }

  /** "diff --git" with its extended headers; the ---/+++ pair and hunks are absent for renames, modes, empty files. */
  private gitFile(start: number): number {
    const gitLine = this.lines[start]!;
    const paths = gitDiffPaths(gitLine.slice('diff --git '.length));
    const info: GitInfo = { isNew: false, isDelete: false };
    let i = start + 1;
    for (; i < this.lines.length; i++) {
      const l = this.lines[i]!;
      if (l.startsWith('Binary files ') || l === 'GIT binary patch') {
        throw this.error(i + 1, 1, `binary patch for '${paths?.[1] ?? gitLine}' is not supported`);
      }
      const m = GIT_EXTENDED.exec(l);
      if (!m) break;
      const value = l.slice(m[0].length);
      if (m[1] === 'new file mode') info.isNew = true;
      else if (m[1] === 'deleted file mode') info.isDelete = true;
      else if (m[1] === 'rename from') info.renameFrom = headerPath(value);
      else if (m[1] === 'rename to') info.renameTo = headerPath(value);
      else if (m[1] === 'copy from' || m[1] === 'copy to') {
        throw this.error(i + 1, 1, `copy patches ('${l}') are not supported`);
      }
    }
    if (this.isTraditionalHeader(i)) return this.traditionalFile(i, start, info);
    if (!paths) throw this.error(start + 1, 12, `cannot tell the two paths apart in '${gitLine}'`);
    const oldPath = info.isNew ? DEV_NULL : (info.renameFrom ?? this.stripped(paths[0], start, 12));
    const newPath = info.isDelete ? DEV_NULL : (info.renameTo ?? this.stripped(paths[1], start, 12));
    const fp: Omit<FilePatch, 'source'> = { oldPath, newPath, isNew: info.isNew, isDelete: info.isDelete, hunks: [] };
    if (info.renameFrom !== undefined && info.renameTo !== undefined) fp.isRename = true;
    this.push(fp, start);
    return i;
  }

  private stripped(path: string, lineIdx: number, col: number): string {
    const p = stripPath(path, this.strip);
    if (p === undefined) {
      throw this.error(lineIdx + 1, col, `cannot strip ${this.strip} leading path component(s) from '${path}'`);
    }
    return p;
  }

  private traditionalFile(i: number, start: number, git: GitInfo | undefined): number {
    const rawOld = headerPath(this.lines[i]!.slice(4));
    const rawNew = headerPath(this.lines[i + 1]!.slice(4));
    const isNew = rawOld === DEV_NULL || (git?.isNew ?? false);
    const isDelete = rawNew === DEV_NULL || (git?.isDelete ?? false);
    // Only the side that names the file to change must strip cleanly; the other is informational
    // ("a/foo.c.orig" against "b/foo.c" is common in hand-made patches).
    const oldTry = rawOld === DEV_NULL ? DEV_NULL : stripPath(rawOld, this.strip);
    const newTry = rawNew === DEV_NULL ? DEV_NULL : stripPath(rawNew, this.strip);
    const newPath = isDelete ? DEV_NULL : (newTry ?? (oldTry && !isNew ? oldTry : this.stripped(rawNew, i + 1, 5)));
    const oldPath = isNew ? DEV_NULL : (oldTry ?? (isDelete ? this.stripped(rawOld, i, 5) : newPath));
    const fp: Omit<FilePatch, 'source'> = { oldPath, newPath, isNew, isDelete, hunks: [] };
    if (git?.renameFrom !== undefined && git.renameTo !== undefined) {
      fp.oldPath = git.renameFrom;
      fp.newPath = git.renameTo;
      fp.isRename = true;
    }
    let j = i + 2;
    if (!this.lines[j]?.startsWith('@@')) {
      throw this.error(
        j + 1,
        1,
        `'${this.lines[i + 1]}' is not followed by a hunk ('@@ -l,n +l,n @@')${j >= this.lines.length ? ' (end of file)' : ''}`,
      );
    }
    while (this.lines[j]?.startsWith('@@')) {
      const { hunk, next } = this.hunk(j);
      fp.hunks.push(hunk);
      j = next;
    }
    this.push(fp, start);
    return j;
  }

  private push(fp: Omit<FilePatch, 'source'>, start: number): void {
    // both sides /dev/null (or a git header saying new and deleted): there is no file to write
    if (fp.isNew && fp.isDelete) throw this.error(start + 1, 1, 'a file patch that both creates and deletes its file (both sides are /dev/null)');
    if (fp.isRename && (fp.isNew || fp.isDelete)) throw this.error(start + 1, 1, `a rename that also ${fp.isNew ? 'creates' : 'deletes'} its file`);
    const full: FilePatch = { ...fp, source: { file: this.file, line: start + 1 } };
    if (this.subject !== undefined) full.subject = this.subject;
    this.out.push(full);
  }

  /** What would end a hunk early: another patch's headers, a new message, the list footer. */
  private stopMarker(j: number): string | undefined {
    const l = this.lines[j]!;
    if (l.startsWith('diff --git ') || this.isTraditionalHeader(j)) return 'the next file header';
    if (l.startsWith('Index: ') && this.lines[j + 1]?.startsWith('====')) return 'the next file header';
    if (l.startsWith('@@') && parseHunkHeader(l).ok) return 'the next hunk header';
    if (MBOX_FROM.test(l)) return 'the next message';
    if (l.startsWith('To unsubscribe from this list')) return 'the mailing list footer';
    return undefined;
  }

  private hunk(at: number): { hunk: Hunk; next: number } {
    const headerText = this.lines[at]!;
    const parsed = parseHunkHeader(headerText);
    if (!parsed.ok) throw this.error(at + 1, parsed.col, `malformed hunk header '${headerText}': ${parsed.message}`);
    const h = parsed.header;
    const hunk: Hunk = { ...h, lines: [], headerLine: at + 1 };
    const name = `hunk ${headerText.slice(0, headerText.indexOf('@@', 2) + 2)} (line ${at + 1})`;
    let oldLeft = h.oldCount;
    let newLeft = h.newCount;
    const got = () => `got ${h.oldCount - oldLeft} of ${h.oldCount} old and ${h.newCount - newLeft} of ${h.newCount} new lines`;
    let j = at + 1;
    const markNoNewline = () => {
      const last = hunk.lines[hunk.lines.length - 1];
      if (last) last.noNewline = true;
    };
    while (oldLeft > 0 || newLeft > 0) {
      if (j >= this.lines.length) {
        throw this.error(j + 1, 1, `${name} ends early at the end of the file: ${got()}`);
      }
      const stop = this.stopMarker(j);
      if (stop) throw this.error(j + 1, 1, `${name} ends early at ${stop}: ${got()}`);
      const s = this.lines[j]!;
      if (s.startsWith('\\')) {
        markNoNewline();
        j++;
        continue;
      }
      const line = classify(s, j + 1);
      const useOld = line.kind !== '+';
      const useNew = line.kind !== '-';
      if ((useOld && oldLeft === 0) || (useNew && newLeft === 0)) {
        const what = line.kind === ' ' ? 'context' : line.kind === '-' ? 'removed' : 'added';
        const spent = useOld && oldLeft === 0 ? `all ${h.oldCount} old lines` : `all ${h.newCount} new lines`;
        const missing = oldLeft > 0 ? `${oldLeft} old` : `${newLeft} new`;
        throw this.error(
          j + 1,
          1,
          `${what} line does not fit ${name}: ${spent} are used up while ${missing} line(s) are still expected`,
        );
      }
      if (useOld) oldLeft--;
      if (useNew) newLeft--;
      hunk.lines.push(line);
      j++;
    }
    if (this.lines[j]?.startsWith('\\ ')) {
      markNoNewline();
      j++;
    }
    return { hunk, next: j };
  }
}

interface GitInfo {
  isNew: boolean;
  isDelete: boolean;
  renameFrom?: string;
  renameTo?: string;
}

/** A hunk line by its first character; with no prefix at all, the archive ate the context line's leading space. */
function classify(s: string, mailLine: number): HunkLine {
  const c = s[0];
  if (c === '-' || c === '+' || c === ' ') return { kind: c, text: s.slice(1), mailLine };
  return { kind: ' ', text: s, mailLine };
}

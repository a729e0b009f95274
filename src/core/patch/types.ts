/** One line of a hunk: ' ' context, '-' removed, '+' added. `text` is without the prefix character. */
export interface HunkLine {
  kind: ' ' | '-' | '+';
  text: string;
  /** 1-based line in the patch file, so a failure can point back at the mail. */
  mailLine: number;
  /** Followed by "\ No newline at end of file". */
  noNewline?: boolean;
}

export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  /** Text after the closing "@@" (usually the enclosing function), trimmed. */
  section: string;
  lines: HunkLine[];
  /** 1-based line of the "@@" header in the patch file. */
  headerLine: number;
}

/** The changes to one file. Paths are tree-relative after the -p strip; '/dev/null' marks the absent side. */
export interface FilePatch {
  oldPath: string;
  newPath: string;
  isNew: boolean;
  isDelete: boolean;
  /** A git rename: the old path is removed and the (patched) text is written to the new path. */
  isRename?: boolean;
  hunks: Hunk[];
  /** The patch file and the 1-based line where this file's headers start. */
  source: { file: string; line: number };
  /** Subject of the mail (or format-patch message) this file patch came from, when there is one. */
  subject?: string;
}

export const DEV_NULL = '/dev/null';

/** "@@ -247,14 +248,21 @@", the way diff prints it (a count of 1 is left out). */
export function hunkRange(h: Hunk): string {
  const side = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
  return `@@ -${side(h.oldStart, h.oldCount)} +${side(h.newStart, h.newCount)} @@`;
}

/** A short name for where a hunk is, from its section text: "vfs_read", "struct address_space_operations", "obj-y". */
export function hunkPlace(h: Hunk): string {
  const s = h.section;
  const fn = /([A-Za-z_]\w*)\s*\(/.exec(s);
  if (fn?.[1] && !/^(if|for|while|switch|return|sizeof)$/.test(fn[1])) return fn[1];
  const agg = /^(?:\w+\s+)*(struct|union|enum)\s+([A-Za-z_]\w*)/.exec(s);
  if (agg) return `${agg[1]} ${agg[2]}`;
  const word = /^[^\s:=]+/.exec(s);
  return word ? word[0] : '';
}

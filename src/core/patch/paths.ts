import { DEV_NULL } from './types';

const TIMESTAMP =
  /\s+(?:\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:\s*[+-]\d{4})?|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} +\d+ [\d:]+ \d{4}(?:\s*[+-]\d{4})?|\(revision \d+\)|\(working copy\))\s*$/;

/**
 * The path in a "--- "/"+++ " header, without the timestamp diff appends. The archive turned the tab before the
 * timestamp into a space, so a trailing date is cut off by its shape rather than at a tab.
 */
export function headerPath(rest: string): string {
  if (rest.startsWith('"')) return unquoteC(rest).value;
  const tab = rest.indexOf('\t');
  const p = tab >= 0 ? rest.slice(0, tab) : rest.replace(TIMESTAMP, '');
  return p.trimEnd();
}

/** git quotes paths with unusual characters as C strings ("a/f\303\266o.c"). */
export function unquoteC(s: string): { value: string; end: number } {
  const bytes: number[] = [];
  let i = 1;
  const esc: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34 };
  while (i < s.length && s[i] !== '"') {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      const n = s[i + 1]!;
      if (/[0-7]/.test(n)) {
        const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1))![0];
        bytes.push(parseInt(oct, 8));
        i += 1 + oct.length;
        continue;
      }
      bytes.push(esc[n] ?? n.charCodeAt(0));
      i += 2;
      continue;
    }
    bytes.push(...Buffer.from(c, 'utf8'));
    i++;
  }
  return { value: Buffer.from(bytes).toString('utf8'), end: i + 1 };
}

/** The two paths of "diff --git a/x b/y"; undefined when they cannot be told apart (spaces in unquoted names). */
export function gitDiffPaths(rest: string): [string, string] | undefined {
  if (rest.startsWith('"')) {
    const a = unquoteC(rest);
    const tail = rest.slice(a.end).trimStart();
    const b = tail.startsWith('"') ? unquoteC(tail).value : tail;
    return [a.value, b];
  }
  const parts = rest.split(' ');
  if (parts.length === 2) return [parts[0]!, parts[1]!];
  // With spaces in the name, both halves are the same path behind different prefixes: try each split point.
  for (let i = 1; i < parts.length; i++) {
    const a = parts.slice(0, i).join(' ');
    const b = parts.slice(i).join(' ');
    if (a.replace(/^[^/]*\//, '') === b.replace(/^[^/]*\//, '')) return [a, b];
  }
  return undefined;
}

/** The largest -pN taken: deeper than any real path, and small enough that a typo cannot mean 10^20. */
export const MAX_STRIP = 100;

/** Strip `n` leading components as patch -pN does (runs of slashes count as one separator). */
export function stripPath(path: string, n: number): string | undefined {
  if (path === DEV_NULL) return path;
  // An absolute name stays absolute, so that it is refused ("+++ /etc/passwd" means that file, whatever -pN
  // makes of it), as GNU patch 2.7 ignores such "potentially dangerous" names.
  if (path.startsWith('/')) return path;
  let p = path;
  for (let i = 0; i < n; i++) {
    const m = /^[^/]*\/+/.exec(p);
    if (!m) return undefined;
    p = p.slice(m[0].length);
  }
  return p === '' ? undefined : p;
}

/** Why a tree-relative path from a patch must not be written, or undefined when it is a plain relative path. */
export function unsafePathReason(path: string): string | undefined {
  if (path === '') return 'the path is empty';
  if (path.includes('\0')) return 'the path contains a NUL byte';
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\')) {
    return `'${path}' is an absolute path`;
  }
  if (path.split(/[\\/]+/).includes('..')) return `'${path}' climbs out of the tree ('..')`;
  return undefined;
}

/** "./fs//x.c" → "fs/x.c", so two spellings of one file share one entry. */
export function normalizeRelPath(path: string): string {
  return path
    .split('/')
    .filter((c) => c !== '' && c !== '.')
    .join('/');
}

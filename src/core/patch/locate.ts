import type { Hunk, HunkLine } from './types';

/** Lines are compared with all whitespace ignored: the archive collapsed and dropped indentation. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

export const MAX_FUZZ = 2;

export interface Match {
  /** 0-based index in the file of the first old-side line that is compared (after dropping `lead`). */
  at: number;
  fuzz: number;
  /** Leading and trailing context lines of the hunk that fuzz left out of the comparison. */
  lead: number;
  trail: number;
}

/** The old side of a hunk (context and removed lines), in order. */
export function oldSide(h: Hunk): HunkLine[] {
  return h.lines.filter((l) => l.kind !== '+');
}

function contextRun(lines: readonly HunkLine[], fromEnd: boolean): number {
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[fromEnd ? lines.length - 1 - i : i]!;
    if (l.kind !== ' ') break;
    n++;
  }
  return n;
}

/**
 * Find where a hunk's old side sits in `file`, as GNU patch does: at `expected` first, then at growing offsets
 * either way, never before `min` (the end of the previous hunk); then again with up to MAX_FUZZ leading and
 * trailing context lines left out, and only then. Returns undefined when nothing fits.
 */
export function locateHunk(file: readonly string[], h: Hunk, expected: number, min: number): Match | undefined {
  const old = oldSide(h);
  const fileSq = file.map(squash);
  const oldSq = old.map((l) => squash(l.text));
  const leadCtx = contextRun(h.lines, false);
  const trailCtx = contextRun(h.lines, true);
  let tried = '';
  for (let fuzz = 0; fuzz <= MAX_FUZZ; fuzz++) {
    const lead = Math.min(fuzz, leadCtx);
    const trail = Math.min(fuzz, trailCtx);
    if (`${lead},${trail}` === tried) continue; // the hunk has no more context to leave out
    tried = `${lead},${trail}`;
    const pat = oldSq.slice(lead, oldSq.length - trail);
    // Without a single non-blank line left, a pattern would fit almost anywhere.
    if (fuzz > 0 && !pat.some((s) => s !== '')) continue;
    const at = search(fileSq, pat, expected + lead, min);
    if (at !== undefined) return { at, fuzz, lead, trail };
  }
  return undefined;
}

function fitsAt(file: readonly string[], pat: readonly string[], at: number): boolean {
  for (let i = 0; i < pat.length; i++) if (file[at + i] !== pat[i]) return false;
  return true;
}

function search(file: readonly string[], pat: readonly string[], expected: number, min: number): number | undefined {
  const max = file.length - pat.length;
  if (max < min) return undefined;
  const start = Math.min(Math.max(expected, min), max);
  for (let d = 0; start - d >= min || start + d <= max; d++) {
    if (start + d <= max && fitsAt(file, pat, start + d)) return start + d;
    if (d > 0 && start - d >= min && fitsAt(file, pat, start - d)) return start - d;
  }
  return undefined;
}

export interface NearMiss {
  /** 0-based index where the hunk's old side agreed best with the file. */
  at: number;
  matching: number;
  /** Index in the old side of the first line that did not match there. */
  firstBad: number;
}

/** Where a hunk that does not fit came closest, for the failure message: most agreeing lines, then nearest. */
export function nearestMiss(file: readonly string[], h: Hunk, expected: number, min: number): NearMiss | undefined {
  const oldSq = oldSide(h).map((l) => squash(l.text));
  const fileSq = file.map(squash);
  let best: NearMiss | undefined;
  let bestDist = Infinity;
  for (let at = min; at < Math.max(min + 1, file.length); at++) {
    let matching = 0;
    let firstBad = -1;
    for (let i = 0; i < oldSq.length; i++) {
      if (fileSq[at + i] === oldSq[i]) matching++;
      else if (firstBad < 0) firstBad = i;
    }
    const dist = Math.abs(at - expected);
    if (!best || matching > best.matching || (matching === best.matching && dist < bestDist)) {
      best = { at, matching, firstBad: Math.max(firstBad, 0) };
      bestDist = dist;
    }
  }
  return best;
}

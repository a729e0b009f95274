import { UserError } from '../diagnostics';
import { MAX_STRIP, unsafePathReason } from './paths';

/** One line of a quilt series file. */
export interface SeriesEntry {
  /** Patch file name, relative to the series file's folder. */
  name: string;
  /** -pN given on the line; otherwise the caller's default. */
  strip?: number;
  /** 1-based line in the series file. */
  line: number;
}

/**
 * Parse a quilt `series` file: one patch per line, optionally followed by -pN; '#' starts a comment. Names must
 * stay inside the series folder: a series is often downloaded with its patches, and must not reach elsewhere.
 */
export function parseSeries(text: string, file: string): SeriesEntry[] {
  const out: SeriesEntry[] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = idx + 1;
    const hash = raw.search(/(^|\s)#/);
    const body = hash >= 0 ? raw.slice(0, hash) : raw;
    const tokens = [...body.matchAll(/\S+/g)];
    const first = tokens[0];
    if (!first) return;
    const name = first[0];
    const col = (first.index ?? 0) + 1;
    const why = unsafePathReason(name);
    if (why) throw new UserError({ file, line, col }, `patch name ${why.replace(/the tree/, 'the series folder')}`);
    const entry: SeriesEntry = { name, line };
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i]!;
      const m = /^-p(\d+)$/.exec(t[0]);
      const joined = t[0] === '-p' && /^\d+$/.test(tokens[i + 1]?.[0] ?? '') ? tokens[++i]! : undefined;
      const digits = m ? m[1]! : joined?.[0];
      if (digits === undefined) throw new UserError({ file, line, col: (t.index ?? 0) + 1 }, `unsupported series option '${t[0]}' (only -pN)`);
      const n = Number(digits);
      if (n > MAX_STRIP) {
        throw new UserError({ file, line, col: ((joined ?? t).index ?? 0) + 1 }, `-p${digits} strips more path components than any path has (at most ${MAX_STRIP})`);
      }
      entry.strip = n;
    }
    out.push(entry);
  });
  return out;
}

/** Text that looks like a series file rather than a patch: only names (and -pN, comments), no diff lines. */
export function looksLikeSeries(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return lines.length > 0 && lines.every((l) => /^\S+(?:\s+-p\s*\d+)?\s*(?:#.*)?$/.test(l) && !/^(?:---|\+\+\+|@@|diff\b)/.test(l));
}

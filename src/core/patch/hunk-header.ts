export interface HunkHeader {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  section: string;
}

export type HunkHeaderParse = { ok: true; header: HunkHeader } | { ok: false; message: string; col: number };

/**
 * Parse "@@ -l[,n] +l[,n] @@ section" by hand rather than with one regular expression, so a bad header is
 * reported at the column where it goes wrong.
 */
export function parseHunkHeader(line: string): HunkHeaderParse {
  let i = 0;
  const fail = (message: string): HunkHeaderParse => ({ ok: false, message, col: i + 1 });
  const expect = (s: string): boolean => {
    if (line.startsWith(s, i)) {
      i += s.length;
      return true;
    }
    return false;
  };
  const spaces = (): boolean => {
    const start = i;
    while (line[i] === ' ' || line[i] === '\t') i++;
    return i > start;
  };
  const num = (): number | undefined => {
    const m = /^\d+/.exec(line.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]);
  };
  const range = (sign: '-' | '+'): { start: number; count: number } | string => {
    if (!expect(sign)) return `expected '${sign}' to start the ${sign === '-' ? 'old' : 'new'} range`;
    const start = num();
    if (start === undefined) return `expected a line number after '${sign}'`;
    let count = 1;
    if (line[i] === ',') {
      i++;
      const c = num();
      if (c === undefined) return `expected a line count after ','`;
      count = c;
    }
    return { start, count };
  };

  if (!expect('@@')) return fail("expected '@@'");
  if (!spaces()) return fail("expected a space after '@@'");
  const old = range('-');
  if (typeof old === 'string') return fail(old);
  if (!spaces()) return fail('expected a space after the old range');
  const nu = range('+');
  if (typeof nu === 'string') return fail(nu);
  spaces();
  if (!expect('@@')) return fail("expected '@@' after the new range");
  if (old.count === 0 && nu.count === 0) {
    i = 0;
    return fail('a hunk with no old and no new lines');
  }
  return {
    ok: true,
    header: {
      oldStart: old.start,
      oldCount: old.count,
      newStart: nu.start,
      newCount: nu.count,
      section: line.slice(i).trim(),
    },
  };
}

import { DEV_NULL, hunkRange, type FilePatch } from './types';

/**
 * A file patch written back as a well-formed unified diff ("a/"/"b/" prefixes, every line with its prefix), e.g.
 * to show what was recovered from a damaged mail or to hand it to other tools.
 */
export function formatFilePatch(fp: FilePatch): string {
  const side = (p: string, prefix: string) => (p === DEV_NULL ? DEV_NULL : prefix + p);
  const out = [`--- ${side(fp.oldPath, 'a/')}`, `+++ ${side(fp.newPath, 'b/')}`];
  for (const h of fp.hunks) {
    out.push(hunkRange(h) + (h.section ? ' ' + h.section : ''));
    for (const l of h.lines) {
      out.push(l.kind + l.text);
      if (l.noNewline) out.push('\\ No newline at end of file');
    }
  }
  return out.join('\n') + '\n';
}

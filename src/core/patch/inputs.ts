import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { UserError } from '../diagnostics';
import { LIMITS, limitMessage } from '../limits';
import type { PatchInput } from './apply';
import { extractPatches } from './extract';
import { looksLikeSeries, parseSeries } from './series';

export interface PatchLoadOptions {
  /**
   * Bytes one patch input may have (default LIMITS.patchBytes): a mail or .patch file, or a series file and its
   * patches together (a series may name one big patch many times). Checked before anything is read.
   */
  maxBytes?: number;
}

/** Bytes still allowed for the current input. */
interface Budget {
  left: number;
  readonly max: number;
  readonly first: string;
}

function readText(path: string, budget: Budget): string {
  try {
    // a FIFO or device would block or never end: only regular files are patches
    const st = fs.statSync(path);
    if (!st.isFile()) throw new UserError(undefined, `cannot read ${path}: not a regular file`);
    if (st.size > budget.left) {
      const what = path === budget.first ? `${path} is ${st.size} bytes` : `${budget.first} and its patches up to ${path} are ${budget.max - budget.left + st.size} bytes`;
      throw new UserError(undefined, limitMessage('patchBytes', budget.max, what));
    }
    budget.left -= st.size;
    return fs.readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(undefined, `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : String(e)}`);
  }
}

/**
 * The patches in one file given by the user: a mail or .patch file is one patch (possibly touching many files,
 * or a mailbox of several); a quilt series file (named `series`, or holding nothing but names of files beside
 * it) is its patches in order. Paths in messages are shown as given, so they point where the user looks.
 */
export function loadPatchFile(path: string, strip: number, opts: PatchLoadOptions = {}): PatchInput[] {
  const max = opts.maxBytes ?? LIMITS.patchBytes.default;
  const budget: Budget = { left: max, max, first: path };
  const text = readText(path, budget);
  if (isSeries(path, text)) return seriesPatches(path, text, strip, budget);
  return [{ source: path, files: extractPatches(text, path, { strip }) }];
}

function isSeries(path: string, text: string): boolean {
  if (nodePath.basename(path) === 'series') return true;
  if (!looksLikeSeries(text)) return false;
  const dir = nodePath.dirname(path);
  try {
    return parseSeries(text, path).every((e) => fs.statSync(nodePath.join(dir, e.name)).isFile());
  } catch {
    return false;
  }
}

export function loadSeries(path: string, text: string, strip: number, opts: PatchLoadOptions = {}): PatchInput[] {
  const max = opts.maxBytes ?? LIMITS.patchBytes.default;
  return seriesPatches(path, text, strip, { left: max - Buffer.byteLength(text), max, first: path });
}

function seriesPatches(path: string, text: string, strip: number, budget: Budget): PatchInput[] {
  const dir = nodePath.dirname(path);
  const realDir = fs.realpathSync(dir);
  return parseSeries(text, path).map((e) => {
    const p = nodePath.join(dir, e.name);
    // A name may stay inside the folder lexically and still leave it through a symlink.
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch {
      throw new UserError({ file: path, line: e.line, col: 1 }, `cannot read patch ${p}: no such file`);
    }
    const rel = nodePath.relative(realDir, real);
    if (rel.startsWith('..') || nodePath.isAbsolute(rel)) {
      throw new UserError({ file: path, line: e.line, col: 1 }, `patch ${e.name} leads out of the series folder (to ${real})`);
    }
    return { source: p, files: extractPatches(readText(p, budget), p, { strip: e.strip ?? strip }) };
  });
}

import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { UserError } from '../diagnostics';
import type { PatchInput } from './apply';
import { extractPatches } from './extract';
import { looksLikeSeries, parseSeries } from './series';

function readText(path: string): string {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(undefined, `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : String(e)}`);
  }
}

/**
 * The patches in one file given by the user: a mail or .patch file is one patch (possibly touching many files,
 * or a mailbox of several); a quilt series file (named `series`, or holding nothing but names of files beside
 * it) is its patches in order. Paths in messages are shown as given, so they point where the user looks.
 */
export function loadPatchFile(path: string, strip: number): PatchInput[] {
  const text = readText(path);
  if (isSeries(path, text)) return loadSeries(path, text, strip);
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

export function loadSeries(path: string, text: string, strip: number): PatchInput[] {
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
    return { source: p, files: extractPatches(readText(p), p, { strip: e.strip ?? strip }) };
  });
}

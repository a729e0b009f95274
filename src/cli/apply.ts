import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { copyTree, defaultKernelTree, MAX_STRIP, DiskTree, formatPlan, loadPatchFile, planPatches, writeChanges } from '../core/patch';
import type { ApplyPlan, PatchInput } from '../core/patch';
import { LIMITS } from '../core/limits';
import { parseCommandArgs, positiveOption, UsageError } from './args';
import type { Command } from './commands';

const HELP = `usage: iolock-sim apply PATCH... [--tree DIR] [--out DIR] [--json] [-p N] [--max-patch-bytes N]

Extracts the patches from each PATCH (a mail as archived, a .patch or git format-patch file, a mailbox of
several patches, or a quilt series file) and applies them in order to a copy of the tree, with
whitespace-insensitive context, offsets and fuzz. Prints one line per hunk and a summary.

  --tree DIR   tree to patch (default: the model kernel, kernel/ in this checkout)
  --out DIR    write the patched tree here: a full copy of --tree plus the changes; only when every hunk
               applies. DIR must not be inside --tree, and must be empty, absent or an earlier --out
  --json       print one JSON object instead of text
  -p N         strip N leading path components (default 1); a series line's -pN wins for that patch
  --max-patch-bytes N  bytes of one patch input, a series with its patches (default ${LIMITS.patchBytes.default})

Exit status: 0 when every hunk applied, 1 when one did not or an input is malformed, 2 on usage errors.`;

/** Written into every --out folder, so that a later run may replace it and nothing else. */
export const OUT_MARKER = '.iolock-sim-apply.json';

function isInside(root: string, p: string): boolean {
  const rel = nodePath.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}

/** realpath of a path that may not exist yet: its nearest existing ancestor resolved, the rest appended. */
function realish(p: string): string {
  const abs = nodePath.resolve(p);
  const rest: string[] = [];
  for (let cur = abs; ; cur = nodePath.dirname(cur)) {
    try {
      return nodePath.join(fs.realpathSync(cur), ...rest.reverse());
    } catch {
      if (nodePath.dirname(cur) === cur) return abs;
      rest.push(nodePath.basename(cur));
    }
  }
}

function checkTree(tree: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(tree);
  } catch {
    throw new UsageError(`--tree ${tree}: no such directory`);
  }
  if (!st.isDirectory()) throw new UsageError(`--tree ${tree} is not a directory`);
}

/** Refuse an --out that could lose someone's files or feed the copy into itself. */
function checkOut(tree: string, out: string): void {
  const realTree = fs.realpathSync(tree);
  const realOut = realish(out);
  if (isInside(realTree, realOut)) throw new UsageError(`--out ${out} is inside --tree ${tree}`);
  if (isInside(realOut, realTree)) throw new UsageError(`--tree ${tree} is inside --out ${out}`);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(out);
  } catch {
    return;
  }
  if (!st.isDirectory()) throw new UsageError(`--out ${out} exists and is not a directory`);
  const entries = fs.readdirSync(out);
  if (entries.length > 0 && !entries.includes(OUT_MARKER)) {
    throw new UsageError(
      `--out ${out} is not empty and not an earlier output of 'iolock-sim apply' (no ${OUT_MARKER}); refusing to replace it`,
    );
  }
}

/** Copy the tree, apply the changes to the copy, and only then put it in place of --out. */
function writeOut(tree: string, out: string, plan: ApplyPlan, inputs: readonly PatchInput[]): void {
  const abs = nodePath.resolve(out);
  fs.mkdirSync(nodePath.dirname(abs), { recursive: true });
  const tmp = `${abs}.iolock-tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    copyTree(tree, tmp);
    writeChanges(new DiskTree(tmp), plan.changes);
    const marker = { tool: 'iolock-sim apply', tree: nodePath.resolve(tree), patches: inputs.map((i) => i.source) };
    fs.writeFileSync(nodePath.join(tmp, OUT_MARKER), JSON.stringify(marker, null, 2) + '\n');
    if (fs.existsSync(abs)) fs.rmSync(abs, { recursive: true });
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

export const apply: Pick<Command, 'run'> = {
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      tree: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      strip: { type: 'string', short: 'p' },
      'max-patch-bytes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('missing the patch file(s) to apply\n' + HELP);
    const stripText = values.strip ?? '1';
    if (!/^\d+$/.test(stripText)) throw new UsageError(`-p wants a number of path components, not '${stripText}'`);
    const strip = Number(stripText);
    if (strip > MAX_STRIP) throw new UsageError(`-p ${stripText} strips more path components than any path has (at most ${MAX_STRIP})`);
    const tree = values.tree ?? defaultKernelTree();
    if (tree === undefined) throw new UsageError('cannot find the iolock-sim checkout to take kernel/ from; give --tree');
    checkTree(tree);
    const out = values.out;
    if (out !== undefined) checkOut(tree, out);

    const maxBytes = positiveOption('max-patch-bytes', values['max-patch-bytes'], true);
    const inputs = positionals.flatMap((p) => loadPatchFile(p, strip, maxBytes !== undefined ? { maxBytes } : {}));
    const plan = planPatches(new DiskTree(tree), inputs);
    const written = plan.ok && out !== undefined;
    if (written) writeOut(tree, out, plan, inputs);

    if (values.json) {
      const report = {
        ok: plan.ok,
        tree,
        out: out ?? null,
        written,
        changed: [...plan.changes].map(([path, text]) => ({ path, deleted: text === null })),
        patches: plan.patches,
        summary: plan.summary,
      };
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    } else {
      const outcome = out === undefined ? { written } : { out, written };
      process.stdout.write(formatPlan(plan, outcome).join('\n') + '\n');
    }
    return plan.ok ? 0 : 1;
  },
};

import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { UserError } from './diagnostics';
import { type ApplyPlan, type MemoryTree, type PatchLoadOptions, findRepoRoot, loadPatchFile, patchedTree, planPatches } from './patch';

/**
 * The locking policies are quilt series under examples/policies/NAME/. The seed policy is the archived mail
 * itself, which lives beside the checkout in ../shared/seeds/ and is never copied into the repo.
 */
export const SEED_MAIL = '000_ca315d8c7e35812b.txt';

function repoRoot(): string {
  const root = findRepoRoot(__dirname);
  if (!root) throw new UserError(undefined, 'cannot find the iolock-sim checkout (examples/policies/)');
  return root;
}

/** The checkout's ../shared/seeds copy, else the one the build put beside the bundle (an installed VSIX has no ../shared). */
export function seedMailPath(): string {
  const p = nodePath.join(repoRoot(), '..', 'shared', 'seeds', SEED_MAIL);
  if (fs.existsSync(p)) return p;
  const shipped = nodePath.join(repoRoot(), 'dist', 'seeds', SEED_MAIL);
  if (fs.existsSync(shipped)) return shipped;
  throw new UserError(undefined, `cannot find the seed mail ${p} (the shared folder beside the checkout)`);
}

export function policyNames(): string[] {
  const dir = nodePath.join(repoRoot(), 'examples', 'policies');
  return fs.readdirSync(dir).filter((n) => fs.existsSync(nodePath.join(dir, n, 'series'))).sort();
}

/** The patch files (mails, .patch or series) that make up a policy, to apply in order. */
export function policyPatches(name: string): string[] {
  if (name === 'seed') return [seedMailPath()];
  const series = nodePath.join(repoRoot(), 'examples', 'policies', name, 'series');
  if (!/^[\w-]+$/.test(name) || !fs.existsSync(series)) {
    throw new UserError(undefined, `unknown policy '${name}' (known: ${policyNames().join(', ')})`);
  }
  return [series];
}

/** The kernel tree with a policy (or explicit patch files) applied in memory, and the per-hunk plan. */
export function applyPolicy(base: MemoryTree, patches: readonly string[], label: string, opts: PatchLoadOptions = {}): { plan: ApplyPlan; tree: MemoryTree | undefined } {
  const plan = planPatches(base, patches.flatMap((p) => loadPatchFile(p, 1, opts)));
  return { plan, tree: plan.ok ? (patches.length ? patchedTree(base, plan, label) : base) : undefined };
}

import * as fs from 'node:fs';
import * as nodePath from 'node:path';

/**
 * The iolock-sim checkout this code runs from: the nearest folder above `from` with a package.json named
 * "iolock-sim". Works from the esbuild bundle (dist/cli.js) and from tsc output (out/src/..., out/test/...).
 */
export function findRepoRoot(from: string = __dirname): string | undefined {
  for (let dir = nodePath.resolve(from); ; dir = nodePath.dirname(dir)) {
    const pkg = nodePath.join(dir, 'package.json');
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(pkg, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && (parsed as { name?: unknown }).name === 'iolock-sim') return dir;
    } catch {
      // no package.json here, or not JSON: keep walking up
    }
    if (nodePath.dirname(dir) === dir) return undefined;
  }
}

/**
 * The model kernel tree that patches apply to by default: beside the running code, or else (a bundle copied
 * out of the checkout) in the checkout the user is working in.
 */
export function defaultKernelTree(from?: string): string | undefined {
  const root = findRepoRoot(from) ?? findRepoRoot(process.cwd());
  return root === undefined ? undefined : nodePath.join(root, 'kernel');
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Finds a file that ships with the tool: beside the esbuild bundle in dist/, or in the source tree when running
 * the tsc-compiled tests from out/. One lookup so that every asset (wasm, headers, kernel) resolves the same way.
 */
export function assetPath(...candidates: string[]): string {
  for (const c of candidates) {
    for (let dir = __dirname, i = 0; i < 6; i++, dir = join(dir, '..')) {
      const p = join(dir, c);
      if (existsSync(p)) return p;
    }
  }
  throw new Error(`cannot find ${candidates.join(' or ')} near ${__dirname}`);
}

// One build for everything that ships: the CLI (and later the extension and debug adapter) bundled by esbuild,
// plus the tree-sitter wasm files copied beside the bundle so nothing resolves node_modules at run time, and
// the timeline's browser bundle (dist/webview/timeline.js: loaded by the VS Code webview, inlined by the HTML report).
import { build } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');
mkdirSync(join(dist, 'wasm'), { recursive: true });
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(dist, 'wasm', 'web-tree-sitter.wasm'));
copyFileSync(require.resolve('tree-sitter-c/tree-sitter-c.wasm'), join(dist, 'wasm', 'tree-sitter-c.wasm'));
cpSync(join(root, 'src/core/libc/include'), join(dist, 'include'), { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // web-tree-sitter's ESM build asks for import.meta.url; give it the bundle's own URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};
await build({ ...common, entryPoints: [join(root, 'src/cli/main.ts')], outfile: join(dist, 'cli.js') });
await build({
  entryPoints: [join(root, 'webview/timeline/main.ts')],
  outfile: join(dist, 'webview', 'timeline.js'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: ['chrome114'],
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
});

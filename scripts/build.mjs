// One build for everything that ships: the CLI, the debug adapter and the extension bundled by esbuild,
// plus the tree-sitter wasm files copied beside the bundle so nothing resolves node_modules at run time, and
// the timeline's browser bundles (dist/webview/: panel.js for the VS Code webview, timeline.js inlined by the HTML report).
import { build } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');
mkdirSync(join(dist, 'wasm'), { recursive: true });
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(dist, 'wasm', 'web-tree-sitter.wasm'));
copyFileSync(require.resolve('tree-sitter-c/tree-sitter-c.wasm'), join(dist, 'wasm', 'tree-sitter-c.wasm'));
cpSync(join(root, 'src/core/libc/include'), join(dist, 'include'), { recursive: true });
// The seed mail lives beside the checkout (../shared), which an installed extension does not have: ship a copy.
const seed = join(root, '..', 'shared', 'seeds', '000_ca315d8c7e35812b.txt');
if (existsSync(seed)) {
  mkdirSync(join(dist, 'seeds'), { recursive: true });
  copyFileSync(seed, join(dist, 'seeds', '000_ca315d8c7e35812b.txt'));
}

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
// The debug adapter alone, for the extension's inline mode (required on first use, not at activation).
await build({ ...common, entryPoints: [join(root, 'src/debug/session.ts')], outfile: join(dist, 'adapter.js') });
// The extension: only what activation needs; simulations run in dist/cli.js child processes.
await build({
  ...common,
  entryPoints: [join(root, 'src/extension/extension.ts')],
  outfile: join(dist, 'extension.js'),
  external: ['vscode'],
  banner: { js: `${common.banner.js}\nglobalThis.__iolockLoadStart = performance.now();` },
});
// The browser bundles: the report's timeline (inlined into every report: no UI toolkit) and the VS Code panel's
// (the same view, with the controls of webview/ui/toolkit.ts).
const browser = { bundle: true, platform: 'browser', format: 'iife', target: ['chrome114'], minify: true, sourcemap: false, logLevel: 'warning' };
await build({ ...browser, entryPoints: [join(root, 'webview/timeline/main.ts')], outfile: join(dist, 'webview', 'timeline.js') });
await build({ ...browser, entryPoints: [join(root, 'webview/panel/main.ts')], outfile: join(dist, 'webview', 'panel.js') });

import { Language, Node, Parser, Tree } from 'web-tree-sitter';
import { assetPath } from '../assets';

export type { Node, Tree };

let loading: Promise<Parser> | undefined;

/** tree-sitter-c, initialised once per process (the wasm init is ~20 ms; parsing after that is fast). */
export function loadCParser(): Promise<Parser> {
  loading ??= (async () => {
    const runtimeWasm = assetPath('dist/wasm/web-tree-sitter.wasm', 'wasm/web-tree-sitter.wasm', 'node_modules/web-tree-sitter/web-tree-sitter.wasm');
    await Parser.init({ locateFile: () => runtimeWasm });
    const lang = await Language.load(assetPath('dist/wasm/tree-sitter-c.wasm', 'wasm/tree-sitter-c.wasm', 'node_modules/tree-sitter-c/tree-sitter-c.wasm'));
    const parser = new Parser();
    parser.setLanguage(lang);
    return parser;
  })();
  return loading;
}

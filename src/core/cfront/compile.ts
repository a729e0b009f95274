import { UserError } from '../diagnostics';
import type { Program } from '../vm/machine';
import { Checker } from './check';
import { FuncCode, generateFunction } from './codegen';
import { loadCParser } from './parser';
import { PreprocessOptions, preprocess } from './preprocess';

export interface CompileOptions extends PreprocessOptions {
  /** Names of builtins that run inline (never block): decided before code generation. */
  inlineBuiltins: ReadonlySet<string>;
}

/**
 * C source files → one linked Program: preprocess, parse with tree-sitter-c, type-check (all units share one
 * linkage table, as the linker would), then generate each function's resumable JS.
 */
export async function compileProgram(files: string[], opts: CompileOptions): Promise<Program> {
  const parser = await loadCParser();
  const checker = new Checker();
  for (const file of files) {
    const pp = preprocess(file, opts);
    const tree = parser.parse(pp.text);
    if (!tree) throw new UserError({ file, line: 1, col: 1 }, 'the C parser gave no tree');
    try {
      checker.unit(tree.rootNode, pp.locate);
    } finally {
      tree.delete();
    }
  }
  checker.link();
  const symbols = checker.funcs.map((f) => ({ name: f.name, defined: !!f.def, isStatic: f.isStatic, loc: f.loc }));
  const funcs: FuncCode[] = [];
  for (const f of checker.funcs) {
    if (f.def) funcs.push(generateFunction(f.def, (s) => (!s.def && opts.inlineBuiltins.has(s.name) ? { inline: true } : undefined)));
  }
  // Each function is a module-level constant (C<index>, E<index> its frame factory) so direct calls bind
  // statically and V8 can inline them; L<index> is its LoadedFunc, provided by the machine.
  const decls = funcs.map((f) => `const C${f.sym.index} = ${f.run};\nconst E${f.sym.index} = ${f.enter};`).join('\n');
  const module = `${decls}\nreturn [${funcs.map((f) => `{ index: ${f.sym.index}, run: C${f.sym.index}, enter: E${f.sym.index} }`).join(', ')}];`;
  return { funcs, symbols, statics: checker.statics, module, layouts: checker.layouts, globals: checker.globals.filter((g) => g.defined) };
}

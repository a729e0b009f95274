import { createHash } from 'node:crypto';
import { compileProgram } from '../cfront/compile';
import { UserError } from '../diagnostics';
import type { SourceHost } from '../cfront/preprocess';
import type { TreeHost } from '../patch/tree';
import type { Program } from '../vm/machine';
import { INLINE_BUILTINS } from './builtin-names';

/**
 * The model kernel's build convention (docs/model-kernel.md, "Build"): kbuild cut down to what the tree uses.
 * Nothing runs make; we read the Makefiles to know which .c files to compile, then compile them into one
 * linked Program with the interpreter's front end.
 */

/** A tree to build from: anything that can read a file by tree-relative path (a MemoryTree, a DiskTree). */
export type KernelTree = Pick<TreeHost, 'read'>;

export interface KernelBuild {
  /** Tree-relative .c files, in link order. */
  files: string[];
  /** Objects listed by a Makefile whose .c file does not exist (skipped without complaint). */
  skipped: string[];
  /** `#include <...>` directories, tree-relative. */
  includeDirs: string[];
  defines: Record<string, string>;
}

/** Directory variables of the top-level Makefile, in the order kbuild visits them. */
const TOP_VARS = ['init-y', 'core-y', 'drivers-y', 'net-y', 'libs-y'];

/** `CONFIG_X=y` lines of `.config`. */
export function parseConfig(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of (text ?? '').split('\n')) {
    const m = /^\s*([A-Za-z_][\w]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) out.set(m[1] as string, (m[2] as string).replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

/**
 * A Makefile's variables: `NAME := words`, `NAME = words` (both expand at once), `NAME += words`; `\` continues
 * a line, `#` starts a comment, anything else is ignored. `$(NAME)` is a variable defined earlier here, else the
 * .config value, else empty. Variable names (left-hand sides) are expanded too: `obj-$(CONFIG_FOO)`.
 */
export function parseMakefile(text: string, config: ReadonlyMap<string, string>): Map<string, string[]> {
  const vars = new Map<string, string[]>();
  const expand = (s: string): string =>
    s.replace(/\$\(([^()]+)\)|\$\{([^{}]+)\}/g, (_m, a: string | undefined, b: string | undefined) => {
      const name = (a ?? b ?? '').trim();
      return vars.get(name)?.join(' ') ?? config.get(name) ?? '';
    });
  const logical: string[] = [];
  let acc = '';
  for (const raw of text.split(/\r?\n/)) {
    const hash = raw.indexOf('#');
    const noComment = hash >= 0 ? raw.slice(0, hash) : raw;
    if (hash < 0 && /\\\s*$/.test(raw)) {
      acc += raw.replace(/\\\s*$/, ' ');
      continue;
    }
    logical.push(acc + noComment);
    acc = '';
  }
  if (acc) logical.push(acc);
  for (const line of logical) {
    const m = /^\s*([^\s:+=?]+)\s*(:=|\+=|\?=|=)\s*(.*)$/.exec(line);
    if (!m) continue;
    const name = expand(m[1] as string).trim();
    if (!name) continue;
    const words = expand(m[3] as string).split(/\s+/).filter((w) => w !== '');
    const op = m[2];
    if (op === '+=') vars.set(name, [...(vars.get(name) ?? []), ...words]);
    else if (op === '?=') {
      if (!vars.has(name)) vars.set(name, words);
    } else vars.set(name, words);
  }
  return vars;
}

function joinRel(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** Which files a tree compiles, following its Makefiles. Throws when the top Makefile is missing. */
export function listKernelFiles(tree: KernelTree): KernelBuild {
  const top = tree.read('Makefile');
  if (top === undefined) throw new UserError(undefined, 'the kernel tree has no top-level Makefile');
  const config = parseConfig(tree.read('.config'));
  const topVars = parseMakefile(top, config);
  const files: string[] = [];
  const skipped: string[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const addObj = (dir: string, obj: string, vars: Map<string, string[]>, depth: number) => {
    const stem = obj.slice(0, -2);
    const members = vars.get(`${stem}-y`) ?? vars.get(`${stem}-objs`);
    if (members && depth < 4) {
      for (const m of members) if (m.endsWith('.o')) addObj(dir, m, vars, depth + 1);
      return;
    }
    const c = joinRel(dir, `${stem}.c`);
    if (tree.read(c) === undefined) skipped.push(joinRel(dir, obj));
    else if (!seenFiles.has(c)) {
      seenFiles.add(c);
      files.push(c);
    }
  };
  const visit = (dir: string) => {
    const d = dir.replace(/\/+$/, '');
    if (seenDirs.has(d)) return;
    seenDirs.add(d);
    const text = tree.read(joinRel(d, 'Makefile'));
    if (text === undefined) return;
    const vars = parseMakefile(text, config);
    for (const item of [...(vars.get('obj-y') ?? []), ...(vars.get('lib-y') ?? [])]) {
      if (item.endsWith('/')) visit(joinRel(d, item));
      else if (item.endsWith('.o')) addObj(d, item, vars, 0);
    }
  };
  for (const v of TOP_VARS) for (const dir of topVars.get(v) ?? []) visit(dir);

  const includeDirs: string[] = [];
  for (const w of topVars.get('LINUXINCLUDE') ?? ['-Iinclude']) {
    const m = /^-I(.+)$/.exec(w);
    if (m) includeDirs.push((m[1] as string).replace(/\/+$/, ''));
  }
  if (includeDirs.length === 0) includeDirs.push('include');
  const arch = topVars.get('ARCH')?.[0];
  if (arch && tree.read(`arch/${arch}/include/asm/page.h`) !== undefined) includeDirs.push(`arch/${arch}/include`);
  return {
    files,
    skipped,
    includeDirs,
    defines: { __KERNEL__: '1', __STDC__: '1', __STDC_VERSION__: '201112L', __CHAR_BIT__: '8', __SIZEOF_LONG__: '8', __SIZEOF_POINTER__: '8', __SIZEOF_INT__: '4' },
  };
}

/** Hash of every file the build could read: the Makefiles, .config and all .c/.h files of the tree. */
export function treeHash(tree: KernelTree & { files?: ReadonlyMap<string, string> }, build: KernelBuild, extra: string[] = []): string {
  const h = createHash('sha256');
  if (tree.files) {
    for (const k of [...tree.files.keys()].sort()) {
      if (!/\.(c|h)$|(^|\/)Makefile$|^\.config$/.test(k)) continue;
      h.update(k).update('\0').update(tree.files.get(k) as string).update('\0');
    }
  } else {
    for (const f of build.files) h.update(f).update('\0').update(tree.read(f) ?? '').update('\0');
  }
  h.update(JSON.stringify(build)).update(JSON.stringify(extra));
  return h.digest('hex');
}

/** Compiled Programs by tree content hash; a whole-kernel compile takes seconds. */
const cache = new Map<string, Promise<Program>>();

export interface CompiledKernel {
  program: Program;
  build: KernelBuild;
  hash: string;
}

/**
 * Compile a kernel tree (in memory or on disk) into one linked Program, cached by content. The host reads
 * through `tree`, so a patched in-memory tree compiles without touching the disk.
 */
export async function buildKernel(tree: KernelTree & { files?: ReadonlyMap<string, string> }): Promise<CompiledKernel> {
  const build = listKernelFiles(tree);
  const hash = treeHash(tree, build, [...INLINE_BUILTINS].sort());
  let p = cache.get(hash);
  if (!p) {
    const host: SourceHost = { readFile: (path) => tree.read(path) };
    // the whole tree is the root: kernel files include "../internal.h", but nothing outside the tree
    p = compileProgram(build.files, { host, includeDirs: build.includeDirs, roots: ['.'], defines: build.defines, inlineBuiltins: INLINE_BUILTINS });
    cache.set(hash, p);
    p.catch(() => cache.delete(hash));
  }
  return { program: await p, build, hash };
}

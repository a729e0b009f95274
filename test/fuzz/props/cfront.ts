import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { compileProgram } from '../../../src/core/cfront/compile';
import { insideRoot, normalizePath, preprocess, type SourceHost } from '../../../src/core/cfront/preprocess';
import { listKernelFiles, type KernelBuild } from '../../../src/core/kernel/build';
import { findRepoRoot, loadTree } from '../../../src/core/patch';
import { libcIncludeDir } from '../../../src/core/vm/cprogram';
import { libcBuiltins } from '../../../src/core/vm/libc';
import { Machine, DEFAULT_LIMITS, type Program } from '../../../src/core/vm/machine';
import { expectUserError } from '../expect';
import { mutatedText } from '../mutate';
import type { PropertyTable } from '../worker';

const root = findRepoRoot(__dirname) as string;

const KEYWORDS = ['int', 'char', 'long', 'short', 'unsigned', 'signed', 'void', 'struct', 'union', 'enum', 'typedef', 'static', 'extern', 'const', 'volatile', 'inline', 'return', 'if', 'else', 'while', 'for', 'do', 'switch', 'case', 'default', 'break', 'continue', 'goto', 'sizeof', '_Bool', 'float', 'double', 'typeof', 'asm', '__attribute__', '_Static_assert', '__builtin_offsetof', '__builtin_expect'];
const IDENTS = ['main', 'x', 'y', 'f', 's', 'a', 'b', '__user', 'likely', 'NULL', 'printf', 'malloc', 'free', 'exit', '__LINE__', '__FILE__', '__VA_ARGS__', 'defined', '__has_include', '_Pragma', 'c_main', 'T', 'R', 'fr', 'pc', 'v0_x', 'constructor', '__proto__', 'toString'];
const NUMBERS = ['0', '1', '42', '0x10', '077', '1u', '1ul', '1ULL', '4294967296', '0x7fffffffffffffff', '0xffffffffffffffff', '18446744073709551616', '1e3', '1.5', '08', '0b1', "'a'", "'\\n'", "'\\x41'", "'\\0'", "'ab'", "''", "'\\777'", '-2147483648', '9223372036854775808'];
const STRINGS = ['"s"', '"a\\n"', '"unterminated', '"%d\\n"', '"%s%s%s%n"', '"\\x"', 'L"w"', 'u8"x"', '"a" "b"'];
const PUNCT = ['(', ')', '{', '}', '[', ']', ';', ',', '.', '->', '++', '--', '&', '*', '+', '-', '~', '!', '/', '%', '<<', '>>', '<', '>', '<=', '>=', '==', '!=', '^', '|', '&&', '||', '?', ':', '=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=', '...', '#', '##', '%:', '<:', ':>'];
const WEIRD = ['\\\n', '/*', '*/', '//', '$', '@', '`', '\0', 'é', '\\u00e9', '\r', '\t', '\f', '\v', '"', "'", '\\', '??=', '\u2028', '\ufeff'];
const DIRECTIVES = ['#define X 1', '#define F(a, ...) a __VA_ARGS__', '#define G(x) #x x##x', '#define A A', '#define B(x) B(x)', '#define E(...) __VA_OPT__(,)', '#if X', '#if 1/0', '#if (', '#ifdef X', '#ifndef H', '#elif 1', '#else', '#endif', '#undef X', '#include "h.h"', '#include <h.h>', '#include "../x.h"', '#include "/etc/passwd"', '#include X', '#include', '#include_next <h.h>', '#error boom', '#warning w', '#pragma once', '#line 5', '#', '#define', '#define 1', '#define F(a,a) a', '#if __has_include("h.h")', '#if defined', '#define R(x) R(x) R', '#define __VA_ARGS__ 1'];

const tokenArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...IDENTS) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(...STRINGS) },
  { weight: 5, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 1, arbitrary: fc.constantFrom(...WEIRD) },
  { weight: 1, arbitrary: fc.constantFrom(...DIRECTIVES).map((d) => `\n${d}\n`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
);
const soupArb = fc.array(fc.tuple(tokenArb, fc.constantFrom(' ', ' ', ' ', '\n', '')), { maxLength: 80 }).map((ts) => ts.map(([t, s]) => t + s).join(''));

/** A few shapes of real C, so some soups get past the parser into the checker and the code generator. */
const C_LINES = ['int main(void) {', 'int main(int argc, char **argv) {', '}', 'return 0;', 'int x = 1;', 'struct s { int a; char b[4]; };', 'x = x + 1;', 'if (x) return x;', 'while (x--) ;', 'for (int i = 0; i < 3; i++) x += i;', 'static int f(int a) { return a * 2; }', 'typedef unsigned long ul;', 'char *p = "s";', 'switch (x) { case 1: break; default: ; }', 'goto out; out: ;', 'enum e { A, B = 5 };', 'union u { int i; char c; };', 'int a[3] = { 1, 2 };', 'x = sizeof(struct s);', 'x = f(x);'];
const cLikeArb = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...C_LINES) }, { weight: 1, arbitrary: soupArb }), { maxLength: 14 }).map((ls) => ls.join('\n'));

const SMALL_LIMITS = { ...DEFAULT_LIMITS, memoryBytes: 8 << 20, heapBytes: 1 << 20, stackBytes: 256 << 10, maxDepth: 200 };

/** A compiled program must load, and main (if any) run to an end, a fault or the step budget: never throw. */
function runBriefly(program: Program, steps: number): void {
  let m: Machine;
  try {
    m = new Machine(program, libcBuiltins({ stdout: () => undefined, stderr: () => undefined }), SMALL_LIMITS);
  } catch (e) {
    expectUserError(e); // globals too big for the address space
    return;
  }
  const main = m.func('main');
  if (!main?.run) return;
  const T = m.spawn('main', [1, 0]);
  const r = m.run(T, steps);
  assert.ok(['exited', 'faulted', 'paused'].includes(r), `main ended as '${r}'`);
}

async function compileOrError(files: ReadonlyMap<string, string>, main: string, opts: { includeDirs: string[]; roots?: string[]; defines?: Record<string, string>; extra?: SourceHost; headers?: ReadonlyMap<string, string> }): Promise<Program | undefined> {
  const host: SourceHost = { readFile: (p) => files.get(p) ?? opts.extra?.readFile(p) };
  try {
    return await compileProgram([main], { host, includeDirs: opts.includeDirs, ...(opts.roots ? { roots: opts.roots } : {}), defines: opts.defines ?? {}, inlineBuiltins: new Set() });
  } catch (e) {
    // an error may point into a libc header: a declaration the mutated file left open ends there
    expectUserError(e, opts.headers ? new Map([...files, ...opts.headers]) : files);
    return undefined;
  }
}

let kernel: { files: Map<string, string>; build: KernelBuild; sources: string[] } | undefined;
let corpus: { name: string; text: string }[] = [];
let libc: SourceHost | undefined;
let libcHeaders = new Map<string, string>();

function libcHost(): SourceHost {
  const dir = libcIncludeDir();
  const cache = new Map<string, string | undefined>();
  return {
    readFile: (p) => {
      if (!p.startsWith(dir + '/')) return undefined;
      if (!cache.has(p)) cache.set(p, fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);
      return cache.get(p);
    },
  };
}

export const properties: PropertyTable = {
  'cfront: token soup gives a program or an error at file:line:col': {
    arb: fc.tuple(fc.oneof(soupArb, cLikeArb), soupArb),
    check: async ([main, header]: [string, string]) => {
      const files = new Map([
        ['main.c', main],
        ['include/h.h', header],
      ]);
      const program = await compileOrError(files, 'main.c', { includeDirs: ['include'] });
      if (program) runBriefly(program, 20_000);
    },
    show: ([main, header]) => `main.c:\n${main}\n--- include/h.h:\n${header}`,
  },

  'cfront: mutated kernel files give a program or an error at file:line:col': {
    setup: async () => {
      const tree = loadTree(path.join(root, 'kernel'));
      const build = listKernelFiles(tree);
      kernel = { files: tree.files, build, sources: [...tree.files.keys()].filter((f) => /\.[ch]$/.test(f)).sort() };
    },
    arb: fc.constant(null).chain(() => {
      const k = kernel as NonNullable<typeof kernel>;
      return fc.tuple(fc.nat(k.build.files.length - 1), fc.nat(k.sources.length - 1), fc.boolean()).chain(([main, other, mutateMain]) => {
        const file = mutateMain ? (k.build.files[main] as string) : (k.sources[other] as string);
        return fc.tuple(fc.constant(k.build.files[main] as string), fc.constant(file), mutatedText(k.files.get(file) ?? '', fc.oneof(fc.constantFrom(...DIRECTIVES, ...C_LINES), soupArb), 4));
      });
    }),
    check: async ([main, file, text]: [string, string, string]) => {
      const k = kernel as NonNullable<typeof kernel>;
      const files = new Map(k.files);
      files.set(file, text);
      await compileOrError(files, main, { includeDirs: k.build.includeDirs, roots: ['.'], defines: k.build.defines });
    },
    show: ([main, file, text]) => `compiling ${main}, with ${file} mutated to:\n${text}`,
    perInputMs: 8000,
  },

  'cfront: mutated C corpus programs compile or fail at file:line:col, and run within the limits': {
    setup: async () => {
      const dir = path.join(root, 'test', 'c');
      corpus = fs.readdirSync(dir).filter((f) => f.endsWith('.c')).sort().map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
      libc = libcHost();
      const inc = libcIncludeDir();
      libcHeaders = new Map(fs.readdirSync(inc).filter((f) => f.endsWith('.h')).map((f) => [`${inc}/${f}`, fs.readFileSync(path.join(inc, f), 'utf8')]));
    },
    arb: fc.constant(null).chain(() => fc.nat(corpus.length - 1).chain((i) => fc.tuple(fc.constant((corpus[i] as { name: string }).name), mutatedText((corpus[i] as { text: string }).text, fc.oneof(fc.constantFrom(...C_LINES, ...DIRECTIVES), soupArb), 4)))),
    check: async ([name, text]: [string, string]) => {
      const files = new Map([[name, text]]);
      const program = await compileOrError(files, name, { includeDirs: ['.', libcIncludeDir()], ...(libc ? { extra: libc } : {}), headers: libcHeaders });
      if (program) runBriefly(program, 200_000);
    },
    show: ([name, text]) => `${name}:\n${text}`,
  },

  'cfront: #include never reads a file outside the source tree': {
    arb: fc.array(fc.constantFrom('..', '.', 'include', 'linux', 'fs.h', '', '/', '/etc', 'passwd', 'secret.h', '%2e%2e', '..\\', 'x'), { minLength: 1, maxLength: 6 }).chain((segs) =>
      fc.tuple(fc.constant(segs.join('/')), fc.boolean(), fc.constantFrom('main.c', 'fs/gfs2/main.c')),
    ),
    check: ([name, angled, main]: [string, boolean, string]) => {
      const asked: string[] = [];
      const files: Record<string, string> = { 'include/linux/fs.h': 'ok\n', 'secret.h': 'tree\n', 'include/secret.h': 'tree\n' };
      files[main] = angled ? `#include <${name}>\n` : `#include "${name}"\n`;
      const host: SourceHost = {
        readFile: (p) => {
          asked.push(p);
          // everything outside the tree "exists", so a missing check would read it
          return files[p] ?? (insideRoot(normalizePath(p), '.') ? undefined : 'outside\n');
        },
      };
      try {
        preprocess(main, { host, includeDirs: ['include'], roots: ['.'] });
      } catch (e) {
        expectUserError(e, new Map([[main, files[main] as string]]));
      }
      for (const p of asked) assert.ok(insideRoot(normalizePath(p), '.'), `read '${p}', outside the tree`);
    },
    show: ([name, angled, main]) => `${main}: #include ${angled ? `<${name}>` : `"${name}"`}`,
  },
};

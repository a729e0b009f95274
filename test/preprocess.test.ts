import * as assert from 'node:assert/strict';
import { Language, Parser } from 'web-tree-sitter';
import { SourceLoc, UserError } from '../src/core/diagnostics';
import { lex, normalizePath, preprocess, PreprocessOptions, Preprocessed } from '../src/core/cfront/preprocess';

type Files = Record<string, string>;

function run(files: Files, main = 'main.c', opts: Partial<PreprocessOptions> = {}): Preprocessed {
  return preprocess(main, { host: { readFile: (p) => files[p] }, includeDirs: [], ...opts });
}

/** Output as a token string with single blanks, so expectations do not depend on layout. */
function pp(src: string, extra: Files = {}, opts: Partial<PreprocessOptions> = {}): string {
  return run({ 'main.c': src, ...extra }, 'main.c', opts).text.replace(/\s+/g, ' ').trim();
}

/** Output with all whitespace removed, for comparing with expectations spaced differently. */
function squeeze(src: string): string {
  return pp(src).replace(/\s+/g, '');
}

function throwsUserError(fn: () => unknown, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof UserError, `expected UserError, got ${String(e)}`);
    assert.equal(e.message, message);
    return true;
  });
}

function loc(file: string, line: number, col: number): SourceLoc {
  return { file, line, col };
}

/** Whether `#if expr` takes the true branch. */
function ifTrue(expr: string, defs = ''): boolean {
  return pp(`${defs}\n#if ${expr}\nyes\n#else\nno\n#endif\n`) === 'yes';
}

describe('preprocess: tokenizer', () => {
  it('keeps numbers with suffixes, strings with escapes and char literals as single tokens', () => {
    const toks = lex(`x = 10UL + 0x1fULL + 1.5e+3f + "a\\"b" + '\\'' + L"w" + u8"s";`, 'f.c');
    assert.deepEqual(
      toks.map((t) => `${t.kind}:${t.text}`),
      ['id:x', 'punct:=', 'num:10UL', 'punct:+', 'num:0x1fULL', 'punct:+', 'num:1.5e+3f', 'punct:+', 'str:"a\\"b"',
        'punct:+', "chr:'\\''", 'punct:+', 'str:L"w"', 'punct:+', 'str:u8"s"', 'punct:;'],
    );
  });

  it('treats comments as whitespace and joins continued lines, keeping each token at its raw line and column', () => {
    const toks = lex('a /* x\n y */ b // c \\\n still comment\nlong\\\nname\n\tz', 'f.c');
    assert.deepEqual(toks.map((t) => t.text), ['a', 'b', 'longname', 'z']);
    assert.deepEqual(toks.map((t) => [t.loc.line, t.loc.col]), [[1, 1], [2, 7], [4, 1], [6, 2]]);
    assert.deepEqual(toks.map((t) => t.bol), [true, false, true, true]);
  });

  it('uses maximal munch for punctuators', () => {
    assert.deepEqual(lex('a->b<<=c...d##e', 'f.c').map((t) => t.text), ['a', '->', 'b', '<<=', 'c', '...', 'd', '##', 'e']);
  });

  it('reports an unterminated comment at its start', () => {
    throwsUserError(() => run({ 'main.c': 'int x;\n  /* never closed\n' }), 'main.c:2:3: unterminated comment');
  });

  it('reports an unterminated string only if it reaches the output', () => {
    assert.equal(pp("#if 0\ndon't\n#endif\nok"), 'ok');
    throwsUserError(() => run({ 'main.c': 'char *s = "abc;\n' }), 'main.c:1:11: missing terminating " character');
  });
});

describe('preprocess: macros', () => {
  it('expands object-like macros', () => {
    assert.equal(pp('#define N 10\n#define M (N * 2)\nint a[M];'), 'int a[(10 * 2)];');
  });

  it('expands function-like macros, splitting arguments only at top-level commas', () => {
    assert.equal(pp('#define MAX(a, b) ((a) > (b) ? (a) : (b))\nx = MAX(f(1, 2), y[3]);'), 'x = ((f(1, 2)) > (y[3]) ? (f(1, 2)) : (y[3]));');
  });

  it('leaves a function-like macro name alone when no ( follows', () => {
    assert.equal(pp('#define f(x) [x]\nint (*p)(int) = f; f (1)'), 'int (*p)(int) = f; [1]');
  });

  it('accepts zero-argument and empty-argument invocations', () => {
    assert.equal(pp('#define Z() zero\n#define ONE(x) <x>\nZ() ONE() ONE( )'), 'zero <> <>');
  });

  it('stringifies arguments with # unexpanded, escaping quotes and backslashes and collapsing whitespace', () => {
    assert.equal(pp('#define S(x) #x\n#define N 1\nS(  a   +  N  ) S("q\\n") S(\'"\')'), '"a + N" "\\"q\\\\n\\"" "\'\\"\'"');
  });

  it('stringifies a macro-expanded argument through a second level (xstr idiom)', () => {
    assert.equal(pp('#define str(s) # s\n#define xstr(s) str(s)\n#define foo 4\nstr(foo) xstr(foo)'), '"foo" "4"');
  });

  it('pastes tokens with ## and rescans the result as a macro name', () => {
    assert.equal(pp('#define CAT(a, b) a##b\n#define xy 42\nCAT(x, y) CAT(var, 1) CAT(<, <=) CAT(,z) CAT(z,)'), '42 var1 <<= z z');
  });

  it('pastes in object-like macros and with multi-token arguments', () => {
    assert.equal(pp('#define P a ## b\n#define J(x, y) x ## y\nP J(1 2, 3 4)'), 'ab 1 23 4');
  });

  it('reports a paste that does not form one token at the ## in the macro definition', () => {
    throwsUserError(
      () => run({ 'main.c': '#define J(x, y) x ## y\nJ(+, -)\n' }),
      'main.c:1:19: pasting "+" and "-" does not give a valid preprocessing token',
    );
  });

  it('supports variadic macros: __VA_ARGS__, named GNU variadics, the GNU comma paste and __VA_OPT__', () => {
    const defs =
      '#define dbg(fmt, ...) printk(fmt, ##__VA_ARGS__)\n' +
      '#define all(...) f(__VA_ARGS__)\n' +
      '#define pr(fmt, args...) printk(fmt, args)\n' +
      '#define opt(a, ...) g(a __VA_OPT__(,) __VA_ARGS__)\n';
    assert.equal(pp(defs + 'dbg("x") dbg("x %d %d", 1, 2) all(a, (b, c), d) pr("y", 3) opt(1) opt(1, 2, 3)'),
      'printk("x") printk("x %d %d", 1, 2) f(a, (b, c), d) printk("y", 3) g(1) g(1 , 2, 3)');
  });

  it('fully expands arguments before substitution (nested expansion)', () => {
    assert.equal(pp('#define TWICE(x) (2 * (x))\n#define INC(x) ((x) + 1)\n#define ONE 1\nTWICE(INC(ONE))'), '(2 * (((1) + 1)))');
  });

  it('does not re-expand a macro inside its own expansion (foo → foo+1)', () => {
    assert.equal(pp('#define foo foo+1\nfoo'), 'foo+1');
    assert.equal(pp('#define a b\n#define b a\na b'), 'a b');
    assert.equal(pp('#define f(x) x + f(x)\nf(f(1))'), '1 + f(1) + f(1 + f(1))');
  });

  it('passes the recursion example of C11 6.10.3.5', () => {
    const src = [
      '#define x 3', '#define f(a) f(x * (a))', '#undef x', '#define x 2', '#define g f', '#define z z[0]',
      '#define h g(~', '#define m(a) a(w)', '#define w 0,1', '#define t(a) a', '#define p() int', '#define q(x) x',
      '#define r(x,y) x ## y', '#define str(x) # x',
      'f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);', 'g(x+(3,4)-w) | h 5) & m', '(f)^m(m);',
      'p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };', 'char c[2][6] = { str(hello), str() };',
    ].join('\n');
    const want =
      'f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);' +
      'f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);' +
      'int i[] = { 1, 23, 4, 5, };' +
      'char c[2][6] = { "hello", "" };';
    assert.equal(squeeze(src), want.replace(/\s+/g, ''));
  });

  it('collects arguments that span several lines', () => {
    assert.equal(pp('#define ADD(a, b) ((a) + (b))\nint x = ADD(1,\n    2\n); int y;'), 'int x = ((1) + (2)) ; int y;');
  });

  it('keeps the output lexing as the expansion does (no accidental token pasting)', () => {
    assert.equal(pp('#define NEG -1\n#define E\nx = -NEG; y = -E-z;'), 'x = - -1; y = - -z;');
    assert.equal(pp('#define N 1\n#define ID(x) x\nID(N)UL a ID(+)+'), '1 UL a + +');
  });

  it('removes #undef-ed macros and drops _Pragma', () => {
    assert.equal(pp('#define A 1\nA\n#undef A\nA _Pragma("GCC diagnostic push") B'), '1 A B');
  });

  it('provides __FILE__, __LINE__ (at the outermost invocation) and predefined macros', () => {
    assert.equal(pp('#define L __LINE__\nint a = __LINE__;\nint b = L; const char *f = __FILE__;'), 'int a = 2; int b = 3; const char *f = "main.c";');
    assert.equal(pp('K F(2)', {}, { defines: { K: '7', 'F(x)': '(x * x)' } }), '7 (2 * 2)');
  });

  it('runs directives met while collecting a multi-line invocation\'s arguments', () => {
    assert.equal(pp('#define F(a, b) [a|b]\nF(1,\n#ifdef NOPE\n  2\n#else\n  3\n#endif\n) after'), '[1|3] after');
  });

  it('reports a wrong argument count and an unterminated invocation at the macro name', () => {
    throwsUserError(() => run({ 'main.c': '#define F(a, b) a\nint x = F(1);\n' }), "main.c:2:9: macro 'F' requires 2 arguments, but 1 given");
    throwsUserError(() => run({ 'main.c': '#define F(a) a\n  F(1, 2\n' }), "main.c:2:3: unterminated argument list invoking macro 'F'");
  });
});

describe('preprocess: conditionals', () => {
  it('chooses between #if, #elif and #else', () => {
    const src = (v: number): string => `#define V ${v}\n#if V == 1\none\n#elif V == 2\ntwo\n#elif V == 2\ndup\n#else\nother\n#endif\n`;
    assert.equal(pp(src(1)), 'one');
    assert.equal(pp(src(2)), 'two');
    assert.equal(pp(src(3)), 'other');
  });

  it('does not evaluate directives in skipped groups but counts their nesting', () => {
    const src = [
      '#if 0',
      '#if garbage(',
      '#include "missing.h"',
      '#error not reached',
      '#bogus directive',
      '#else',
      'hidden',
      '#endif',
      '#elif 1',
      'a',
      '#elif 1/0',
      '#else',
      '#error not reached either',
      '#endif',
      '#ifdef NOPE',
      'a',
      '#elif 1',
      'b',
      '#else',
      'c',
      '#endif',
    ].join('\n');
    assert.equal(pp(src), 'a b');
  });

  it('evaluates defined X, defined(X), #ifdef and #ifndef', () => {
    assert.equal(pp('#define A\n#if defined A && defined(A) && !defined B\nok\n#endif\n#ifdef A\nx\n#endif\n#ifndef A\ny\n#endif'), 'ok x');
    assert.ok(ifTrue('D', '#define D defined(A)\n#define A'));
  });

  it('evaluates C operators with intmax_t/uintmax_t semantics', () => {
    const cases: [string, boolean][] = [
      ['1 + 2 * 3 == 7', true],
      ['(1 ? 2 : 3) == 2 && (0 ? 2 : 3) == 3', true],
      ['~0 == -1 && !0 && !!5', true],
      ['(1 << 4) == 16 && (256 >> 4) == 16 && (-16 >> 2) == -4', true],
      ['-1 < 0', true],
      ['-1 < 0u', false],
      ['0xffffffffffffffff == -1', true],
      ['18446744073709551615 > 0', true],
      ['0x1fULL == 31 && 10UL == 10 && 010 == 8 && 0b101 == 5', true],
      ['7 / 2 == 3 && -7 / 2 == -3 && -7 % 2 == -1', true],
      ["'a' == 97 && '\\n' == 10 && '\\377' < 0 && '\\x41' == 65", true],
      ['(3 & 6) == 2 && (3 | 6) == 7 && (3 ^ 6) == 5', true],
      ['1 != 1 || 2 >= 2 && 3 <= 3 && 4 > 3', true],
      ['UNKNOWN == 0 && UNKNOWN + 1 == 1', true],
      ['0 && 1 / 0', false],
      ['1 || 1 / 0', true],
      ['(2, 3) == 3', true],
    ];
    for (const [expr, want] of cases) assert.equal(ifTrue(expr), want, expr);
  });

  it('reports errors in #if expressions at the offending token', () => {
    throwsUserError(() => run({ 'main.c': '#if 1 / 0\n#endif\n' }), 'main.c:1:7: division by zero in #if');
    throwsUserError(() => run({ 'main.c': '#if 1 2\n#endif\n' }), "main.c:1:7: missing binary operator before token '2' in #if");
    throwsUserError(() => run({ 'main.c': '#if\n#endif\n' }), 'main.c:1:2: #if with no expression');
  });

  it('reports an unterminated #if at the #if, and stray #else / #endif', () => {
    throwsUserError(() => run({ 'main.c': 'int a;\n#if 1\n#ifdef X\n#endif\nint b;\n' }), 'main.c:2:1: unterminated #if');
    throwsUserError(() => run({ 'main.c': 'x\n  #endif\n' }), 'main.c:2:3: #endif without #if');
    throwsUserError(() => run({ 'main.c': '#if 1\n#else\n#else\n#endif\n' }), 'main.c:3:1: #else after #else');
  });

  it('raises #error as a UserError and ignores #pragma, #line and the empty directive', () => {
    throwsUserError(() => run({ 'main.c': '#ifndef CONFIG\n# error "CONFIG required"\n#endif\n' }), 'main.c:2:1: #error "CONFIG required"');
    assert.equal(pp('#pragma GCC diagnostic ignored "-Wall"\n#line 100 "x.c"\n#\n# 5 "y.c"\nint x;'), 'int x;');
  });
});

describe('preprocess: includes', () => {
  it('resolves "x" relative to the including file and <x> through includeDirs, normalising paths', () => {
    const files: Files = {
      'src/main.c': '#include "sub/a.h"\n#include <linux/types.h>\nmain_body\n',
      'src/sub/a.h': '#include "./../b.h"\na_body\n',
      'src/b.h': 'b_body\n',
      'kernel/include/linux/types.h': '#include "../asm/x.h"\ntypes_body\n',
      'kernel/include/asm/x.h': 'asm_body\n',
    };
    const r = run(files, 'src/main.c', { includeDirs: ['nowhere', 'kernel/include'] });
    assert.equal(r.text.replace(/\s+/g, ' ').trim(), 'b_body a_body asm_body types_body main_body');
    assert.deepEqual(r.files, ['src/main.c', 'src/sub/a.h', 'src/b.h', 'kernel/include/linux/types.h', 'kernel/include/asm/x.h']);
  });

  it('searches the including file\'s directory before includeDirs for "x", but not for <x>', () => {
    const files: Files = { 'main.c': '#include "h.h"\n#include <h.h>\n', 'h.h': 'local\n', 'inc/h.h': 'system\n' };
    assert.equal(run(files, 'main.c', { includeDirs: ['inc'] }).text.replace(/\s+/g, ' ').trim(), 'local system');
  });

  it('continues the search after the current directory with #include_next', () => {
    const files: Files = { 'main.c': '#include <h.h>\n', 'a/h.h': 'first\n#include_next <h.h>\n', 'b/h.h': 'second\n' };
    assert.equal(run(files, 'main.c', { includeDirs: ['a', 'b'] }).text.replace(/\s+/g, ' ').trim(), 'first second');
  });

  it('expands a macro naming the header (computed include)', () => {
    assert.equal(pp('#define HDR "h.h"\n#include HDR\n', { 'h.h': 'ok\n' }), 'ok');
  });

  it('includes a guarded header once, and a #pragma once header once', () => {
    const files: Files = {
      'main.c': '#include "g.h"\n#include "g.h"\n#include "o.h"\n#include "o.h"\nend\n',
      'g.h': '/* guard */\n#ifndef G_H\n#define G_H\nint g;\n#endif /* G_H */\n',
      'o.h': '#pragma once\nint o;\n',
    };
    const r = run(files);
    assert.equal(r.text.replace(/\s+/g, ' ').trim(), 'int g; int o; end');
    assert.deepEqual(r.files, ['main.c', 'g.h', 'o.h']);
  });

  it('re-reads an unguarded header each time it is included (X-macro style)', () => {
    const files: Files = { 'main.c': '#define X(n) n,\nint a[] = {\n#include "list.h"\n};\n#undef X\n#define X(n) #n,\nconst char *s[] = {\n#include "list.h"\n};\n', 'list.h': 'X(1) X(2)\n' };
    assert.equal(run(files).text.replace(/\s+/g, ' ').trim(), 'int a[] = { 1, 2, }; const char *s[] = { "1", "2", };');
  });

  it('reports a missing include at the #include with file:line:col', () => {
    throwsUserError(() => run({ 'main.c': 'int a;\n\n#include "nope.h"\n' }), "main.c:3:1: cannot find include file 'nope.h'");
    throwsUserError(() => run({ 'main.c': '#include "ok.h"\n', 'ok.h': '  #include <linux/nope.h>\n' }), "ok.h:1:3: cannot find include file 'linux/nope.h'");
  });

  it('stops runaway recursive includes at maxIncludeDepth', () => {
    throwsUserError(() => run({ 'main.c': '#include "self.h"\n', 'self.h': '#include "self.h"\n' }, 'main.c', { maxIncludeDepth: 5 }),
      'self.h:1:1: #include nested depth 6 exceeds maximum of 5');
  });

  it('supports __has_include in #if', () => {
    assert.equal(pp('#if __has_include("h.h") && !__has_include(<nope.h>)\nyes\n#endif\n', { 'h.h': '' }), 'yes');
  });
});

describe('preprocess: includes stay inside their roots (untrusted patches)', () => {
  /** A host that records what it was asked for: a refused path must never be read at all. */
  function recording(files: Files, realPaths: Record<string, string> = {}) {
    const asked: string[] = [];
    const host = {
      readFile: (p: string) => (asked.push(p), files[p]),
      realPath: (p: string) => realPaths[p] ?? (p in files || p === '.' || p === 'include' ? '/tree/' + p : undefined),
    };
    return { host, asked };
  }

  it('refuses a quoted or angled include that climbs out with .., without reading it', () => {
    const { host, asked } = recording({ 'main.c': '#include "../../etc/passwd"\n', '../../etc/passwd': 'root:x:0:0' });
    throwsUserError(() => preprocess('main.c', { host, includeDirs: [] }), "main.c:1:1: refusing to include '../../etc/passwd': it leads out of the source tree (to ../../etc/passwd)");
    assert.deepEqual(asked, ['main.c']);
    const angled = recording({ 'fs/a.c': '\n  #include <../../x.h>\n', '../x.h': '' });
    throwsUserError(() => preprocess('fs/a.c', { host: angled.host, includeDirs: ['include'], roots: ['.'] }), "fs/a.c:2:3: refusing to include '../../x.h': it leads out of the source tree (to ../x.h)");
  });

  it('refuses absolute include paths', () => {
    const { host, asked } = recording({ 'main.c': '#include "/etc/passwd"\n', '/etc/passwd': 'root' });
    throwsUserError(() => preprocess('main.c', { host, includeDirs: [] }), "main.c:1:1: refusing to include '/etc/passwd': '/etc/passwd' is an absolute path");
    throwsUserError(() => run({ 'main.c': '#define H </etc/shadow>\n#include H\n' }), "main.c:2:1: refusing to include '/etc/shadow': '/etc/shadow' is an absolute path");
    assert.deepEqual(asked, ['main.c']);
  });

  it('still allows .. that stays inside the tree (kernel "../internal.h")', () => {
    const files: Files = { 'fs/gfs2/glock.c': '#include "../internal.h"\nx\n', 'fs/internal.h': 'internal\n' };
    assert.equal(run(files, 'fs/gfs2/glock.c', { roots: ['.'] }).text.replace(/\s+/g, ' ').trim(), 'internal x');
  });

  it('refuses an include inside the tree by name that a symlink leads out of', () => {
    const { host } = recording({ 'main.c': '#include <evil.h>\n', 'include/evil.h': 'secret' }, { 'include/evil.h': '/etc/passwd' });
    throwsUserError(() => preprocess('main.c', { host, includeDirs: ['include'] }), "main.c:1:1: refusing to include 'evil.h': 'include/evil.h' is a symlink to /etc/passwd, outside the source tree");
  });

  it('answers __has_include of a path outside the roots with 0', () => {
    assert.equal(pp('#if __has_include("../x.h") || __has_include("/etc/passwd")\nyes\n#else\nno\n#endif\n', { '../x.h': '' }), 'no');
  });
});

describe('preprocess: locations', () => {
  it('maps tokens after a multi-line macro invocation to their exact line and column', () => {
    const src = '#define ADD(a, b) ((a) + (b))\nint x = ADD(1,\n\t\t2\n   ); int y;\n';
    const r = run({ 'main.c': src });
    const at = (needle: string): SourceLoc => r.locate(r.text.indexOf(needle));
    assert.deepEqual(at('int x'), loc('main.c', 2, 1));
    assert.deepEqual(at('((1)'), loc('main.c', 2, 9));
    assert.deepEqual(at('(2)'), loc('main.c', 2, 9));
    assert.deepEqual(at('; int y'), loc('main.c', 4, 5));
    assert.deepEqual(at('y;'), loc('main.c', 4, 11));
    assert.deepEqual(r.locate(r.text.indexOf('int y') + 2), loc('main.c', 4, 9));
  });

  it('maps tokens inside an included file to that file', () => {
    const files: Files = {
      'main.c': '#include "dir/h.h"\nint after;\n',
      'dir/h.h': '// header\n\n  struct s {\n\tint field;\n  };\n',
    };
    const r = run(files);
    const at = (needle: string): SourceLoc => r.locate(r.text.indexOf(needle));
    assert.deepEqual(at('struct'), loc('dir/h.h', 3, 3));
    assert.deepEqual(at('field'), loc('dir/h.h', 4, 6));
    assert.deepEqual(at('after'), loc('main.c', 2, 5));
  });

  it('maps text of nested expansions to the outermost invocation, and whitespace to the following token', () => {
    const r = run({ 'main.c': '#define IN(x) (x + 1)\n#define OUT(x) IN(x) * 2\n  v = OUT(3);\n' });
    const at = (needle: string): SourceLoc => r.locate(r.text.indexOf(needle));
    assert.deepEqual(at('(3 + 1)'), loc('main.c', 3, 7));
    assert.deepEqual(at('* 2'), loc('main.c', 3, 7));
    assert.deepEqual(at(';'), loc('main.c', 3, 13));
    assert.deepEqual(r.locate(r.text.indexOf('v') - 1), loc('main.c', 3, 3));
  });

  it('counts continued lines when locating tokens after them', () => {
    const r = run({ 'main.c': '#define LONG 1 + \\\n  2\nint a = LONG; int \\\nb;\n' });
    assert.deepEqual(r.locate(r.text.indexOf('b;')), loc('main.c', 4, 1));
    assert.deepEqual(r.locate(r.text.indexOf('1 +')), loc('main.c', 3, 9));
  });

  it('starts a new output line when the source line changes', () => {
    const r = run({ 'main.c': 'int a;\n\nint b; int c;\n' });
    assert.deepEqual(r.text.split('\n').filter((l) => l.trim()), ['int a;', 'int b; int c;']);
  });
});

describe('preprocess: kernel-style headers', () => {
  let parser: Parser;
  before(async () => {
    await Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
    const lang = await Language.load(require.resolve('tree-sitter-c/tree-sitter-c.wasm'));
    parser = new Parser();
    parser.setLanguage(lang);
  });

  it('strips __user and likely() from a prototype so the output parses as plain C', () => {
    const files: Files = {
      'include/linux/compiler.h': [
        '#ifndef _LINUX_COMPILER_H',
        '#define _LINUX_COMPILER_H',
        '#ifdef __CHECKER__',
        '# define __user __attribute__((noderef, address_space(1)))',
        '#else',
        '# define __user',
        '#endif',
        '#define likely(x) (x)',
        '#define unlikely(x) (x)',
        '#define pr_debug(fmt, ...) printk(fmt, ##__VA_ARGS__)',
        '#endif',
      ].join('\n'),
      'fs/read.c': [
        '#include <linux/compiler.h>',
        '#include <linux/compiler.h>',
        'long printk(const char *fmt, ...);',
        'long f(const char __user *buf, unsigned long len)',
        '{',
        '\tif (unlikely(!buf) || likely(len == 0))',
        '\t\treturn -14;',
        '\tpr_debug("read %lu\\n", len);',
        '\tpr_debug("done\\n");',
        '\treturn 0;',
        '}',
      ].join('\n'),
    };
    const r = run(files, 'fs/read.c', { includeDirs: ['include'], defines: { __KERNEL__: '1' } });
    assert.match(r.text, /long f\(const char \*buf, unsigned long len\)/);
    assert.match(r.text, /if \(\(!buf\) \|\| \(len == 0\)\)/);
    assert.match(r.text, /printk\("done\\n"\);/);
    const tree = parser.parse(r.text);
    assert.ok(tree, 'tree-sitter returned no tree');
    assert.equal(tree.rootNode.hasError, false, r.text);
    const fn = tree.rootNode.namedChildren.find((n) => n?.type === 'function_definition');
    assert.ok(fn);
    assert.deepEqual(r.locate(fn.startIndex), loc('fs/read.c', 4, 1));
  });
});

describe('preprocess: paths and performance', () => {
  it('normalises ./ and a/../ segments', () => {
    assert.equal(normalizePath('a/./b/../c.h'), 'a/c.h');
    assert.equal(normalizePath('/x/../../y'), '/y');
    assert.equal(normalizePath('../up/./h.h'), '../up/h.h');
  });

  it('preprocesses a 3000-line kernel-style file with includes in well under 50 ms', () => {
    const files: Files = {
      'inc/linux/compiler.h': [
        '#ifndef _LINUX_COMPILER_H',
        '#define _LINUX_COMPILER_H',
        '#define __user',
        '#define likely(x) __builtin_expect(!!(x), 1)',
        '#define unlikely(x) __builtin_expect(!!(x), 0)',
        '#define READ_ONCE(x) (*(const volatile typeof(x) *)&(x))',
        '#define WRITE_ONCE(x, val) do { *(volatile typeof(x) *)&(x) = (val); } while (0)',
        '#define container_of(ptr, type, member) ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))',
        '#endif',
      ].join('\n'),
      'inc/linux/list.h': [
        '#ifndef _LINUX_LIST_H',
        '#define _LINUX_LIST_H',
        '#include <linux/compiler.h>',
        'struct list_head { struct list_head *next, *prev; };',
        '#define list_entry(ptr, type, member) container_of(ptr, type, member)',
        '#define list_for_each_entry(pos, head, member) \\',
        '\tfor (pos = list_entry((head)->next, typeof(*pos), member); \\',
        '\t     &pos->member != (head); \\',
        '\t     pos = list_entry(pos->member.next, typeof(*pos), member))',
        '#endif',
      ].join('\n'),
    };
    const lines: string[] = [];
    for (let k = 0; k < 10; k++) {
      files[`inc/linux/h${k}.h`] =
        `#ifndef H${k}\n#define H${k}\n#include <linux/list.h>\n/* header ${k} */\n` +
        `struct s${k} {\n\tint a;\n\tlong b;\n\tstruct list_head list;\n};\n#define S${k}_MAX ${k * 10}\n` +
        `int f${k}(struct s${k} *s, const char __user *buf);\n#endif\n`;
      lines.push(`#include <linux/h${k}.h>`);
    }
    for (let n = 0; lines.length < 3000; n++) {
      const s = `s${n % 10}`;
      lines.push('', '/*', ` * fn${n} - does thing ${n}`, ' */', `static int fn${n}(struct ${s} *s, struct list_head *head)`, '{',
        `\tstruct ${s} *pos;`, '\tint ret = 0;', '', '\tif (unlikely(!s))', '\t\treturn -22;',
        '\tlist_for_each_entry(pos, head, list) {', `\t\tif (READ_ONCE(pos->a) > S${n % 10}_MAX)`, '\t\t\tret++;', '\t}',
        '\tWRITE_ONCE(s->b, ret);', '\treturn ret;', '}');
    }
    files['main.c'] = lines.join('\n');
    const opts = { includeDirs: ['inc'] };
    const first = run(files, 'main.c', opts); // also warms up the JIT
    assert.equal(first.files.length, 13);
    assert.match(first.text, /for \(pos = \(\(typeof\(\*pos\) \*\)/);
    // CPU time, best of several: other processes on a loaded CI machine inflate wall-clock time, not this.
    const times: number[] = [];
    for (let k = 0; k < 7; k++) {
      const c0 = process.cpuUsage();
      run(files, 'main.c', opts);
      const c = process.cpuUsage(c0);
      times.push((c.user + c.system) / 1000);
    }
    const best = Math.min(...times);
    assert.ok(best < 50, `best ${best.toFixed(1)} ms of CPU`);
  });
});

import { SourceLoc, UserError } from '../diagnostics';

/** Where source files come from. Paths are '/'-separated strings; the host alone decides what exists. */
export interface SourceHost {
  readFile(path: string): string | undefined;
  /**
   * The path with every symlink resolved, or undefined when it does not exist. Only hosts that read a real file
   * system need it: a file inside a root by name may still lead out of it through a symlink.
   */
  realPath?(path: string): string | undefined;
}

export interface PreprocessOptions {
  host: SourceHost;
  /** Searched in order for <x.h>, and after the including file's own directory for "x.h". */
  includeDirs: string[];
  /** Predefined macros. A key such as `F(x)` defines a function-like macro. */
  defines?: Record<string, string>;
  /** Default 64; a deeper #include is a UserError at that #include. */
  maxIncludeDepth?: number;
  /**
   * The folders an #include may read from ('.' for the whole of a host's relative paths). An include that
   * resolves elsewhere, by `..`, by an absolute name or through a symlink, is a UserError at the #include: the
   * sources come from patches, and a patch must not read the user's files. Default: the main file's folder and
   * includeDirs.
   */
  roots?: string[];
}

export interface Preprocessed {
  /** The expanded translation unit, plain C without directives. */
  text: string;
  /** Offset into `text` → original location; text produced by a macro maps to the outermost invocation's name. */
  locate(offset: number): SourceLoc;
  /** Every file read, in order, each once (main first). */
  files: string[];
}

export function preprocess(mainFile: string, opts: PreprocessOptions): Preprocessed {
  return new Preprocessor(opts).run(mainFile);
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

/** 'hdr' is a <header-name>, lexed only right after #include; 'pm' is the standard's placemarker, never output. */
export type TokKind = 'id' | 'num' | 'str' | 'chr' | 'punct' | 'other' | 'hdr' | 'pm';

/**
 * A preprocessing token. A class rather than object literals so every token has one shape (the hot loops stay
 * monomorphic) and the location is stored inline instead of as a separate object per token.
 */
export class Tok {
  constructor(
    readonly kind: TokKind,
    readonly text: string,
    /** Where the token's first character is in its file. */
    readonly file: string,
    readonly line: number,
    readonly col: number,
    /** Whitespace or a comment came before it. */
    readonly space: boolean,
    /** First token of a logical line (only file tokens; a '#' with this set starts a directive). */
    readonly bol: boolean,
    /** Line continuations inside the token, so columns within it are not col + offset. */
    readonly spliced: boolean,
    /** Macros that must not expand this token again (the "painted blue" rule). */
    readonly hide: ReadonlySet<string> | undefined,
    /** Name of the outermost macro invocation this token came out of. */
    readonly origin: SourceLoc | undefined,
    /** A lexing problem (unterminated literal) reported only if the token is used: skipped groups may hold any text. */
    readonly bad: string | undefined,
  ) {}

  get loc(): SourceLoc {
    return { file: this.file, line: this.line, col: this.col };
  }

  /** Same place and provenance, different spelling. */
  as(kind: TokKind, text: string): Tok {
    return new Tok(kind, text, this.file, this.line, this.col, this.space, false, false, this.hide, this.origin, undefined);
  }

  spaced(space: boolean): Tok {
    if (space === this.space) return this;
    return new Tok(this.kind, this.text, this.file, this.line, this.col, space, false, this.spliced, this.hide, this.origin, this.bad);
  }

  /** This token as part of a macro expansion. */
  expanded(space: boolean, hide: ReadonlySet<string>, origin: SourceLoc): Tok {
    return new Tok(this.kind, this.text, this.file, this.line, this.col, space, false, this.spliced, hide, origin, this.bad);
  }
}

const PUNCT3 = new Set(['...', '<<=', '>>=']);
const PUNCT2 = new Set([
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||',
  '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '##',
]);

/** Length of the punctuator at s[i] (whose code is c), maximal munch; 0 if none starts there. */
function punctLength(s: string, i: number, c: number): number {
  const d = s.charCodeAt(i + 1);
  switch (c) {
    case 46: // .
      return d === 46 && s.charCodeAt(i + 2) === 46 ? 3 : 1;
    case 60: // <
    case 62: // >
      if (d === c) return s.charCodeAt(i + 2) === 61 ? 3 : 2;
      return d === 61 ? 2 : 1;
    case 45: // -
      return d === 45 || d === 61 || d === 62 ? 2 : 1;
    case 43: // +
    case 38: // &
    case 124: // |
      return d === c || d === 61 ? 2 : 1;
    case 42: // *
    case 47: // /
    case 37: // %
    case 94: // ^
    case 61: // =
    case 33: // !
      return d === 61 ? 2 : 1;
    case 35: // #
      return d === 35 ? 2 : 1;
    case 91: case 93: case 40: case 41: case 123: case 125: case 126: case 63: case 58: case 59: case 44:
      return 1;
  }
  return 0;
}

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isIdChar(c: number): boolean {
  return isIdStart(c) || isDigit(c);
}

/**
 * Tokenizes one file on demand. Line continuations are removed first (translation phase 2) but every token keeps
 * the line/column of its first character in the raw text, which is what errors and the debugger must show.
 * Tokens are produced lazily so that, for a large file, they die young after being written out instead of all
 * being kept alive at once (which is what made an eager token array slow: the GC copied it again and again).
 */
export class Lexer {
  private readonly s: string;
  private readonly n: number;
  private readonly splPos: number[] = []; // clean offsets where a continuation was removed
  private readonly splCum: number[] = []; // raw characters removed up to and including that continuation
  private readonly lineStarts: number[] = [0];
  private i = 0;
  private space = false;
  private bol = true;
  // 0: nothing; 1: saw a line-initial '#'; 2: saw '# include', so '<' starts a header name.
  private hdrState = 0;
  // Token starts only move forward, so both position lookups are monotone cursors rather than searches.
  private sp = 0;
  private ln = 0;
  private lookahead: Tok | undefined;

  constructor(
    raw: string,
    private readonly file: string,
  ) {
    let s = raw;
    if (raw.includes('\\')) {
      const parts: string[] = [];
      let last = 0;
      let removed = 0;
      let cleanLen = 0;
      let j = raw.indexOf('\\');
      while (j >= 0) {
        // GCC accepts (with a warning) blanks between the backslash and the newline; so do we.
        let k = j + 1;
        while (raw[k] === ' ' || raw[k] === '\t') k++;
        if (raw[k] === '\r') k++;
        if (raw[k] === '\n') {
          parts.push(raw.slice(last, j));
          cleanLen += j - last;
          removed += k + 1 - j;
          last = k + 1;
          this.splPos.push(cleanLen);
          this.splCum.push(removed);
          j = raw.indexOf('\\', last);
        } else {
          j = raw.indexOf('\\', j + 1);
        }
      }
      if (this.splPos.length > 0) {
        parts.push(raw.slice(last));
        s = parts.join('');
      }
    }
    this.s = s;
    this.n = s.length;
    for (let p = raw.indexOf('\n'); p >= 0; p = raw.indexOf('\n', p + 1)) this.lineStarts.push(p + 1);
  }

  peek(): Tok | undefined {
    return (this.lookahead ??= this.scan());
  }

  next(): Tok | undefined {
    const t = this.lookahead ?? this.scan();
    this.lookahead = undefined;
    return t;
  }

  /** Sets `ln` to the line of clean offset c and returns its column. */
  private colAt(c: number): number {
    const { splPos, lineStarts } = this;
    while (this.sp < splPos.length && splPos[this.sp]! <= c) this.sp++;
    const r = c + (this.sp > 0 ? this.splCum[this.sp - 1]! : 0);
    while (this.ln + 1 < lineStarts.length && lineStarts[this.ln + 1]! <= r) this.ln++;
    return r - lineStarts[this.ln]! + 1;
  }

  private make(kind: TokKind, start: number, end: number, bad?: string): Tok {
    const col = this.colAt(start);
    const spliced = this.sp < this.splPos.length && this.splPos[this.sp]! < end;
    const text = this.s.slice(start, end);
    const t = new Tok(kind, text, this.file, this.ln + 1, col, this.space, this.bol, spliced, undefined, undefined, bad);
    if (this.bol && kind === 'punct' && text === '#') this.hdrState = 1;
    else if (this.hdrState === 1 && kind === 'id' && (text === 'include' || text === 'include_next' || text === 'import')) this.hdrState = 2;
    else this.hdrState = 0;
    this.space = false;
    this.bol = false;
    this.i = end;
    return t;
  }

  private literal(start: number, quoteAt: number): Tok {
    const { s, n } = this;
    const q = s.charCodeAt(quoteAt);
    let j = quoteAt + 1;
    while (j < n) {
      const ch = s.charCodeAt(j);
      if (ch === 92 /* \ */) {
        j += s.charCodeAt(j + 1) === 10 ? 1 : 2;
        continue;
      }
      if (ch === 10) break;
      j++;
      if (ch === q) return this.make(q === 34 ? 'str' : 'chr', start, j);
    }
    return this.make('other', start, Math.min(j, n), `missing terminating ${q === 34 ? '"' : "'"} character`);
  }

  private scan(): Tok | undefined {
    const { s, n } = this;
    let i = this.i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 10) {
        this.bol = true;
        this.space = true;
        i++;
        continue;
      }
      if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 0xfeff) {
        this.space = true;
        i++;
        continue;
      }
      if (c === 47 /* / */) {
        const d = s.charCodeAt(i + 1);
        if (d === 47) {
          const e = s.indexOf('\n', i);
          i = e < 0 ? n : e;
          this.space = true;
          continue;
        }
        if (d === 42) {
          const e = s.indexOf('*/', i + 2);
          if (e < 0) {
            const col = this.colAt(i);
            throw new UserError({ file: this.file, line: this.ln + 1, col }, 'unterminated comment');
          }
          i = e + 2;
          this.space = true;
          continue;
        }
      }
      const start = i;
      if (isIdStart(c)) {
        i++;
        while (i < n && isIdChar(s.charCodeAt(i))) i++;
        const q = s.charCodeAt(i);
        if ((q === 34 || q === 39) && i - start <= 2) {
          const w = s.slice(start, i);
          if (w === 'L' || w === 'u' || w === 'U' || w === 'u8') return this.literal(start, i);
        }
        return this.make('id', start, i);
      }
      if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(i + 1)))) {
        i++;
        for (;;) {
          const d = s.charCodeAt(i);
          if (isIdChar(d) || d === 46) i++;
          else if ((d === 43 || d === 45) && (s.charCodeAt(i - 1) | 32) === 101 /* e */) i++;
          else if ((d === 43 || d === 45) && (s.charCodeAt(i - 1) | 32) === 112 /* p */) i++;
          else break;
        }
        return this.make('num', start, i);
      }
      if (c === 34 || c === 39) return this.literal(start, i);
      if (c === 60 /* < */ && this.hdrState === 2) {
        const gt = s.indexOf('>', i + 1);
        const nl = s.indexOf('\n', i + 1);
        if (gt >= 0 && (nl < 0 || gt < nl)) return this.make('hdr', start, gt + 1);
      }
      const pl = punctLength(s, i, c);
      if (pl > 0) return this.make('punct', start, i + pl);
      // Keep a surrogate pair together so the output never holds half a character.
      return this.make('other', start, i + (c >= 0xd800 && c < 0xdc00 && i + 1 < n ? 2 : 1));
    }
    this.i = i;
    return undefined;
  }
}

/** All tokens of a text at once (macro pasting, predefined macros, tests). */
export function lex(raw: string, file: string): Tok[] {
  const lx = new Lexer(raw, file);
  const out: Tok[] = [];
  for (let t = lx.next(); t; t = lx.next()) out.push(t);
  return out;
}

/**
 * Whether two tokens written without a blank between them would lex differently (`-` `-` → `--`,
 * `x` `1` → `x1`). Tokens adjacent in the source never need this; tokens meeting at a macro boundary may.
 */
function needsSpace(prev: Tok, next: Tok): boolean {
  const a = prev.text;
  const b = next.text;
  const la = a.charCodeAt(a.length - 1);
  const fb = b.charCodeAt(0);
  if (isIdChar(la) && isIdChar(fb)) return true;
  if (prev.kind === 'num') {
    if (fb === 46) return true;
    if ((fb === 43 || fb === 45) && /[eEpP]$/.test(a)) return true;
  }
  if (prev.kind === 'id' && (next.kind === 'str' || next.kind === 'chr')) return true;
  if (la === 46 && (isDigit(fb) || fb === 46)) return true;
  if (prev.kind === 'punct' && next.kind === 'punct') {
    if (PUNCT2.has(a + b[0]) || PUNCT3.has(a + b[0]) || PUNCT3.has(a + b.slice(0, 2))) return true;
    if (la === 47 && (fb === 47 || fb === 42)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Paths

export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (seg === '..' && abs) continue;
    else out.push(seg);
  }
  const joined = out.join('/');
  return abs ? '/' + joined : joined === '' ? '.' : joined;
}

function dirOf(p: string): string {
  const k = p.lastIndexOf('/');
  return k < 0 ? '' : k === 0 ? '/' : p.slice(0, k);
}

/** Whether a normalised path lies inside a normalised root ('.' holds every relative path that does not climb). */
export function insideRoot(path: string, root: string): boolean {
  if (root === '.') return !path.startsWith('/') && path !== '..' && !path.startsWith('../');
  if (root === '/') return path.startsWith('/');
  return path === root || path.startsWith(root + '/');
}

function joinPath(dir: string, name: string): string {
  if (name.startsWith('/') || dir === '' || dir === '.') return normalizePath(name);
  return normalizePath(dir.endsWith('/') ? dir + name : dir + '/' + name);
}

// ---------------------------------------------------------------------------------------------------------------
// Macro expansion machinery

interface Macro {
  readonly name: string;
  /** undefined for object-like macros. A variadic macro's last parameter is its variadic one. */
  readonly params: readonly string[] | undefined;
  readonly paramIndex: ReadonlyMap<string, number>;
  readonly variadic: boolean;
  readonly body: readonly Tok[];
  /** For each body token, the parameter it names, or -1. */
  readonly bodyParam: readonly number[];
  /** No #, ## or __VA_OPT__ in the body: substitution is plain replacement. */
  readonly simple: boolean;
}

interface Cond {
  readonly loc: SourceLoc;
  readonly directive: string;
  readonly parentActive: boolean;
  active: boolean;
  taken: boolean;
  sawElse: boolean;
}

/**
 * Include-guard detection as it happens: 'start' until the first token; 'open' while inside a file-initial
 * `#ifndef X`; 'closed' after its #endif; 'none' once anything else shows up.
 */
type GuardState = 'start' | 'open' | 'closed' | 'none';

class Frame {
  readonly conds: Cond[] = [];
  active = true;
  guardState: GuardState = 'start';
  guardName = '';
  constructor(
    readonly path: string,
    readonly lexer: Lexer,
    /** Index in includeDirs where this file was found (-1 otherwise), where #include_next resumes. */
    readonly dirIndex: number,
  ) {}
}

/** Token source with push-back: expansions are pushed in front of the input and rescanned from there. */
class Stream {
  private readonly pending: Tok[] = [];
  constructor(private readonly source: () => Tok | undefined) {}
  next(): Tok | undefined {
    return this.pending.pop() ?? this.source();
  }
  unget(t: Tok): void {
    this.pending.push(t);
  }
  pushFront(toks: readonly Tok[]): void {
    for (let i = toks.length - 1; i >= 0; i--) this.pending.push(toks[i]!);
  }
}

function arraySource(toks: readonly Tok[]): () => Tok | undefined {
  let i = 0;
  return () => toks[i++];
}

function isPunct(t: Tok | undefined, text: string): boolean {
  return t !== undefined && t.kind === 'punct' && t.text === text;
}

/**
 * Hide sets are interned, so the common chain "no hide set + this macro's name" allocates one set per macro for
 * the whole run instead of one per expansion.
 */
class HideSets {
  private readonly root = new Map<string, ReadonlySet<string>>();
  private readonly derived = new WeakMap<ReadonlySet<string>, Map<string, ReadonlySet<string>>>();
  private readonly unions = new WeakMap<ReadonlySet<string>, WeakMap<ReadonlySet<string>, ReadonlySet<string>>>();

  union(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): ReadonlySet<string> {
    if (!a || a === b) return b;
    let m = this.unions.get(a);
    if (!m) {
      m = new WeakMap();
      this.unions.set(a, m);
    }
    let s = m.get(b);
    if (!s) {
      s = union(a, b);
      m.set(b, s);
    }
    return s;
  }

  with(base: ReadonlySet<string> | undefined, name: string): ReadonlySet<string> {
    if (base?.has(name)) return base;
    let m = base ? this.derived.get(base) : this.root;
    if (!m) {
      m = new Map();
      this.derived.set(base!, m);
    }
    let s = m.get(name);
    if (!s) {
      const n = new Set(base);
      n.add(name);
      m.set(name, n);
      s = n;
    }
    return s;
  }
}

function intersect(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  if (!a || !b) return undefined;
  if (a === b) return a;
  const s = new Set<string>();
  for (const x of a) if (b.has(x)) s.add(x);
  return s.size > 0 ? s : undefined;
}

function union(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): ReadonlySet<string> {
  if (!a || a === b) return b;
  let subset = true;
  for (const x of a) if (!b.has(x)) subset = false;
  if (subset) return b;
  const s = new Set(a);
  for (const x of b) s.add(x);
  return s;
}

function cString(text: string): string {
  return '"' + text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n') + '"';
}

/** Spells tokens back as text, one blank wherever the source had whitespace. */
function spell(toks: readonly Tok[]): string {
  let s = '';
  toks.forEach((t, i) => {
    if (i > 0 && t.space) s += ' ';
    s += t.text;
  });
  return s;
}

const BUILTINS = new Set(['__FILE__', '__LINE__', '__COUNTER__', '_Pragma']);

// ---------------------------------------------------------------------------------------------------------------
// Output with its location table

class Output {
  /** UTF-16 code units of the text so far: copying characters beats keeping ~10^5 small strings alive until a join. */
  private buf = new Uint16Array(1 << 16);
  private len = 0;
  private n = 0;
  /** Entry k covers [starts[k], starts[k+1]): the whitespace before token k and token k itself. */
  private starts = new Int32Array(1024);
  private tokStarts = new Int32Array(1024);
  private tokLens = new Int32Array(1024);
  private lines = new Int32Array(1024);
  private cols = new Int32Array(1024);
  /** Index into `fileNames`; negative when the column is not exact within the token (macro text, continuations). */
  private fileIdx = new Int32Array(1024);
  private readonly fileNames: string[] = [];
  private readonly fileIds = new Map<string, number>();
  private prev: Tok | undefined;
  private prevFile = '';
  private prevLine = 0;
  private prevFileId = -1;

  emit(t: Tok): void {
    if (t.bad !== undefined) throw new UserError(t.loc, t.bad);
    const o = t.origin;
    const file = o ? o.file : t.file;
    const line = o ? o.line : t.line;
    const col = o ? o.col : t.col;
    // Separator: a newline plus indentation when the source line changes, else one blank if needed.
    let nl = false;
    let blanks = 0;
    if (this.prev) {
      if (line !== this.prevLine || file !== this.prevFile) {
        nl = true;
        blanks = Math.min(col - 1, 64);
      } else if (t.space || needsSpace(this.prev, t)) blanks = 1;
    }
    const text = t.text;
    const sepLen = (nl ? 1 : 0) + blanks;
    if (this.len + sepLen + text.length + 1 > this.buf.length) {
      const b = new Uint16Array(Math.max(this.buf.length * 2, this.len + sepLen + text.length + 1));
      b.set(this.buf.subarray(0, this.len));
      this.buf = b;
    }
    const k = this.n++;
    if (k === this.starts.length) this.grow();
    let id = this.prevFileId;
    if (file !== this.prevFile) {
      id = this.fileIds.get(file) ?? -1;
      if (id < 0) {
        id = this.fileNames.length;
        this.fileNames.push(file);
        this.fileIds.set(file, id);
      }
      this.prevFileId = id;
    }
    const start = this.len;
    this.starts[k] = start;
    this.tokStarts[k] = start + sepLen;
    this.tokLens[k] = text.length;
    this.lines[k] = line;
    this.cols[k] = col;
    this.fileIdx[k] = o || t.spliced ? -1 - id : id;
    const buf = this.buf;
    let p = start;
    if (nl) buf[p++] = 10;
    for (let b = 0; b < blanks; b++) buf[p++] = 32;
    for (let c = 0; c < text.length; c++) buf[p++] = text.charCodeAt(c);
    this.len = p;
    this.prev = t;
    this.prevFile = file;
    this.prevLine = line;
  }

  private grow(): void {
    const g = (a: Int32Array): Int32Array => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.starts = g(this.starts);
    this.tokStarts = g(this.tokStarts);
    this.tokLens = g(this.tokLens);
    this.lines = g(this.lines);
    this.cols = g(this.cols);
    this.fileIdx = g(this.fileIdx);
  }

  finish(mainFile: string): { text: string; locate(offset: number): SourceLoc } {
    if (this.n > 0) this.buf[this.len++] = 10;
    const text = new TextDecoder('utf-16le').decode(this.buf.subarray(0, this.len));
    const { n, starts, tokStarts, tokLens, lines, cols, fileIdx, fileNames } = this;
    const locate = (offset: number): SourceLoc => {
      if (n === 0) return { file: mainFile, line: 1, col: 1 };
      // Largest k with starts[k] <= offset (offsets before the first token map to it).
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      const f = fileIdx[lo]!;
      const exact = f >= 0;
      const file = fileNames[exact ? f : -1 - f]!;
      const into = offset - tokStarts[lo]!;
      const col = cols[lo]! + (exact && into > 0 ? Math.min(into, tokLens[lo]!) : 0);
      return { file, line: lines[lo]!, col };
    };
    return { text, locate };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The preprocessor

class Preprocessor {
  private readonly host: SourceHost;
  private readonly includeDirs: readonly string[];
  private readonly maxDepth: number;
  private readonly macros = new Map<string, Macro>();
  private readonly frames: Frame[] = [];
  private readonly once = new Set<string>();
  private readonly texts = new Map<string, string | undefined>();
  /** Guard macro of each file seen to be wholly `#ifndef X ... #endif`: once X is defined, re-including is a no-op. */
  private readonly guards = new Map<string, string>();
  private readonly seen = new Set<string>();
  private readonly files: string[] = [];
  private counter = 0;
  private readonly hideSets = new HideSets();
  /** Expanding an #if line, where `defined` and `__has_include` are operators. */
  private inIf = false;

  /** Normalised roots, and each one's real path when the host has symlinks (filled on first use). */
  private roots: string[] = [];
  private realRoots: string[] | undefined;

  constructor(private readonly opts: PreprocessOptions) {
    this.host = opts.host;
    this.includeDirs = opts.includeDirs;
    this.maxDepth = opts.maxIncludeDepth ?? 64;
  }

  run(mainFile: string): Preprocessed {
    for (const [key, value] of Object.entries(this.opts.defines ?? {})) {
      const toks = lex(`${key} ${value}`, '<command-line>');
      const first = toks[0];
      if (!first) throw new UserError(undefined, `empty macro name in predefined macros`);
      this.define(toks, first);
    }
    this.roots = (this.opts.roots ?? [dirOf(mainFile), ...this.includeDirs]).map((r) => normalizePath(r === '' ? '.' : r));
    const main = this.open(mainFile, -1);
    if (!main) throw new UserError(undefined, `cannot find file '${mainFile}'`);
    this.frames.push(main);
    const out = new Output();
    const stream = new Stream(() => this.nextFileToken());
    this.expand(stream, (t) => out.emit(t));
    const { text, locate } = out.finish(mainFile);
    return { text, locate, files: this.files };
  }

  // --- files -----------------------------------------------------------------------------------------------------

  private read(path: string): string | undefined {
    if (!this.texts.has(path)) this.texts.set(path, this.host.readFile(path));
    return this.texts.get(path);
  }

  private open(path: string, dirIndex: number): Frame | undefined {
    const text = this.read(path);
    if (text === undefined) return undefined;
    if (!this.seen.has(path)) {
      this.seen.add(path);
      this.files.push(path);
    }
    return new Frame(path, new Lexer(text, path), dirIndex);
  }

  /** The file-level token source: runs directives and drops skipped groups, so callers see only live tokens. */
  private nextFileToken(): Tok | undefined {
    for (;;) {
      const f = this.frames[this.frames.length - 1];
      if (!f) return undefined;
      const t = f.lexer.next();
      if (!t) {
        const open = f.conds[f.conds.length - 1];
        if (open) throw new UserError(open.loc, `unterminated #${open.directive}`);
        if (f.guardState === 'closed') this.guards.set(f.path, f.guardName);
        this.frames.pop();
        continue;
      }
      const gs = f.guardState;
      if (gs === 'start' || gs === 'closed') f.guardState = 'none';
      if (t.bol && t.kind === 'punct' && t.text === '#') {
        this.directive(f, t, gs === 'start');
        continue;
      }
      if (f.active) return t;
    }
  }

  /**
   * Where an #include leads: a file found inside the roots, or why every candidate that exists was refused
   * (`escaped`), or nothing. Candidates outside the roots are never read, so no byte of them reaches a message.
   */
  private resolveInclude(name: string, angled: boolean, from: Frame, next: boolean): { path: string; dirIndex: number } | { escaped: string } | undefined {
    if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name)) return { escaped: `'${name}' is an absolute path` };
    const candidates: [string, number][] = [];
    if (!angled && !next) candidates.push([joinPath(dirOf(from.path), name), -1]);
    const start = next && from.dirIndex >= 0 ? from.dirIndex + 1 : 0;
    for (let d = start; d < this.includeDirs.length; d++) candidates.push([joinPath(this.includeDirs[d]!, name), d]);
    let escaped: string | undefined;
    for (const [p, dirIndex] of candidates) {
      const why = this.outside(p);
      if (why === undefined) {
        if (this.read(p) !== undefined) return { path: p, dirIndex };
      } else if (why !== 'missing') escaped ??= why;
    }
    return escaped === undefined ? undefined : { escaped };
  }

  /** Why a candidate path may not be read, 'missing' when it does not exist, undefined when it is fine. */
  private outside(p: string): string | undefined {
    if (!this.roots.some((r) => insideRoot(p, r))) return `it leads out of the source tree (to ${p})`;
    const realPath = this.host.realPath?.bind(this.host);
    if (!realPath) return undefined;
    const real = realPath(p);
    if (real === undefined) return 'missing';
    this.realRoots ??= this.roots.map((r) => realPath(r) ?? r);
    if (!this.realRoots.some((r) => insideRoot(real, r))) return `'${p}' is a symlink to ${real}, outside the source tree`;
    return undefined;
  }

  /** Reads the operand of #include / __has_include: a header name, a string, or macros expanding to either. */
  private headerName(toks: readonly Tok[], at: SourceLoc, what: string): { name: string; angled: boolean } {
    const first = toks[0];
    if (first?.kind === 'hdr') return { name: first.text.slice(1, -1), angled: true };
    if (first?.kind === 'str' && first.text.startsWith('"')) return { name: first.text.slice(1, -1), angled: false };
    const expanded: Tok[] = [];
    this.expand(new Stream(arraySource(toks)), (t) => expanded.push(t));
    const e0 = expanded[0];
    if (e0?.kind === 'str' && e0.text.startsWith('"')) return { name: e0.text.slice(1, -1), angled: false };
    if (isPunct(e0, '<')) {
      const close = expanded.findIndex((t) => isPunct(t, '>'));
      if (close > 0) return { name: spell(expanded.slice(1, close)), angled: true };
    }
    throw new UserError(first?.loc ?? at, `${what} expects "FILENAME" or <FILENAME>`);
  }

  private include(f: Frame, hash: Tok, operand: readonly Tok[], next: boolean): void {
    const { name, angled } = this.headerName(operand, hash.loc, next ? '#include_next' : '#include');
    const found = this.resolveInclude(name, angled, f, next);
    if (!found) throw new UserError(hash.loc, `cannot find include file '${name}'`);
    if ('escaped' in found) throw new UserError(hash.loc, `refusing to include '${name}': ${found.escaped}`);
    if (this.once.has(found.path)) return;
    const guard = this.guards.get(found.path);
    if (guard !== undefined && this.macros.has(guard)) return;
    const depth = this.frames.length;
    if (depth > this.maxDepth) {
      throw new UserError(hash.loc, `#include nested depth ${depth} exceeds maximum of ${this.maxDepth}`);
    }
    this.frames.push(this.open(found.path, found.dirIndex)!);
  }

  // --- directives ------------------------------------------------------------------------------------------------

  private directive(f: Frame, hash: Tok, firstInFile: boolean): void {
    const line: Tok[] = [];
    for (let u = f.lexer.peek(); u && !u.bol; u = f.lexer.peek()) line.push(f.lexer.next()!);
    const nameTok = line[0];
    if (!nameTok) return; // the null directive
    const name = nameTok.kind === 'id' ? nameTok.text : '';
    const rest = line.slice(1);

    switch (name) {
      case 'if':
      case 'ifdef':
      case 'ifndef': {
        let val = false;
        if (f.active) val = name === 'if' ? this.evalIf(rest, nameTok) : this.ifdef(rest, nameTok, name === 'ifndef');
        f.conds.push({ loc: hash.loc, directive: name, parentActive: f.active, active: val, taken: val, sawElse: false });
        f.active = val;
        if (firstInFile && name === 'ifndef' && rest[0]) {
          f.guardState = 'open';
          f.guardName = rest[0].text;
        }
        return;
      }
      case 'elif':
      case 'elifdef':
      case 'elifndef':
      case 'else': {
        const c = f.conds[f.conds.length - 1];
        if (!c) throw new UserError(hash.loc, `#${name} without #if`);
        if (c.sawElse) throw new UserError(hash.loc, `#${name} after #else`);
        // A guard's #else would be included when the guard macro is defined, so re-including is not a no-op.
        if (f.guardState === 'open' && f.conds.length === 1) f.guardState = 'none';
        if (name === 'else') {
          c.sawElse = true;
          c.active = c.parentActive && !c.taken;
        } else if (c.parentActive && !c.taken) {
          c.active = name === 'elif' ? this.evalIf(rest, nameTok) : this.ifdef(rest, nameTok, name === 'elifndef');
        } else {
          c.active = false;
        }
        c.taken ||= c.active;
        f.active = c.active;
        return;
      }
      case 'endif': {
        const c = f.conds.pop();
        if (!c) throw new UserError(hash.loc, '#endif without #if');
        f.active = c.parentActive;
        if (f.guardState === 'open' && f.conds.length === 0) f.guardState = 'closed';
        return;
      }
    }
    if (!f.active) return;

    switch (name) {
      case 'define':
        this.define(rest, hash);
        return;
      case 'undef': {
        const m = rest[0];
        if (!m || m.kind !== 'id') throw new UserError(m?.loc ?? nameTok.loc, 'macro names must be identifiers');
        this.macros.delete(m.text);
        return;
      }
      case 'include':
      case 'import':
      case 'include_next':
        this.include(f, hash, rest, name === 'include_next');
        return;
      case 'error':
        throw new UserError(hash.loc, `#error ${spell(rest)}`.trimEnd());
      case 'pragma':
        if (rest.length === 1 && rest[0]!.text === 'once') this.once.add(f.path);
        return;
      case 'warning':
      case 'line':
      case 'ident':
      case 'sccs':
      case 'assert':
      case 'unassert':
        return;
    }
    // `# 12 "file"` is a line marker left by another preprocessor; like #line it is ignored.
    if (nameTok.kind === 'num') return;
    throw new UserError(nameTok.loc, `invalid preprocessing directive #${nameTok.text}`);
  }

  private ifdef(rest: readonly Tok[], dir: Tok, negate: boolean): boolean {
    const m = rest[0];
    if (!m || m.kind !== 'id') throw new UserError(m?.loc ?? dir.loc, `macro names must be identifiers in #${dir.text}`);
    return this.isDefined(m.text) !== negate;
  }

  private isDefined(name: string): boolean {
    return this.macros.has(name) || name === '__has_include' || (BUILTINS.has(name) && name !== '_Pragma');
  }

  private define(line: readonly Tok[], at: Tok): void {
    const nameTok = line[0];
    if (!nameTok) throw new UserError(at.loc, 'no macro name given in #define directive');
    if (nameTok.kind !== 'id') throw new UserError(nameTok.loc, 'macro names must be identifiers');
    if (nameTok.text === 'defined') throw new UserError(nameTok.loc, "'defined' cannot be used as a macro name");
    let i = 1;
    let params: string[] | undefined;
    let variadic = false;
    const lp = line[1];
    if (isPunct(lp, '(') && !lp!.space) {
      params = [];
      i = 2;
      if (isPunct(line[i], ')')) i++;
      else {
        for (;;) {
          const p = line[i];
          if (isPunct(p, '...')) {
            params.push('__VA_ARGS__');
            variadic = true;
            i++;
          } else if (p?.kind === 'id' && p.text !== '__VA_ARGS__') {
            if (params.includes(p.text)) throw new UserError(p.loc, `duplicate macro parameter '${p.text}'`);
            params.push(p.text);
            i++;
            // GNU named variadic parameter: `args...`
            if (isPunct(line[i], '...')) {
              variadic = true;
              i++;
            }
          } else {
            throw new UserError(p?.loc ?? nameTok.loc, `expected parameter name in macro '${nameTok.text}', found '${p?.text ?? 'end of line'}'`);
          }
          const sep = line[i];
          i++;
          if (isPunct(sep, ')')) break;
          if (!isPunct(sep, ',') || variadic) {
            throw new UserError(sep?.loc ?? nameTok.loc, `expected ',' or ')' in parameter list of macro '${nameTok.text}'`);
          }
        }
      }
    }
    const body = line.slice(i);
    const paramIndex = new Map((params ?? []).map((p, k) => [p, k] as const));
    const first = body[0];
    const last = body[body.length - 1];
    if (isPunct(first, '##')) throw new UserError(first!.loc, "'##' cannot appear at either end of a macro expansion");
    if (isPunct(last, '##')) throw new UserError(last!.loc, "'##' cannot appear at either end of a macro expansion");
    if (params) {
      body.forEach((t, k) => {
        if (!isPunct(t, '#')) return;
        const nx = body[k + 1];
        if (!nx || nx.kind !== 'id' || !paramIndex.has(nx.text)) {
          throw new UserError(t.loc, "'#' is not followed by a macro parameter");
        }
      });
    }
    const bodyParam = body.map((t) => (params && t.kind === 'id' ? paramIndex.get(t.text) ?? -1 : -1));
    const simple = !body.some((t) => isPunct(t, '#') || isPunct(t, '##') || (variadic && t.text === '__VA_OPT__'));
    this.macros.set(nameTok.text, { name: nameTok.text, params, paramIndex, variadic, body, bodyParam, simple });
  }

  // --- expansion -------------------------------------------------------------------------------------------------

  /** Macro-expands everything the stream yields, handing the result to sink in order. */
  private expand(stream: Stream, sink: (t: Tok) => void): void {
    for (;;) {
      const t = stream.next();
      if (!t) return;
      if (t.kind === 'id') {
        if (this.inIf && t.text === 'defined') {
          sink(this.definedOperator(t, stream));
          continue;
        }
        if (this.inIf && t.text === '__has_include') {
          sink(this.hasInclude(t, stream));
          continue;
        }
        if (this.expandOne(t, stream)) continue;
      }
      sink(t);
    }
  }

  private definedOperator(t: Tok, stream: Stream): Tok {
    let n = stream.next();
    const paren = isPunct(n, '(');
    if (paren) n = stream.next();
    if (!n || n.kind !== 'id') throw new UserError(n?.loc ?? t.loc, "operator 'defined' requires an identifier");
    if (paren && !isPunct(stream.next(), ')')) throw new UserError(n.loc, "missing ')' after 'defined'");
    return t.as('num', this.isDefined(n.text) ? '1' : '0');
  }

  private hasInclude(t: Tok, stream: Stream): Tok {
    if (!isPunct(stream.next(), '(')) throw new UserError(t.loc, "missing '(' after '__has_include'");
    const operand: Tok[] = [];
    for (let u = stream.next(); !isPunct(u, ')'); u = stream.next()) {
      if (!u) throw new UserError(t.loc, "missing ')' after '__has_include' operand");
      operand.push(u);
    }
    const { name, angled } = this.headerName(operand, t.loc, '__has_include');
    const frame = this.frames[this.frames.length - 1];
    const found = frame ? this.resolveInclude(name, angled, frame, false) : undefined;
    return t.as('num', found && !('escaped' in found) ? '1' : '0');
  }

  /** Expands t if it names a macro, pushing the result back onto the stream for rescanning. */
  private expandOne(t: Tok, stream: Stream): boolean {
    const name = t.text;
    const m = this.macros.get(name);
    if (!m && !BUILTINS.has(name)) return false;
    if (t.hide?.has(name)) return false;
    const origin = t.origin ?? t.loc;
    if (!m) return this.builtin(t, origin, stream);

    let args: Tok[][] = [];
    let hs: ReadonlySet<string>;
    if (m.params) {
      const lp = stream.next();
      if (!isPunct(lp, '(')) {
        if (lp) stream.unget(lp);
        return false;
      }
      const r = this.collectArgs(m, t, origin, stream);
      args = r.args;
      hs = this.hideSets.with(intersect(t.hide, r.rparen.hide), name);
    } else {
      hs = this.hideSets.with(t.hide, name);
    }
    const body: Tok[] = [];
    this.substitute(m, 0, m.body.length, args, [], body);
    let n = 0;
    for (const b of body) {
      if (b.kind === 'pm') continue;
      body[n] = b.expanded(n === 0 ? t.space : b.space, this.hideSets.union(b.hide, hs), origin);
      n++;
    }
    body.length = n;
    stream.pushFront(body);
    return true;
  }

  private builtin(t: Tok, origin: SourceLoc, stream: Stream): boolean {
    const mk = (kind: TokKind, text: string): Tok => new Tok(kind, text, t.file, t.line, t.col, t.space, false, false, t.hide, origin, undefined);
    switch (t.text) {
      case '__FILE__':
        stream.unget(mk('str', cString(origin.file)));
        return true;
      case '__LINE__':
        stream.unget(mk('num', String(origin.line)));
        return true;
      case '__COUNTER__':
        stream.unget(mk('num', String(this.counter++)));
        return true;
      case '_Pragma': {
        // The operator form of #pragma; like #pragma it has no effect here, so it and its operand vanish.
        const lp = stream.next();
        const str = stream.next();
        const rp = stream.next();
        if (!isPunct(lp, '(') || (str?.kind !== 'str') || !isPunct(rp, ')')) {
          throw new UserError(t.loc, "_Pragma takes a parenthesized string literal");
        }
        return true;
      }
    }
    return false;
  }

  private collectArgs(m: Macro, nameTok: Tok, origin: SourceLoc, stream: Stream): { args: Tok[][]; rparen: Tok } {
    const params = m.params!;
    const args: Tok[][] = [[]];
    let depth = 0;
    let rparen: Tok;
    for (;;) {
      const t = stream.next();
      if (!t) throw new UserError(nameTok.origin ?? nameTok.loc, `unterminated argument list invoking macro '${m.name}'`);
      if (t.kind === 'punct') {
        if (t.text === '(') depth++;
        else if (t.text === ')') {
          if (depth === 0) {
            rparen = t;
            break;
          }
          depth--;
        } else if (t.text === ',' && depth === 0 && !(m.variadic && args.length === params.length)) {
          args.push([]);
          continue;
        }
      }
      args[args.length - 1]!.push(t);
    }
    if (params.length === 0 && args.length === 1 && args[0]!.length === 0) args.pop();
    // Leaving out the variadic part entirely, `F(a)` for `F(x, ...)`, is allowed (GNU, C23).
    if (m.variadic && args.length === params.length - 1) args.push([]);
    if (args.length !== params.length) {
      const want = m.variadic ? `at least ${params.length - 1}` : String(params.length);
      throw new UserError(origin, `macro '${m.name}' requires ${want} argument${want === '1' ? '' : 's'}, but ${args.length} given`);
    }
    return { args, rparen };
  }

  /** Whether macro expansion could change these tokens; most arguments are plain names and numbers. */
  private mayExpand(toks: readonly Tok[]): boolean {
    for (const t of toks) {
      if (t.kind !== 'id' || t.hide?.has(t.text)) continue;
      if (this.macros.has(t.text) || BUILTINS.has(t.text)) return true;
      if (this.inIf && (t.text === 'defined' || t.text === '__has_include')) return true;
    }
    return false;
  }

  private expandedArg(args: readonly Tok[][], k: number, cache: (Tok[] | undefined)[]): readonly Tok[] {
    const raw = args[k]!;
    if (!this.mayExpand(raw)) return raw;
    let e = cache[k];
    if (!e) {
      const sink: Tok[] = [];
      this.expand(new Stream(arraySource(raw)), (t) => sink.push(t));
      cache[k] = e = sink;
    }
    return e;
  }

  /**
   * Replaces parameters in m.body[from, to) (standard 6.10.3.1-3): #, ##, placemarkers, __VA_OPT__ and the GNU
   * `, ## __VA_ARGS__`, appending to out. Parameter tokens adopt the spacing of the parameter name they replace.
   */
  private substitute(m: Macro, from: number, to: number, args: readonly Tok[][], cache: (Tok[] | undefined)[], out: Tok[]): void {
    const { body, bodyParam } = m;
    const place = (toks: readonly Tok[], at: Tok): void => {
      if (toks.length === 0) out.push(at.as('pm', ''));
      else toks.forEach((t, k) => out.push(k === 0 ? t.spaced(at.space) : t));
    };
    if (m.simple) {
      for (let i = from; i < to; i++) {
        const k = bodyParam[i]!;
        if (k >= 0) place(this.expandedArg(args, k, cache), body[i]!);
        else out.push(body[i]!);
      }
      return;
    }
    const vaIndex = m.variadic ? m.params!.length - 1 : -1;
    for (let i = from; i < to; i++) {
      const t = body[i]!;
      const nx = i + 1 < to ? body[i + 1] : undefined;
      const nxParam = i + 1 < to ? bodyParam[i + 1]! : -1;

      if (m.params && nxParam >= 0 && isPunct(t, '#')) {
        out.push(t.as('str', stringize(args[nxParam]!)));
        i++;
        continue;
      }
      if (m.variadic && t.kind === 'id' && t.text === '__VA_OPT__') {
        const close = matchParen(body, i + 1, to);
        if (close < 0) throw new UserError(t.loc, 'unterminated __VA_OPT__');
        const mark = out.length;
        if (args[vaIndex]!.length > 0) this.substitute(m, i + 2, close, args, cache, out);
        if (out.length === mark) out.push(t.as('pm', ''));
        else out[mark] = out[mark]!.spaced(t.space);
        i = close;
        continue;
      }
      if (vaIndex >= 0 && isPunct(t, ',') && isPunct(nx, '##') && i + 2 < to && bodyParam[i + 2] === vaIndex) {
        // GNU: `, ## __VA_ARGS__` drops the comma when there are no variadic arguments.
        const va = args[vaIndex]!;
        if (va.length > 0) {
          out.push(t);
          place(va, nx!.space ? nx! : body[i + 2]!);
        }
        i += 2;
        continue;
      }
      if (isPunct(t, '##') && nx) {
        const lhs = out.pop()!;
        let rhs: readonly Tok[] = nxParam >= 0 ? args[nxParam]! : [nx];
        if (rhs.length === 0) rhs = [nx.as('pm', '')];
        out.push(pasteTokens(lhs, rhs[0]!, t));
        for (let j = 1; j < rhs.length; j++) out.push(rhs[j]!);
        i++;
        continue;
      }
      const k = bodyParam[i]!;
      if (k >= 0) {
        place(isPunct(nx, '##') ? args[k]! : this.expandedArg(args, k, cache), t);
        continue;
      }
      out.push(t);
    }
  }

  // --- #if -------------------------------------------------------------------------------------------------------

  private evalIf(rest: readonly Tok[], dir: Tok): boolean {
    if (rest.length === 0) throw new UserError(dir.loc, `#${dir.text} with no expression`);
    const toks: Tok[] = [];
    const saved = this.inIf;
    this.inIf = true;
    try {
      this.expand(new Stream(arraySource(rest)), (t) => toks.push(t));
    } finally {
      this.inIf = saved;
    }
    return new ConstExpr(toks, dir).value() !== 0n;
  }
}

function matchParen(body: readonly Tok[], open: number, end: number): number {
  if (!isPunct(body[open], '(')) return -1;
  let depth = 0;
  for (let j = open; j < end; j++) {
    const t = body[j]!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')') && --depth === 0) return j;
  }
  return -1;
}

function stringize(arg: readonly Tok[]): string {
  let s = '';
  arg.forEach((t, i) => {
    if (i > 0 && t.space) s += ' ';
    s += t.kind === 'str' || t.kind === 'chr' ? t.text.replace(/[\\"]/g, '\\$&') : t.text;
  });
  return '"' + s + '"';
}

function pasteTokens(lhs: Tok, rhs: Tok, op: Tok): Tok {
  if (rhs.kind === 'pm') return lhs;
  if (lhs.kind === 'pm') return rhs.spaced(lhs.space);
  const text = lhs.text + rhs.text;
  const lexed = lex(text, op.loc.file);
  const only = lexed[0];
  if (lexed.length !== 1 || !only || only.text !== text || only.bad !== undefined) {
    throw new UserError(op.loc, `pasting "${lhs.text}" and "${rhs.text}" does not give a valid preprocessing token`);
  }
  return lhs.as(only.kind, text);
}

// ---------------------------------------------------------------------------------------------------------------
// #if constant expressions: intmax_t / uintmax_t arithmetic, as C requires of the preprocessor

interface Val {
  v: bigint;
  u: boolean;
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

const BINARY_PREC: Readonly<Record<string, number>> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6,
  '<': 7, '>': 7, '<=': 7, '>=': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};

function norm(v: bigint, u: boolean): Val {
  return { v: u ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v), u };
}

const int = (b: boolean): Val => ({ v: b ? 1n : 0n, u: false });

class ConstExpr {
  private i = 0;
  constructor(
    private readonly toks: readonly Tok[],
    private readonly dir: Tok,
  ) {}

  value(): bigint {
    const v = this.comma(true);
    const t = this.toks[this.i];
    if (t) throw new UserError(t.loc, `missing binary operator before token '${t.text}' in #${this.dir.text}`);
    return v.v;
  }

  private err(t: Tok | undefined, msg: string): UserError {
    return new UserError((t?.origin ?? t?.loc) ?? this.dir.loc, msg);
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private expect(text: string, what: string): void {
    const t = this.toks[this.i];
    if (!isPunct(t, text)) throw this.err(t, `expected '${text}' ${what} in #${this.dir.text}`);
    this.i++;
  }

  // `live` is false in unevaluated operands (after a decided && / || / ?:), where dividing by zero is harmless.
  private comma(live: boolean): Val {
    let v = this.cond(live);
    while (isPunct(this.peek(), ',')) {
      this.i++;
      v = this.cond(live);
    }
    return v;
  }

  private cond(live: boolean): Val {
    const c = this.binary(1, live);
    if (!isPunct(this.peek(), '?')) return c;
    this.i++;
    const yes = c.v !== 0n;
    const a = this.comma(live && yes);
    this.expect(':', "in conditional expression");
    const b = this.cond(live && !yes);
    const u = a.u || b.u;
    return norm(yes ? a.v : b.v, u);
  }

  private binary(minPrec: number, live: boolean): Val {
    let lhs = this.unary(live);
    for (;;) {
      const op = this.peek();
      if (!op || op.kind !== 'punct') return lhs;
      const prec = BINARY_PREC[op.text];
      if (prec === undefined || prec < minPrec) return lhs;
      this.i++;
      if (op.text === '&&') {
        const rhs = this.binary(prec + 1, live && lhs.v !== 0n);
        lhs = int(lhs.v !== 0n && rhs.v !== 0n);
      } else if (op.text === '||') {
        const rhs = this.binary(prec + 1, live && lhs.v === 0n);
        lhs = int(lhs.v !== 0n || rhs.v !== 0n);
      } else {
        lhs = this.apply(op, lhs, this.binary(prec + 1, live), live);
      }
    }
  }

  private apply(op: Tok, a: Val, b: Val, live: boolean): Val {
    if (op.text === '<<' || op.text === '>>') {
      let n = b.v;
      let left = op.text === '<<';
      if (n < 0n) {
        n = -n;
        left = !left;
      }
      if (left) return norm(n >= 64n ? 0n : a.v << n, a.u);
      if (n >= 64n) return norm(a.v < 0n ? -1n : 0n, a.u);
      return norm(a.v >> n, a.u);
    }
    // Usual arithmetic conversions: one unsigned operand makes the operation unsigned.
    const u = a.u || b.u;
    const x = u ? BigInt.asUintN(64, a.v) : a.v;
    const y = u ? BigInt.asUintN(64, b.v) : b.v;
    switch (op.text) {
      case '*': return norm(x * y, u);
      case '/':
      case '%':
        if (y === 0n) {
          if (live) throw this.err(op, `division by zero in #${this.dir.text}`);
          return norm(0n, u);
        }
        return norm(op.text === '/' ? x / y : x % y, u);
      case '+': return norm(x + y, u);
      case '-': return norm(x - y, u);
      case '<': return int(x < y);
      case '>': return int(x > y);
      case '<=': return int(x <= y);
      case '>=': return int(x >= y);
      case '==': return int(x === y);
      case '!=': return int(x !== y);
      case '&': return norm(x & y, u);
      case '^': return norm(x ^ y, u);
      case '|': return norm(x | y, u);
    }
    throw this.err(op, `unexpected operator '${op.text}' in #${this.dir.text}`);
  }

  private unary(live: boolean): Val {
    const t = this.peek();
    if (!t) throw this.err(undefined, `#${this.dir.text} expression ends unexpectedly`);
    this.i++;
    if (t.kind === 'punct') {
      switch (t.text) {
        case '+': return this.unary(live);
        case '-': {
          const v = this.unary(live);
          return norm(-v.v, v.u);
        }
        case '~': {
          const v = this.unary(live);
          return norm(~v.v, v.u);
        }
        case '!': return int(this.unary(live).v === 0n);
        case '(': {
          const v = this.comma(live);
          this.expect(')', 'to close parenthesis');
          return v;
        }
      }
    }
    if (t.kind === 'num') return this.number(t);
    if (t.kind === 'chr') return charValue(t, (m) => this.err(t, m));
    if (t.kind === 'id') {
      if (isPunct(this.peek(), '(')) throw this.err(t, `function-like macro '${t.text}' is not defined`);
      // After expansion, any identifier left (including keywords) is 0; C23 spells the booleans as keywords.
      return int(t.text === 'true');
    }
    if (t.bad !== undefined) throw this.err(t, t.bad);
    throw this.err(t, `token '${t.text}' is not valid in #${this.dir.text}`);
  }

  private number(t: Tok): Val {
    const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uUlL]*)$/.exec(t.text);
    if (!m) {
      if (/^[0-9]*\.|^[0-9]+[eE]|^0[xX].*[pP]/.test(t.text)) throw this.err(t, `floating constant in #${this.dir.text}`);
      throw this.err(t, `invalid integer constant '${t.text}' in #${this.dir.text}`);
    }
    const digits = m[1]!;
    const suffix = m[2]!.toLowerCase();
    if (!/^(u?(l|ll)?|(l|ll)u)$/.test(suffix)) throw this.err(t, `invalid suffix '${m[2]}' on integer constant`);
    let v: bigint;
    if (/^0[0-7]+$/.test(digits)) v = BigInt('0o' + digits.slice(1));
    else if (/^0[0-9]+$/.test(digits)) throw this.err(t, `invalid digit in octal constant '${t.text}'`);
    else v = BigInt(digits);
    if (v > UINT64_MAX) throw this.err(t, `integer constant '${t.text}' is too large`);
    // A constant too big for intmax_t is unsigned (GCC does the same, with a warning).
    return { v, u: suffix.includes('u') || v > INT64_MAX };
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, "'": 39, '"': 34, '?': 63,
};

/** Value of a character constant; a plain `char` is signed, as on the x86-64 and arm64 ABIs the kernel targets. */
function charValue(t: Tok, err: (msg: string) => UserError): Val {
  const q = t.text.indexOf("'");
  const prefix = t.text.slice(0, q);
  const body = t.text.slice(q + 1, -1);
  const chars: number[] = [];
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c !== '\\') {
      chars.push(body.codePointAt(i)!);
      i += chars[chars.length - 1]! > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      chars.push(simple);
      i += 2;
    } else if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      chars.push(parseInt(m, 8));
      i += 1 + m.length;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const m = /^[0-9a-fA-F]+/.exec(body.slice(i + 2));
      if (!m) throw err(`\\${e} used with no following hex digits`);
      chars.push(parseInt(m[0].slice(0, 8), 16));
      i += 2 + m[0].length;
    } else {
      throw err(`unknown escape sequence '\\${e}'`);
    }
  }
  if (chars.length === 0) throw err('empty character constant');
  if (prefix !== '') return { v: BigInt(chars[chars.length - 1]!), u: prefix !== 'L' };
  if (chars.length === 1) return { v: BigInt.asIntN(8, BigInt(chars[0]!)), u: false };
  let v = 0n;
  for (const c of chars) v = (v << 8n) | BigInt(c & 0xff);
  return { v: BigInt.asIntN(32, v), u: false };
}

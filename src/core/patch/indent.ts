/**
 * Re-indentation of lines whose leading whitespace the mail archive destroyed. Works forward, like an editor's
 * auto-indent: each line's indentation follows from the finished lines above it (the tree's own lines and the
 * lines already re-indented), with the brace, parenthesis, comment and label conventions of kernel C.
 */

export type Lang = 'c' | 'make' | 'text';

export function langOf(path: string): Lang {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/\.[ch]$/.test(base)) return 'c';
  if (/^(?:GNUmakefile|Makefile|Kbuild)(?:\..*)?$/.test(base) || base.endsWith('.mk')) return 'make';
  return 'text';
}

export interface IndentStyle {
  /** One level of indentation: a tab in kernel code. */
  unit: string;
  tabWidth: number;
}

const TAB_STYLE: IndentStyle = { unit: '\t', tabWidth: 8 };

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Tabs unless the file is clearly indented with spaces; then the space step it uses. */
export function detectStyle(lines: readonly string[]): IndentStyle {
  let tabbed = 0;
  let spaced = 0;
  let step = 0;
  for (const l of lines) {
    const m = /^[ \t]+(?=\S)/.exec(l);
    if (!m) continue;
    if (m[0].includes('\t')) tabbed++;
    // " * text" continues a block comment and says nothing about the step.
    else if (!l.slice(m[0].length).startsWith('*')) {
      spaced++;
      step = gcd(step, m[0].length);
    }
  }
  if (spaced <= tabbed || step < 2) return TAB_STYLE;
  return { unit: ' '.repeat(Math.min(step, 8)), tabWidth: 8 };
}

export function leadingWhitespace(s: string): string {
  return /^[ \t]*/.exec(s)![0];
}

/** Whitespace the archive could have left of real indentation: none, one space, or (for tab-indented trees) spaces. */
export function looksFlattened(line: string, style: IndentStyle): boolean {
  if (line.trim() === '') return false;
  const lead = leadingWhitespace(line);
  return lead === '' || lead === ' ' || (style.unit === '\t' && !lead.includes('\t'));
}

interface LineInfo {
  text: string;
  /** The line with comments and the insides of string and character literals blanked to spaces. */
  code: string;
  startsInComment: boolean;
  directive: boolean;
}

const CONTROL = /^(?:\}\s*)?(?:else\s+)?(?:if|for|while|switch)\s*\(.*\)$|^\w*for_each\w*\s*\(.*\)$/s;
const ELSE_DO = /^(?:\}\s*)?else$|^do$/;
const LABEL = /^[A-Za-z_]\w*\s*:$/;
const CASE = /^(?:case\b.*|default\s*):$/;
/** A line ending like this leaves its statement open (",", "&&", "=", "+" …), but not "++"/"--"/"->". */
const OPEN_END = /(?:,|&&|\|\||[-+*/%&|^=<>?!~])$/;
const CLOSED_END = /(?:\+\+|--|->)$/;

export class Indenter {
  private readonly lines: LineInfo[] = [];
  private inComment = false;
  private commentLine = -1;
  private commentCol = -1;

  constructor(
    prefix: readonly string[],
    readonly lang: Lang,
    readonly style: IndentStyle = TAB_STYLE,
  ) {
    for (const l of prefix) this.push(l);
  }

  /** Append a finished line (a tree line, or an added line after re-indentation). */
  push(text: string): void {
    const startsInComment = this.inComment;
    let code = '';
    let i = 0;
    let quote = '';
    while (i < text.length) {
      const c = text[i]!;
      if (this.inComment) {
        if (c === '*' && text[i + 1] === '/') {
          this.inComment = false;
          code += '  ';
          i += 2;
        } else {
          code += ' ';
          i++;
        }
      } else if (quote) {
        if (c === '\\') {
          code += i + 1 < text.length ? '  ' : ' ';
          i += 2;
          continue;
        }
        if (c === quote) {
          quote = '';
          code += c;
        } else code += ' ';
        i++;
      } else if (this.lang === 'c' && c === '/' && text[i + 1] === '*') {
        this.inComment = true;
        this.commentLine = this.lines.length;
        this.commentCol = i;
        code += '  ';
        i += 2;
      } else if (this.lang === 'c' && c === '/' && text[i + 1] === '/') {
        code += ' '.repeat(text.length - i);
        break;
      } else if (this.lang === 'c' && (c === '"' || c === "'")) {
        quote = c;
        code += c;
        i++;
      } else {
        code += c;
        i++;
      }
    }
    const prev = this.lines[this.lines.length - 1];
    const directive =
      this.lang === 'c' &&
      !startsInComment &&
      (code.trimStart().startsWith('#') || (prev !== undefined && prev.directive && prev.code.trimEnd().endsWith('\\')));
    this.lines.push({ text, code, startsInComment, directive });
  }

  /** The indentation a line with this content gets at the current end of the text. */
  indentFor(content: string): string {
    const t = content.trim();
    if (t === '') return '';
    if (this.lang === 'make') return this.makeIndent();
    if (this.lang === 'text') {
      const k = this.prevNonBlank(this.lines.length);
      return k < 0 ? '' : this.lead(k);
    }
    return this.cIndent(t);
  }

  private lead(i: number): string {
    return leadingWhitespace(this.lines[i]!.text);
  }

  private code(i: number): string {
    return this.lines[i]!.code.trim();
  }

  private ws(col: number): string {
    if (this.style.unit !== '\t') return ' '.repeat(col);
    return '\t'.repeat(Math.floor(col / this.style.tabWidth)) + ' '.repeat(col % this.style.tabWidth);
  }

  private visualCol(s: string, idx: number): number {
    let col = 0;
    for (let i = 0; i < idx && i < s.length; i++) {
      col = s[i] === '\t' ? (Math.floor(col / this.style.tabWidth) + 1) * this.style.tabWidth : col + 1;
    }
    return col;
  }

  private outdent(s: string): string {
    return s.endsWith(this.style.unit) ? s.slice(0, -this.style.unit.length) : s.replace(/[ \t]$/, '');
  }

  private prevNonBlank(before: number): number {
    for (let i = before - 1; i >= 0; i--) if (this.lines[i]!.text.trim() !== '') return i;
    return -1;
  }

  /** The previous line that carries code: blank, comment-only and preprocessor lines are skipped. */
  private prevCode(before: number): number {
    for (let i = before - 1; i >= 0; i--) {
      const l = this.lines[i]!;
      if (!l.directive && l.code.trim() !== '') return i;
    }
    return -1;
  }

  private makeIndent(): string {
    const k = this.prevNonBlank(this.lines.length);
    if (k < 0) return '';
    const cont = (i: number) => i >= 0 && this.lines[i]!.text.trimEnd().endsWith('\\');
    if (cont(k)) return cont(k - 1) ? this.lead(k) : this.lead(k) + '\t';
    let j = k;
    while (cont(j - 1)) j--;
    if (j !== k) return this.lead(j);
    if (/^[^\s#][^=]*:(?!=)/.test(this.lines[k]!.text)) return '\t'; // a recipe line after a rule
    return this.lead(k);
  }

  private cIndent(t: string): string {
    if (this.inComment) {
      const col = this.visualCol(this.lines[this.commentLine]!.text, this.commentCol);
      // " * text" lines sit one column right of the "/*"; free text lines after "/* ".
      return this.ws(t.startsWith('*') ? col + 1 : col + 3);
    }
    if (t.startsWith('#')) return '';
    const last = this.lines[this.lines.length - 1];
    if (last?.directive && last.code.trimEnd().endsWith('\\')) {
      return last.code.trimStart().startsWith('#') ? this.style.unit : leadingWhitespace(last.text);
    }
    const s = this.statementIndent(t);
    // Labels (and case/default) stand one level left of the statements around them: column 0 at function level.
    const bare = t.replace(/\/\*.*?\*\/|\/\/.*$/g, '').trim();
    return LABEL.test(bare) || CASE.test(bare) ? this.outdent(s) : s;
  }

  private statementIndent(t: string): string {
    const n = this.lines.length;
    if (t.startsWith('}')) {
      const open = this.openingBrace(n);
      return open < 0 ? '' : this.lead(this.stmtStart(open));
    }
    let k = this.prevNonBlank(n);
    while (k >= 0 && this.lines[k]!.directive) k = this.prevNonBlank(k);
    if (k < 0) return '';
    if (this.code(k) === '') {
      // A comment: the next statement lines up with it, unless it trails code on its first line.
      let open = k;
      while (open > 0 && this.lines[open]!.startsInComment) open--;
      if (this.code(open) === '') return this.lead(open);
      k = open;
    }
    const code = this.code(k);
    if (LABEL.test(code) || CASE.test(code)) return this.lead(k) + this.style.unit;
    if (code.endsWith('{')) return this.lead(this.stmtStart(k)) + this.style.unit;
    const s = this.stmtStart(k);
    const paren = this.unclosedParen(s, k);
    if (paren) {
      const line = this.lines[paren.line]!;
      if (line.code.trimEnd().length === paren.idx + 1) return this.lead(s) + this.style.unit + this.style.unit;
      return this.ws(this.visualCol(line.text, paren.idx + 1));
    }
    if (OPEN_END.test(code) && !CLOSED_END.test(code)) {
      if (code.endsWith(',') && this.inBraceList(k)) return this.lead(k);
      return this.lead(s) + this.style.unit;
    }
    if (this.isControl(s, k)) return this.lead(s) + this.style.unit;
    let base = this.lead(s);
    if (!this.code(s).startsWith('}')) {
      // The statement may be the body of a brace-less if/else/for/while: the next one goes back out.
      let o = this.prevCode(s);
      while (o >= 0) {
        const os = this.stmtStart(o);
        if (!this.isControl(os, o)) break;
        base = this.lead(os);
        o = this.prevCode(os);
      }
    }
    return base;
  }

  private parenBalance(i: number): number {
    let b = 0;
    for (const c of this.lines[i]!.code) b += c === '(' ? 1 : c === ')' ? -1 : 0;
    return b;
  }

  /** First line of the statement that ends on line k: back over unclosed parentheses and open line ends. */
  private stmtStart(k: number): number {
    let j = k;
    let bal = this.parenBalance(j);
    for (;;) {
      while (bal < 0) {
        const p = this.prevCode(j);
        if (p < 0) return j;
        j = p;
        bal += this.parenBalance(j);
      }
      const p = this.prevCode(j);
      if (p < 0) return j;
      const pc = this.code(p);
      if (!(OPEN_END.test(pc) && !CLOSED_END.test(pc)) || (pc.endsWith(',') && this.inBraceList(p))) return j;
      j = p;
      bal = this.parenBalance(j);
    }
  }

  private unclosedParen(s: number, k: number): { line: number; idx: number } | undefined {
    const stack: { line: number; idx: number }[] = [];
    for (let i = s; i <= k; i++) {
      const code = this.lines[i]!.code;
      for (let c = 0; c < code.length; c++) {
        if (code[c] === '(') stack.push({ line: i, idx: c });
        else if (code[c] === ')') stack.pop();
      }
    }
    return stack[stack.length - 1];
  }

  private isControl(s: number, k: number): boolean {
    const joined = this.lines
      .slice(s, k + 1)
      .map((l) => l.code.trim())
      .join(' ');
    return CONTROL.test(joined) || ELSE_DO.test(joined);
  }

  /** Index of the line with the "{" that a "}" placed before line `before` would close, or -1. */
  private openingBrace(before: number): number {
    let depth = 1;
    for (let i = before - 1; i >= 0; i--) {
      const l = this.lines[i]!;
      if (l.directive) continue;
      for (let c = l.code.length - 1; c >= 0; c--) {
        if (l.code[c] === '}') depth++;
        else if (l.code[c] === '{' && --depth === 0) return i;
      }
    }
    return -1;
  }

  /** Whether line k is an element of an initializer or enum list, whose items share one indentation. */
  private inBraceList(k: number): boolean {
    const open = this.openingBrace(k + 1);
    if (open < 0) return false;
    const c = this.code(open);
    if (/=\s*\{$/.test(c) || /^(?:(?:typedef|static|const)\s+)*enum\b/.test(c)) return true;
    // A "{" of its own is a function body, unless it opens an element of an outer list.
    const before = this.prevCode(open);
    return c === '{' && before >= 0 && /[=,]$/.test(this.code(before));
  }
}

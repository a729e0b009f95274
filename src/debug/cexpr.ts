import type { CType, IntType, StructType } from '../core/cfront/types';
import { T, commonInt, findField, promote, ptrTo, sizeOf, typeName } from '../core/cfront/types';
import type { I64 } from '../core/vm/int64';
import { norm } from '../core/vm/int64';
import { INT_TYPES } from './ctypes';
import type { CValue, ValueEnv } from './cvalue';
import { convertScalar, hex, readable, scalarOf, whyUnreadable } from './cvalue';

/**
 * C expressions a debugger evaluates in a frame: identifiers (locals, then globals, then functions), integer
 * and character constants, `.`, `->`, `[]`, unary `* & - + ! ~`, `sizeof`, casts to integer, pointer and
 * struct pointer types, the binary operators with C's conversions, `?:`. No calls and no assignments: an
 * expression never changes the simulated kernel (setVariable does, through its own path). Parsed once (a
 * breakpoint condition is evaluated at every hit), evaluated against the state of the moment.
 */

export class EvalError extends Error {}

export type Ast =
  | { k: 'num'; v: bigint; t: IntType }
  | { k: 'id'; name: string }
  | { k: 'member'; e: Ast; name: string; arrow: boolean }
  | { k: 'index'; e: Ast; i: Ast }
  | { k: 'unary'; op: '-' | '+' | '!' | '~' | '*' | '&'; e: Ast }
  | { k: 'sizeof'; e: Ast | undefined; t: CType | undefined }
  | { k: 'cast'; t: CType; e: Ast }
  | { k: 'bin'; op: string; a: Ast; b: Ast }
  | { k: 'cond'; c: Ast; a: Ast; b: Ast };

interface Tok {
  k: 'id' | 'num' | 'char' | 'op' | 'end';
  s: string;
  at: number;
}

const OPS = ['->', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '.', '[', ']', '(', ')', '*', '&', '-', '+', '!', '~', '/', '%', '<', '>', '^', '|', '?', ':', ','];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    const id = /^[A-Za-z_]\w*/.exec(rest);
    if (id) {
      out.push({ k: 'id', s: id[0], at: i });
      i += id[0].length;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|\d+)([uUlL]*)/.exec(rest);
    if (num) {
      out.push({ k: 'num', s: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const ch = /^'(\\.|[^'\\])'/.exec(rest);
    if (ch) {
      out.push({ k: 'char', s: ch[1] as string, at: i });
      i += ch[0].length;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (!op) throw new EvalError(`unexpected '${c}' at column ${i + 1}`);
    out.push({ k: 'op', s: op, at: i });
    i += op.length;
  }
  out.push({ k: 'end', s: '', at: src.length });
  return out;
}

const TYPE_WORDS = new Set(['struct', 'union', 'unsigned', 'signed', 'int', 'long', 'short', 'char', 'void', '_Bool', 'const', 'volatile']);

const BIN_PREC: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<': 7,
  '>': 7,
  '<=': 7,
  '>=': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, a: 7, b: 8, f: 12, v: 11, '\\': 92, "'": 39, '"': 34 };

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly structOf: (key: string) => StructType | undefined,
  ) {}

  private peek(): Tok {
    return this.toks[this.i] as Tok;
  }
  private next(): Tok {
    return this.toks[this.i++] as Tok;
  }
  private is(s: string): boolean {
    const t = this.peek();
    return t.k === 'op' && t.s === s;
  }
  private expect(s: string): void {
    const t = this.next();
    if (t.k !== 'op' || t.s !== s) throw new EvalError(`expected '${s}' at column ${t.at + 1}${t.k === 'end' ? ' (end of expression)' : ` before '${t.s}'`}`);
  }

  parse(): Ast {
    const e = this.expr();
    const t = this.peek();
    if (t.k !== 'end') throw new EvalError(`unexpected '${t.s}' at column ${t.at + 1}`);
    return e;
  }

  private expr(): Ast {
    if (this.is(',')) throw new EvalError('unexpected \',\'');
    const c = this.binary(1);
    if (!this.is('?')) return c;
    this.next();
    const a = this.expr();
    this.expect(':');
    const b = this.expr();
    return { k: 'cond', c, a, b };
  }

  private binary(min: number): Ast {
    let a = this.unary();
    for (;;) {
      const t = this.peek();
      const p = t.k === 'op' ? BIN_PREC[t.s] : undefined;
      if (p === undefined || p < min) return a;
      this.next();
      const b = this.binary(p + 1);
      a = { k: 'bin', op: t.s, a, b };
    }
  }

  private startsType(): boolean {
    const t = this.toks[this.i + 1];
    return this.is('(') && t !== undefined && t.k === 'id' && (TYPE_WORDS.has(t.s) || INT_TYPES[t.s] !== undefined);
  }

  private unary(): Ast {
    const t = this.peek();
    if (t.k === 'op' && ['-', '+', '!', '~', '*', '&'].includes(t.s)) {
      this.next();
      return { k: 'unary', op: t.s as '-' | '+' | '!' | '~' | '*' | '&', e: this.unary() };
    }
    if (t.k === 'id' && t.s === 'sizeof') {
      this.next();
      if (this.startsType()) {
        this.next();
        const ty = this.typeName();
        this.expect(')');
        return { k: 'sizeof', e: undefined, t: ty };
      }
      return { k: 'sizeof', e: this.unary(), t: undefined };
    }
    if (this.startsType()) {
      this.next();
      const ty = this.typeName();
      this.expect(')');
      return { k: 'cast', t: ty, e: this.unary() };
    }
    return this.postfix();
  }

  private typeName(): CType {
    const words: string[] = [];
    let base: CType | undefined;
    while (this.peek().k === 'id') {
      const w = this.peek().s;
      if (w === 'const' || w === 'volatile') {
        this.next();
        continue;
      }
      if (w === 'struct' || w === 'union') {
        this.next();
        const tag = this.next();
        if (tag.k !== 'id') throw new EvalError(`expected a ${w} tag at column ${tag.at + 1}`);
        const key = `${w} ${tag.s}`;
        base = this.structOf(key);
        if (!base) throw new EvalError(`no ${key} in the kernel`);
        continue;
      }
      if (w === 'void') {
        this.next();
        base = T.void;
        continue;
      }
      if (!TYPE_WORDS.has(w) && INT_TYPES[w] === undefined) break;
      words.push(w);
      this.next();
    }
    if (!base) {
      const spelled = words.filter((w) => w !== 'int' || words.length === 1).join(' ') || 'int';
      base = INT_TYPES[spelled] ?? INT_TYPES[words.join(' ')];
      if (!base) throw new EvalError(`unknown type '${words.join(' ')}'`);
    }
    let ty: CType = base;
    while (this.is('*')) {
      this.next();
      ty = ptrTo(ty);
    }
    return ty;
  }

  private postfix(): Ast {
    let e = this.primary();
    for (;;) {
      if (this.is('.') || this.is('->')) {
        const arrow = this.next().s === '->';
        const n = this.next();
        if (n.k !== 'id') throw new EvalError(`expected a member name after '${arrow ? '->' : '.'}' at column ${n.at + 1}`);
        e = { k: 'member', e, name: n.s, arrow };
      } else if (this.is('[')) {
        this.next();
        const i = this.expr();
        this.expect(']');
        e = { k: 'index', e, i };
      } else if (this.is('(')) {
        throw new EvalError('function calls are not evaluated (they would change the simulated kernel)');
      } else return e;
    }
  }

  private primary(): Ast {
    const t = this.next();
    if (t.k === 'id') return { k: 'id', name: t.s };
    if (t.k === 'num') {
      const m = /^(0[xX][0-9a-fA-F]+|\d+)([uUlL]*)$/.exec(t.s) as RegExpExecArray;
      const digits = m[1] as string;
      const v = digits.length > 1 && digits.startsWith('0') && !/^0[xX]/.test(digits) ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
      const suf = (m[2] ?? '').toLowerCase();
      const unsigned = suf.includes('u');
      const long = suf.includes('l') || v > 0x7fffffffn;
      const ty = long ? (unsigned || v > 0x7fffffffffffffffn ? T.ulong : T.long) : unsigned ? T.uint : T.int;
      return { k: 'num', v, t: ty };
    }
    if (t.k === 'char') {
      const s = t.s;
      const v = s.startsWith('\\') ? ESCAPES[s[1] as string] ?? (s[1] as string).charCodeAt(0) : s.charCodeAt(0);
      return { k: 'num', v: BigInt(v), t: T.int };
    }
    if (t.k === 'op' && t.s === '(') {
      const e = this.expr();
      this.expect(')');
      return e;
    }
    throw new EvalError(t.k === 'end' ? 'the expression ends too early' : `unexpected '${t.s}' at column ${t.at + 1}`);
  }
}

export function parseExpression(src: string, structOf: (key: string) => StructType | undefined): Ast {
  if (typeof src !== 'string' || !src.trim()) throw new EvalError('empty expression');
  if (/(^|[^=!<>])=($|[^=])/.test(src)) throw new EvalError('assignments are not evaluated (set the variable in the Variables view)');
  if (/\+\+|--/.test(src)) throw new EvalError('++ and -- are not evaluated (they would change the simulated kernel)');
  return new Parser(tokenize(src), structOf).parse();
}

/** Names an expression is evaluated against. */
export interface Scope {
  /** A local or parameter of the frame by name. */
  local(name: string): CValue | undefined;
  /** The frame's file, to prefer that unit's static globals. */
  file: string | undefined;
}

/** Evaluates a parsed expression; throws EvalError with a message for the user. */
export function evaluate(env: ValueEnv, scope: Scope, e: Ast): CValue {
  const v = new Evaluator(env, scope).eval(e);
  // the object itself must be readable; what leads to it was only address arithmetic, as in C
  if (v.place.kind === 'mem') {
    const t = env.types.complete(v.type);
    const size = t.k === 'func' || t.k === 'void' ? 1 : Math.max(1, sizeOf(t));
    if (!readable(env.mem, v.place.addr, size)) throw new EvalError(`cannot read ${hex(v.place.addr)} (${whyUnreadable(env.mem, v.place.addr)})`);
  }
  return v;
}

const big = (v: I64): bigint => BigInt(v);

class Evaluator {
  constructor(
    private readonly env: ValueEnv,
    private readonly scope: Scope,
  ) {}

  eval(e: Ast): CValue {
    switch (e.k) {
      case 'num':
        return { type: e.t, place: { kind: 'none' }, v: norm(e.v) };
      case 'id':
        return this.ident(e.name);
      case 'member':
        return this.member(e);
      case 'index': {
        const base = this.rvalue(this.eval(e.e));
        const idx = this.rvalue(this.eval(e.i));
        const p = base.type.k === 'ptr' ? base : idx.type.k === 'ptr' ? idx : undefined;
        if (!p) throw new EvalError('subscripted value is neither an array nor a pointer');
        return this.deref(this.arith('+', p, p === base ? idx : base));
      }
      case 'unary':
        return this.unary(e.op, e.e);
      case 'sizeof': {
        const ty = e.t ?? this.env.types.complete(this.eval(e.e as Ast).type);
        return { type: T.ulong, place: { kind: 'none' }, v: sizeOf(ty) };
      }
      case 'cast': {
        const v = this.rvalue(this.eval(e.e));
        if (e.t.k === 'void') return { type: T.void, place: { kind: 'none' } };
        if (e.t.k !== 'int' && e.t.k !== 'ptr') throw new EvalError(`cannot cast to '${typeName(e.t)}'`);
        if (v.type.k !== 'int' && v.type.k !== 'ptr') throw new EvalError(`cannot cast a '${typeName(v.type)}'`);
        return { type: e.t, place: { kind: 'none' }, v: convertScalar(e.t, this.scalar(v)) };
      }
      case 'bin':
        if (e.op === '&&' || e.op === '||') {
          const a = this.truth(this.eval(e.a));
          if (e.op === '&&' ? !a : a) return this.int(a ? 1n : 0n);
          return this.int(this.truth(this.eval(e.b)) ? 1n : 0n);
        }
        return this.arith(e.op, this.rvalue(this.eval(e.a)), this.rvalue(this.eval(e.b)));
      case 'cond':
        return this.truth(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
    }
  }

  private int(v: bigint, t: IntType = T.int): CValue {
    return { type: t, place: { kind: 'none' }, v: convertScalar(t, norm(v)) };
  }

  private ident(name: string): CValue {
    const l = this.scope.local(name);
    if (l) return l;
    const g = this.env.types.global(name, this.scope.file);
    if (g) return { type: g.type, place: { kind: 'mem', addr: g.addr } };
    const f = this.env.types.funcAddr(name);
    if (f !== undefined) return { type: ptrTo({ k: 'func', ret: T.int, params: [], variadic: false, unprototyped: true }), place: { kind: 'none' }, v: f };
    if (name === 'NULL') return { type: ptrTo(T.void), place: { kind: 'none' }, v: 0 };
    throw new EvalError(`no symbol '${name}' in this frame (macros and enum constants are not known to the debugger)`);
  }

  private member(e: Extract<Ast, { k: 'member' }>): CValue {
    let base = this.eval(e.e);
    if (e.arrow) {
      base = this.rvalue(base);
      if (base.type.k !== 'ptr') throw new EvalError(`'->' on a '${typeName(base.type)}', not a pointer`);
      base = this.deref(base);
    }
    const st = this.env.types.complete(base.type);
    if (st.k !== 'struct') throw new EvalError(`'${e.name}' requested in a '${typeName(base.type)}', which is not a struct`);
    if (!st.fields) throw new EvalError(`'${typeName(st)}' is incomplete here`);
    const f = findField(st, e.name);
    if (!f) throw new EvalError(`'${typeName(st)}' has no member '${e.name}'`);
    if (base.place.kind !== 'mem') throw new EvalError(`the ${typeName(st)} has no address`);
    return { type: f.type, place: { kind: 'mem', addr: base.place.addr + f.offset } };
  }

  private unary(op: Extract<Ast, { k: 'unary' }>['op'], a: Ast): CValue {
    if (op === '&') {
      const v = this.eval(a);
      if (v.place.kind === 'reg') throw new EvalError('cannot take the address of a local held in a register (its address is never taken in the C)');
      if (v.place.kind !== 'mem') throw new EvalError("'&' needs an object");
      return { type: ptrTo(v.type), place: { kind: 'none' }, v: v.place.addr };
    }
    const v = this.rvalue(this.eval(a));
    if (op === '*') return this.deref(v);
    if (op === '!') return this.int(this.truth(v) ? 0n : 1n);
    if (v.type.k !== 'int') throw new EvalError(`'${op}' on a '${typeName(v.type)}'`);
    const t = promote(v.type);
    const x = big(this.scalar(v));
    return this.int(op === '-' ? -x : op === '~' ? ~x : x, t);
  }

  /** `*p`: the object a pointer points to; reading it (not naming it) is what can fail. */
  private deref(p: CValue): CValue {
    if (p.type.k !== 'ptr') throw new EvalError(`cannot dereference a '${typeName(p.type)}'`);
    const to = this.env.types.complete(p.type.to);
    if (to.k === 'void') throw new EvalError("cannot dereference a 'void *' (cast it first)");
    const addr = this.scalar(p);
    if (typeof addr !== 'number') throw new EvalError(`cannot read ${hex(addr)} (${whyUnreadable(this.env.mem, addr)})`);
    return { type: to, place: { kind: 'mem', addr } };
  }

  /** Array and function designators decay; everything else is used as it is. */
  private rvalue(v: CValue): CValue {
    const t = this.env.types.complete(v.type);
    if (t.k === 'array') {
      if (v.place.kind !== 'mem') throw new EvalError('array without an address');
      return { type: ptrTo(t.of), place: { kind: 'none' }, v: v.place.addr };
    }
    if (t.k === 'func' && v.place.kind === 'mem') return { type: ptrTo(t), place: { kind: 'none' }, v: v.place.addr };
    return { ...v, type: t };
  }

  private scalar(v: CValue): I64 {
    const s = scalarOf(this.env, v);
    if (!s.ok) throw new EvalError(s.why);
    return s.v;
  }

  private truth(v: CValue): boolean {
    const r = this.rvalue(v);
    if (r.type.k !== 'int' && r.type.k !== 'ptr') throw new EvalError(`a '${typeName(r.type)}' is not a truth value`);
    return this.scalar(r) != 0;
  }

  private arith(op: string, a: CValue, b: CValue): CValue {
    const at = a.type;
    const bt = b.type;
    const cmp = ['==', '!=', '<', '>', '<=', '>='].includes(op);
    if (at.k === 'ptr' || bt.k === 'ptr') {
      if (cmp) return this.int(compare(op, big(this.scalar(a)), big(this.scalar(b))) ? 1n : 0n);
      if (at.k === 'ptr' && bt.k === 'ptr' && op === '-') {
        const es = BigInt(Math.max(1, sizeOf(this.env.types.complete(at.to))));
        return this.int((big(this.scalar(a)) - big(this.scalar(b))) / es, T.long);
      }
      const [p, i] = at.k === 'ptr' ? [a, b] : [b, a];
      if ((op !== '+' && op !== '-') || i.type.k !== 'int' || (op === '-' && p !== a)) throw new EvalError(`invalid operands to '${op}' ('${typeName(at)}' and '${typeName(bt)}')`);
      const pt = p.type as Extract<CType, { k: 'ptr' }>;
      const es = BigInt(pt.to.k === 'void' ? 1 : Math.max(1, sizeOf(this.env.types.complete(pt.to))));
      const d = big(this.scalar(i)) * es;
      return { type: pt, place: { kind: 'none' }, v: convertScalar(pt, norm(big(this.scalar(p)) + (op === '+' ? d : -d))) };
    }
    if (at.k !== 'int' || bt.k !== 'int') throw new EvalError(`invalid operands to '${op}' ('${typeName(at)}' and '${typeName(bt)}')`);
    const shift = op === '<<' || op === '>>';
    const t = shift ? promote(at) : commonInt(at, bt);
    const x = big(convertScalar(t, this.scalar(a)));
    const y = big(shift ? this.scalar(b) : convertScalar(t, this.scalar(b)));
    if (cmp) return this.int(compare(op, x, y) ? 1n : 0n);
    switch (op) {
      case '+':
        return this.int(x + y, t);
      case '-':
        return this.int(x - y, t);
      case '*':
        return this.int(x * y, t);
      case '/':
      case '%':
        if (y === 0n) throw new EvalError('division by zero');
        return this.int(op === '/' ? x / y : x % y, t);
      case '<<':
        return this.int(x << y, t);
      case '>>':
        return this.int(x >> y, t);
      case '&':
        return this.int(x & y, t);
      case '|':
        return this.int(x | y, t);
      case '^':
        return this.int(x ^ y, t);
    }
    throw new EvalError(`operator '${op}' is not supported`);
  }
}

function compare(op: string, x: bigint, y: bigint): boolean {
  switch (op) {
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    default:
      return x >= y;
  }
}

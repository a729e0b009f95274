import type { SourceLoc } from '../diagnostics';
import { TEXT_BASE } from '../vm/memory';
import type { Expr, FuncDef, FuncSym, Init, LocalVar, Stmt } from './ast';
import { CType, alignOf, alignUp, isScalar, sizeOf } from './types';

/**
 * Compiles each C function to one JS function that is a resumable state machine: `for (;;) switch (pc)` over
 * cases that start at every C statement and after every call, with C's scalar locals as JS `let` variables.
 * A task pauses by saving its locals into its frame object and returning; it resumes by calling the function
 * again. C calls return to the runner (no host recursion), so any statement of any task is a pause point.
 * Measured in DESIGN §2 as the fastest of the resumable designs (~3x gcc -O0 with a stop check per statement).
 */

/** How many C calls may nest on the host stack before calls go through the runner. */
const HOST_DEPTH = 200;

/** What a generated function returns to the runner. */
export const enum Exit {
  Pause = 0,
  Return = 1,
  Call = 2,
}

export interface FuncCode {
  sym: FuncSym;
  /** JS source of `function(T, fr)`, the body, and of the frame factory. */
  run: string;
  enter: string;
  /** The C location of each pc (statement starts and call resume points). */
  pcLoc: SourceLoc[];
  /** pc values that start a C statement (where the debugger may stop). */
  stmtPcs: Set<number>;
  frameSize: number;
  locals: LocalVar[];
}

export interface BuiltinInfo {
  /** Inline builtins run inside the expression; the others are called through the runner (they may block). */
  inline: boolean;
}

type Loop = { brk: number; cont: number | undefined };

class FunctionGen {
  private lines: string[] = [];
  private nextPc = 0;
  private pcLoc: SourceLoc[] = [];
  private stmtPcs = new Set<number>();
  private temps: string[] = [];
  private scratch = 0;
  private maxScratch = 0;
  private loops: Loop[] = [];
  private labels = new Map<string, number>();
  private caseLabels = new Map<number, number>();
  private curLoc: SourceLoc;
  private frameSize = 0;

  constructor(
    private readonly def: FuncDef,
    private readonly builtin: (f: FuncSym) => BuiltinInfo | undefined,
  ) {
    this.curLoc = def.loc;
  }

  generate(): FuncCode {
    const def = this.def;
    for (const v of def.locals) {
      if (!v.inMemory) continue;
      this.frameSize = alignUp(this.frameSize, Math.max(alignOf(v.type), 1));
      v.offset = this.frameSize;
      this.frameSize += Math.max(sizeOf(v.type), 1);
    }
    const entry = this.label();
    this.place(entry, def.loc);
    const prologue: string[] = [];
    def.params.forEach((p, i) => {
      if (!p.inMemory) return;
      if (p.type.k === 'struct') prologue.push(`copy(fp + ${p.offset}, fr.a[${i}], ${sizeOf(p.type)});`);
      else prologue.push(`${store(p.type, `fp + ${p.offset}`, `fr.a[${i}]`)};`);
    });
    const prologueAt = this.lines.length;
    this.stmt(def.body);
    // Falling off the end: `return;` (or main's implicit 0).
    this.step(def.endLoc);
    this.emit(`T.sp = fp; T.ret = 0; return ${Exit.Return};`);
    const frameSize = alignUp(this.frameSize, 16);
    this.lines.splice(prologueAt, 0, `fp = T.sp; T.sp = fp + ${frameSize}; if (T.sp > T.stackEnd) R.stackOverflow(T); fr.fp = fp;`, ...prologue);

    const regs = def.locals.filter((v) => !v.inMemory).map((v) => v.js).concat(this.temps);
    const save = regs.map((r) => `fr.${r} = ${r};`).join(' ');
    const load = ['pc = fr.pc', 'fp = fr.fp', ...regs.map((r) => `${r} = fr.${r}`)];
    const scratch = Array.from({ length: this.maxScratch }, (_, i) => `s${i}`);
    const body = this.lines.join('\n');
    const run = `function ${jsName(def.sym)}(T, fr) {
let ${load.join(', ')}, rc = 0${scratch.length ? ', ' + scratch.join(', ') : ''};
try {
L: for (;;) switch (pc) {
${body}
default: throw new Error('bad pc ' + pc);
}
} catch (e) { fr.pc = pc; ${save} throw e; }
// Pausing or calling through the runner: every exit leaves the loop to this one place that saves the locals.
fr.pc = pc; ${save} return rc;
}`;
    const params = def.params.map((_, i) => `a${i}`);
    // Arguments of in-memory parameters wait in `a` until the prologue stores them into the stack frame.
    const fields = ['pc: 0', 'fp: 0', `a: ${def.params.some((p) => p.inMemory) ? `[${params.join(', ')}]` : 'null'}`];
    for (const v of def.locals) {
      if (v.inMemory) continue;
      const i = def.params.indexOf(v);
      fields.push(`${v.js}: ${i >= 0 ? `a${i}` : '0'}`);
    }
    for (const t of this.temps) fields.push(`${t}: 0`);
    const enter = `function (${params.join(', ')}) { return { ${fields.join(', ')} }; }`;
    return { sym: def.sym, run, enter, pcLoc: this.pcLoc, stmtPcs: this.stmtPcs, frameSize, locals: def.locals };
  }

  // --- emission helpers --------------------------------------------------------------------------------------

  private emit(line: string): void {
    this.lines.push(line);
  }

  private label(): number {
    return this.nextPc++;
  }

  private place(pc: number, loc: SourceLoc = this.curLoc): void {
    this.pcLoc[pc] = loc;
    this.emit(`case ${pc}:`);
  }

  private jump(pc: number): string {
    return `{ pc = ${pc}; continue L; }`;
  }

  /** A statement boundary: where the budget is checked, the debugger stops, and faults are located. */
  private step(loc: SourceLoc): void {
    this.curLoc = loc;
    const pc = this.label();
    this.place(pc, loc);
    this.stmtPcs.add(pc);
    this.emit(`pc = ${pc}; if (--T.b < 0) { T.b = 0; rc = ${Exit.Pause}; break L; }`);
  }

  private temp(): string {
    const t = `t${this.temps.length}`;
    this.temps.push(t);
    return t;
  }

  /** A JS variable for a value that never lives across a pause. */
  private scratchVar(): string {
    const s = `s${this.scratch++}`;
    this.maxScratch = Math.max(this.maxScratch, this.scratch);
    return s;
  }

  private frameTemp(t: CType): number {
    this.frameSize = alignUp(this.frameSize, Math.max(alignOf(t), 1));
    const off = this.frameSize;
    this.frameSize += sizeOf(t);
    return off;
  }

  // --- statements --------------------------------------------------------------------------------------------

  private stmt(s: Stmt): void {
    switch (s.s) {
      case 'expr':
        this.step(s.loc);
        this.scratch = 0;
        this.emit(`${this.ex(s.e, false)};`);
        return;
      case 'decl':
        if (s.init) {
          this.step(s.loc);
          this.init(s.v, s.init);
        }
        return;
      case 'if': {
        this.step(s.loc);
        const lelse = this.label();
        this.emit(`if (!(${this.cond(s.c)})) ${this.jump(lelse)}`);
        this.stmt(s.then);
        if (s.else) {
          const lend = this.label();
          this.emit(this.jump(lend));
          this.place(lelse);
          this.stmt(s.else);
          this.place(lend);
        } else this.place(lelse);
        return;
      }
      case 'while': {
        const head = this.label();
        const end = this.label();
        this.place(head, s.loc);
        this.step(s.loc);
        this.emit(`if (!(${this.cond(s.c)})) ${this.jump(end)}`);
        this.loops.push({ brk: end, cont: head });
        this.stmt(s.body);
        this.loops.pop();
        this.emit(this.jump(head));
        this.place(end);
        return;
      }
      case 'do': {
        const top = this.label();
        const test = this.label();
        const end = this.label();
        this.place(top, s.loc);
        this.loops.push({ brk: end, cont: test });
        this.stmt(s.body);
        this.loops.pop();
        this.place(test, s.c.loc);
        this.step(s.c.loc);
        this.emit(`if (${this.cond(s.c)}) ${this.jump(top)}`);
        this.place(end);
        return;
      }
      case 'for': {
        for (const i of s.init) this.stmt(i);
        const head = this.label();
        const next = this.label();
        const end = this.label();
        this.place(head, s.loc);
        // Every loop passes a statement boundary per iteration, so even `for (;;);` uses up its budget.
        this.step(s.c?.loc ?? s.loc);
        if (s.c) this.emit(`if (!(${this.cond(s.c)})) ${this.jump(end)}`);
        this.loops.push({ brk: end, cont: next });
        this.stmt(s.body);
        this.loops.pop();
        this.place(next, s.step?.loc ?? s.loc);
        if (s.step) {
          this.step(s.step.loc);
          this.scratch = 0;
          this.emit(`${this.ex(s.step, false)};`);
        }
        this.emit(this.jump(head));
        this.place(end);
        return;
      }
      case 'block':
        for (const b of s.body) this.stmt(b);
        return;
      case 'return': {
        this.step(s.loc);
        this.scratch = 0;
        const v = s.e ? this.ex(s.e, true) : '0';
        this.emit(`T.ret = ${v}; T.sp = fp; return ${Exit.Return};`);
        return;
      }
      case 'break':
        this.step(s.loc);
        this.emit(this.jump((this.loops[this.loops.length - 1] as Loop).brk));
        return;
      case 'continue': {
        this.step(s.loc);
        const target = [...this.loops].reverse().find((l) => l.cont !== undefined) as Loop;
        this.emit(this.jump(target.cont as number));
        return;
      }
      case 'goto':
        this.step(s.loc);
        this.emit(this.jump(this.labelPc(s.label)));
        return;
      case 'label':
        this.place(this.labelPc(s.label), s.loc);
        this.stmt(s.body);
        return;
      case 'switch': {
        this.step(s.loc);
        this.scratch = 0;
        const end = this.label();
        const v = this.temp();
        this.emit(`${v} = ${this.ex(s.c, true)};`);
        const arms: string[] = [];
        let dflt = end;
        for (const c of s.cases) {
          const pc = this.label();
          this.caseLabels.set(c.id, pc);
          if (c.value === undefined) dflt = pc;
          else arms.push(`case ${literal(c.value)}: pc = ${pc}; continue L;`);
        }
        this.emit(`switch (${v}) { ${arms.join(' ')} default: pc = ${dflt}; continue L; }`);
        this.loops.push({ brk: end, cont: undefined });
        this.stmt(s.body);
        this.loops.pop();
        this.place(end);
        return;
      }
      case 'case':
        this.place(this.caseLabels.get(s.id) as number, s.loc);
        for (const b of s.body) this.stmt(b);
        return;
      case 'empty':
        return;
    }
  }

  private labelPc(name: string): number {
    let pc = this.labels.get(name);
    if (pc === undefined) {
      pc = this.label();
      this.labels.set(name, pc);
    }
    return pc;
  }

  private init(v: LocalVar, init: Init): void {
    this.scratch = 0;
    if (!v.inMemory) {
      const item = init.items[0];
      this.emit(`${v.js} = ${item ? this.ex(item.e, true) : '0'};`);
      return;
    }
    const base = `fp + ${v.offset}`;
    if (init.zero) this.emit(`zero(${base}, ${sizeOf(v.type)});`);
    for (const it of init.items) {
      this.scratch = 0;
      const val = this.ex(it.e, true);
      const at = `fp + ${v.offset + it.offset}`;
      if (it.type.k === 'struct') this.emit(`copy(${at}, ${val}, ${sizeOf(it.type)});`);
      else this.emit(`${store(it.type, at, val)};`);
    }
  }

  private cond(e: Expr): string {
    this.scratch = 0;
    return this.ex(e, true);
  }

  // --- expressions -------------------------------------------------------------------------------------------

  /** JS for the value of e; calls that may pause are emitted before the statement and yield a temp. */
  private ex(e: Expr, want: boolean): string {
    switch (e.e) {
      case 'const':
        return literal(e.v);
      case 'local':
        if (!e.v.inMemory) return e.v.js;
        return isScalar(e.t) ? load(e.t, `fp + ${e.v.offset}`) : `(fp + ${e.v.offset})`;
      case 'mem': {
        const a = this.ex(e.addr, true);
        return isScalar(e.t) ? load(e.t, a) : a;
      }
      case 'fn':
        return String(TEXT_BASE + 16 * e.f.index);
      case 'gaddr':
        return String(e.g.addr);
      case 'addr': {
        const lv = e.lv;
        if (lv.e === 'local') return `(fp + ${lv.v.offset})`;
        if (lv.e === 'mem') return this.ex(lv.addr, true);
        if (lv.e === 'fn') return String(TEXT_BASE + 16 * lv.f.index);
        return this.ex(lv, true); // struct-valued call/assign: its value is already an address
      }
      case 'un': {
        const a = this.ex(e.a, true);
        const t = e.t;
        if (e.op === '!') return `(${a} ? 0 : 1)`;
        if (t.size === 8) return `${e.op === '-' ? 'neg' : 'not'}64${t.signed ? 's' : 'u'}(${a})`;
        const r = e.op === '-' ? `(-${wrapParen(a)})` : `(~${wrapParen(a)})`;
        return t.signed ? `(${r} | 0)` : `(${r} >>> 0)`;
      }
      case 'bin':
        return binop(e.op, e.t.size, e.t.signed, this.ex(e.a, true), this.ex(e.b, true));
      case 'cmp': {
        const a = this.ex(e.a, true);
        const b = this.ex(e.b, true);
        const wide = e.ct.k === 'ptr' || (e.ct.k === 'int' && e.ct.size === 8);
        const op = wide ? e.op : e.op === '==' ? '===' : e.op === '!=' ? '!==' : e.op;
        return `(${a} ${op} ${b} ? 1 : 0)`;
      }
      case 'padd':
        return `padd(${this.ex(e.p, true)}, ${this.ex(e.i, true)}, ${e.scale})`;
      case 'pdiff':
        return `pdiff(${this.ex(e.a, true)}, ${this.ex(e.b, true)}, ${e.scale})`;
      case 'cast':
        if (e.t.k === 'void') return this.ex(e.a, want);
        return conv(this.ex(e.a, true), e.a.t, e.t);
      case 'assign':
        return this.assign(e.lhs, this.ex(e.rhs, true), want);
      case 'opassign':
        return this.update(e.lhs, (old) => {
          if (e.lhs.t.k === 'ptr') return `padd(${old}, ${e.op === '-' ? `neg64s(${this.ex(e.rhs, true)})` : this.ex(e.rhs, true)}, ${e.scale})`;
          const ct = e.ct as { k: 'int'; size: number; signed: boolean };
          return conv(binop(e.op, ct.size, ct.signed, conv(old, e.lhs.t, e.ct), this.ex(e.rhs, true)), e.ct, e.lhs.t);
        }, false, want);
      case 'incdec':
        return this.update(e.lhs, (old) => {
          if (e.lhs.t.k === 'ptr') return `padd(${old}, ${e.delta}, ${e.scale})`;
          const t = e.lhs.t as { k: 'int'; size: number; signed: boolean };
          if (t.size === 8) return `${e.delta > 0 ? 'add' : 'sub'}64${t.signed ? 's' : 'u'}(${old}, 1)`;
          return conv(`(${old} ${e.delta > 0 ? '+' : '-'} 1)`, e.lhs.t, e.lhs.t, true);
        }, !e.pre, want);
      case 'cond': {
        if (!hasCall(e.a) && !hasCall(e.b)) return `(${this.ex(e.c, true)} ? ${this.ex(e.a, want)} : ${this.ex(e.b, want)})`;
        const r = this.temp();
        const lelse = this.label();
        const lend = this.label();
        this.emit(`if (!(${this.ex(e.c, true)})) ${this.jump(lelse)}`);
        this.emit(`${r} = ${this.ex(e.a, true)};`);
        this.emit(this.jump(lend));
        this.place(lelse);
        this.emit(`${r} = ${this.ex(e.b, true)};`);
        this.place(lend);
        return r;
      }
      case 'logic': {
        const and = e.op === '&&';
        if (!hasCall(e.b)) {
          const a = this.ex(e.a, true);
          const b = this.ex(e.b, true);
          return and ? `(${a} ? (${b} ? 1 : 0) : 0)` : `(${a} ? 1 : (${b} ? 1 : 0))`;
        }
        const r = this.temp();
        const lend = this.label();
        this.emit(`${r} = ${this.ex(e.a, true)} ? 1 : 0;`);
        this.emit(`if (${and ? `!${r}` : r}) ${this.jump(lend)}`);
        this.emit(`${r} = ${this.ex(e.b, true)} ? 1 : 0;`);
        this.place(lend);
        return r;
      }
      case 'comma': {
        if (hasCall(e.b)) {
          this.emit(`${this.ex(e.a, false)};`);
          return this.ex(e.b, want);
        }
        return `(${this.ex(e.a, false)}, ${this.ex(e.b, want)})`;
      }
      case 'call':
        return this.call(e);
    }
  }

  private assign(lhs: Expr, value: string, want: boolean): string {
    if (lhs.e === 'local' && !lhs.v.inMemory) return `(${lhs.v.js} = ${value})`;
    const addr = lhs.e === 'local' ? `(fp + ${lhs.v.offset})` : lhs.e === 'mem' ? this.ex(lhs.addr, true) : '';
    if (lhs.t.k === 'struct') {
      const s = this.scratchVar();
      return `(${s} = ${addr}, copy(${s}, ${value}, ${sizeOf(lhs.t)}), ${s})`;
    }
    if (!want) return store(lhs.t, addr, value);
    const s = this.scratchVar();
    return `(${s} = ${value}, ${store(lhs.t, addr, s)}, ${s})`;
  }

  /** Read-modify-write of an lvalue with its address evaluated once; yields the old or the new value. */
  private update(lhs: Expr, compute: (old: string) => string, yieldOld: boolean, want: boolean): string {
    if (lhs.e === 'local' && !lhs.v.inMemory) {
      const v = lhs.v.js;
      if (!yieldOld || !want) return `(${v} = ${compute(v)})`;
      const s = this.scratchVar();
      return `(${s} = ${v}, ${v} = ${compute(s)}, ${s})`;
    }
    const a = this.scratchVar();
    const old = this.scratchVar();
    const addr = lhs.e === 'local' ? `(fp + ${lhs.v.offset})` : this.ex((lhs as { addr: Expr }).addr, true);
    const nv = this.scratchVar();
    return `(${a} = ${addr}, ${old} = ${load(lhs.t, a)}, ${nv} = ${compute(old)}, ${store(lhs.t, a, nv)}, ${yieldOld ? old : nv})`;
  }

  private call(e: Extract<Expr, { e: 'call' }>): string {
    // gcc on x86-64 evaluates arguments right to left; when one of them calls a function the order is visible
    // (C leaves it unspecified), so do the same: each argument into a temporary, last first.
    let args: string[];
    if (e.args.some(hasCall)) {
      args = [];
      for (let i = e.args.length - 1; i >= 0; i--) {
        const t = this.temp();
        this.emit(`${t} = ${this.ex(e.args[i] as Expr, true)};`);
        args[i] = t;
      }
    } else args = e.args.map((a) => this.ex(a, true));
    if (e.fn.e === 'fn') {
      const b = this.builtin(e.fn.f);
      // The frame's pc is otherwise saved only on a pause; builtins read it to name their caller's line
      // (allocation sites in leak and use-after-free reports).
      if (b?.inline) return `(fr.pc = pc, B${e.fn.f.index}(T${args.map((a) => ', ' + a).join('')}))`;
    }
    const resume = this.label();
    if (e.fn.e === 'fn' && e.fn.f.def) {
      // A direct call to C runs the callee on the host stack (no trip through the runner, no saving of our
      // locals) while the nesting is shallow; the callee's frame is on the task's stack all the same, so if it
      // pauses we save ourselves and pass the pause up. Deeper, the runner takes over (no host recursion limit).
      const i = e.fn.f.index;
      this.emit(`s0 = E${i}(${args.join(', ')});`);
      this.emit(`if (T.hd < ${HOST_DEPTH}) { if (T.frames.length >= T.maxDepth) R.depthLimit(T, ${JSON.stringify(e.fn.f.name)}); ` +
        `T.frames.push(s0); T.fns.push(L${i}); T.hd++; s0 = C${i}(T, s0); T.hd--; ` +
        `if (s0 !== ${Exit.Return}) { pc = ${resume}; rc = s0; break L; } T.frames.pop(); T.fns.pop(); }`);
      this.emit(`else { T.cf = ${i}; T.cframe = s0; pc = ${resume}; rc = ${Exit.Call}; break L; }`);
      this.maxScratch = Math.max(this.maxScratch, 1);
    } else {
      const callee = e.fn.e === 'fn' ? String(e.fn.f.index) : `fnIndex(${this.ex(e.fn, true)})`;
      this.emit(`T.ca = [${args.join(', ')}]; T.cf = ${callee}; pc = ${resume}; rc = ${Exit.Call}; break L;`);
    }
    this.place(resume);
    const t = this.temp();
    if (e.t.k === 'struct') {
      const off = this.frameTemp(e.t);
      this.emit(`copy(fp + ${off}, T.ret, ${sizeOf(e.t)}); ${t} = fp + ${off};`);
    } else this.emit(`${t} = T.ret;`);
    return t;
  }
}

export function hasCall(e: Expr): boolean {
  switch (e.e) {
    case 'call':
      return true;
    case 'const':
    case 'local':
    case 'fn':
    case 'gaddr':
      return false;
    case 'mem':
      return hasCall(e.addr);
    case 'addr':
      return hasCall(e.lv);
    case 'un':
    case 'cast':
      return hasCall(e.a);
    case 'bin':
    case 'cmp':
    case 'pdiff':
    case 'logic':
    case 'comma':
      return hasCall(e.a) || hasCall(e.b);
    case 'padd':
      return hasCall(e.p) || hasCall(e.i);
    case 'assign':
    case 'opassign':
      return hasCall(e.lhs) || hasCall(e.rhs);
    case 'incdec':
      return hasCall(e.lhs);
    case 'cond':
      return hasCall(e.c) || hasCall(e.a) || hasCall(e.b);
  }
}

function jsName(f: FuncSym): string {
  return `c_${f.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function literal(v: number | bigint): string {
  if (typeof v === 'bigint') return `${v}n`;
  return v < 0 ? `(${v})` : String(v);
}

function wrapParen(s: string): string {
  return /^[\w.]+$/.test(s) ? s : `(${s})`;
}

function load(t: CType, addr: string): string {
  if (t.k === 'ptr') return `ld64u(${addr})`;
  if (t.k !== 'int') throw new Error(`internal: load of ${t.k}`);
  return `ld${t.size * 8}${t.signed ? 's' : 'u'}(${addr})`;
}

function store(t: CType, addr: string, v: string): string {
  const size = t.k === 'ptr' ? 8 : t.k === 'int' ? t.size : 0;
  if (!size) throw new Error(`internal: store of ${t.k}`);
  return `st${size * 8}(${addr}, ${v})`;
}

function binop(op: string, size: number, signed: boolean, a: string, b: string): string {
  if (size === 8) {
    const name = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod', '<<': 'shl', '>>': 'shr', '&': 'and', '|': 'or', '^': 'xor' }[op];
    if (op === '>>') return `shr64(${a}, ${b})`;
    return `${name}64${signed ? 's' : 'u'}(${a}, ${b})`;
  }
  const fix = (x: string) => (signed ? `((${x}) | 0)` : `((${x}) >>> 0)`);
  switch (op) {
    case '+':
    case '-':
      return fix(`${a} ${op} ${b}`);
    case '*':
      return signed ? `Math.imul(${a}, ${b})` : `(Math.imul(${a}, ${b}) >>> 0)`;
    case '/':
      return `div32${signed ? 's' : 'u'}(${a}, ${b})`;
    case '%':
      return `mod32${signed ? 's' : 'u'}(${a}, ${b})`;
    case '<<':
      return fix(`${a} << ${wrapNum(b)}`);
    case '>>':
      return signed ? `(${a} >> ${wrapNum(b)})` : `(${a} >>> ${wrapNum(b)})`;
    default:
      return fix(`${a} ${op} ${b}`);
  }
}

/** A shift count may be a 64-bit value; JS shifts want a number. */
function wrapNum(b: string): string {
  return /^\d+$/.test(b) ? b : `Number(${b})`;
}

/** C conversion between scalar types; `same` forces the truncation even when from and to are equal. */
function conv(x: string, from: CType, to: CType, same = false): string {
  if (to.k === 'struct' || to.k === 'void') return x;
  const fw = from.k === 'ptr' || (from.k === 'int' && from.size === 8);
  const fs = from.k === 'int' && from.signed;
  if (to.k === 'ptr' || (to.k === 'int' && to.size === 8)) {
    const tsigned = to.k === 'int' && to.signed;
    if (tsigned) return fw && !fs ? `wrapS64(${x})` : x;
    if (fw) return fs ? `wrapU64(${x})` : x;
    return fs ? `wrapU64(${x})` : x;
  }
  if (to.k !== 'int') return x;
  if (!same && from.k === 'int' && from.size === to.size && from.signed === to.signed && !!from.bool === !!to.bool) return x;
  if (to.bool) return `(${x} ? 1 : 0)`;
  const n = fw ? `lo32(${x})` : x;
  switch (to.size) {
    case 1:
      return to.signed ? `((${n}) << 24 >> 24)` : `((${n}) & 255)`;
    case 2:
      return to.signed ? `((${n}) << 16 >> 16)` : `((${n}) & 65535)`;
    default:
      return to.signed ? (fw ? n : `((${n}) | 0)`) : `((${n}) >>> 0)`;
  }
}

export function generateFunction(def: FuncDef, builtin: (f: FuncSym) => BuiltinInfo | undefined): FuncCode {
  return new FunctionGen(def, builtin).generate();
}

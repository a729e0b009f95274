import type { Node } from 'web-tree-sitter';
import { SourceLoc, UserError, formatLoc } from '../diagnostics';
import type { I64 } from '../vm/int64';
import { TEXT_BASE, TEXT_END } from '../vm/memory';
import type { BinOp, CmpOp, Expr, FuncDef, FuncSym, GlobalVar, Init, LocalVar, StaticData, Stmt, SwitchCase } from './ast';
import { constValue, convertInt } from './consteval';
import { decodeEscapes, parseIntLiteral } from './literals';
import {
  ArrayType,
  CType,
  FuncType,
  IntType,
  StructType,
  T,
  alignUp,
  commonInt,
  completeStruct,
  decay,
  findField,
  isComplete,
  isScalar,
  promote,
  ptrTo,
  sameType,
  sizeOf,
  typeName,
} from './types';

/**
 * The type checker: walks tree-sitter-c's concrete syntax tree of one translation unit and produces the typed
 * tree of ast.ts, applying C's rules (declarators, promotions, usual arithmetic conversions, decay, lvalues) and
 * rejecting what the interpreter does not support with a message at the exact source position.
 */

type Ordinary =
  | { kind: 'var'; v: LocalVar }
  | { kind: 'global'; g: GlobalVar }
  | { kind: 'func'; f: FuncSym }
  | { kind: 'typedef'; t: CType }
  | { kind: 'enum'; v: number };

class Scope {
  readonly names = new Map<string, Ordinary>();
  readonly tags = new Map<string, StructType | 'enum'>();
  constructor(readonly parent: Scope | undefined) {}
  lookup(name: string): Ordinary | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const o = s.names.get(name);
      if (o) return o;
    }
    return undefined;
  }
  lookupTag(name: string): StructType | 'enum' | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const o = s.tags.get(name);
      if (o) return o;
    }
    return undefined;
  }
}

interface Specifiers {
  type: CType;
  storage: 'static' | 'extern' | 'typedef' | undefined;
  inline: boolean;
}

interface FuncCtx {
  def: FuncDef;
  labels: Map<string, SourceLoc>;
  gotos: { label: string; loc: SourceLoc }[];
  switches: { cases: SwitchCase[]; seen: Set<string>; hasDefault: boolean }[];
  loops: number;
  nextCase: number;
  localCount: number;
}

export interface CheckedUnit {
  funcs: FuncSym[];
  globals: GlobalVar[];
  statics: StaticData[];
  dataEnd: number;
}

const REDZONE = 16;
/** No object may be bigger: more than any address space the interpreter gives (cexec's heap is at most 1 GiB,
 * a kernel node has 48 MiB), and small enough that an initializer's bytes can be built in memory. */
const MAX_OBJECT_BYTES = 256 << 20;

/** Byte offsets of a struct's named members (the view TypeScript builtins need of a C struct). */
export interface StructLayout {
  size: number;
  fields: Record<string, number>;
}

function layoutOf(s: StructType): StructLayout {
  const fields: Record<string, number> = {};
  for (const f of s.fields ?? []) if (f.name !== undefined) fields[f.name] = f.offset;
  return { size: s.size, fields };
}

export class Checker {
  private scope = new Scope(undefined);
  readonly funcs: FuncSym[] = [];
  readonly globals: GlobalVar[] = [];
  readonly statics: StaticData[] = [];
  private brk = TEXT_END;
  private strings = new Map<string, number>();
  private fn: FuncCtx | undefined;
  /** Names with external linkage, shared by every translation unit as the linker shares them. */
  private readonly externals = new Map<string, Ordinary>();
  private locate: (offset: number) => SourceLoc = () => ({ file: '', line: 0, col: 0 });
  /** Static functions of the current unit whose bodies wait until something refers to them. */
  private readonly pendingBodies = new Map<FuncSym, () => void>();
  private readonly referenced = new Set<FuncSym>();
  private readonly pendingInits: { g: GlobalVar; init: Init }[] = [];
  /** Layouts by "struct tag" / "union tag" and by typedef name, for code below the C that reads C structs. */
  readonly layouts: Record<string, StructLayout> = {};

  // --- entry ---------------------------------------------------------------------------------------------------

  unit(root: Node, locate: (offset: number) => SourceLoc): CheckedUnit {
    this.locate = locate;
    this.scope = new Scope(undefined);
    this.syntaxErrors(root);
    for (const n of root.namedChildren) this.external(n as Node);
    for (let f = this.nextReferenced(); f; f = this.nextReferenced()) {
      const check = this.pendingBodies.get(f) as () => void;
      this.pendingBodies.delete(f);
      check();
    }
    this.pendingBodies.clear();
    this.referenced.clear();
    return { funcs: this.funcs, globals: this.globals, statics: this.statics, dataEnd: this.brk };
  }

  private nextReferenced(): FuncSym | undefined {
    for (const f of this.referenced) if (this.pendingBodies.has(f)) return f;
    return undefined;
  }

  private syntaxErrors(root: Node): void {
    if (!root.hasError) return;
    const find = (n: Node): Node | undefined => {
      if (n.isError || n.isMissing) return n;
      for (const c of n.children) {
        if (c && (c.hasError || c.isMissing)) {
          const r = find(c);
          if (r) return r;
        }
      }
      return undefined;
    };
    const bad = find(root) ?? root;
    if (bad.isMissing) throw this.err(bad, `syntax error: expected '${bad.type}'`);
    const text = bad.text.split('\n')[0]?.slice(0, 40) ?? '';
    throw this.err(bad, `syntax error near '${text}'`);
  }

  loc(n: Node): SourceLoc {
    return this.locate(n.startIndex);
  }

  err(n: Node, msg: string): UserError {
    return new UserError(this.loc(n), msg);
  }

  private unsupported(n: Node, what: string): UserError {
    return this.err(n, `${what} is not supported by the interpreter`);
  }

  // --- external declarations -----------------------------------------------------------------------------------

  private external(n: Node): void {
    switch (n.type) {
      case 'function_definition':
        return this.functionDefinition(n);
      case 'declaration':
        this.declaration(n, true);
        return;
      case 'type_definition':
        return this.typedef(n);
      case 'struct_specifier':
      case 'union_specifier':
      case 'enum_specifier':
        this.typeSpecifier(n);
        return;
      case 'expression_statement':
        if (n.namedChildCount === 0) return; // a stray ';' at file scope
        throw this.err(n, 'expected a declaration');
      case 'comment':
        return;
      case 'linkage_specification':
      case 'preproc_call':
        return;
      default:
        throw this.err(n, `unexpected '${n.type.replace(/_/g, ' ')}' at file scope`);
    }
  }

  private typedef(n: Node): void {
    const base = this.specifiers(n).type;
    for (const d of n.childrenForFieldName('declarator')) {
      if (!d) continue;
      const { name, type } = this.declarator(d, base);
      if (!name) throw this.err(d, 'typedef without a name');
      this.scope.names.set(name, { kind: 'typedef', t: type });
      if (type.k === 'struct' && type.fields) this.layouts[name] = layoutOf(type);
    }
  }

  private functionDefinition(n: Node): void {
    const spec = this.specifiers(n);
    const dnode = n.childForFieldName('declarator') as Node;
    const { name, type, params } = this.declarator(dnode, spec.type);
    if (!name || type.k !== 'func') throw this.err(dnode, 'expected a function declarator');
    const sym = this.declareFunc(name, type, spec.storage === 'static', dnode);
    if (sym.def || this.pendingBodies.has(sym)) throw this.err(dnode, `redefinition of '${name}'`);
    const checkBody = () => this.functionBody(n, sym, type, params ?? [], dnode);
    // Headers define many static inline helpers and each unit uses few: check a static body only once the unit
    // refers to it (that was most of the time spent compiling the model kernel).
    if (spec.storage === 'static') this.pendingBodies.set(sym, checkBody);
    else checkBody();
  }

  private functionBody(n: Node, sym: FuncSym, type: FuncType, pnodes: { name: string | undefined; node: Node }[], dnode: Node): void {
    const name = sym.name;
    const def: FuncDef = {
      sym,
      params: [],
      locals: [],
      body: { s: 'empty', loc: this.loc(n) },
      frameSize: 0,
      loc: this.loc(n),
      endLoc: this.locate(n.endIndex - 1),
    };
    sym.def = def;
    const outer = this.scope;
    this.scope = new Scope(outer);
    this.fn = { def, labels: new Map(), gotos: [], switches: [], loops: 0, nextCase: 0, localCount: 0 };
    type.params.forEach((pt, i) => {
      const pn = pnodes[i];
      const pname = pn?.name;
      if (!pname) throw this.err(pn?.node ?? dnode, `parameter ${i + 1} of '${name}' has no name`);
      const v = this.newLocal(pname, pt, pn.node, true);
      def.params.push(v);
    });
    this.scope.names.set('__func__', { kind: 'global', g: this.stringGlobal(name) });
    this.scope.names.set('__FUNCTION__', { kind: 'global', g: this.stringGlobal(name) });
    def.body = this.compound(n.childForFieldName('body') as Node, false);
    for (const g of this.fn.gotos) {
      if (!this.fn.labels.has(g.label)) throw new UserError(g.loc, `label '${g.label}' used but not defined`);
    }
    this.fn = undefined;
    this.scope = outer;
  }

  private stringGlobal(s: string): GlobalVar {
    const bytes = [...Buffer.from(s, 'utf8'), 0];
    const addr = this.stringLiteral(bytes);
    return { name: '__func__', type: { k: 'array', of: T.char, len: bytes.length }, addr, defined: true, initialized: true, isStatic: true, loc: { file: '', line: 0, col: 0 }, firstUse: undefined };
  }

  private declareFunc(name: string, type: FuncType, isStatic: boolean, n: Node): FuncSym {
    const prev = this.scope.lookup(name) ?? (isStatic ? undefined : this.externals.get(name));
    if (prev?.kind === 'func') {
      this.fileScope().names.set(name, prev);
      if (!prev.f.type.unprototyped && !type.unprototyped && !sameType(prev.f.type, type)) {
        throw this.err(n, `conflicting types for '${name}': ${typeName(type)} vs ${typeName(prev.f.type)}`);
      }
      if (prev.f.type.unprototyped) prev.f.type = type;
      return prev.f;
    }
    if (this.funcs.length >= (TEXT_END - TEXT_BASE) / 16) throw this.err(n, 'too many functions');
    const f: FuncSym = { name, type, index: this.funcs.length, def: undefined, isStatic, loc: this.loc(n) };
    this.funcs.push(f);
    this.fileScope().names.set(name, { kind: 'func', f });
    if (!isStatic) this.externals.set(name, { kind: 'func', f });
    return f;
  }

  private fileScope(): Scope {
    let s = this.scope;
    while (s.parent) s = s.parent;
    return s;
  }

  private declaration(n: Node, fileScope: boolean): Stmt[] {
    const spec = this.specifiers(n);
    const out: Stmt[] = [];
    for (const d of n.childrenForFieldName('declarator')) {
      if (!d) continue;
      const declNode = d.type === 'init_declarator' ? (d.childForFieldName('declarator') as Node) : d;
      const valueNode = d.type === 'init_declarator' ? d.childForFieldName('value') : null;
      const { name, type } = this.declarator(declNode, spec.type);
      if (!name) throw this.err(d, 'declaration without a name');
      if (type.k === 'func') {
        this.declareFunc(name, type, spec.storage === 'static', declNode);
        continue;
      }
      if (fileScope || spec.storage === 'static' || spec.storage === 'extern') {
        this.globalVar(name, type, spec, valueNode, declNode, fileScope);
        continue;
      }
      let t = type;
      if (t.k === 'array' && t.len === undefined && valueNode) t = this.completeArrayFromInit(t, valueNode);
      if (!isComplete(t)) throw this.err(declNode, `variable '${name}' has incomplete type '${typeName(t)}'`);
      const v = this.newLocal(name, t, declNode, false);
      const init = valueNode ? this.initializer(valueNode, t) : undefined;
      out.push({ s: 'decl', v, init, loc: this.loc(d) });
    }
    return out;
  }

  private globalVar(name: string, type: CType, spec: Specifiers, valueNode: Node | null, declNode: Node, fileScope: boolean): void {
    const scope = fileScope ? this.fileScope() : this.scope;
    const shared = spec.storage === 'static' ? undefined : this.externals.get(name);
    const prev = (spec.storage === 'extern' && !fileScope ? this.fileScope().lookup(name) : scope.names.get(name)) ?? shared;
    let g: GlobalVar | undefined = prev?.kind === 'global' ? prev.g : undefined;
    let t = type;
    if (t.k === 'array' && t.len === undefined && valueNode) t = this.completeArrayFromInit(t, valueNode);
    if (g) {
      if (g.type.k === 'array' && g.type.len === undefined && isComplete(t)) g.type = t;
    } else {
      g = { name, type: t, addr: 0, defined: false, initialized: false, isStatic: spec.storage === 'static', loc: this.loc(declNode), firstUse: undefined };
      this.globals.push(g);
    }
    scope.names.set(name, { kind: 'global', g });
    if (spec.storage !== 'static') this.externals.set(name, { kind: 'global', g });
    if (spec.storage === 'extern' && !valueNode) return;
    if (!isComplete(g.type)) throw this.err(declNode, `storage size of '${name}' isn't known ('${typeName(g.type)}')`);
    if (g.addr === 0) {
      g.addr = this.allocStatic(sizeOf(g.type), fileScope ? name : `${this.fn?.def.sym.name}.${name}`, 'global');
    }
    g.defined = true;
    if (valueNode) {
      if (g.initialized) throw this.err(declNode, `redefinition of '${name}'`);
      g.initialized = true;
      // The bytes wait until every unit is checked: the initialiser may take the address of a global that a
      // later unit defines.
      this.pendingInits.push({ g, init: this.initializer(valueNode, g.type) });
    }
  }

  /** After the last unit: every used global must be defined somewhere, and static initialisers become bytes. */
  link(): void {
    for (const g of this.globals) {
      if (!g.defined && g.firstUse) throw new UserError(g.firstUse, `undefined reference to '${g.name}' (declared at ${formatLoc(g.loc)}, defined in no unit)`);
    }
    for (const { g, init } of this.pendingInits) this.staticOf(g.addr).bytes = this.constInitBytes(init, sizeOf(g.type));
    this.pendingInits.length = 0;
  }

  private staticOf(addr: number): StaticData {
    const d = this.statics.find((s) => s.addr === addr);
    if (!d) throw new Error('internal: static data not found');
    return d;
  }

  private allocStatic(size: number, name: string, kind: 'global' | 'string'): number {
    const addr = alignUp(this.brk + REDZONE, 16);
    this.brk = addr + size;
    this.statics.push({ addr, size, kind, name, bytes: undefined });
    return addr;
  }

  private stringLiteral(bytes: number[]): number {
    const key = bytes.join(',');
    const have = this.strings.get(key);
    if (have) return have;
    const addr = this.allocStatic(bytes.length, 'string literal', 'string');
    this.staticOf(addr).bytes = Uint8Array.from(bytes);
    this.strings.set(key, addr);
    return addr;
  }

  private constInitBytes(init: Init, size: number): Uint8Array {
    const buf = new Uint8Array(size);
    const dv = new DataView(buf.buffer);
    for (const it of init.items) {
      const v = constValue(it.e);
      if (v === undefined) throw new UserError(it.e.loc, 'initializer element is not a compile-time constant');
      const sz = sizeOf(it.type);
      const big = BigInt.asUintN(64, BigInt(v));
      for (let i = 0; i < sz; i++) dv.setUint8(it.offset + i, Number((big >> BigInt(8 * i)) & 0xffn));
    }
    return buf;
  }

  private newLocal(name: string, type: CType, n: Node, isParam: boolean): LocalVar {
    const ctx = this.fn as FuncCtx;
    const safe = name.replace(/[^A-Za-z0-9_]/g, '_');
    const v: LocalVar = {
      name,
      type,
      inMemory: !isScalar(type),
      offset: 0,
      js: `v${ctx.localCount++}_${safe}`,
      isParam,
      loc: this.loc(n),
    };
    if (this.scope.names.has(name) && this.scope.names.get(name)?.kind === 'var' && !isParam) {
      throw this.err(n, `redefinition of '${name}'`);
    }
    this.scope.names.set(name, { kind: 'var', v });
    ctx.def.locals.push(v);
    return v;
  }

  // --- specifiers and declarators ------------------------------------------------------------------------------

  private specifiers(n: Node): Specifiers {
    let storage: Specifiers['storage'];
    let inline = false;
    for (const c of n.children) {
      if (!c) continue;
      if (c.type === 'storage_class_specifier') {
        const s = c.text;
        if (s === 'static' || s === 'extern') storage = s;
        else if (s === 'inline' || s === '__inline' || s === '__inline__') inline = true;
      } else if (c.type === 'type_definition' || c.text === 'typedef') storage = 'typedef';
      // attributes carry no semantics the interpreter needs
    }
    const tn = n.childForFieldName('type');
    if (!tn) throw this.err(n, 'missing type specifier');
    return { type: this.typeSpecifier(tn), storage, inline };
  }

  private typeSpecifier(n: Node): CType {
    switch (n.type) {
      case 'primitive_type':
        return this.primitive(n.text, n);
      case 'sized_type_specifier': {
        const words = n.children.filter((c): c is Node => !!c && c.type !== 'comment').map((c) => c.text);
        return this.primitive(words.join(' '), n);
      }
      case 'type_identifier': {
        const o = this.scope.lookup(n.text);
        if (o?.kind === 'typedef') return o.t;
        if (n.text === '_Bool') return T.bool; // a keyword that tree-sitter-c lexes as a type name
        throw this.err(n, `unknown type name '${n.text}'`);
      }
      case 'struct_specifier':
      case 'union_specifier':
        return this.structSpecifier(n, n.type === 'union_specifier');
      case 'enum_specifier':
        return this.enumSpecifier(n);
      case 'macro_type_specifier':
        throw this.err(n, `unknown type '${n.text}' (is a macro missing?)`);
      default:
        if (n.text === 'float' || n.text === 'double') throw this.unsupported(n, 'floating point');
        throw this.err(n, `unsupported type specifier '${n.text}'`);
    }
  }

  /** tree-sitter-c treats the <stdint.h>/<stddef.h> names as primitive types too; they map to LP64 types. */
  private static readonly NAMED: Record<string, CType> = {
    void: T.void, _Bool: T.bool, bool: T.bool,
    size_t: T.ulong, uintptr_t: T.ulong, ssize_t: T.long, ptrdiff_t: T.long, intptr_t: T.long,
    int8_t: T.schar, uint8_t: T.uchar, int16_t: T.short, uint16_t: T.ushort,
    int32_t: T.int, uint32_t: T.uint, int64_t: T.long, uint64_t: T.ulong,
  };

  private primitive(text: string, n: Node): CType {
    const named = Checker.NAMED[text];
    if (named) return named;
    if (/\b(float|double)\b/.test(text)) throw this.unsupported(n, 'floating point');
    const words = text.split(/\s+/);
    const has = (w: string) => words.filter((x) => x === w).length;
    const unsigned = has('unsigned') > 0;
    if (has('char')) return unsigned ? T.uchar : has('signed') ? T.schar : T.char;
    if (has('short')) return unsigned ? T.ushort : T.short;
    const longs = has('long');
    if (longs >= 2) return unsigned ? T.ullong : T.llong;
    if (longs === 1) return unsigned ? T.ulong : T.long;
    return unsigned ? T.uint : T.int;
  }

  private structSpecifier(n: Node, union: boolean): CType {
    const nameNode = n.childForFieldName('name');
    const body = n.childForFieldName('body');
    const tag = nameNode?.text;
    let s: StructType | undefined;
    if (tag) {
      const own = this.scope.tags.get(tag);
      const found = body ? own : this.scope.lookupTag(tag);
      if (found === 'enum') throw this.err(n, `'${tag}' defined as wrong kind of tag`);
      s = found;
    }
    if (!s) {
      s = { k: 'struct', union, tag, fields: undefined, size: 0, align: 1 };
      if (tag) this.scope.tags.set(tag, s);
    }
    if (body) {
      if (s.fields) throw this.err(n, `redefinition of '${union ? 'union' : 'struct'} ${tag}'`);
      const members: { name: string | undefined; type: CType }[] = [];
      for (const f of body.namedChildren) {
        if (!f || f.type === 'comment') continue;
        if (f.type !== 'field_declaration') throw this.err(f, `unexpected ${f.type} in struct`);
        const base = this.specifiers(f).type;
        const decls = f.childrenForFieldName('declarator').filter((d): d is Node => !!d);
        if (f.namedChildren.some((c) => c?.type === 'bitfield_clause')) throw this.unsupported(f, 'a bit-field');
        if (decls.length === 0) {
          if (base.k === 'struct') members.push({ name: undefined, type: base });
          continue;
        }
        for (const d of decls) {
          const { name, type } = this.declarator(d, base);
          if (type.k === 'array' && type.len === undefined) {
            members.push({ name, type: { ...type, len: 0 } }); // flexible array member
            continue;
          }
          if (!isComplete(type)) throw this.err(d, `field '${name}' has incomplete type '${typeName(type)}'`);
          members.push({ name, type });
        }
      }
      completeStruct(s, members);
      if (tag) this.layouts[`${union ? 'union' : 'struct'} ${tag}`] = layoutOf(s);
    }
    return s;
  }

  private enumSpecifier(n: Node): CType {
    const body = n.childForFieldName('body');
    const tag = n.childForFieldName('name')?.text;
    if (tag) this.scope.tags.set(tag, 'enum');
    if (body) {
      let next = 0;
      for (const e of body.namedChildren) {
        if (!e || e.type !== 'enumerator') continue;
        const name = (e.childForFieldName('name') as Node).text;
        const vn = e.childForFieldName('value');
        if (vn) next = Number(this.constInt(vn));
        this.scope.names.set(name, { kind: 'enum', v: next });
        next++;
      }
    }
    return T.int;
  }

  /** Applies a declarator to a base type: returns the declared name and type (and parameter names for functions). */
  declarator(n: Node, base: CType): { name: string | undefined; type: CType; params?: { name: string | undefined; node: Node }[] } {
    switch (n.type) {
      case 'identifier':
      case 'field_identifier':
      case 'type_identifier':
      case 'primitive_type': // tree-sitter-c lexes size_t, uint32_t... as primitive types even when declared
        return { name: n.text, type: base };
      case 'pointer_declarator':
      case 'abstract_pointer_declarator': {
        const inner = n.childForFieldName('declarator');
        const t = ptrTo(base);
        return inner ? this.declarator(inner, t) : { name: undefined, type: t };
      }
      case 'array_declarator':
      case 'abstract_array_declarator': {
        const sizeNode = n.childForFieldName('size');
        let len: number | undefined;
        if (sizeNode) {
          const v = this.constInt(sizeNode);
          if (v < 0) throw this.err(sizeNode, 'size of array is negative');
          len = Number(v);
        }
        if (base.k === 'func') throw this.err(n, 'declaration of an array of functions');
        const t: ArrayType = { k: 'array', of: base, len };
        this.checkObjectSize(n, t);
        const inner = n.childForFieldName('declarator');
        return inner ? this.declarator(inner, t) : { name: undefined, type: t };
      }
      case 'function_declarator':
      case 'abstract_function_declarator': {
        const { type, params } = this.parameters(n.childForFieldName('parameters') as Node, base);
        const inner = n.childForFieldName('declarator');
        if (!inner) return { name: undefined, type, params };
        const r = this.declarator(inner, type);
        // Only the innermost function declarator's parameters name the definition's parameters.
        return { ...r, params: r.params ?? params };
      }
      case 'parenthesized_declarator':
      case 'abstract_parenthesized_declarator': {
        const inner = n.namedChildren.find((c) => c && c.type !== 'attribute_specifier' && c.type !== 'ms_call_modifier');
        return inner ? this.declarator(inner, base) : { name: undefined, type: base };
      }
      case 'attributed_declarator': {
        const inner = n.namedChildren.find((c) => c && c.type !== 'attribute_declaration');
        return inner ? this.declarator(inner, base) : { name: undefined, type: base };
      }
      default:
        throw this.err(n, `unsupported declarator '${n.text}'`);
    }
  }

  private parameters(n: Node, ret: CType): { type: FuncType; params: { name: string | undefined; node: Node }[] } {
    const params: CType[] = [];
    const names: { name: string | undefined; node: Node }[] = [];
    let variadic = false;
    const kids = n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    for (const p of kids) {
      if (p.type === 'variadic_parameter') {
        variadic = true;
        continue;
      }
      if (p.type !== 'parameter_declaration') throw this.unsupported(p, 'this parameter form (K&R style?)');
      const base = this.specifiers(p).type;
      const d = p.childForFieldName('declarator');
      const { name, type } = d ? this.declarator(d, base) : { name: undefined, type: base };
      if (type.k === 'void' && !name && kids.length === 1) break; // f(void)
      params.push(decay(type));
      names.push({ name, node: d ?? p });
    }
    if (ret.k === 'array' || ret.k === 'func') throw this.err(n, 'function cannot return an array or a function');
    const unprototyped = kids.length === 0 && !n.text.includes('void');
    return { type: { k: 'func', ret, params, variadic: variadic || unprototyped, unprototyped }, params: names };
  }

  typeDescriptor(n: Node): CType {
    const base = this.specifiers(n).type;
    const d = n.childForFieldName('declarator');
    return d ? this.declarator(d, base).type : base;
  }

  private constInt(n: Node): I64 {
    const e = this.expr(n);
    if (e.t.k !== 'int') throw this.err(n, 'expected an integer constant expression');
    const v = constValue(e);
    if (v === undefined) throw this.err(n, 'expression is not an integer constant');
    return v;
  }

  // --- initialisers --------------------------------------------------------------------------------------------

  private completeArrayFromInit(t: ArrayType, init: Node): ArrayType {
    if (init.type === 'string_literal' || init.type === 'concatenated_string') {
      if (t.of.k === 'int' && t.of.size === 1) return { ...t, len: this.stringBytes(init).length };
    }
    if (init.type !== 'initializer_list') throw this.err(init, 'array initializer must be an initializer list');
    let index = 0;
    let max = 0;
    for (const item of init.namedChildren) {
      if (!item || item.type === 'comment') continue;
      if (item.type === 'initializer_pair') {
        const des = item.childrenForFieldName('designator')[0];
        if (des?.type === 'subscript_designator') {
          index = Number(this.constInt(des.namedChildren[0] as Node));
          if (index < 0) throw this.err(des, 'array index in initializer is negative');
        }
      }
      index++;
      max = Math.max(max, index);
    }
    const done: ArrayType = { ...t, len: max };
    this.checkObjectSize(init, done);
    return done;
  }

  private initializer(n: Node, t: CType): Init {
    const items: Init['items'] = [];
    if (n.type === 'initializer_list') {
      this.initList(n, t, 0, items);
      return { zero: true, items };
    }
    if (t.k === 'array' && (n.type === 'string_literal' || n.type === 'concatenated_string')) {
      this.stringInit(n, t, 0, items);
      return { zero: true, items };
    }
    if (t.k === 'array') throw this.err(n, 'array must be initialized with a brace-enclosed initializer');
    const e = this.assignConvert(this.rvalue(this.expr(n)), t, n);
    items.push({ offset: 0, type: t, e });
    return { zero: t.k === 'struct', items };
  }

  private stringInit(n: Node, t: ArrayType, offset: number, items: Init['items']): void {
    const bytes = this.stringBytes(n);
    const len = t.len ?? bytes.length;
    if (bytes.length - 1 > len) throw this.err(n, 'initializer-string for array is too long');
    for (let i = 0; i < Math.min(len, bytes.length); i++) {
      items.push({ offset: offset + i, type: t.of, e: { e: 'const', t: t.of, v: convertInt(bytes[i] as number, t.of), loc: this.loc(n) } });
    }
  }

  /** C's brace elision and designators, walking the object in declaration order. */
  private initList(n: Node, t: CType, base: number, items: Init['items']): void {
    const list = n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    let pos = 0;
    const walk = (into: CType, at: number): void => {
      // consumes list[pos...] for the object `into` at offset `at`, with brace elision
      const item = list[pos];
      if (!item) return;
      if (into.k === 'struct' || into.k === 'array') {
        if (item.type === 'initializer_list') {
          pos++;
          this.initList(item, into, at, items);
          return;
        }
        if (into.k === 'array' && (item.type === 'string_literal' || item.type === 'concatenated_string') && into.of.k === 'int' && into.of.size === 1) {
          pos++;
          this.stringInit(item, into, at, items);
          return;
        }
        if (item.type !== 'initializer_pair') {
          const e = this.rvalue(this.expr(item));
          if (into.k === 'struct' && e.t.k === 'struct' && e.t === into) {
            pos++;
            items.push({ offset: at, type: into, e });
            return;
          }
        }
        // brace elision: fill this aggregate's members from the flat list
        const members = this.membersOf(into);
        for (let i = 0; i < members.count; i++) {
          const m = members.at(i);
          if (!m || pos >= list.length || list[pos]?.type === 'initializer_pair') return;
          walk(m.type, at + m.offset);
        }
        return;
      }
      pos++;
      const e = this.assignConvert(this.rvalue(this.expr(item)), into, item);
      items.push({ offset: at, type: into, e });
    };
    const members = this.membersOf(t);
    let mi = 0;
    while (pos < list.length) {
      const item = list[pos] as Node;
      if (item.type === 'initializer_pair') {
        const designators = item.childrenForFieldName('designator').filter((d): d is Node => !!d);
        let cur = t;
        let off = base;
        designators.forEach((d, k) => {
          let target: { type: CType; offset: number; index: number };
          if (d.type === 'field_designator') {
            if (cur.k !== 'struct') throw this.err(d, 'field designator in a non-struct initializer');
            const fname = d.namedChildren[0]?.text ?? '';
            const idx = (cur.fields ?? []).findIndex((m) => m.name === fname);
            const f = findField(cur, fname);
            if (!f) throw this.err(d, `'${typeName(cur)}' has no member named '${fname}'`);
            target = { type: f.type, offset: f.offset, index: idx };
          } else if (d.type === 'subscript_designator') {
            if (cur.k !== 'array') throw this.err(d, 'array index in a non-array initializer');
            const i = Number(this.constInt(d.namedChildren[0] as Node));
            if (i < 0) throw this.err(d, 'array index in initializer is negative');
            if (cur.len !== undefined && i >= cur.len) throw this.err(d, 'array index in initializer exceeds array bounds');
            target = { type: cur.of, offset: i * sizeOf(cur.of), index: i };
          } else throw this.unsupported(d, 'this designator');
          if (k === 0) mi = target.index + 1;
          cur = target.type;
          off += target.offset;
        });
        const value = item.childForFieldName('value') as Node;
        if (value.type === 'initializer_list') this.initList(value, cur, off, items);
        else if (cur.k === 'array' && (value.type === 'string_literal' || value.type === 'concatenated_string')) this.stringInit(value, cur, off, items);
        else if (cur.k === 'struct' || cur.k === 'array') {
          // `.member = value` for an aggregate member without braces: the value starts a brace-elided run
          list[pos] = value;
          walk(cur, off);
          continue;
        } else items.push({ offset: off, type: cur, e: this.assignConvert(this.rvalue(this.expr(value)), cur, value) });
        pos++;
        continue;
      }
      const m = members.at(mi);
      if (!m) throw this.err(item, 'excess elements in initializer');
      walk(m.type, base + m.offset);
      mi++;
      if (t.k === 'struct' && t.union) break;
    }
  }

  /**
   * The members an initializer list fills in order, by index: an array's are made on demand, since an
   * initializer may name element 4294967295 of an array it sizes (a list of them would not fit in memory).
   */
  private membersOf(t: CType): { count: number; at(i: number): { name: string | undefined; type: CType; offset: number } | undefined } {
    if (t.k === 'struct') {
      const fields = t.fields ?? [];
      return { count: fields.length, at: (i) => fields[i] };
    }
    if (t.k === 'array') {
      const es = sizeOf(t.of);
      const count = t.len ?? 0;
      return { count, at: (i) => (i >= 0 && i < count ? { name: undefined, type: t.of, offset: i * es } : undefined) };
    }
    return { count: 1, at: (i) => (i === 0 ? { name: undefined, type: t, offset: 0 } : undefined) };
  }

  /** An object the interpreter could never hold: refused where its type is written, before any memory is taken. */
  private checkObjectSize(n: Node, t: CType): void {
    if (t.k === 'array' && t.len === undefined) return;
    if (t.k === 'struct' && t.fields === undefined) return;
    if (t.k === 'func' || t.k === 'void') return;
    let size: number;
    try {
      size = sizeOf(t);
    } catch {
      return; // an incomplete element type, reported where it is used
    }
    if (size > MAX_OBJECT_BYTES) throw this.err(n, `size of '${typeName(t)}' is too large (${size} bytes; the interpreter's objects are at most ${MAX_OBJECT_BYTES} bytes)`);
  }

  // --- statements ----------------------------------------------------------------------------------------------

  private compound(n: Node, newScope = true): Stmt {
    const outer = this.scope;
    if (newScope) this.scope = new Scope(outer);
    const first = this.fn?.def.locals.length ?? 0;
    const body: Stmt[] = [];
    for (const c of n.namedChildren) if (c) body.push(...this.stmt(c));
    this.scope = outer;
    this.endScope(first, n);
    return { s: 'block', body, loc: this.loc(n) };
  }

  /** Locals declared since `first` go out of scope at the end of `n` (inner blocks already set theirs). */
  private endScope(first: number, n: Node): void {
    const locals = this.fn?.def.locals ?? [];
    if (locals.length === first) return;
    const end = this.locate(n.endIndex - 1);
    for (let i = first; i < locals.length; i++) {
      const v = locals[i] as LocalVar;
      v.scopeEnd ??= end;
    }
  }

  private stmt(n: Node): Stmt[] {
    const loc = this.loc(n);
    const ctx = this.fn as FuncCtx;
    switch (n.type) {
      case 'comment':
        return [];
      case 'compound_statement':
        return [this.compound(n)];
      case 'declaration':
        return this.declaration(n, false);
      case 'type_definition':
        this.typedef(n);
        return [];
      case 'struct_specifier':
      case 'union_specifier':
      case 'enum_specifier':
        this.typeSpecifier(n);
        return [];
      case 'expression_statement': {
        const e = n.namedChildren[0];
        if (!e || e.type === 'comment') return [{ s: 'empty', loc }];
        return [{ s: 'expr', e: this.expr(e), loc }];
      }
      case 'if_statement': {
        const c = this.cond(n.childForFieldName('condition') as Node);
        const then = this.single(n.childForFieldName('consequence') as Node);
        const alt = n.childForFieldName('alternative');
        const els = alt ? this.single(alt.type === 'else_clause' ? (alt.namedChildren[0] as Node) : alt) : undefined;
        return [{ s: 'if', c, then, else: els, loc }];
      }
      case 'while_statement': {
        const c = this.cond(n.childForFieldName('condition') as Node);
        ctx.loops++;
        const body = this.single(n.childForFieldName('body') as Node);
        ctx.loops--;
        return [{ s: 'while', c, body, loc }];
      }
      case 'do_statement': {
        ctx.loops++;
        const body = this.single(n.childForFieldName('body') as Node);
        ctx.loops--;
        const c = this.cond(n.childForFieldName('condition') as Node);
        return [{ s: 'do', body, c, loc }];
      }
      case 'for_statement': {
        const outer = this.scope;
        this.scope = new Scope(outer);
        const first = ctx.def.locals.length;
        const initNode = n.childForFieldName('initializer');
        const init = initNode ? (initNode.type === 'declaration' ? this.declaration(initNode, false) : [{ s: 'expr' as const, e: this.expr(initNode), loc: this.loc(initNode) }]) : [];
        const cn = n.childForFieldName('condition');
        const c = cn ? this.scalarCond(this.expr(cn), cn) : undefined;
        const un = n.childForFieldName('update');
        const step = un ? this.expr(un) : undefined;
        ctx.loops++;
        const body = this.single(n.childForFieldName('body') as Node);
        ctx.loops--;
        this.scope = outer;
        this.endScope(first, n);
        return [{ s: 'for', init, c, step, body, loc }];
      }
      case 'return_statement': {
        const en = n.namedChildren.find((c) => c && c.type !== 'comment');
        const ret = ctx.def.sym.type.ret;
        if (!en) {
          return [{ s: 'return', e: undefined, loc }];
        }
        const e = this.expr(en);
        if (ret.k === 'void') {
          if (e.t.k !== 'void') throw this.err(en, "'return' with a value, in function returning void");
          return [{ s: 'expr', e, loc }, { s: 'return', e: undefined, loc }];
        }
        return [{ s: 'return', e: this.assignConvert(this.rvalue(e), ret, en), loc }];
      }
      case 'break_statement':
        if (ctx.loops === 0 && ctx.switches.length === 0) throw this.err(n, 'break statement not within loop or switch');
        return [{ s: 'break', loc }];
      case 'continue_statement':
        if (ctx.loops === 0) throw this.err(n, 'continue statement not within a loop');
        return [{ s: 'continue', loc }];
      case 'goto_statement': {
        const label = (n.childForFieldName('label') as Node).text;
        ctx.gotos.push({ label, loc });
        return [{ s: 'goto', label, loc }];
      }
      case 'labeled_statement': {
        const label = (n.childForFieldName('label') as Node).text;
        if (ctx.labels.has(label)) throw this.err(n, `duplicate label '${label}'`);
        ctx.labels.set(label, loc);
        const inner = n.namedChildren.filter((c): c is Node => !!c && c.type !== 'statement_identifier');
        const body: Stmt[] = [];
        for (const c of inner) body.push(...this.stmt(c));
        return [{ s: 'label', label, body: body.length === 1 ? (body[0] as Stmt) : { s: 'block', body, loc }, loc }];
      }
      case 'switch_statement': {
        const cn = n.childForFieldName('condition') as Node;
        const c0 = this.rvalue(this.expr(cn));
        if (c0.t.k !== 'int') throw this.err(cn, 'switch quantity not an integer');
        const c = this.convert(c0, promote(c0.t));
        ctx.switches.push({ cases: [], seen: new Set(), hasDefault: false });
        const body = this.single(n.childForFieldName('body') as Node);
        const sw = ctx.switches.pop() as FuncCtx['switches'][number];
        return [{ s: 'switch', c, body, cases: sw.cases, loc }];
      }
      case 'case_statement': {
        const sw = ctx.switches[ctx.switches.length - 1];
        if (!sw) throw this.err(n, "'case' label not within a switch statement");
        const vn = n.childForFieldName('value');
        const id = ctx.nextCase++;
        let value: I64 | undefined;
        if (vn) {
          value = this.constInt(vn);
          const key = String(value);
          if (sw.seen.has(key)) throw this.err(vn, `duplicate case value '${key}'`);
          sw.seen.add(key);
        } else {
          if (sw.hasDefault) throw this.err(n, "multiple default labels in one switch");
          sw.hasDefault = true;
        }
        sw.cases.push({ id, value });
        const body: Stmt[] = [];
        for (const c of n.namedChildren) if (c && c.id !== vn?.id) body.push(...this.stmt(c));
        return [{ s: 'case', id, body, loc }];
      }
      case 'gnu_asm_expression':
      case 'asm_statement':
        throw this.unsupported(n, 'inline assembly');
      default:
        if (n.type.endsWith('_expression') || n.type === 'identifier') return [{ s: 'expr', e: this.expr(n), loc }];
        throw this.unsupported(n, `'${n.type.replace(/_/g, ' ')}'`);
    }
  }

  /** The body of if/while/for: one statement, kept as one node even if it declares several. */
  private single(n: Node): Stmt {
    const ss = this.stmt(n);
    return ss.length === 1 ? (ss[0] as Stmt) : { s: 'block', body: ss, loc: this.loc(n) };
  }

  private cond(n: Node): Expr {
    const inner = n.type === 'parenthesized_expression' ? (n.namedChildren.find((c) => c && c.type !== 'comment') as Node) : n;
    return this.scalarCond(this.expr(inner), inner);
  }

  private scalarCond(e0: Expr, n: Node): Expr {
    const e = this.rvalue(e0);
    if (!isScalar(e.t)) throw this.err(n, `used ${typeName(e.t)} where a scalar is required`);
    return e;
  }

  // --- expressions ---------------------------------------------------------------------------------------------

  /** Array/function designators decay to pointers when used as values. */
  rvalue(e: Expr): Expr {
    if (e.t.k === 'array' && e.e === 'mem') return { e: 'cast', t: ptrTo(e.t.of), a: e.addr, loc: e.loc };
    if (e.t.k === 'array' && e.e === 'local') return { e: 'cast', t: ptrTo(e.t.of), a: { e: 'addr', t: ptrTo(e.t), lv: e, loc: e.loc }, loc: e.loc };
    if (e.t.k === 'func') {
      if (e.e === 'fn') return { e: 'addr', t: ptrTo(e.t), lv: e, loc: e.loc };
      if (e.e === 'mem') return { e: 'cast', t: ptrTo(e.t), a: e.addr, loc: e.loc };
    }
    return e;
  }

  convert(e: Expr, t: CType): Expr {
    if (sameType(e.t, t)) return e;
    if (e.e === 'const' && (t.k === 'int' || t.k === 'ptr')) return { e: 'const', t, v: convertInt(e.v, t), loc: e.loc };
    return { e: 'cast', t, a: e, loc: e.loc };
  }

  /** Conversion as by assignment (C11 6.5.16.1), with gcc's leniency on pointer mismatches. */
  private assignConvert(e: Expr, t: CType, n: Node): Expr {
    if (t.k === 'struct') {
      if (!sameType(e.t, t)) throw this.err(n, `incompatible types when assigning to type '${typeName(t)}' from type '${typeName(e.t)}'`);
      return e;
    }
    if (!isScalar(e.t)) throw this.err(n, `incompatible types: cannot convert '${typeName(e.t)}' to '${typeName(t)}'`);
    if (t.k !== 'int' && t.k !== 'ptr') throw this.err(n, `cannot assign to an object of type '${typeName(t)}'`);
    return this.convert(e, t);
  }

  private isLvalue(e: Expr): boolean {
    return e.e === 'local' || (e.e === 'mem' && e.t.k !== 'func');
  }

  private markAddressTaken(e: Expr): void {
    if (e.e === 'local') e.v.inMemory = true;
  }

  expr(n: Node): Expr {
    const loc = this.loc(n);
    switch (n.type) {
      case 'parenthesized_expression': {
        const inner = n.namedChildren.find((c) => c && c.type !== 'comment');
        if (!inner) throw this.err(n, 'empty parentheses');
        if (inner.type === 'compound_statement') throw this.unsupported(n, 'a GNU statement expression ({ ... })');
        return this.expr(inner);
      }
      case 'number_literal': {
        // tree-sitter-c folds a leading minus into the literal; C sees unary minus applied to the constant
        const neg = n.text.startsWith('-');
        const r = parseIntLiteral(neg ? n.text.slice(1).trim() : n.text);
        if (typeof r === 'string') throw this.err(n, r);
        const c: Expr = { e: 'const', t: r.t, v: r.v, loc };
        return neg ? this.negate(c, n) : c;
      }
      case 'char_literal': {
        const body = n.text.replace(/^[LuU8]*'/, '').replace(/'$/, '');
        const bytes = decodeEscapes(body);
        if (typeof bytes === 'string') throw this.err(n, bytes);
        if (bytes.length !== 1) throw this.err(n, 'multi-character character constant is not supported');
        return { e: 'const', t: T.int, v: ((bytes[0] as number) << 24) >> 24, loc };
      }
      case 'string_literal':
      case 'concatenated_string': {
        const bytes = this.stringBytes(n);
        const addr = this.stringLiteral(bytes);
        return { e: 'mem', t: { k: 'array', of: T.char, len: bytes.length }, addr: { e: 'const', t: ptrTo(T.char), v: addr, loc }, loc };
      }
      case 'true':
        return { e: 'const', t: T.int, v: 1, loc };
      case 'false':
        return { e: 'const', t: T.int, v: 0, loc };
      case 'null':
        return { e: 'const', t: ptrTo(T.void), v: 0, loc };
      case 'identifier':
        return this.identifier(n);
      case 'binary_expression':
        return this.binary(n);
      case 'unary_expression':
        return this.unary(n);
      case 'pointer_expression': {
        const op = (n.childForFieldName('operator') as Node).text;
        const an = n.childForFieldName('argument') as Node;
        const a = this.expr(an);
        return op === '&' ? this.addressOf(a, n) : this.deref(this.rvalue(a), n);
      }
      case 'field_expression':
        return this.member(n);
      case 'subscript_expression': {
        const a = this.rvalue(this.expr(n.childForFieldName('argument') as Node));
        const i = this.rvalue(this.expr(n.childForFieldName('index') as Node));
        const sum = this.additive('+', a, i, n);
        return this.deref(sum, n);
      }
      case 'assignment_expression':
        return this.assignment(n);
      case 'update_expression': {
        const op = (n.childForFieldName('operator') as Node).text;
        const an = n.childForFieldName('argument') as Node;
        const lhs = this.expr(an);
        if (!this.isLvalue(lhs) || !isScalar(lhs.t)) throw this.err(an, `lvalue required as ${op === '++' ? 'increment' : 'decrement'} operand`);
        const pre = (n.child(0) as Node).text === op;
        const scale = lhs.t.k === 'ptr' ? this.elemSize(lhs.t.to, n) : 1;
        return { e: 'incdec', t: lhs.t, pre, delta: op === '++' ? 1 : -1, lhs, scale, loc };
      }
      case 'conditional_expression': {
        const c = this.scalarCond(this.expr(n.childForFieldName('condition') as Node), n);
        const an = n.childForFieldName('consequence');
        if (!an) throw this.unsupported(n, "the GNU '?:' operator with an omitted middle operand");
        const a = this.rvalue(this.expr(an));
        const b = this.rvalue(this.expr(n.childForFieldName('alternative') as Node));
        const t = this.condType(a, b, n);
        return { e: 'cond', t, c, a: t.k === 'void' ? a : this.convert(a, t), b: t.k === 'void' ? b : this.convert(b, t), loc };
      }
      case 'comma_expression': {
        const a = this.expr(n.childForFieldName('left') as Node);
        const b = this.rvalue(this.expr(n.childForFieldName('right') as Node));
        return { e: 'comma', t: b.t, a, b, loc };
      }
      case 'call_expression':
        return this.call(n);
      case 'cast_expression': {
        const t = this.typeDescriptor(n.childForFieldName('type') as Node);
        const vn = n.childForFieldName('value') as Node;
        if (vn.type === 'initializer_list') throw this.unsupported(n, 'a compound literal');
        const a = this.rvalue(this.expr(vn));
        if (t.k === 'void') return { e: 'cast', t, a, loc };
        if (!isScalar(t)) throw this.err(n, `conversion to non-scalar type '${typeName(t)}' requested`);
        if (!isScalar(a.t)) throw this.err(n, `cannot convert '${typeName(a.t)}' to '${typeName(t)}'`);
        const c = this.convert(a, t);
        return c === a ? { e: 'cast', t, a, loc } : c;
      }
      case 'sizeof_expression': {
        const tn = n.childForFieldName('type');
        let t: CType;
        if (tn) t = this.typeDescriptor(tn);
        else {
          const vn = n.childForFieldName('value') as Node;
          t = this.typedefInParens(vn) ?? this.expr(vn).t;
        }
        if (t.k === 'func') throw this.err(n, 'invalid application of sizeof to a function type');
        if (!isComplete(t) && t.k !== 'void') throw this.err(n, `invalid application of 'sizeof' to incomplete type '${typeName(t)}'`);
        return { e: 'const', t: T.ulong, v: sizeOf(t), loc };
      }
      case 'alignof_expression': {
        const t = this.typeDescriptor(n.childForFieldName('type') as Node);
        return { e: 'const', t: T.ulong, v: t.k === 'struct' ? t.align : Math.min(sizeOf(t), 8), loc };
      }
      case 'offsetof_expression': {
        const t = this.typeDescriptor(n.childForFieldName('type') as Node);
        const member = (n.childForFieldName('member') as Node).text;
        if (t.k !== 'struct') throw this.err(n, 'offsetof on a non-struct type');
        const f = findField(t, member);
        if (!f) throw this.err(n, `'${typeName(t)}' has no member named '${member}'`);
        return { e: 'const', t: T.ulong, v: f.offset, loc };
      }
      case 'compound_literal_expression':
        throw this.unsupported(n, 'a compound literal');
      case 'initializer_list':
        throw this.err(n, 'braced initializer used as an expression');
      case 'number_literal_float':
        throw this.unsupported(n, 'floating point');
      default:
        throw this.unsupported(n, `the expression '${n.type.replace(/_/g, ' ')}'`);
    }
  }

  /** `sizeof (name)` parses as an expression even when name is a typedef; C reads it as a type. */
  private typedefInParens(n: Node): CType | undefined {
    if (n.type !== 'parenthesized_expression') return undefined;
    const inner = n.namedChildren[0];
    if (n.namedChildCount !== 1 || inner?.type !== 'identifier') return undefined;
    const o = this.scope.lookup(inner.text);
    if (o?.kind === 'typedef') return o.t;
    return inner.text === '_Bool' && !o ? T.bool : undefined;
  }

  /** `(T)-x`, `(T)*p`, `(T)(x)`: tree-sitter cannot know T is a type and parses a binary or a call; C casts. */
  private castOf(t: CType, operand: Expr, n: Node): Expr {
    const a = this.rvalue(operand);
    if (!isScalar(t) || !isScalar(a.t)) throw this.err(n, `cannot convert '${typeName(a.t)}' to '${typeName(t)}'`);
    const c = this.convert(a, t);
    return c === a ? { e: 'cast', t, a, loc: this.loc(n) } : c;
  }

  stringBytes(n: Node): number[] {
    const parts = n.type === 'concatenated_string' ? n.namedChildren.filter((c): c is Node => !!c && c.type === 'string_literal') : [n];
    const out: number[] = [];
    for (const p of parts) {
      const body = p.text.replace(/^[LuU8]*"/, '').replace(/"$/, '');
      if (/^[LuU]/.test(p.text)) throw this.unsupported(p, 'a wide string literal');
      const bytes = decodeEscapes(body);
      if (typeof bytes === 'string') throw this.err(p, bytes);
      out.push(...bytes);
    }
    out.push(0);
    return out;
  }

  private identifier(n: Node): Expr {
    const loc = this.loc(n);
    const o = this.scope.lookup(n.text);
    if (!o) throw this.err(n, `'${n.text}' undeclared`);
    switch (o.kind) {
      case 'var':
        return { e: 'local', t: o.v.type, v: o.v, loc };
      case 'global':
        o.g.firstUse ??= loc;
        return { e: 'mem', t: o.g.type, addr: { e: 'gaddr', t: ptrTo(o.g.type), g: o.g, loc }, loc };
      case 'func':
        this.referenced.add(o.f);
        return { e: 'fn', t: o.f.type, f: o.f, loc };
      case 'enum':
        return { e: 'const', t: T.int, v: o.v, loc };
      case 'typedef':
        throw this.err(n, `unexpected type name '${n.text}': expected expression`);
    }
  }

  private addressOf(a: Expr, n: Node): Expr {
    const loc = this.loc(n);
    if (a.e === 'fn' || a.e === 'mem') return { e: 'addr', t: ptrTo(a.t), lv: a, loc };
    if (a.e === 'local') {
      this.markAddressTaken(a);
      return { e: 'addr', t: ptrTo(a.t), lv: a, loc };
    }
    throw this.err(n, 'lvalue required as unary & operand');
  }

  private deref(p: Expr, n: Node): Expr {
    if (p.t.k !== 'ptr') throw this.err(n, `invalid type argument of unary '*' (have '${typeName(p.t)}')`);
    if (p.t.to.k === 'void') throw this.err(n, "dereferencing a 'void *' pointer");
    return { e: 'mem', t: p.t.to, addr: p, loc: this.loc(n) };
  }

  private member(n: Node): Expr {
    const an = n.childForFieldName('argument') as Node;
    const op = (n.childForFieldName('operator') as Node).text;
    const fname = (n.childForFieldName('field') as Node).text;
    let base = this.expr(an);
    let st: CType;
    let addr: Expr;
    if (op === '->') {
      base = this.rvalue(base);
      if (base.t.k !== 'ptr' || base.t.to.k !== 'struct') throw this.err(n, `invalid type argument of '->' (have '${typeName(base.t)}')`);
      st = base.t.to;
      addr = base;
    } else {
      if (base.t.k !== 'struct') throw this.err(n, `request for member '${fname}' in something not a structure or union`);
      st = base.t;
      if (base.e === 'mem') addr = base.addr;
      else if (base.e === 'local') {
        this.markAddressTaken(base);
        addr = { e: 'addr', t: ptrTo(base.t), lv: base, loc: base.loc };
      } else if (base.e === 'call' || base.e === 'assign' || base.e === 'cond' || base.e === 'comma') {
        addr = { e: 'addr', t: ptrTo(base.t), lv: base, loc: base.loc };
      } else throw this.err(n, 'member access on a value that is not an object');
    }
    if (st.k !== 'struct') throw this.err(n, 'not a struct');
    if (!st.fields) throw this.err(n, `dereferencing pointer to incomplete type '${typeName(st)}'`);
    const f = findField(st, fname);
    if (!f) throw this.err(n.childForFieldName('field') as Node, `'${typeName(st)}' has no member named '${fname}'`);
    const loc = this.loc(n);
    const faddr: Expr = f.offset === 0 ? { e: 'cast', t: ptrTo(f.type), a: addr, loc } : { e: 'padd', t: ptrTo(f.type), p: { e: 'cast', t: ptrTo(T.char), a: addr, loc }, i: { e: 'const', t: T.long, v: f.offset, loc }, scale: 1, loc };
    return { e: 'mem', t: f.type, addr: faddr, loc };
  }

  private elemSize(t: CType, n: Node): number {
    if (t.k === 'void' || t.k === 'func') return 1;
    if (!isComplete(t)) throw this.err(n, `arithmetic on a pointer to an incomplete type '${typeName(t)}'`);
    return sizeOf(t);
  }

  private additive(op: '+' | '-', a: Expr, b: Expr, n: Node): Expr {
    const loc = this.loc(n);
    if (a.t.k === 'ptr' && b.t.k === 'int') {
      return { e: 'padd', t: a.t, p: a, i: this.convert(op === '-' ? this.negate(b, n) : b, T.long), scale: this.elemSize(a.t.to, n), loc };
    }
    if (op === '+' && a.t.k === 'int' && b.t.k === 'ptr') return this.additive('+', b, a, n);
    if (op === '-' && a.t.k === 'ptr' && b.t.k === 'ptr') {
      return { e: 'pdiff', t: T.long, a, b, scale: this.elemSize(a.t.to, n), loc };
    }
    return this.arith(op, a, b, n);
  }

  private negate(b: Expr, n: Node): Expr {
    const t = promote(b.t as IntType);
    const e: Expr = { e: 'un', t, op: '-', a: this.convert(b, t), loc: this.loc(n) };
    const v = constValue(e);
    return v === undefined ? e : { e: 'const', t, v, loc: e.loc };
  }

  private arith(op: BinOp, a: Expr, b: Expr, n: Node): Expr {
    if (a.t.k !== 'int' || b.t.k !== 'int') {
      throw this.err(n, `invalid operands to binary ${op} (have '${typeName(a.t)}' and '${typeName(b.t)}')`);
    }
    const loc = this.loc(n);
    if (op === '<<' || op === '>>') {
      const t = promote(a.t);
      return this.fold({ e: 'bin', t, op, a: this.convert(a, t), b: this.convert(b, promote(b.t)), loc });
    }
    const t = commonInt(a.t, b.t);
    return this.fold({ e: 'bin', t, op, a: this.convert(a, t), b: this.convert(b, t), loc });
  }

  private fold(e: Expr): Expr {
    if (e.e === 'bin' && e.a.e === 'const' && e.b.e === 'const') {
      const v = constValue(e);
      if (v !== undefined) return { e: 'const', t: e.t, v, loc: e.loc };
    }
    return e;
  }

  private binary(n: Node): Expr {
    const op = (n.childForFieldName('operator') as Node).text;
    const castType = '+-*&'.includes(op) ? this.typedefInParens(n.childForFieldName('left') as Node) : undefined;
    if (castType) {
      const rn = n.childForFieldName('right') as Node;
      const r = this.rvalue(this.expr(rn));
      const operand: Expr =
        op === '*' ? this.deref(r, rn) : op === '&' ? this.addressOf(this.expr(rn), rn) : op === '-' ? this.negate(this.convert(r, promote(r.t as IntType)), rn) : r;
      return this.castOf(castType, operand, n);
    }
    const a = this.rvalue(this.expr(n.childForFieldName('left') as Node));
    const b = this.rvalue(this.expr(n.childForFieldName('right') as Node));
    const loc = this.loc(n);
    switch (op) {
      case '+':
      case '-':
        return this.additive(op, a, b, n);
      case '*': case '/': case '%': case '<<': case '>>': case '&': case '|': case '^':
        return this.arith(op, a, b, n);
      case '&&':
      case '||':
        if (!isScalar(a.t) || !isScalar(b.t)) throw this.err(n, `invalid operands to ${op}`);
        return { e: 'logic', t: T.int, op, a, b, loc };
      case '<': case '>': case '<=': case '>=': case '==': case '!=': {
        if (a.t.k === 'int' && b.t.k === 'int') {
          const ct = commonInt(a.t, b.t);
          return { e: 'cmp', t: T.int, op: op as CmpOp, ct, a: this.convert(a, ct), b: this.convert(b, ct), loc };
        }
        if (isScalar(a.t) && isScalar(b.t)) {
          // pointer comparisons (and pointer against 0): compare as unsigned 64-bit addresses
          return { e: 'cmp', t: T.int, op: op as CmpOp, ct: T.ulong, a: this.convert(a, T.ulong), b: this.convert(b, T.ulong), loc };
        }
        throw this.err(n, `invalid operands to binary ${op} (have '${typeName(a.t)}' and '${typeName(b.t)}')`);
      }
      default:
        throw this.unsupported(n, `the operator '${op}'`);
    }
  }

  private unary(n: Node): Expr {
    const op = (n.childForFieldName('operator') as Node).text;
    const a = this.rvalue(this.expr(n.childForFieldName('argument') as Node));
    const loc = this.loc(n);
    if (op === '!') {
      if (!isScalar(a.t)) throw this.err(n, "wrong type argument to unary '!'");
      return { e: 'un', t: T.int, op: '!', a, loc };
    }
    if (a.t.k !== 'int') throw this.err(n, `wrong type argument to unary '${op}'`);
    const t = promote(a.t);
    if (op === '+') return this.convert(a, t);
    if (op === '-' || op === '~') {
      const e: Expr = { e: 'un', t, op, a: this.convert(a, t), loc };
      const v = a.e === 'const' ? constValue(e) : undefined;
      return v === undefined ? e : { e: 'const', t, v, loc };
    }
    throw this.unsupported(n, `the unary operator '${op}'`);
  }

  private condType(a: Expr, b: Expr, n: Node): CType {
    if (a.t.k === 'int' && b.t.k === 'int') return commonInt(a.t, b.t);
    if (a.t.k === 'void' || b.t.k === 'void') return T.void;
    if (a.t.k === 'struct' && a.t === b.t) return a.t;
    if (a.t.k === 'ptr' && b.t.k === 'ptr') return a.t.to.k === 'void' ? b.t : a.t;
    if (a.t.k === 'ptr' && b.t.k === 'int') return a.t;
    if (a.t.k === 'int' && b.t.k === 'ptr') return b.t;
    throw this.err(n, `type mismatch in conditional expression ('${typeName(a.t)}' and '${typeName(b.t)}')`);
  }

  private assignment(n: Node): Expr {
    const op = (n.childForFieldName('operator') as Node).text;
    const ln = n.childForFieldName('left') as Node;
    const lhs = this.expr(ln);
    const rhs = this.rvalue(this.expr(n.childForFieldName('right') as Node));
    const loc = this.loc(n);
    if (!this.isLvalue(lhs) || lhs.t.k === 'array') throw this.err(ln, 'lvalue required as left operand of assignment');
    if (op === '=') return { e: 'assign', t: lhs.t, lhs, rhs: this.assignConvert(rhs, lhs.t, n), loc };
    const bop = op.slice(0, -1) as BinOp;
    if (lhs.t.k === 'ptr') {
      if ((bop !== '+' && bop !== '-') || rhs.t.k !== 'int') throw this.err(n, `invalid operands to ${op}`);
      return { e: 'opassign', t: lhs.t, op: bop, ct: T.long, lhs, rhs: this.convert(rhs, T.long), scale: this.elemSize(lhs.t.to, n), loc };
    }
    if (lhs.t.k !== 'int' || rhs.t.k !== 'int') throw this.err(n, `invalid operands to ${op}`);
    const ct = bop === '<<' || bop === '>>' ? promote(lhs.t) : commonInt(lhs.t, rhs.t);
    const r = bop === '<<' || bop === '>>' ? this.convert(rhs, promote(rhs.t)) : this.convert(rhs, ct);
    return { e: 'opassign', t: lhs.t, op: bop, ct, lhs, rhs: r, scale: 1, loc };
  }

  private call(n: Node): Expr {
    const fnode = n.childForFieldName('function') as Node;
    const loc = this.loc(n);
    const castType = this.typedefInParens(fnode);
    const argList = (n.childForFieldName('arguments') as Node).namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    if (castType && argList.length === 1) return this.castOf(castType, this.expr(argList[0] as Node), n);
    let callee: Expr;
    if (fnode.type === 'identifier' && !this.scope.lookup(fnode.text)) {
      throw this.err(fnode, `implicit declaration of function '${fnode.text}'`);
    }
    callee = this.expr(fnode);
    let ftype: FuncType;
    if (callee.e === 'fn') ftype = callee.t;
    else {
      callee = this.rvalue(callee);
      if (callee.t.k !== 'ptr' || callee.t.to.k !== 'func') throw this.err(fnode, `called object is not a function or function pointer (type '${typeName(callee.t)}')`);
      ftype = callee.t.to;
    }
    const argNodes = (n.childForFieldName('arguments') as Node).namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    if (argNodes.length < ftype.params.length || (!ftype.variadic && argNodes.length > ftype.params.length)) {
      const name = callee.e === 'fn' ? `'${callee.f.name}'` : 'function';
      throw this.err(n, `${argNodes.length < ftype.params.length ? 'too few' : 'too many'} arguments to ${name} (expected ${ftype.params.length}, have ${argNodes.length})`);
    }
    const args = argNodes.map((an, i) => {
      const a = this.rvalue(this.expr(an));
      const pt = ftype.params[i];
      if (pt) return this.assignConvert(a, pt, an);
      // default argument promotions for the variadic part
      if (a.t.k === 'int') return this.convert(a, promote(a.t));
      if (a.t.k === 'struct') throw this.unsupported(an, 'passing a struct through a variadic argument list');
      return a;
    });
    if (ftype.ret.k === 'struct' && !isComplete(ftype.ret)) throw this.err(n, 'calling a function returning an incomplete struct');
    return { e: 'call', t: ftype.ret, fn: callee, ftype, args, loc };
  }
}


import type { SourceLoc } from '../diagnostics';
import type { I64 } from '../vm/int64';
import type { CType, FuncType, IntType, PtrType, StructType } from './types';

/**
 * The typed tree the checker produces and code generation consumes. Every implicit conversion of C is explicit
 * here (a `cast` node), every lvalue is either a register local or a memory object at a computed address, and
 * every member access is pointer arithmetic with a known offset — so code generation needs no type rules.
 */

export interface LocalVar {
  name: string;
  type: CType;
  /** Scalars whose address is never taken live in JS variables; everything else lives in the task's stack. */
  inMemory: boolean;
  /** Byte offset from the frame pointer, when in memory. */
  offset: number;
  /** The JS identifier in generated code (register locals, and the frame field in both cases). */
  js: string;
  isParam: boolean;
  loc: SourceLoc;
  /** The end of the block (or `for`) that declares it, for the debugger's scopes; undefined: the whole function. */
  scopeEnd?: SourceLoc;
}

export interface GlobalVar {
  name: string;
  type: CType;
  /** 0 until the defining declaration (in any unit) allocates it; read at code generation, after linking. */
  addr: number;
  defined: boolean;
  initialized: boolean;
  isStatic: boolean;
  loc: SourceLoc;
  /** The first use, for "undefined reference" when no unit defines it. */
  firstUse: SourceLoc | undefined;
}

export interface FuncSym {
  name: string;
  type: FuncType;
  index: number;
  def: FuncDef | undefined;
  isStatic: boolean;
  loc: SourceLoc;
}

export type Expr =
  | { e: 'const'; t: CType; v: I64; loc: SourceLoc }
  | { e: 'local'; t: CType; v: LocalVar; loc: SourceLoc }
  /** An object in memory; its value is loaded (or, for arrays/structs/functions, is its address). */
  | { e: 'mem'; t: CType; addr: Expr; loc: SourceLoc }
  | { e: 'fn'; t: FuncType; f: FuncSym; loc: SourceLoc }
  /** The address of a global, known once every unit is checked (an extern may be defined by a later unit). */
  | { e: 'gaddr'; t: PtrType; g: GlobalVar; loc: SourceLoc }
  | { e: 'un'; t: IntType; op: '-' | '~' | '!'; a: Expr; loc: SourceLoc }
  | { e: 'bin'; t: IntType; op: BinOp; a: Expr; b: Expr; loc: SourceLoc }
  /** Comparison of two operands already converted to the common type `ct`. */
  | { e: 'cmp'; t: IntType; op: CmpOp; ct: CType; a: Expr; b: Expr; loc: SourceLoc }
  | { e: 'padd'; t: PtrType; p: Expr; i: Expr; scale: number; loc: SourceLoc }
  | { e: 'pdiff'; t: IntType; a: Expr; b: Expr; scale: number; loc: SourceLoc }
  | { e: 'cast'; t: CType; a: Expr; loc: SourceLoc }
  | { e: 'assign'; t: CType; lhs: Expr; rhs: Expr; loc: SourceLoc }
  /** lhs op= rhs: computed as (ct)lhs op rhs, converted back to lhs's type. For pointers, op is + or - and scale set. */
  | { e: 'opassign'; t: CType; op: BinOp; ct: CType; lhs: Expr; rhs: Expr; scale: number; loc: SourceLoc }
  | { e: 'incdec'; t: CType; pre: boolean; delta: 1 | -1; lhs: Expr; scale: number; loc: SourceLoc }
  | { e: 'cond'; t: CType; c: Expr; a: Expr; b: Expr; loc: SourceLoc }
  | { e: 'logic'; t: IntType; op: '&&' | '||'; a: Expr; b: Expr; loc: SourceLoc }
  | { e: 'comma'; t: CType; a: Expr; b: Expr; loc: SourceLoc }
  | { e: 'call'; t: CType; fn: Expr; ftype: FuncType; args: Expr[]; loc: SourceLoc }
  | { e: 'addr'; t: PtrType; lv: Expr; loc: SourceLoc };

export type BinOp = '+' | '-' | '*' | '/' | '%' | '<<' | '>>' | '&' | '|' | '^';
export type CmpOp = '<' | '>' | '<=' | '>=' | '==' | '!=';

/** An initialiser flattened to scalar stores at byte offsets; aggregates are zero-filled first. */
export interface InitItem {
  offset: number;
  type: CType;
  e: Expr;
}
export interface Init {
  /** Zero the whole object first (any aggregate initialiser). */
  zero: boolean;
  items: InitItem[];
}

export type Stmt =
  | { s: 'expr'; e: Expr; loc: SourceLoc }
  | { s: 'decl'; v: LocalVar; init: Init | undefined; loc: SourceLoc }
  | { s: 'if'; c: Expr; then: Stmt; else: Stmt | undefined; loc: SourceLoc }
  | { s: 'while'; c: Expr; body: Stmt; loc: SourceLoc }
  | { s: 'do'; body: Stmt; c: Expr; loc: SourceLoc }
  | { s: 'for'; init: Stmt[]; c: Expr | undefined; step: Expr | undefined; body: Stmt; loc: SourceLoc }
  | { s: 'block'; body: Stmt[]; loc: SourceLoc }
  | { s: 'return'; e: Expr | undefined; loc: SourceLoc }
  | { s: 'break'; loc: SourceLoc }
  | { s: 'continue'; loc: SourceLoc }
  | { s: 'goto'; label: string; loc: SourceLoc }
  | { s: 'label'; label: string; body: Stmt; loc: SourceLoc }
  | { s: 'switch'; c: Expr; body: Stmt; cases: SwitchCase[]; loc: SourceLoc }
  | { s: 'case'; id: number; body: Stmt[]; loc: SourceLoc }
  | { s: 'empty'; loc: SourceLoc };

export interface SwitchCase {
  id: number;
  /** undefined for `default:`. */
  value: I64 | undefined;
}

export interface FuncDef {
  sym: FuncSym;
  params: LocalVar[];
  locals: LocalVar[];
  body: Stmt;
  /** Bytes of stack for in-memory locals and struct temporaries. */
  frameSize: number;
  loc: SourceLoc;
  endLoc: SourceLoc;
}

export interface StaticData {
  addr: number;
  size: number;
  kind: 'global' | 'string';
  name: string;
  bytes: Uint8Array | undefined;
}

export type StructRef = StructType;

/**
 * C types with x86-64 LP64 sizes and layout, so that sizeof/offsetof agree with gcc and the model kernel's
 * structures lie in memory exactly as a kernel developer expects when reading an oops address.
 */
export type IntSize = 1 | 2 | 4 | 8;

export interface VoidType {
  k: 'void';
}
export interface IntType {
  k: 'int';
  size: IntSize;
  signed: boolean;
  /** The spelling used in messages and the debugger ("unsigned long", "_Bool"). */
  name: string;
  bool?: true;
}
export interface PtrType {
  k: 'ptr';
  to: CType;
}
export interface ArrayType {
  k: 'array';
  of: CType;
  /** undefined for `int a[]` before an initialiser completes it. */
  len: number | undefined;
}
export interface Field {
  name: string | undefined;
  type: CType;
  offset: number;
}
export interface StructType {
  k: 'struct';
  union: boolean;
  tag: string | undefined;
  /** undefined while incomplete (declared, not yet defined). */
  fields: Field[] | undefined;
  size: number;
  align: number;
}
export interface FuncType {
  k: 'func';
  ret: CType;
  params: CType[];
  variadic: boolean;
  /** `int f()` in C means "unknown parameters": calls are not checked. */
  unprototyped: boolean;
}
export type CType = VoidType | IntType | PtrType | ArrayType | StructType | FuncType;

function int(size: IntSize, signed: boolean, name: string): IntType {
  return { k: 'int', size, signed, name };
}

export const T = {
  void: { k: 'void' } as VoidType,
  bool: { k: 'int', size: 1, signed: false, name: '_Bool', bool: true } as IntType,
  char: int(1, true, 'char'),
  schar: int(1, true, 'signed char'),
  uchar: int(1, false, 'unsigned char'),
  short: int(2, true, 'short'),
  ushort: int(2, false, 'unsigned short'),
  int: int(4, true, 'int'),
  uint: int(4, false, 'unsigned int'),
  long: int(8, true, 'long'),
  ulong: int(8, false, 'unsigned long'),
  llong: int(8, true, 'long long'),
  ullong: int(8, false, 'unsigned long long'),
};

export function ptrTo(to: CType): PtrType {
  return { k: 'ptr', to };
}

export function sizeOf(t: CType): number {
  switch (t.k) {
    case 'void':
      return 1; // gcc's extension: arithmetic on void * steps by one byte
    case 'int':
      return t.size;
    case 'ptr':
      return 8;
    case 'array':
      return (t.len ?? 0) * sizeOf(t.of);
    case 'struct':
      return t.size;
    case 'func':
      return 1;
  }
}

export function alignOf(t: CType): number {
  switch (t.k) {
    case 'int':
      return t.size;
    case 'ptr':
      return 8;
    case 'array':
      return alignOf(t.of);
    case 'struct':
      return t.align;
    default:
      return 1;
  }
}

export function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Lays out a struct or union the way the SysV x86-64 ABI does. */
export function completeStruct(s: StructType, members: { name: string | undefined; type: CType }[]): void {
  let offset = 0;
  let align = 1;
  let size = 0;
  const fields: Field[] = [];
  for (const m of members) {
    const a = alignOf(m.type);
    align = Math.max(align, a);
    if (s.union) {
      fields.push({ name: m.name, type: m.type, offset: 0 });
      size = Math.max(size, sizeOf(m.type));
    } else {
      offset = alignUp(offset, a);
      fields.push({ name: m.name, type: m.type, offset });
      offset += sizeOf(m.type);
      size = offset;
    }
  }
  s.fields = fields;
  s.align = align;
  s.size = alignUp(size, align);
}

/** Finds a member, looking through anonymous struct/union members as C11 does. */
export function findField(s: StructType, name: string): { type: CType; offset: number } | undefined {
  for (const f of s.fields ?? []) {
    if (f.name === name) return { type: f.type, offset: f.offset };
    if (f.name === undefined && f.type.k === 'struct') {
      const inner = findField(f.type, name);
      if (inner) return { type: inner.type, offset: f.offset + inner.offset };
    }
  }
  return undefined;
}

export const isScalar = (t: CType): boolean => t.k === 'int' || t.k === 'ptr';

export function isComplete(t: CType): boolean {
  if (t.k === 'void' || t.k === 'func') return false;
  if (t.k === 'struct') return t.fields !== undefined;
  if (t.k === 'array') return t.len !== undefined && isComplete(t.of);
  return true;
}

/** Integer promotion: everything narrower than int becomes int. */
export function promote(t: IntType): IntType {
  return t.size < 4 ? T.int : t;
}

/** The usual arithmetic conversions for two integer operands. */
export function commonInt(a: IntType, b: IntType): IntType {
  const pa = promote(a);
  const pb = promote(b);
  if (pa.size !== pb.size) return pa.size > pb.size ? pa : pb;
  if (pa.signed === pb.signed) return pa;
  return pa.signed ? pb : pa;
}

export function sameType(a: CType, b: CType): boolean {
  if (a === b) return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'void':
      return true;
    case 'int':
      return a.size === (b as IntType).size && a.signed === (b as IntType).signed && !!a.bool === !!(b as IntType).bool;
    case 'ptr':
      return sameType(a.to, (b as PtrType).to);
    case 'array':
      return a.len === (b as ArrayType).len && sameType(a.of, (b as ArrayType).of);
    case 'struct':
      return sameStruct(a, b as StructType);
    case 'func': {
      const f = b as FuncType;
      return (
        sameType(a.ret, f.ret) &&
        a.params.length === f.params.length &&
        a.params.every((p, i) => sameType(p, f.params[i] as CType))
      );
    }
  }
}

/**
 * Two translation units that include the same header get two struct objects; for the linker they are one type
 * when their tags agree, or, for an untagged `typedef struct { ... } spinlock_t;`, when their members do.
 */
function sameStruct(a: StructType, b: StructType): boolean {
  if (a.union !== b.union || a.tag !== b.tag) return false;
  if (a.tag !== undefined) return true;
  const fa = a.fields ?? [];
  const fb = b.fields ?? [];
  return a.size === b.size && fa.length === fb.length && fa.every((f, i) => f.name === fb[i]?.name && f.offset === fb[i]?.offset);
}

export function typeName(t: CType): string {
  switch (t.k) {
    case 'void':
      return 'void';
    case 'int':
      return t.name;
    case 'ptr':
      return t.to.k === 'func' ? `${typeName(t.to.ret)} (*)(${t.to.params.map(typeName).join(', ')})` : `${typeName(t.to)} *`;
    case 'array':
      return `${typeName(t.of)}[${t.len ?? ''}]`;
    case 'struct':
      return `${t.union ? 'union' : 'struct'} ${t.tag ?? '<anonymous>'}`;
    case 'func':
      return `${typeName(t.ret)} (${t.params.map(typeName).join(', ')}${t.variadic ? ', ...' : ''})`;
  }
}

/** Arrays and functions used as values become pointers. */
export function decay(t: CType): CType {
  if (t.k === 'array') return ptrTo(t.of);
  if (t.k === 'func') return ptrTo(t);
  return t;
}

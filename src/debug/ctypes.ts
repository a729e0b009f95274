import type { GlobalVar } from '../core/cfront/ast';
import type { CType, IntSize, IntType, StructType } from '../core/cfront/types';
import { T } from '../core/cfront/types';
import type { Program } from '../core/vm/machine';
import { TEXT_BASE } from '../core/vm/memory';

/**
 * What the debugger knows about the Program's C types beyond one function: struct tags completed from any
 * unit (vfs_read only sees `struct iolock;`, fs/iolock.c defines it), globals by name, function names by
 * their text address. Built once per Program.
 */
export class TypeRegistry {
  private readonly structs = new Map<string, StructType>();
  private readonly globalsByName = new Map<string, GlobalVar[]>();
  private readonly funcsByName = new Map<string, number>();

  constructor(readonly program: Program) {
    const seen = new Set<CType>();
    const visit = (t: CType): void => {
      if (seen.has(t)) return;
      seen.add(t);
      switch (t.k) {
        case 'ptr':
          visit(t.to);
          return;
        case 'array':
          visit(t.of);
          return;
        case 'func':
          visit(t.ret);
          t.params.forEach(visit);
          return;
        case 'struct':
          if (t.fields) {
            const key = structKey(t);
            if (key && !this.structs.has(key)) this.structs.set(key, t);
            for (const f of t.fields) visit(f.type);
          }
          return;
        default:
          return;
      }
    };
    for (const f of program.funcs) for (const v of f.locals) visit(v.type);
    for (const g of program.globals ?? []) {
      visit(g.type);
      const list = this.globalsByName.get(g.name) ?? [];
      list.push(g);
      this.globalsByName.set(g.name, list);
    }
    program.symbols.forEach((s, i) => {
      if (s.defined && !this.funcsByName.has(s.name)) this.funcsByName.set(s.name, i);
    });
  }

  /** The complete definition of a struct seen incomplete here, when some unit has one. */
  complete(t: CType): CType {
    if (t.k !== 'struct' || t.fields) return t;
    const key = structKey(t);
    return (key && this.structs.get(key)) || t;
  }

  struct(key: string): StructType | undefined {
    return this.structs.get(key);
  }

  /** A global by name, preferring one defined in `file` (statics of that unit), then an external one. */
  global(name: string, file: string | undefined): GlobalVar | undefined {
    const list = this.globalsByName.get(name);
    if (!list) return undefined;
    return list.find((g) => g.loc.file === file) ?? list.find((g) => !g.isStatic) ?? list[0];
  }

  globals(): GlobalVar[] {
    return [...this.globalsByName.values()].flat();
  }

  /** The text address of a defined C function. */
  funcAddr(name: string): number | undefined {
    const i = this.funcsByName.get(name);
    return i === undefined ? undefined : TEXT_BASE + 16 * i;
  }

  /** The function a text address stands for. */
  funcAt(addr: number): string | undefined {
    const i = (addr - TEXT_BASE) / 16;
    if (!Number.isInteger(i) || i < 0) return undefined;
    return this.program.symbols[i]?.name;
  }
}

function structKey(t: StructType): string | undefined {
  return t.tag === undefined ? undefined : `${t.union ? 'union' : 'struct'} ${t.tag}`;
}

/** Integer types by their C spelling, for casts in expressions. */
export const INT_TYPES: Record<string, IntType> = {
  char: T.char,
  'signed char': T.schar,
  'unsigned char': T.uchar,
  short: T.short,
  'short int': T.short,
  'unsigned short': T.ushort,
  int: T.int,
  signed: T.int,
  unsigned: T.uint,
  'unsigned int': T.uint,
  long: T.long,
  'long int': T.long,
  'unsigned long': T.ulong,
  'long long': T.llong,
  'unsigned long long': T.ullong,
  _Bool: T.bool,
  bool: T.bool,
  size_t: { ...T.ulong, name: 'size_t' },
  ssize_t: { ...T.long, name: 'ssize_t' },
  loff_t: { ...T.llong, name: 'loff_t' },
  u8: { ...T.uchar, name: 'u8' },
  u16: { ...T.ushort, name: 'u16' },
  u32: { ...T.uint, name: 'u32' },
  u64: { ...T.ullong, name: 'u64' },
};

export function intOfSize(size: IntSize, signed: boolean): IntType {
  const t = [T.char, T.short, T.int, T.long].find((x) => x.size === size) as IntType;
  return signed ? t : ([T.uchar, T.ushort, T.uint, T.ulong].find((x) => x.size === size) as IntType);
}

import type { FuncCode } from '../core/cfront/codegen';
import type { StructType } from '../core/cfront/types';
import type { Program } from '../core/vm/machine';
import type { Ast } from './cexpr';
import { EvalError, parseExpression } from './cexpr';

/**
 * Breakpoints resolved to statement starts of the compiled Program: a line becomes the statement pcs on it
 * (or on the next line that has code), a function its first statement. The runtime looks them up by
 * (function code, pc) after every step, so the table is indexed that way.
 */

export interface CodeSite {
  code: FuncCode;
  pc: number;
}

export type HitCondition = { op: '==' | '!=' | '>' | '>=' | '<' | '<=' | '%'; n: number };

export interface Breakpoint {
  id: number;
  kind: 'line' | 'function';
  /** Tree path and the line it was moved to (line breakpoints). */
  file: string | undefined;
  line: number | undefined;
  func: string | undefined;
  verified: boolean;
  message: string | undefined;
  condition: Ast | undefined;
  hitCondition: HitCondition | undefined;
  logMessage: string | undefined;
  hits: number;
  sites: CodeSite[];
}

export interface BreakpointSpec {
  line?: number;
  name?: string;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

/** Statement starts of every function by file and line. */
export class LineIndex {
  private readonly byFile = new Map<string, Map<number, CodeSite[]>>();
  private readonly sortedLines = new Map<string, number[]>();
  private readonly byFunc = new Map<string, CodeSite[]>();

  constructor(program: Program) {
    for (const code of program.funcs) {
      let first: number | undefined;
      for (const pc of code.stmtPcs) {
        const loc = code.pcLoc[pc];
        if (!loc) continue;
        if (first === undefined || pc < first) first = pc;
        let lines = this.byFile.get(loc.file);
        if (!lines) this.byFile.set(loc.file, (lines = new Map()));
        const list = lines.get(loc.line) ?? [];
        list.push({ code, pc });
        lines.set(loc.line, list);
      }
      if (first !== undefined) {
        const list = this.byFunc.get(code.sym.name) ?? [];
        list.push({ code, pc: first });
        this.byFunc.set(code.sym.name, list);
      }
    }
    for (const [f, lines] of this.byFile) this.sortedLines.set(f, [...lines.keys()].sort((a, b) => a - b));
  }

  hasFile(file: string): boolean {
    return this.byFile.has(file);
  }

  /** The first line at or after `line` with a statement, and its statement starts. */
  resolveLine(file: string, line: number): { line: number; sites: CodeSite[] } | undefined {
    const lines = this.sortedLines.get(file);
    if (!lines) return undefined;
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((lines[mid] as number) < line) lo = mid + 1;
      else hi = mid;
    }
    const at = lines[lo];
    if (at === undefined) return undefined;
    return { line: at, sites: this.byFile.get(file)?.get(at) ?? [] };
  }

  /** First statements of every function of that name (static functions may exist once per unit). */
  functionEntry(name: string): CodeSite[] {
    return this.byFunc.get(name) ?? [];
  }

  functionNames(): string[] {
    return [...this.byFunc.keys()];
  }
}

export function parseHitCondition(text: string): HitCondition | undefined {
  const m = /^\s*(==|!=|>=|<=|>|<|%)?\s*(\d+)\s*$/.exec(text);
  if (!m) return undefined;
  return { op: (m[1] ?? '>=') as HitCondition['op'], n: Number(m[2]) };
}

export function hitConditionMet(h: HitCondition, hits: number): boolean {
  switch (h.op) {
    case '==':
      return hits === h.n;
    case '!=':
      return hits !== h.n;
    case '>':
      return hits > h.n;
    case '>=':
      return hits >= h.n;
    case '<':
      return hits < h.n;
    case '<=':
      return hits <= h.n;
    case '%':
      return h.n > 0 && hits % h.n === 0;
  }
}

export class BreakpointTable {
  private nextId = 1;
  /** Line breakpoints per tree file (a setBreakpoints request replaces a file's set). */
  private readonly lines = new Map<string, Breakpoint[]>();
  private functions: Breakpoint[] = [];
  private index = new Map<FuncCode, Map<number, Breakpoint[]>>();

  constructor(
    readonly lineIndex: LineIndex,
    private readonly structOf: (key: string) => StructType | undefined,
  ) {}

  /** Breakpoints at a statement start, if any. */
  at(code: FuncCode, pc: number): Breakpoint[] | undefined {
    return this.index.get(code)?.get(pc);
  }

  get empty(): boolean {
    return this.index.size === 0;
  }

  all(): Breakpoint[] {
    return [...[...this.lines.values()].flat(), ...this.functions];
  }

  /** Replaces the line breakpoints of one file. `file` undefined: the source is not part of the kernel. */
  setLines(file: string | undefined, specs: BreakpointSpec[], why?: string): Breakpoint[] {
    const out = specs.map((s) => {
      const bp = this.fresh('line', s);
      if (file === undefined || why !== undefined) {
        bp.verified = false;
        bp.message = why ?? 'this file is not part of the simulated kernel';
        bp.line = s.line;
        return bp;
      }
      bp.file = file;
      if (!Number.isInteger(s.line)) {
        bp.verified = false;
        bp.message = `'${String(s.line)}' is not a line number`;
        return bp;
      }
      const r = this.lineIndex.resolveLine(file, s.line as number);
      if (!r) {
        bp.verified = false;
        bp.line = s.line;
        bp.message = this.lineIndex.hasFile(file) ? `no code at or after line ${s.line} in ${file}` : `${file} has no compiled code`;
        return bp;
      }
      bp.line = r.line;
      bp.sites = r.sites;
      if (r.line !== s.line && bp.verified) bp.message = `moved from line ${s.line} to line ${r.line}, the next line with code`;
      return bp;
    });
    if (file !== undefined) this.lines.set(file, out.filter((b) => b.file !== undefined));
    this.reindex();
    return out;
  }

  setFunctions(specs: BreakpointSpec[]): Breakpoint[] {
    this.functions = specs.map((s) => {
      const bp = this.fresh('function', s);
      bp.func = s.name;
      const sites = this.lineIndex.functionEntry(s.name ?? '');
      if (!sites.length) {
        bp.verified = false;
        bp.message = `no C function '${s.name}' in the simulated kernel`;
      } else {
        bp.sites = sites;
        const first = sites[0] as CodeSite;
        const loc = first.code.pcLoc[first.pc];
        bp.file = loc?.file;
        bp.line = loc?.line;
      }
      return bp;
    });
    this.reindex();
    return this.functions;
  }

  private fresh(kind: Breakpoint['kind'], s: BreakpointSpec): Breakpoint {
    const bp: Breakpoint = { id: this.nextId++, kind, file: undefined, line: undefined, func: undefined, verified: true, message: undefined, condition: undefined, hitCondition: undefined, logMessage: undefined, hits: 0, sites: [] };
    if (s.condition?.trim()) {
      try {
        bp.condition = parseExpression(s.condition, this.structOf);
      } catch (e) {
        bp.verified = false;
        bp.message = `condition: ${e instanceof EvalError ? e.message : String(e)}`;
      }
    }
    if (s.hitCondition?.trim()) {
      bp.hitCondition = parseHitCondition(s.hitCondition);
      if (!bp.hitCondition) {
        bp.verified = false;
        bp.message = `hit count '${s.hitCondition}': expected a number, optionally after ==, !=, >, >=, <, <= or % (default >=)`;
      }
    }
    if (s.logMessage !== undefined && s.logMessage !== '') bp.logMessage = s.logMessage;
    return bp;
  }

  private reindex(): void {
    this.index = new Map();
    for (const bp of this.all()) {
      if (!bp.verified) continue;
      for (const s of bp.sites) {
        let m = this.index.get(s.code);
        if (!m) this.index.set(s.code, (m = new Map()));
        const list = m.get(s.pc) ?? [];
        list.push(bp);
        m.set(s.pc, list);
      }
    }
  }
}

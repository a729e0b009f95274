import type { LocalVar } from '../core/cfront/ast';
import type { FuncCode } from '../core/cfront/codegen';
import type { SourceLoc } from '../core/diagnostics';
import type { Frame, Task } from '../core/vm/machine';
import type { CValue } from './cvalue';

/** One C frame of a task, with what the debugger needs to show it. */
export interface FrameView {
  /** The kernel task's id (the DAP thread). */
  task: number;
  /** Index in the task's frame stack (0 = the entry function). */
  index: number;
  fr: Frame;
  code: FuncCode;
  func: string;
  loc: SourceLoc;
}

/** The frames of a machine task (kernel task `task`), innermost first (the order of a backtrace). */
export function framesOf(T: Task, task: number): FrameView[] {
  const out: FrameView[] = [];
  for (let i = T.frames.length - 1; i >= 0; i--) {
    const fr = T.frames[i];
    const f = T.fns[i];
    if (!fr || !f || !f.code) continue;
    out.push({ task, index: i, fr, code: f.code, func: f.name, loc: f.code.pcLoc[fr.pc] ?? f.code.sym.loc });
  }
  return out;
}

function before(a: SourceLoc, b: SourceLoc): boolean {
  return a.line < b.line || (a.line === b.line && a.col <= b.col);
}

/**
 * The locals in scope at the frame's position: declared at or before it and not past the end of their block
 * (the checker records both). Of two with one name, the inner (later declared) one hides the other, as in C.
 */
export function visibleLocals(fv: FrameView): { params: LocalVar[]; locals: LocalVar[] } {
  const at = fv.loc;
  const params = fv.code.locals.filter((v) => v.isParam);
  const byName = new Map<string, LocalVar>();
  for (const v of fv.code.locals) {
    if (v.isParam) continue;
    if (v.loc.file === at.file && !before(v.loc, at)) continue;
    if (v.scopeEnd && v.scopeEnd.file === at.file && !before(at, v.scopeEnd)) continue;
    const prev = byName.get(v.name);
    if (!prev || before(prev.loc, v.loc)) byName.set(v.name, v);
  }
  return { params, locals: [...byName.values()].sort((a, b) => (before(a.loc, b.loc) ? -1 : 1)) };
}

/** Where a local lives: a field of the frame (scalars whose address is never taken) or the task's stack. */
export function localValue(fv: FrameView, v: LocalVar): CValue {
  if (v.inMemory) return { type: v.type, place: { kind: 'mem', addr: fv.fr.fp + v.offset } };
  return { type: v.type, place: { kind: 'reg', task: fv.task, frame: fv.index, field: v.js } };
}

/** Whether the frame has run its prologue (before it, in-memory locals have no address yet). */
export function frameReady(fv: FrameView): boolean {
  return fv.fr.pc !== 0;
}

import type { FuncCode } from '../core/cfront/codegen';
import type { Breakpoint } from './breakpoints';
import { OpFlag, OpKind, type History } from './history';

/**
 * Searches back through the recorded history without replaying it: each operation's recorded outcome says
 * which task ran, whether it died, and where it stood afterwards (depth, function, pc). Position i + 1 is the
 * state after operation i.
 */

/** Reverse `next`: the latest position before `pos` where `task` stood at a statement at `depth` or outer. */
export function stepBackTarget(h: History, pos: number, task: number, depth: number): number | undefined {
  for (let i = pos - 2; i >= 0; i--) {
    if (h.kindAt(i) === OpKind.Poke || h.taskAt(i) !== task || !(h.flagsAt(i) & OpFlag.AtStatement)) continue;
    if (depth > 0 && h.depthAt(i) > depth) continue;
    return i + 1;
  }
  return undefined;
}

export type BackHit = { pos: number; task: number; died: true } | { pos: number; task: number; died: false; breakpoints: Breakpoint[] };

/**
 * Candidates for reverseContinue, latest first: deaths (when `oops`) and arrivals at breakpoints (not again
 * on the line where the task's previous operation left it in the same frame, as forward). Conditions are the
 * caller's to evaluate, at the candidate's position.
 */
export function* backwardHits(h: History, pos: number, oops: boolean, bpsAt: (code: FuncCode, pc: number) => Breakpoint[] | undefined, codeOf: (fn: number) => FuncCode | undefined): Generator<BackHit> {
  for (let i = pos - 2; i >= 0; i--) {
    if (h.kindAt(i) === OpKind.Poke) continue;
    const task = h.taskAt(i);
    const flags = h.flagsAt(i);
    if (oops && flags & OpFlag.Died) {
      yield { pos: i + 1, task, died: true };
      continue;
    }
    if (!(flags & OpFlag.AtStatement)) continue;
    const code = codeOf(h.fnAt(i));
    const bps = code ? bpsAt(code, h.pcAt(i)) : undefined;
    if (!code || !bps?.length || sameLineAsBefore(h, i, code)) continue;
    yield { pos: i + 1, task, died: false, breakpoints: bps };
  }
}

/** Whether operation i left its task on the line where the task's previous operation had left it. */
function sameLineAsBefore(h: History, i: number, code: FuncCode): boolean {
  const task = h.taskAt(i);
  for (let j = i - 1; j >= 0; j--) {
    if (h.kindAt(j) === OpKind.Poke || h.taskAt(j) !== task) continue;
    if (!(h.flagsAt(j) & OpFlag.AtStatement) || h.depthAt(j) !== h.depthAt(i) || h.fnAt(j) !== h.fnAt(i)) return false;
    return code.pcLoc[h.pcAt(j)]?.line === code.pcLoc[h.pcAt(i)]?.line;
  }
  return false;
}

import * as nodePath from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { LocalVar } from '../core/cfront/ast';
import { typeName } from '../core/cfront/types';
import type { KTask } from '../core/kernel/node';
import { EvalError, evaluate, parseExpression } from './cexpr';
import type { CValue, ValueEnv } from './cvalue';
import { childCount, childrenOf, convertScalar, formatValue, hex, memoryReferenceOf, readable, scalarBytes, scalarOf } from './cvalue';
import { framesOf, frameReady, localValue, visibleLocals, type FrameView } from './frames';
import { heldBy, waitingFor } from './locks';
import type { DebugRuntime } from './runtime';

/**
 * DAP's view of a stopped run: stack frames, scopes, variables, evaluate and setVariable. Ids (frames,
 * variable containers) are valid until the next stop, as DAP allows; `reset` starts a new generation.
 */

type Container =
  | { k: 'locals' | 'args' | 'globals'; task: number; frame: number }
  | { k: 'locks'; task: number }
  | { k: 'value'; task: number | undefined; node: number; v: CValue; evalName: string | undefined; memberPrefix: string | undefined };

const FRAME_STRIDE = 10000;
const LABEL_FRAME = FRAME_STRIDE - 1;
/** Array elements shown at once; longer arrays are paged by the client (indexedVariables). */
const PAGE = 100;

export class Inspector {
  private containers = new Map<number, Container>();
  private nextRef = 1;

  constructor(private readonly rt: DebugRuntime) {}

  reset(): void {
    this.containers.clear();
    this.nextRef = 1;
  }

  private ref(c: Container): number {
    const id = this.nextRef++;
    this.containers.set(id, c);
    return id;
  }

  /** A frame of a thread by DAP frame id. */
  frame(frameId: number): { kt: KTask; fv: FrameView | undefined } | undefined {
    const kt = this.rt.task(Math.floor(frameId / FRAME_STRIDE));
    if (!kt) return undefined;
    const idx = (frameId % FRAME_STRIDE) - 1;
    if (idx === LABEL_FRAME - 1) return { kt, fv: undefined };
    return { kt, fv: framesOf(kt.m, kt.id).find((f) => f.index === idx) };
  }

  threads(): DebugProtocol.Thread[] {
    return this.rt.tasks().map((kt) => ({ id: kt.id, name: this.rt.threadLabel(kt) }));
  }

  stackTrace(threadId: number, start = 0, levels = 0): { stackFrames: DebugProtocol.StackFrame[]; totalFrames: number } {
    const kt = this.rt.task(threadId);
    if (!kt) throw new EvalError(`no thread ${threadId}`);
    const frames: DebugProtocol.StackFrame[] = [];
    // a task inside a builtin (a lock it sleeps on, or the call it is about to make) shows it as a label frame
    const pending = kt.m.pendingSync?.f.name;
    const label = kt.state === 'blocked' ? `[sleeping: ${kt.wait ? this.rt.engine.cluster.describeWait(kt, kt.wait).waitsFor : 'in the kernel'}]` : pending ? `[about to call ${pending}()]` : undefined;
    if (label) frames.push({ id: kt.id * FRAME_STRIDE + LABEL_FRAME, name: label, line: 0, column: 0, presentationHint: 'label' });
    for (const fv of framesOf(kt.m, kt.id)) {
      const path = this.rt.sources.toDisk(fv.loc.file);
      frames.push({
        id: kt.id * FRAME_STRIDE + fv.index + 1,
        name: fv.func,
        line: fv.loc.line,
        column: fv.loc.col,
        ...(path ? { source: { name: nodePath.posix.basename(fv.loc.file), path } } : { source: { name: fv.loc.file, presentationHint: 'deemphasize' as const } }),
      });
    }
    const total = frames.length;
    return { stackFrames: levels > 0 ? frames.slice(start, start + levels) : frames.slice(start), totalFrames: total };
  }

  scopes(frameId: number): DebugProtocol.Scope[] {
    const f = this.frame(frameId);
    if (!f) throw new EvalError(`no frame ${frameId} (it is gone since the last stop)`);
    const { kt, fv } = f;
    const out: DebugProtocol.Scope[] = [];
    if (fv) {
      const vis = visibleLocals(fv);
      out.push({ name: 'Locals', presentationHint: 'locals', variablesReference: this.ref({ k: 'locals', task: kt.id, frame: fv.index }), namedVariables: vis.locals.length + 1, expensive: false });
      out.push({ name: 'Arguments', presentationHint: 'arguments', variablesReference: this.ref({ k: 'args', task: kt.id, frame: fv.index }), namedVariables: vis.params.length, expensive: false });
      out.push({ name: 'Globals', variablesReference: this.ref({ k: 'globals', task: kt.id, frame: fv.index }), expensive: true });
    }
    out.push({ name: 'Locks held', variablesReference: this.ref({ k: 'locks', task: kt.id }), expensive: false });
    return out;
  }

  private frameView(task: number, frame: number): { kt: KTask; fv: FrameView } | undefined {
    const kt = this.rt.task(task);
    const fv = kt ? framesOf(kt.m, kt.id).find((f) => f.index === frame) : undefined;
    return kt && fv ? { kt, fv } : undefined;
  }

  variables(ref: number, start?: number, count?: number): DebugProtocol.Variable[] {
    const c = this.containers.get(ref);
    if (!c) throw new EvalError(`no variables ${ref} (they are gone since the last stop)`);
    switch (c.k) {
      case 'locals':
      case 'args': {
        const f = this.frameView(c.task, c.frame);
        if (!f) return [];
        const vis = visibleLocals(f.fv);
        const list = c.k === 'args' ? vis.params : vis.locals;
        const out = list.map((v) => this.localVariable(f.kt, f.fv, v));
        if (c.k === 'locals') {
          const cur = this.rt.scopeOf(f.fv, f.kt).local('current');
          if (cur) out.push(this.variable(f.kt, 'current', cur, 'current', undefined));
        }
        return out;
      }
      case 'globals': {
        const f = this.frameView(c.task, c.frame);
        if (!f) return [];
        const file = f.fv.loc.file;
        return this.rt.types
          .globals()
          .filter((g) => g.loc.file === file)
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((g) => this.variable(f.kt, g.name, { type: g.type, place: { kind: 'mem', addr: g.addr } }, g.name, undefined));
      }
      case 'locks':
        return this.locks(c.task);
      case 'value': {
        const kt = c.task === undefined ? undefined : this.rt.task(c.task);
        const env = this.env(kt, c.node);
        const kids = childrenOf(env, c.v, c.evalName, c.memberPrefix, start ?? 0, count ?? Infinity);
        return kids.map((k) => this.variable(kt, k.name, k.value, k.evalName, k.memberPrefix, c.node));
      }
    }
  }

  private env(kt: KTask | undefined, node?: number): ValueEnv {
    const env = this.rt.valueEnv(kt);
    if (node === undefined || node === env.node) return env;
    const n = this.rt.engine.cluster.nodes[node];
    return n ? { ...env, mem: n.mem, node } : env;
  }

  private localVariable(kt: KTask, fv: FrameView, v: LocalVar): DebugProtocol.Variable {
    if (v.inMemory && !frameReady(fv)) return { name: v.name, value: '<not yet allocated>', type: typeName(v.type), variablesReference: 0 };
    return this.variable(kt, v.name, localValue(fv, v), v.name, undefined);
  }

  /** A DAP variable for a C value, expandable when it has children. */
  variable(kt: KTask | undefined, name: string, v: CValue, evalName: string | undefined, memberPrefix: string | undefined, node?: number): DebugProtocol.Variable {
    const env = this.env(kt, node);
    const n = childCount(env, v);
    const t = this.rt.types.complete(v.type);
    const mref = memoryReferenceOf(env, v);
    const out: DebugProtocol.Variable = {
      name,
      value: formatValue(env, v),
      type: typeName(v.type),
      variablesReference: n > 0 ? this.ref({ k: 'value', task: kt?.id, node: env.node, v, evalName, memberPrefix }) : 0,
      ...(evalName !== undefined ? { evaluateName: evalName } : {}),
      ...(mref !== undefined ? { memoryReference: this.memRef(env.node, mref) } : {}),
    };
    if (t.k === 'array' && n > PAGE) out.indexedVariables = n;
    return out;
  }

  memRef(node: number, addr: number): string {
    return node === 0 ? hex(addr) : `node${node}:${hex(addr)}`;
  }

  private locks(task: number): DebugProtocol.Variable[] {
    const kt = this.rt.task(task);
    if (!kt) return [];
    const c = this.rt.engine.cluster;
    const out: DebugProtocol.Variable[] = heldBy(c, task).map((h) => ({
      name: h.name,
      value: `${h.mode === 'read' ? 'shared' : 'exclusive'}${h.count > 1 ? ` x${h.count}` : ''} since step ${h.sinceStep}${h.at ? ` at ${h.at}` : ''}`,
      type: h.kind === 'lockdep' ? `${h.cls} (lockdep)` : h.kind,
      variablesReference: 0,
      memoryReference: this.memRef(h.node, h.addr),
    }));
    if (kt.state === 'blocked' && kt.wait) {
      const w = c.describeWait(kt, kt.wait);
      const announced = waitingFor(c, task);
      out.push({ name: 'waiting for', value: announced ? `${announced.name} (${announced.mode === 'read' ? 'shared' : 'exclusive'})` : w.waitsFor, variablesReference: 0 });
      if (w.holders.length) out.push({ name: 'held by', value: w.holders.map((h) => `${this.rt.nameOf(h.task)} (${h.mode})`).join(', '), variablesReference: 0 });
    }
    if (!out.length) out.push({ name: '(none)', value: '', variablesReference: 0 });
    return out;
  }

  /** evaluate: a C expression in a frame (watch, hover, repl); without a frame, globals only. */
  evaluate(expression: string, frameId: number | undefined): DebugProtocol.EvaluateResponse['body'] {
    const f = frameId === undefined ? undefined : this.frame(frameId);
    const kt = f?.kt ?? (this.rt.currentThread === undefined ? undefined : this.rt.task(this.rt.currentThread));
    const fv = f ? f.fv : kt ? framesOf(kt.m, kt.id)[0] : undefined;
    const v = this.rt.evaluateIn(fv, kt, expression);
    const dv = this.variable(kt, expression, v, expression.trim(), undefined);
    return {
      result: dv.value,
      ...(dv.type !== undefined ? { type: dv.type } : {}),
      variablesReference: dv.variablesReference,
      ...(dv.indexedVariables !== undefined ? { indexedVariables: dv.indexedVariables } : {}),
      ...(dv.memoryReference !== undefined ? { memoryReference: dv.memoryReference } : {}),
    };
  }

  /** setVariable: a new value (a C expression) for a scalar in a container; returns the new DAP value. */
  setVariable(ref: number, name: string, value: string): DebugProtocol.SetVariableResponse['body'] {
    const c = this.containers.get(ref);
    if (!c) throw new EvalError(`no variables ${ref} (they are gone since the last stop)`);
    let target: CValue | undefined;
    let kt: KTask | undefined;
    let fv: FrameView | undefined;
    let node: number | undefined;
    if (c.k === 'locals' || c.k === 'args') {
      const f = this.frameView(c.task, c.frame);
      if (!f) throw new EvalError('the frame is gone');
      ({ kt, fv } = f);
      const vis = visibleLocals(f.fv);
      const lv = (c.k === 'args' ? vis.params : vis.locals).find((v) => v.name === name);
      if (lv) target = localValue(f.fv, lv);
    } else if (c.k === 'globals') {
      const f = this.frameView(c.task, c.frame);
      if (!f) throw new EvalError('the frame is gone');
      ({ kt, fv } = f);
      const g = this.rt.types.global(name, f.fv.loc.file);
      if (g) target = { type: g.type, place: { kind: 'mem', addr: g.addr } };
    } else if (c.k === 'value') {
      kt = c.task === undefined ? undefined : this.rt.task(c.task);
      fv = kt ? framesOf(kt.m, kt.id)[0] : undefined;
      node = c.node;
      target = childrenOf(this.env(kt, c.node), c.v, c.evalName, c.memberPrefix).find((k) => k.name === name)?.value;
    }
    if (!target) throw new EvalError(`no variable '${name}' here`);
    const t = this.rt.types.complete(target.type);
    if (t.k !== 'int' && t.k !== 'ptr') throw new EvalError(`only integers and pointers can be set, not a '${typeName(t)}'`);
    const env = this.env(kt, node);
    const nv = evaluate(env, this.rt.scopeOf(fv, kt), parseExpression(value, (k) => this.rt.types.struct(k)));
    const s = scalarOf(env, { ...nv, type: this.rt.types.complete(nv.type) });
    if (!s.ok) throw new EvalError(s.why);
    const x = convertScalar(t, s.v);
    const p = target.place;
    if (p.kind === 'mem') {
      if (!readable(env.mem, p.addr, t.k === 'ptr' ? 8 : t.size)) throw new EvalError(`cannot write ${hex(p.addr)}`);
      this.rt.engine.poke({ kind: 'mem', node: env.node, addr: p.addr, bytes: scalarBytes(t, x) });
    } else if (p.kind === 'reg') this.rt.engine.poke({ kind: 'reg', task: p.task, frame: p.frame, field: p.field, value: x });
    else throw new EvalError(`'${name}' is not an object`);
    return { value: formatValue(env, target), type: typeName(target.type), variablesReference: 0 };
  }

  /** readMemory: bytes of a node's memory; unreadable bytes are counted, not invented. */
  readMemory(memoryReference: string, offset: number, count: number): DebugProtocol.ReadMemoryResponse['body'] {
    const m = /^(?:node(\d+):)?(0x[0-9a-fA-F]+|\d+)$/.exec(memoryReference.trim());
    if (!m) throw new EvalError(`bad memory reference '${memoryReference}'`);
    const node = Number(m[1] ?? 0);
    const n = this.rt.engine.cluster.nodes[node];
    if (!n) throw new EvalError(`no node ${node}`);
    const addr = Number(BigInt(m[2] as string)) + offset;
    const mem = n.mem;
    let len = 0;
    while (len < count && readable(mem, addr + len, 1)) len++;
    const bytes = mem.u8.slice(addr, addr + len);
    return { address: hex(addr), data: Buffer.from(bytes).toString('base64'), ...(len < count ? { unreadableBytes: count - len } : {}) };
  }
}

export function frameIdOf(threadId: number, frameIndex: number): number {
  return threadId * FRAME_STRIDE + frameIndex + 1;
}

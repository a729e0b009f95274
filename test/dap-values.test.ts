import { strict as assert } from 'node:assert';
import { compileProgram } from '../src/core/cfront/compile';
import { libcIncludeDir } from '../src/core/vm/cprogram';
import { libcBuiltins } from '../src/core/vm/libc';
import { DEFAULT_LIMITS, Machine, type Task } from '../src/core/vm/machine';
import { parseSchedule } from '../src/core/kernel/schedule';
import { EvalError, evaluate, parseExpression } from '../src/debug/cexpr';
import { choose, forced } from '../src/debug/chooser';
import { TypeRegistry } from '../src/debug/ctypes';
import { childrenOf, formatValue, type CValue, type ValueEnv } from '../src/debug/cvalue';
import { atStatement } from '../src/debug/engine';
import { framesOf, localValue, visibleLocals, type FrameView } from '../src/debug/frames';
import { History, OpFlag, OpKind } from '../src/debug/history';
import { parseHitCondition, hitConditionMet } from '../src/debug/breakpoints';

/**
 * The debugger's view of C values, without the kernel: a small program compiled by our front end, stopped at
 * a statement, its frames, scopes and expressions.
 */
const SRC = `struct inner { int a; char tag; };
struct node {
  struct node *next;
  int vals[3];
  struct inner in;
  union { long l; int i; };
  const char *name;
};
int counter = 7;
static int hidden = 3;
struct node g = { 0, { 1, 2, 3 }, { 5, 'x' }, { 9 }, "glob" };

int work(struct node *p, int k)
{
  int sum = 0;
  for (int i = 0; i < 3; i++) {
    int k2 = p->vals[i] * k;
    sum += k2;
  }
  {
    int sum = 100;
    sum++;
    counter += sum;
  }
  return sum + hidden;
}

int main(void)
{
  struct node n = g;
  n.next = &g;
  n.vals[1] = 20;
  return work(&n, 2);
}
`;

async function program() {
  const builtins = libcBuiltins({ stdout: () => undefined, stderr: () => undefined });
  const fs = require('node:fs') as typeof import('node:fs');
  const host = { readFile: (p: string) => (p === 'prog.c' ? SRC : p.startsWith(libcIncludeDir()) && fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined) };
  const p = await compileProgram(['prog.c'], { host, includeDirs: [libcIncludeDir()], inlineBuiltins: new Set([...builtins.values()].filter((b) => b.inline).map((b) => b.name)) });
  const m = new Machine(p, builtins, { ...DEFAULT_LIMITS, memoryBytes: 8 << 20, heapBytes: 4 << 20, stackBytes: 256 << 10 });
  return { p, m };
}

/** Runs T one statement at a time until its top frame is in `func` at `line`. */
function runTo(m: Machine, T: Task, func: string, line: number): FrameView {
  for (let i = 0; i < 10000; i++) {
    const fv = framesOf(T, 1)[0];
    if (fv && atStatement(T) && fv.func === func && fv.loc.line === line) return fv;
    const r = m.run(T, fv && atStatement(T) ? 1 : 0);
    assert.ok(r === 'paused', `the program ${r} before ${func}:${line}`);
  }
  assert.fail(`never reached ${func}:${line}`);
}

describe('debugger: C values, scopes and expressions (no kernel)', function () {
  this.timeout(60000);
  let env: ValueEnv;
  let T: Task;
  let m: Machine;
  let types: TypeRegistry;

  before(async () => {
    const c = await program();
    m = c.m;
    types = new TypeRegistry(c.p);
    T = m.spawn('main', []);
    env = { mem: m.mem, node: 0, types, frame: (_task, frame) => T.frames[frame] };
  });

  const scopeAt = (fv: FrameView) => {
    const vis = visibleLocals(fv);
    return {
      file: fv.loc.file,
      local: (name: string): CValue | undefined => {
        const v = vis.locals.find((l) => l.name === name) ?? vis.params.find((l) => l.name === name);
        return v && localValue(fv, v);
      },
    };
  };
  const ev = (fv: FrameView, src: string) => formatValue(env, evaluate(env, scopeAt(fv), parseExpression(src, (k) => types.struct(k))));
  const fails = (fv: FrameView, src: string, re: RegExp) =>
    assert.throws(() => evaluate(env, scopeAt(fv), parseExpression(src, (k) => types.struct(k))), (e: unknown) => e instanceof EvalError && re.test(e.message));

  it('the code generator keeps debug info: block scopes of locals, globals with their C types', async () => {
    const { p } = await program();
    const work = p.funcs.find((f) => f.sym.name === 'work');
    const k2 = work?.locals.find((v) => v.name === 'k2');
    assert.ok(k2?.scopeEnd, 'k2 has the end of its block');
    assert.equal(k2?.scopeEnd?.line, 19);
    const counter = p.globals?.find((g) => g.name === 'counter');
    assert.equal(counter?.type.k, 'int');
    assert.ok(p.globals?.some((g) => g.name === 'hidden' && g.isStatic));
  });

  it('shows the locals in scope at a statement: loop variables gone, the inner `sum` hiding the outer one', () => {
    const fv = runTo(m, T, 'work', 23);
    const vis = visibleLocals(fv);
    assert.deepEqual(vis.params.map((v) => v.name), ['p', 'k']);
    assert.deepEqual(vis.locals.map((v) => v.name), ['sum']);
    assert.equal(ev(fv, 'sum'), '101', 'the inner sum, after sum++');
    assert.equal(ev(fv, 'k'), '2');
  });

  it('evaluates member access, arrays, pointers, globals and arithmetic as C does', () => {
    const fv = runTo(m, T, 'work', 23);
    assert.equal(ev(fv, 'p->vals[1] * k'), '40');
    assert.equal(ev(fv, 'p->in.tag'), "120 'x'");
    assert.equal(ev(fv, "p->in.tag == 'x'"), '1');
    assert.equal(ev(fv, 'p->l'), '9');
    assert.match(ev(fv, 'p->next->name'), /^0x[0-9a-f]+ "glob"$/);
    assert.equal(ev(fv, 'p->next->next'), 'NULL');
    assert.match(ev(fv, '*p->next'), /^\{next = NULL, vals = \{1, 2, 3\}, in = \{a = 5, tag = 120 'x'\}, \{l = 9, i = 9\}, name = 0x[0-9a-f]+ "glob"\}$/);
    assert.equal(ev(fv, 'counter + hidden'), '10');
    assert.equal(ev(fv, 'sizeof(struct node)'), '48');
    assert.equal(ev(fv, '(unsigned char)-1'), "255 '\\377'");
    assert.equal(ev(fv, '&p->vals[2] - &p->vals[0]'), '2');
    assert.equal(ev(fv, '-1 < 0u'), '0', 'the usual arithmetic conversions: -1 becomes UINT_MAX');
    assert.equal(ev(fv, 'p && !p->next->next ? 7 : 8'), '7');
    assert.equal(ev(fv, '0x10 | 010'), '24');
  });

  it('answers with an error, never a crash, for what it cannot evaluate', () => {
    const fv = runTo(m, T, 'work', 23);
    fails(fv, 'p->nope', /has no member 'nope'/);
    fails(fv, 'q', /no symbol 'q'/);
    fails(fv, 'p->next->next->vals[0]', /cannot read 0x[0-9a-f]+ \(NULL \+ 8\)/);
    fails(fv, '1 / (k - 2)', /division by zero/);
    fails(fv, 'k = 3', /assignments are not evaluated/);
    fails(fv, 'work(p, 1)', /calls are not evaluated/);
    fails(fv, 'p->', /expected a member name/);
    fails(fv, '(p', /expected '\)'/);
    fails(fv, '&k', /register/);
    fails(fv, '', /empty expression/);
  });

  it('expands pointers into the pointee fields, with C expressions for each child', () => {
    const fv = runTo(m, T, 'work', 23);
    const param = visibleLocals(fv).params[0];
    assert.ok(param);
    const p = localValue(fv, param);
    const kids = childrenOf(env, p, 'p', undefined);
    assert.deepEqual(kids.map((k) => [k.name, k.evalName]), [
      ['next', 'p->next'],
      ['vals', 'p->vals'],
      ['in', 'p->in'],
      ['<anonymous union>', undefined],
      ['name', 'p->name'],
    ]);
    const anon = kids[3];
    assert.ok(anon);
    assert.deepEqual(childrenOf(env, anon.value, anon.evalName, anon.memberPrefix).map((k) => k.evalName), ['p->l', 'p->i']);
    const vals = kids[1];
    assert.ok(vals);
    assert.deepEqual(childrenOf(env, vals.value, vals.evalName, undefined).map((k) => `${k.evalName}=${formatValue(env, k.value)}`), ['p->vals[0]=1', 'p->vals[1]=20', 'p->vals[2]=3']);
  });
});

describe('debugger: history, schedule cursor and hit counts', () => {
  it('records operations in columns and finds positions by scheduling step', () => {
    const h = new History();
    for (let i = 0; i < 3000; i++) h.push({ k: i % 10 === 0 ? OpKind.Pick : OpKind.Cont, task: 1 + (i % 2), cap: 1, n: 1, step: Math.floor(i / 10), depth: 3, fn: 4, pc: i, flags: OpFlag.AtStatement }, i % 10 === 0 ? { cursor: { at: 0, used: i } } : {});
    assert.equal(h.length, 3000);
    assert.equal(h.get(2999)?.pc, 2999);
    assert.equal(h.firstAtStep(7), 70);
    h.truncate(100);
    assert.equal(h.length, 100);
    assert.equal(h.cursors.has(200), false);
    assert.equal(h.cursors.get(90)?.used, 90);
  });

  it('follows a schedule string, then round-robin, and leaves it when the user picks another task', () => {
    const script = parseSchedule('T1:2,T2:*');
    const names = new Map([
      [1, 'T1'],
      [2, 'T2'],
      [3, 'T3'],
    ]);
    const nameOf = (id: number) => names.get(id) ?? '?';
    const all = [{ id: 1 }, { id: 2 }, { id: 3 }];
    let c = { at: 0, used: 0 };
    const picks: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = choose(script, c, all, nameOf, picks[picks.length - 1]);
      picks.push(r.pick?.id ?? -1);
      c = r.cursor;
    }
    assert.deepEqual(picks, [1, 1, 2, 2]);
    const gone = choose(script, c, [{ id: 1 }, { id: 3 }], nameOf, 2);
    assert.equal(gone.pick?.id, 3, 'T2 cannot run: the * element ends, round-robin after T2');
    assert.deepEqual(forced(script, { at: 0, used: 0 }, all, nameOf, undefined, 2), { at: 2, used: 0 });
    assert.deepEqual(forced(script, { at: 0, used: 0 }, all, nameOf, undefined, 1), { at: 0, used: 1 });
    const diverged = choose(parseSchedule('T9:1'), { at: 0, used: 0 }, all, nameOf, undefined);
    assert.match(diverged.diverged ?? '', /T9 cannot run/);
  });

  it('reads hit conditions as VS Code users write them', () => {
    assert.deepEqual(parseHitCondition('3'), { op: '>=', n: 3 });
    assert.deepEqual(parseHitCondition('== 2'), { op: '==', n: 2 });
    assert.equal(parseHitCondition('often'), undefined);
    const every3 = parseHitCondition('%3');
    assert.ok(every3);
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => hitConditionMet(every3, n)), [false, false, true, false, false, true]);
  });
});

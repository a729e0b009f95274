import { strict as assert } from 'node:assert';
import { compileProgram } from '../src/core/cfront/compile';
import { UserError } from '../src/core/diagnostics';
import * as I from '../src/core/vm/int64';
import { libcIncludeDir } from '../src/core/vm/cprogram';
import { libcBuiltins } from '../src/core/vm/libc';
import { BLOCK, Builtin, DEFAULT_LIMITS, Machine, MachineLimits, Task } from '../src/core/vm/machine';

/** Compiles C held in memory (file name → text) into a machine with libc and optional extra builtins. */
async function machine(files: Record<string, string>, extra: Builtin[] = [], limits: Partial<MachineLimits> = {}) {
  const out: string[] = [];
  const builtins = libcBuiltins({ stdout: (b) => out.push(Buffer.from(b).toString()), stderr: () => undefined });
  for (const b of extra) builtins.set(b.name, b);
  const fs = require('node:fs') as typeof import('node:fs');
  const host = { readFile: (p: string) => files[p] ?? (p.startsWith(libcIncludeDir()) && fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined) };
  const program = await compileProgram(Object.keys(files).filter((f) => f.endsWith('.c')), {
    host,
    includeDirs: [libcIncludeDir()],
    inlineBuiltins: new Set([...builtins.values()].filter((b) => b.inline).map((b) => b.name)),
  });
  return { m: new Machine(program, builtins, { ...DEFAULT_LIMITS, memoryBytes: 8 << 20, heapBytes: 4 << 20, stackBytes: 256 << 10, ...limits }), out };
}

async function compileError(src: string): Promise<string> {
  try {
    await machine({ 'bad.c': src });
  } catch (e) {
    assert.ok(e instanceof UserError, `expected a UserError, got ${String(e)}`);
    return e.message;
  }
  assert.fail('expected a compile error');
}

describe('int64: 64-bit arithmetic in canonical number|bigint form', () => {
  it('wraps unsigned overflow to 2^64 and keeps small results as numbers', () => {
    assert.equal(I.add64u(18446744073709551615n, 1), 0);
    assert.equal(I.sub64u(0, 1), 18446744073709551615n);
    assert.equal(typeof I.add64u(2, 3), 'number');
  });
  it('multiplies past 2^53 exactly', () => {
    assert.equal(I.mul64u(2654435761, 2654435761), 7046029209275649121n);
    assert.equal(I.mul64s(-4294967296, 4294967296), 0);
  });
  it('divides and shifts like C (truncation, arithmetic right shift)', () => {
    assert.equal(I.div64s(-7, 2), -3);
    assert.equal(I.mod64s(-7, 2), -1);
    assert.equal(I.shr64(-8, 1), -4);
    assert.equal(I.shl64u(1, 63), 9223372036854775808n);
  });
  it('shifts a small 64-bit value right by 32 or more to 0, not by the count modulo 32 (found by fuzzing)', () => {
    assert.equal(I.shr64(8, 35), 0);
    assert.equal(I.shr64(0x7fffffff, 32), 0);
    assert.equal(I.shr64(4294967296, 32), 1);
    assert.equal(I.shr64(5, 63), 0);
    assert.equal(I.shr64(-8, 35), -1);
    assert.equal(I.shr64(8, 3), 1);
  });
});

describe('machine: tasks pause at any statement and resume', () => {
  it('switches tasks between statements: an unlocked read-modify-write loses an update', async () => {
    const src = { 'a.c': 'int n;\nvoid work(void) { int i; for (i = 0; i < 2; i++) { int v = n; n = v + 1; } }' };
    const counter = (m: Machine) => m.mem.dv.getInt32(m.program.statics.find((s) => s.name === 'n')?.addr as number, true);
    const serial = await machine(src);
    for (const t of [serial.m.spawn('work', []), serial.m.spawn('work', [])]) assert.equal(serial.m.run(t, 1000), 'exited');
    assert.equal(counter(serial.m), 4);
    const { m } = await machine(src);
    const a = m.spawn('work', []);
    const b = m.spawn('work', []);
    // a reads n, then b runs a whole iteration, then a writes its stale value back
    m.run(a, 3);
    m.run(b, 4);
    while (a.state === 'runnable') m.run(a, 1);
    while (b.state === 'runnable') m.run(b, 1);
    assert.equal(counter(m), 3);
  });

  it('counts statements exactly and stops at the step budget', async () => {
    const { m } = await machine({ 'a.c': 'int f(void) { int x = 0; x++; x++; return x; }' });
    const t = m.spawn('f', []);
    assert.equal(m.run(t, 2), 'paused');
    assert.equal(t.steps, 2);
    assert.equal(m.run(t, 100), 'exited');
    assert.equal(t.exitCode, 2);
  });

  it('calls a non-inline builtin between statements and resumes with its result', async () => {
    const calls: number[] = [];
    const lock: Builtin = { name: 'take', inline: false, fn: (_T, v) => { calls.push(Number(v)); return Number(v) * 10; } };
    const { m } = await machine({ 'a.c': 'int take(int v); int f(void) { return take(4) + take(5); }' }, [lock]);
    const t = m.spawn('f', []);
    assert.equal(m.run(t, 1000), 'exited');
    assert.deepEqual(calls, [4, 5]);
    assert.equal(t.exitCode, 90);
  });

  it('puts a task to sleep in a blocking builtin and resumes it with the waker\'s value', async () => {
    const sleepers: Task[] = [];
    const wait: Builtin = { name: 'wait_for', inline: false, fn: (T) => { sleepers.push(T); return BLOCK; } };
    const { m } = await machine({ 'a.c': 'int wait_for(void); int f(void) { int a = 1; int v = wait_for(); return a + v; }' }, [wait]);
    const t = m.spawn('f', []);
    assert.equal(m.run(t, 100), 'blocked');
    assert.throws(() => m.run(t, 100), /blocked, not runnable/);
    m.wake(sleepers[0] as Task, 41);
    assert.equal(m.run(t, 100), 'exited');
    assert.equal(t.exitCode, 42);
  });

  it('stops in front of each scheduling-point builtin when asked, and runs it first on the next slice', async () => {
    const log: string[] = [];
    const op: Builtin = { name: 'op', inline: false, fn: (_T, v) => { log.push(`op${String(v)}`); } };
    const { m } = await machine({ 'a.c': 'void op(int v); void f(void) { op(1); op(2); }' }, [op]);
    m.stopAtSync = true;
    const t = m.spawn('f', []);
    assert.equal(m.run(t, 100), 'sync');
    assert.deepEqual(log, []);
    assert.equal(t.pendingSync?.f.name, 'op');
    assert.equal(m.run(t, 100), 'sync');
    assert.deepEqual(log, ['op1']);
    assert.equal(m.run(t, 100), 'exited');
    assert.deepEqual(log, ['op1', 'op2']);
  });

  it('rewinds memory to a snapshot exactly (the basis of step back)', async () => {
    const { m } = await machine({ 'a.c': '#include <stdlib.h>\nlong g[4]; char *p; void f(void) { g[1] = -5; g[2] = 1L << 60; p = malloc(10); p[3] = 7; free(p); }\n' });
    m.mem.journaling = true;
    const before = m.mem.u8.slice();
    const mark = m.mem.mark();
    const t = m.spawn('f', []);
    assert.equal(m.run(t, 1000), 'exited');
    assert.ok(!Buffer.from(m.mem.u8).equals(before), 'the run changed memory');
    m.mem.rewind(mark);
    assert.ok(Buffer.from(m.mem.u8).equals(before), 'rewinding restored every byte');
    assert.equal(m.mem.leaks().length, 0);
  });
});

describe('machine: snapshots restore the whole machine', () => {
  it('replays the same statements to the same state after restoring a mid-run snapshot of two tasks', async () => {
    const src = {
      'a.c': '#include <stdlib.h>\nlong total; long *cells[4];\n' +
        'void work(int id) { int i; for (i = 0; i < 4; i++) { long *c = malloc(sizeof(long)); *c = id * 100 + i; cells[i] = c; total += *c; if (i > 1) free(cells[i - 2]); } }',
    };
    const { m } = await machine(src);
    m.mem.journaling = true;
    const a = m.spawn('work', [1]);
    const b = m.spawn('work', [2]);
    const total = () => m.mem.dv.getBigInt64(m.program.statics.find((s) => s.name === 'total')?.addr as number, true);
    m.run(a, 7);
    m.run(b, 5);
    const snap = m.snapshot();
    const image = m.mem.u8.slice();
    const schedule = () => {
      for (let i = 0; a.state === 'runnable' || b.state === 'runnable'; i++) {
        const t = i % 2 ? a : b;
        if (t.state === 'runnable') m.run(t, 3);
      }
      return { total: total(), steps: [a.steps, b.steps], heap: m.mem.heapUsed, states: [a.state, b.state], fault: b.fault?.message };
    };
    const first = schedule();
    m.restore(snap);
    assert.ok(Buffer.from(m.mem.u8).equals(image));
    assert.equal(a.state, 'runnable');
    assert.deepEqual(schedule(), first);
  });
});

describe('machine: faults are oopses with the C location and backtrace', () => {
  it('reports a member read through NULL as NULL + offset at the faulting line', async () => {
    const { m } = await machine({
      'oops.c': 'struct s { long a; int b; };\nint get(struct s *p)\n{\n\treturn p->b;\n}\nint top(void) { return get(0); }\n',
    });
    const t = m.spawn('top', []);
    assert.equal(m.run(t, 100), 'faulted');
    assert.equal(t.fault?.kind, 'null-deref');
    assert.match(t.fault?.message ?? '', /NULL \+ 8/);
    assert.deepEqual(t.fault?.backtrace.map((b) => `${b.func}:${b.loc.line}`), ['get:4', 'top:6']);
  });

  it('reports a dereference of ERR_PTR(-12) with the error number', async () => {
    const { m } = await machine({ 'e.c': 'int f(void) { int *p = (int *)(long)-12; return *p; }' });
    const t = m.spawn('f', []);
    m.run(t, 100);
    assert.equal(t.fault?.kind, 'err-ptr-deref');
    assert.match(t.fault?.message ?? '', /ERR_PTR \(-12\)/);
  });

  it('stops runaway recursion at the depth limit', async () => {
    const { m } = await machine({ 'r.c': 'int f(int n) { return f(n + 1) + 1; }' }, [], { maxDepth: 50 });
    const t = m.spawn('f', [0]);
    m.run(t, 1e6);
    assert.equal(t.fault?.kind, 'depth-limit');
    assert.match(t.fault?.message ?? '', /50 frames/);
  });
});

describe('front end: unsupported or wrong C is a one-line file:line:col message', () => {
  it('rejects floating point where it appears', async () => {
    assert.equal(await compileError('int f(void) {\n  double d = 1.5;\n  return 0;\n}'), 'bad.c:2:3: floating point is not supported by the interpreter');
  });
  it('reports a syntax error at its position', async () => {
    assert.match(await compileError('int f(void) {\n  return 1 +;\n}'), /^bad\.c:2:\d+: syntax error/);
  });
  it('reports an undeclared identifier', async () => {
    assert.equal(await compileError('int f(void) { return y; }'), "bad.c:1:22: 'y' undeclared");
  });
  it('reports a missing include at the directive', async () => {
    assert.match(await compileError('#include "nope.h"\nint x;'), /^bad\.c:1:\d+: .*nope\.h/);
  });
  it('reports a struct member that does not exist', async () => {
    assert.equal(await compileError('struct s { int a; };\nint f(struct s *p) { return p->zz; }'), "bad.c:2:32: 'struct s' has no member named 'zz'");
  });
  it('rejects bit-fields', async () => {
    assert.match(await compileError('struct s { int a : 3; };'), /bit-field is not supported/);
  });
  it('refuses an object too large to hold, without trying (found by fuzzing: [4294967295] = ... ran out of memory)', async () => {
    assert.equal(
      await compileError('static const char *const e[] = { [0] = "OK", [4294967295] = "X" };'),
      "bad.c:1:32: size of 'char *[4294967296]' is too large (34359738368 bytes; the interpreter's objects are at most 268435456 bytes)",
    );
    assert.equal(await compileError('char b[300000000];'), "bad.c:1:6: size of 'char[300000000]' is too large (300000000 bytes; the interpreter's objects are at most 268435456 bytes)");
    assert.equal(await compileError('static const int s[10] = { [-1] = 7 };'), 'bad.c:1:28: array index in initializer is negative');
    assert.equal(await compileError('static const int s[] = { [1] = 1, [-1] = 7 };'), 'bad.c:1:35: array index in initializer is negative');
    assert.equal(await compileError('int f(void) { long a[1 << 30]; return 0; }'), "bad.c:1:20: size of 'long[1073741824]' is too large (8589934592 bytes; the interpreter's objects are at most 268435456 bytes)");
  });
});

describe('linker: several translation units', () => {
  it('gives an extern global the address its defining unit allocates, even when that unit comes later', async () => {
    const { m } = await machine({ 'a.c': 'extern int g;\nint *f(void) { return &g; }\nint get(void) { return g; }', 'b.c': 'int g = 5;\nint *h(void) { return &g; }' });
    const run = (name: string) => {
      const t = m.spawn(name, []);
      assert.equal(m.run(t, 100), 'exited');
      return t.exitCode;
    };
    assert.notEqual(run('f'), 0);
    assert.equal(run('f'), run('h'));
    assert.equal(run('get'), 5);
  });

  it('reports a used global that no unit defines as an undefined reference at its first use', async () => {
    await assert.rejects(machine({ 'a.c': 'extern int nowhere;\nint f(void) {\n  return nowhere;\n}' }), /a\.c:3:10: undefined reference to 'nowhere'/);
  });

  it('spawns the externally visible function when units also have static functions of that name', async () => {
    const { m } = await machine({ 'a.c': 'static int helper(void) { return 1; }\nint use_a(void) { return helper(); }', 'b.c': 'int helper(void) { return 2; }' });
    const t = m.spawn('helper', []);
    m.run(t, 100);
    assert.equal(t.exitCode, 2);
  });
});

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { unpackTimeline } from '../src/core/timeline';
import type { TimelineBody } from '../src/debug/protocol';
import { RecordingClient, golden, kernelFile, scenario, sourceDir, startServer } from './dap-client';

/**
 * The debug adapter end to end, as a DAP client drives it: the standalone adapter (`iolock-sim dap`) on stdio,
 * and as a server for the other sessions (the kernel then compiles once per policy). Needs `npm run build`.
 */
describe('debug adapter (DAP, standalone `iolock-sim dap`)', function () {
  this.timeout(240000);
  let server: { port: number; kill: () => void };
  const open: RecordingClient[] = [];

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    for (const dc of open) await dc.stop().catch(() => undefined);
    server?.kill();
    fs.rmSync(sourceDir, { recursive: true, force: true });
  });

  async function client(stdio = false): Promise<RecordingClient> {
    const dc = new RecordingClient();
    await dc.open(stdio ? undefined : server.port);
    open.push(dc);
    return dc;
  }

  const names = (vs: DebugProtocol.Variable[]) => Object.fromEntries(vs.map((v) => [v.name, v.value]));
  const where = (f: DebugProtocol.StackFrame | undefined) => (f ? `${f.name} ${path.basename(f.source?.path ?? '?')}:${f.line}` : '?');

  it('stops on entry in vfs_read (s0 with the seed) with threads named by their system call, in the patched source', async () => {
    const dc = await client(true);
    const stop = await dc.launchAndStop({ scenario: scenario('s0-anon-buffer'), policy: 'seed', stopOnEntry: 'vfs_read' });
    assert.equal(stop.body.reason, 'entry');
    const threads = (await dc.threadsRequest()).body.threads;
    assert.deepEqual(threads.map((t) => t.name), ['node0/dlm_astd', 'node0/T1 read(A)']);
    const frames = await dc.frames(stop.body.threadId as number);
    assert.deepEqual(frames.map(where), ['vfs_read read_write.c:240', 'sys_read read_write.c:352']);
    const file = frames[0]?.source?.path ?? '';
    assert.ok(file.startsWith(sourceDir), `the patched read_write.c is written for the editor: ${file}`);
    assert.match(fs.readFileSync(file, 'utf8').split('\n')[250] ?? '', /iolock_region\(buf, count\)/, 'line 251 of the patched file calls iolock_region');
    const vars = await dc.scopeVars(frames[0]?.id as number);
    assert.deepEqual(names(vars.Arguments ?? []), { file: names(vars.Arguments ?? []).file, buf: '0x40000000 <user address>', count: '10000', pos: names(vars.Arguments ?? []).pos });
    assert.equal(vars.Arguments?.find((v) => v.name === 'file')?.type, 'struct file *');
    const next = await dc.stopAfter(() => dc.nextRequest({ threadId: stop.body.threadId as number }));
    assert.equal(next.body.reason, 'step');
    assert.equal((await dc.frames(stop.body.threadId as number))[0]?.line, 242);
    golden('entry-vfs_read', dc.transcript);
  });

  it('stops at a function breakpoint on iolock_region, then at the oops at fs/iolock.c:67 with ret->mapping NULL', async () => {
    const dc = await client();
    const stop = await dc.launchAndStop({ scenario: scenario('s0-anon-buffer'), policy: 'seed' }, async () => {
      const r = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'iolock_region' }] });
      assert.equal(r.body.breakpoints[0]?.verified, true);
    });
    assert.equal(stop.body.reason, 'function breakpoint');
    const tid = stop.body.threadId as number;
    assert.deepEqual((await dc.frames(tid)).map(where), ['iolock_region iolock.c:26', 'vfs_read read_write.c:251', 'sys_read read_write.c:352']);
    const oops = await dc.stopAfter(() => dc.continueRequest({ threadId: tid }));
    assert.equal(oops.body.reason, 'exception');
    const info = (await dc.exceptionInfoRequest({ threadId: tid })).body;
    assert.equal(info.exceptionId, 'null-deref');
    assert.match(info.details?.message ?? '', /fs\/iolock\.c:67/);
    assert.match(info.details?.message ?? '', /faulting address: 0x68/);
    const frames = await dc.frames(tid);
    assert.equal(where(frames[0]), 'iolock_region iolock.c:67');
    const locals = (await dc.scopeVars(frames[0]?.id as number)).Locals ?? [];
    const ret = locals.find((v) => v.name === 'ret');
    assert.equal(ret?.type, 'struct iolock *');
    assert.ok(ret && ret.variablesReference > 0, 'ret expands into the struct it points to');
    const fields = await dc.vars(ret.variablesReference);
    assert.deepEqual(fields.map((f) => [f.name, f.evaluateName]), [['mapping', 'ret->mapping'], ['nr_files', 'ret->nr_files'], ['files', 'ret->files']]);
    assert.equal(fields[0]?.value, 'NULL');
    const hover = await dc.evaluateRequest({ expression: 'ret->mapping', frameId: frames[0]?.id as number, context: 'hover' });
    assert.equal(hover.body.result, 'NULL');
    // the read that faulted: a_ops is 104 bytes into struct address_space
    await assert.rejects(dc.evaluateRequest({ expression: 'ret->mapping->a_ops', frameId: frames[0]?.id as number, context: 'hover' }), /cannot read 0x68 \(NULL \+ 104\)/);
    golden('oops-iolock_region', dc.transcript);
  });

  it('stops on the s2 deadlock (policy base) with both readers\' stacks and the wait cycle', async () => {
    const dc = await client();
    const stop = await dc.launchAndStop({ scenario: scenario('s2-crossed-mmap'), policy: 'base' });
    assert.equal(stop.body.reason, 'exception');
    const info = (await dc.exceptionInfoRequest({ threadId: stop.body.threadId as number })).body;
    assert.equal(info.exceptionId, 'deadlock');
    assert.match(info.details?.message ?? '', /node0\/T1 holds glock 2\/3 \(shared\).*waits for glock 2\/6 \(exclusive\)/);
    assert.match(info.details?.message ?? '', /node0\/T2 holds glock 2\/6 \(shared\).*waits for glock 2\/3 \(exclusive\)/);
    const threads = (await dc.threadsRequest()).body.threads;
    assert.deepEqual(threads.map((t) => t.name), ['node0/dlm_astd', 'node0/T1 read(A)', 'node0/T2 read(B)']);
    for (const t of threads.slice(1)) {
      const frames = await dc.frames(t.id);
      assert.match(frames[0]?.name ?? '', /^\[sleeping: /);
      assert.equal(where(frames[1]), 'wait_for_completion wait.c:45');
      assert.ok(frames.some((f) => f.name === 'gfs2_sharewrite_nopage'), 'each sleeps in the page fault on the other file');
      assert.equal(frames[frames.length - 1]?.name, 'sys_read');
      const locks = (await dc.scopeVars(frames[1]?.id as number))['Locks held'] ?? [];
      assert.ok(locks.some((l) => /^glock 2\/\d$/.test(l.name) && /^shared/.test(l.value)));
      assert.ok(locks.some((l) => l.name === 'waiting for' && /exclusive/.test(l.value)));
    }
    const table = (await dc.customRequest('iolock/locks')).body as { locks: { name: string; holders: unknown[]; waiters: unknown[] }[] };
    assert.deepEqual(table.locks.filter((l) => l.name.startsWith('glock')).map((l) => [l.name, l.holders.length, l.waiters.length]), [['glock 2/3', 1, 1], ['glock 2/6', 1, 1]]);
    const ended = dc.waitForEvent('terminated', 60000);
    await dc.continueRequest({ threadId: stop.body.threadId as number });
    await ended;
    golden('deadlock-s2', dc.transcript);
  });

  /** Every thread's stack with its top frame's variables, and where the run is. */
  async function state(dc: RecordingClient): Promise<unknown> {
    const out: Record<string, unknown> = {};
    for (const t of (await dc.threadsRequest()).body.threads) {
      const frames = await dc.frames(t.id);
      const top = frames.find((f) => f.source);
      out[t.name] = { frames: frames.map(where), vars: top ? await dc.scopeVars(top.id) : undefined };
    }
    const cs = (await dc.customRequest('iolock/currentStep')).body as Record<string, unknown>;
    delete cs.recorded;
    out.step = cs;
    return out;
  }

  it('steps back across a task switch to the exact earlier state', async () => {
    const dc = await client();
    const stop = await dc.launchAndStop({ scenario: scenario('s0-anon-buffer'), policy: 'seed' }, async () => {
      // schedule() in wait_for_completion: T1 sleeps there until dlm_astd runs the glock's completion AST
      const r = await dc.setBreakpointsRequest({ source: { path: kernelFile('kernel/wait.c') }, breakpoints: [{ line: 45 }] });
      assert.equal(r.body.breakpoints[0]?.verified, true);
    });
    assert.equal(stop.body.reason, 'breakpoint');
    const tid = stop.body.threadId as number;
    const before = await state(dc);
    const next = await dc.stopAfter(() => dc.nextRequest({ threadId: tid }));
    assert.equal(next.body.reason, 'step');
    const after = (await state(dc)) as { step: { schedule: string } };
    assert.equal(after.step.schedule, 'T1:1,dlm_astd@0:1,T1:1', 'dlm_astd ran while T1 slept');
    assert.notDeepEqual(after, before);
    const back = await dc.stopAfter(() => dc.stepBackRequest({ threadId: tid }));
    assert.equal(back.body.reason, 'step');
    assert.deepEqual(await state(dc), before);
    // and forward again: the recorded future is replayed, the same state as the first time
    await dc.stopAfter(() => dc.nextRequest({ threadId: tid }));
    assert.deepEqual(await state(dc), after);
    golden('stepback-task-switch', dc.transcript);
  });

  it('answers bad input with error responses and goes on: missing scenario, unknown policy, lines without code, bad expressions', async () => {
    const dc = await client();
    await dc.initializeRequest();
    await assert.rejects(dc.launchRequest({ scenario: '/nonexistent/x.iolock.yaml' } as DebugProtocol.LaunchRequestArguments), /scenario file not found/);
    await assert.rejects(dc.launchRequest({} as DebugProtocol.LaunchRequestArguments), /'scenario'.*is required/);
    await assert.rejects(dc.launchRequest({ scenario: scenario('s0-anon-buffer'), policy: 'nope' } as DebugProtocol.LaunchRequestArguments), /unknown policy 'nope'/);
    await assert.rejects(dc.launchRequest({ scenario: scenario('s0-anon-buffer'), schedule: 'T1:0' } as DebugProtocol.LaunchRequestArguments), /schedule/);
    await assert.rejects(dc.launchRequest({ scenario: scenario('s0-anon-buffer'), policy: 'seed', stopOnEntry: 'no_such_fn' } as DebugProtocol.LaunchRequestArguments), /no C function/);
    await assert.rejects(dc.stackTraceRequest({ threadId: 1 }), /no scenario is loaded/);
    await assert.rejects(dc.customRequest('iolock/nonsense'), /unknown request/);
    assert.deepEqual((await dc.threadsRequest()).body.threads, []);
    // the same session can still launch a good one
    let bps: DebugProtocol.Breakpoint[] = [];
    const stop = await dc.launchAndStop({ scenario: scenario('s0-anon-buffer'), policy: 'seed', stopOnEntry: true }, async () => {
      const iolock = path.join(sourceDir, 'x', 'fs', 'iolock.c');
      bps = (
        await dc.setBreakpointsRequest({
          source: { path: iolock },
          breakpoints: [{ line: 4 }, { line: 13 }, { line: 26, condition: 'err ==' }, { line: 26, hitCondition: 'sometimes' }, { line: 9999 }],
        })
      ).body.breakpoints;
    });
    assert.equal(stop.body.reason, 'entry');
    assert.deepEqual(bps.map((b) => [b.verified, b.line]), [[true, 26], [true, 26], [false, 26], [false, 26], [false, 9999]]);
    assert.match(bps[0]?.message ?? '', /moved from line 4 to line 26/);
    assert.match(bps[2]?.message ?? '', /condition: the expression ends too early/);
    assert.match(bps[3]?.message ?? '', /hit count 'sometimes'/);
    assert.match(bps[4]?.message ?? '', /no code at or after line 9999/);
    const outside = (await dc.setBreakpointsRequest({ source: { path: path.join(sourceDir, 'notes.txt') }, breakpoints: [{ line: 1 }] })).body.breakpoints;
    assert.equal(outside[0]?.verified, false);
    const weird = (await dc.setBreakpointsRequest({ source: { path: kernelFile('kernel/wait.c') }, breakpoints: [{ line: 'x' as unknown as number }] })).body.breakpoints;
    assert.equal(weird[0]?.verified, false);
    await assert.rejects(dc.evaluateRequest({} as DebugProtocol.EvaluateArguments), /empty expression/);
    const changed = (await dc.setBreakpointsRequest({ source: { path: kernelFile('fs/read_write.c') }, breakpoints: [{ line: 251 }] })).body.breakpoints;
    assert.equal(changed[0]?.verified, false, 'the checkout copy of a file the patch changes');
    assert.match(changed[0]?.message ?? '', /set breakpoints in the patched copy/);
    const fr = (await dc.frames(stop.body.threadId as number))[0]?.id as number;
    await assert.rejects(dc.evaluateRequest({ expression: 'filename->', frameId: fr }), /expected a member name/);
    await assert.rejects(dc.evaluateRequest({ expression: 'no_such_thing + 1', frameId: fr }), /no symbol 'no_such_thing'/);
    await assert.rejects(dc.evaluateRequest({ expression: '*(int *)0', frameId: fr }), /cannot read 0x0 \(NULL\)/);
    await assert.rejects(dc.evaluateRequest({ expression: 'x', frameId: 987654 }), /no symbol 'x'/);
    await assert.rejects(dc.variablesRequest({ variablesReference: 424242 }), /no variables/);
    await assert.rejects(dc.setVariableRequest({ variablesReference: 424242, name: 'x', value: '1' }), /no variables/);
    await assert.rejects(dc.stepBackRequest({ threadId: 999 }), /no thread 999/);
    await assert.rejects(dc.customRequest('iolock/travel', { position: -3 }), /no position -3/);
    // and it still answers
    assert.equal((await dc.evaluateRequest({ expression: 'flags', frameId: fr })).body.result, '0');
    assert.equal((await dc.threadsRequest()).body.threads.length, 2);
  });

  it('breakpoint conditions, hit counts and logpoints', async () => {
    const dc = await client();
    const logged: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => {
      if (e.body.category === 'console' && e.body.output.startsWith('wait')) logged.push(e.body.output.trim());
    });
    const waitc = kernelFile('kernel/wait.c');
    // s0 enters wait_for_completion seven times; the fourth is the one that sleeps (done == 0)
    const stop = await dc.launchAndStop({ scenario: scenario('s0-anon-buffer'), policy: 'seed' }, async () => {
      await dc.setBreakpointsRequest({ source: { path: waitc }, breakpoints: [{ line: 40, logMessage: 'wait done={x->done}' }] });
      await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'wait_for_completion', hitCondition: '== 4' }] });
    });
    assert.equal(stop.body.reason, 'function breakpoint');
    const tid = stop.body.threadId as number;
    const fr = (await dc.frames(tid))[0]?.id as number;
    assert.equal((await dc.evaluateRequest({ expression: 'x->done', frameId: fr })).body.result, '0');
    assert.deepEqual(logged, ['wait done=1', 'wait done=1', 'wait done=1']);
    await dc.setFunctionBreakpointsRequest({ breakpoints: [] });
    await dc.setBreakpointsRequest({ source: { path: waitc }, breakpoints: [{ line: 40, logMessage: 'wait done={x->done}' }, { line: 38, condition: 'x->done == 1 && x != 0' }] });
    const next = await dc.stopAfter(() => dc.continueRequest({ threadId: tid }));
    assert.equal(next.body.reason, 'breakpoint');
    assert.equal(where((await dc.frames(tid))[0]), 'wait_for_completion wait.c:38');
    assert.deepEqual(logged.slice(3), ['wait done=0', 'wait done=1'], 'the sleeping wait went round its loop twice');
  });

  it('setVariable, readMemory, goto targets at scheduling points, and the custom requests of the views', async () => {
    const dc = await client();
    const stop = await dc.launchAndStop({ scenario: scenario('s0-anon-buffer'), policy: 'seed' }, async () => {
      await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'iolock_region' }] });
    });
    const tid = stop.body.threadId as number;
    const fr = (await dc.frames(tid))[0]?.id as number;
    const scopes = (await dc.scopesRequest({ frameId: fr })).body.scopes;
    const args = scopes.find((s) => s.name === 'Arguments')?.variablesReference as number;
    const set = await dc.setVariableRequest({ variablesReference: args, name: 'size', value: '4096 * 2' });
    assert.equal(set.body.value, '8192');
    assert.equal((await dc.evaluateRequest({ expression: 'size', frameId: fr })).body.result, '8192');
    const mm = (await dc.evaluateRequest({ expression: 'current->mm', frameId: fr })).body;
    assert.ok(mm.memoryReference);
    const mem = (await dc.readMemory({ memoryReference: mm.memoryReference as string, count: 16 })).body;
    assert.equal(Buffer.from(mem?.data ?? '', 'base64').length, 16);
    // the change is part of the history: a step back to before it undoes it, going forward repeats it
    await dc.stopAfter(() => dc.nextRequest({ threadId: tid }));
    await dc.stopAfter(() => dc.stepBackRequest({ threadId: tid }));
    const size = async () => (await dc.evaluateRequest({ expression: 'size', frameId: (await dc.frames(tid))[0]?.id as number })).body.result;
    assert.equal(await size(), '10000');
    await dc.stopAfter(() => dc.nextRequest({ threadId: tid }));
    assert.equal(await size(), '8192');
    const ast = kernelFile('fs/dlm/ast.c');
    const targets = (await dc.gotoTargetsRequest({ source: { path: ast }, line: 23 })).body.targets;
    assert.ok(targets.length >= 1, 'dlm_astd was picked at __dlm_next_ast');
    const g = await dc.stopAfter(() => dc.gotoRequest({ threadId: tid, targetId: targets[0]?.id as number }));
    assert.equal(g.body.reason, 'goto');
    assert.equal(where((await dc.frames(g.body.threadId as number))[0]), 'dlm_astd ast.c:23');
    const cs = (await dc.customRequest('iolock/currentStep')).body as { schedule: string; over: boolean };
    assert.equal(cs.over, false);
    const tasks = (await dc.customRequest('iolock/tasks')).body as { tasks: { task: string; state: string }[] };
    assert.deepEqual(tasks.tasks.map((t) => t.task), ['dlm_astd@0', 'T1']);
    const trace = (await dc.customRequest('iolock/trace')).body as { events: { op: string; step: number }[] };
    assert.ok(trace.events.length > 0);
    // a timeline click: the moment before the scheduling step of the last lock event so far
    const s = trace.events[trace.events.length - 1]?.step as number;
    const travelled = (await dc.customRequest('iolock/travel', { step: s })).body as { step: number };
    assert.ok(travelled.step < s, `${travelled.step} < ${s}`);
  });

  it('gives the timeline: calls in progress at a stop, the whole recorded run after travelling back (s2, base)', async () => {
    const dc = await client();
    const entry = await dc.launchAndStop({ scenario: scenario('s2-crossed-mmap'), policy: 'base', stopOnEntry: 'vfs_read' });
    const timelineNow = async () => {
      const body = (await dc.customRequest('iolock/timeline')).body as TimelineBody;
      return { data: unpackTimeline(body.timeline), step: body.step };
    };
    const first = await timelineNow();
    assert.equal(first.step, first.data.endStep, 'at the furthest recorded position the timeline is the run so far');
    const running = first.data.items.filter((it) => it.kind === 'syscall' && it.result === 'running');
    assert.ok(running.length >= 1, 'the read the debugger stopped in is a running span');
    assert.ok(running.every((it) => it.open && it.end === first.step));
    await dc.stopAfter(() => dc.continueRequest({ threadId: entry.body.threadId as number }));
    const end = await timelineNow();
    assert.equal(end.data.verdict, 'deadlock');
    assert.deepEqual(end.data.lanes.map((l) => l.label), ['T1', 'T2', 'dlm_astd']);
    assert.equal(end.data.cycle?.items.length, 4, 'two waits and the two holds they wait for');
    const events = ((await dc.customRequest('iolock/trace')).body as { events: { op: string }[] }).events;
    assert.equal(end.data.items.filter((it) => it.kind === 'hold').length, events.filter((e) => e.op === 'acquire').length);
    // a timeline click travels back; the timeline still shows the steps ahead, and where the session is now
    const mid = Math.floor((end.data.startStep + end.data.endStep) / 2);
    const back = await dc.stopAfter(() => dc.customRequest('iolock/travel', { step: mid }));
    assert.equal(back.body.reason, 'goto');
    const behind = await timelineNow();
    assert.ok(behind.step < mid, `${behind.step} < ${mid}`);
    assert.equal(behind.data.endStep, end.data.endStep);
    assert.equal(behind.data.items.length, end.data.items.length);
  });

  it('stops where a lock order closes a cycle (s8, base), with both chains; restart reaches it again', async () => {
    const dc = await client();
    const stop = await dc.launchAndStop({ scenario: scenario('s8-lock-order'), policy: 'base' }, async () => {
      await dc.setExceptionBreakpointsRequest({ filters: ['lock-order', 'deadlock', 'oops'] });
    });
    assert.equal(stop.body.reason, 'exception');
    const info = (await dc.exceptionInfoRequest({ threadId: stop.body.threadId as number })).body;
    assert.equal(info.exceptionId, 'lock-order');
    assert.match(info.details?.message ?? '', /possible circular locking dependency detected/);
    assert.match(info.details?.message ?? '', /-> #0: .* taken while holding /);
    assert.match(info.details?.message ?? '', /-> #1: .* taken while holding /);
    const at = where((await dc.frames(stop.body.threadId as number))[0]);
    const again = await dc.stopAfter(() => dc.restartRequest({}));
    assert.equal(again.body.reason, 'exception');
    assert.equal(where((await dc.frames(again.body.threadId as number))[0]), at);
  });

  it('explores first and debugs the counterexample: the inconsistent read of s1 (policy iolock)', async () => {
    const dc = await client();
    const stop = await dc.launchAndStop({ scenario: scenario('s1-self-mmap'), policy: 'iolock', explore: true });
    assert.equal(stop.body.reason, 'exception');
    const info = (await dc.exceptionInfoRequest({ threadId: stop.body.threadId as number })).body;
    assert.equal(info.exceptionId, 'inconsistent-read');
    assert.match(info.description ?? '', /saw neither all-old nor all-new data/);
    const threads = (await dc.threadsRequest()).body.threads;
    assert.match(threads.find((t) => t.id === stop.body.threadId)?.name ?? '', /^node0\/T1 read\(\w+\)/);
  });

  it('lets the user choose who runs: singleThread runs one task only, stepping another thread picks it', async () => {
    const dc = await client();
    const entry = await dc.launchAndStop({ scenario: scenario('s2-crossed-mmap'), policy: 'base', stopOnEntry: true });
    const threads = (await dc.threadsRequest()).body.threads;
    const id = (name: string) => threads.find((t) => t.name.includes(name))?.id as number;
    assert.equal(entry.body.threadId, id('T1'));
    const alone = await dc.stopAfter(() => dc.continueRequest({ threadId: id('T1'), singleThread: true }));
    assert.equal(alone.body.reason, 'step');
    assert.match(alone.body.description ?? '', /^node0\/T1 .* cannot run: it waits for /);
    const schedule = async () => ((await dc.customRequest('iolock/currentStep')).body as { schedule: string }).schedule;
    assert.match(await schedule(), /^T1:\d+$/, 'only T1 ran');
    // round-robin would now pick T2; stepping dlm_astd makes it the next pick
    const s = await dc.stopAfter(() => dc.nextRequest({ threadId: id('dlm_astd') }));
    assert.equal(s.body.threadId, id('dlm_astd'));
    assert.match(await schedule(), /^T1:\d+,dlm_astd@0:1$/);
  });

  it('pauses a long run and continues it to the end', async () => {
    const long = path.join(sourceDir, 'long-read.iolock.yaml');
    fs.writeFileSync(
      long,
      [
        'name: long-read',
        'description: one task reads 1 MiB',
        'nodes: 1',
        'filesystems:',
        '  - type: gfs2',
        '    mount: /mnt/gfs2',
        '    blocks: 400',
        '    files:',
        '      - { name: A, size: 1048576, fill: "A" }',
        'tasks:',
        '  - id: T1',
        '    steps:',
        '      - open: { file: /mnt/gfs2/A, as: fa }',
        '      - alloc: { as: buf, length: 1048576 }',
        '      - read: { fd: fa, into: buf, count: 1048576 }',
        '',
      ].join('\n'),
    );
    const dc = await client();
    const entry = await dc.launchAndStop({ scenario: long, policy: 'base', stopOnEntry: true });
    const tid = entry.body.threadId as number;
    const paused = dc.waitForEvent('stopped', 120000);
    await dc.continueRequest({ threadId: tid });
    await new Promise((r) => setTimeout(r, 300));
    await dc.pauseRequest({ threadId: tid });
    const p = (await paused) as DebugProtocol.StoppedEvent;
    assert.equal(p.body.reason, 'pause');
    const end = await dc.stopAfter(() => dc.continueRequest({ threadId: tid }));
    assert.equal(end.body.reason, 'end');
    assert.match(end.body.description ?? '', /the scenario is over: ok/);
  });
});

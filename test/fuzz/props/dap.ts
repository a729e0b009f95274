import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { findRepoRoot } from '../../../src/core/patch';
import { Client, SCENARIO, type Arg, type Json } from '../../dap-inprocess';
import type { PropertyTable } from '../worker';

/**
 * The debug adapter in this process, driven as a client would drive it, but with random requests and random
 * (often wrong) arguments: every request must be answered, with success or an error the user can read (never
 * the library's "{_stack}" answer to an exception or our "internal error"), and the session must go on
 * answering afterwards.
 */
const root = findRepoRoot(__dirname) as string;
const KERNEL_FILE = path.join(root, 'kernel', 'fs', 'read_write.c');

interface Req {
  command: string;
  args: Record<string, Arg> | Json;
}

const garbage: fc.Arbitrary<Json> = fc.oneof(fc.constantFrom<Json>(null, -1, 0, 1, 2, 7, 1e308, -1e308, 2 ** 53, 0.5, '', 'x', '1', '0x0', [], {}, true, false, [1, 2], { path: 1 }), fc.string({ maxLength: 8 }));
/** With `bad`, any argument may be garbage of any type; without, the arguments have the right types. */
function requests(bad: boolean): fc.Arbitrary<Req> {
  // arguments are nested records of Arg; the generic record types do not narrow to it by themselves
  const or = (good: fc.Arbitrary<unknown>): fc.Arbitrary<Arg> => (bad ? fc.oneof({ weight: 3, arbitrary: good as fc.Arbitrary<Arg> }, { weight: 1, arbitrary: garbage }) : (good as fc.Arbitrary<Arg>));
  const ref = (r: 'thread' | 'frame' | 'variables' | 'memory' | 'target'): fc.Arbitrary<Arg> => or(fc.nat(20).map((k) => ({ ref: r, k })));
  const num = or(fc.integer({ min: 0, max: 300 }));
  const line = or(fc.integer({ min: 1, max: 400 }));
  const sourceArb = or(
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<Arg>({ path: KERNEL_FILE }) },
      { weight: 1, arbitrary: fc.constantFrom<Arg>({ path: '/etc/passwd' }, { path: '/nonexistent.c' }, { path: root }, {}, { sourceReference: 5 }, { path: path.join(root, 'kernel', 'fs', 'gfs2', 'glock.c') }) },
    ),
  );
  const EXPRESSIONS = ['file', 'file->f_mode', 'count', 'buf', '*buf', 'current', 'current->mm', 'pos', '*pos', 'sizeof(struct file)', '(char *)buf', 'file->f_op->read', '1/0', '1 % 0', '((struct file *)0)->f_mode', 'x +', ')(', '"str"', "'c'", 'ret', 'vfs_read', '&vfs_read', 'count << 70', '-9223372036854775807 - 1', '(long)-1 / -1', 'file[1000000]', '*(int *)1', '((int*)0)[1]', 'a ? b : c', '', 'sizeof file', 'init_task.comm', '__proto__', 'constructor', 'x = 1', 'f()', '9999999999999999999999999'];
  const exprArb = or(fc.oneof({ weight: 3, arbitrary: fc.constantFrom<Json>(...EXPRESSIONS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }));
  const flag = bad ? fc.constantFrom<Json>(true, false, 'yes') : fc.boolean();

  return fc.oneof(
  fc.constant<Req>({ command: 'threads', args: {} }),
  fc.record({ threadId: ref('thread'), startFrame: num, levels: num }).map((args) => ({ command: 'stackTrace', args })),
  fc.record({ frameId: ref('frame') }).map((args) => ({ command: 'scopes', args })),
  fc.record({ variablesReference: ref('variables'), start: num, count: num, filter: fc.constantFrom<Json>('indexed', 'named', 'x') }, { requiredKeys: ['variablesReference'] }).map((args) => ({ command: 'variables', args })),
  fc.record({ expression: exprArb, frameId: ref('frame'), context: fc.constantFrom<Json>('watch', 'repl', 'hover', 'clipboard') }, { requiredKeys: ['expression'] }).map((args) => ({ command: 'evaluate', args })),
  fc.record({ variablesReference: ref('variables'), name: fc.constantFrom<Json>('count', 'ret', 'file', 'f_mode', '[0]', 'x', ''), value: exprArb }).map((args) => ({ command: 'setVariable', args })),
  fc.record({ memoryReference: fc.oneof(ref('memory'), or(fc.constantFrom<Json>('0x0', '0x400000', 'node1:0x1000', 'node9:0x1', '0xffffffffffffffff', 'zz'))), offset: num, count: fc.oneof(num, fc.constant<Json>(2 ** 31)) }).map((args) => ({ command: 'readMemory', args })),
  fc.record({ source: sourceArb, breakpoints: or(fc.array(fc.record({ line, condition: fc.option(exprArb, { nil: undefined }), hitCondition: fc.option(fc.constantFrom<Json>('2', '== 1', '> 0', '% 2', 'x', ''), { nil: undefined }), logMessage: fc.option(fc.constantFrom<Json>('{count}', '{', '}{', 'x {1/0}'), { nil: undefined }) }, { requiredKeys: ['line'] }), { maxLength: 3 })) }).map((args) => ({ command: 'setBreakpoints', args })),
  fc.record({ breakpoints: or(fc.array(fc.record({ name: fc.constantFrom<Json>('vfs_read', 'iolock_region', 'nope', '', 'down_read'), condition: fc.option(exprArb, { nil: undefined }) }, { requiredKeys: ['name'] }), { maxLength: 3 })) }).map((args) => ({ command: 'setFunctionBreakpoints', args })),
  fc.record({ filters: or(fc.subarray(['deadlock', 'oops', 'lock-order', 'leak', 'inconsistent', 'bogus'] as Json[])) }).map((args) => ({ command: 'setExceptionBreakpoints', args })),
  fc.record({ source: sourceArb, line, endLine: fc.option(line, { nil: undefined }) }).map((args) => ({ command: 'breakpointLocations', args })),
  // the requests that run the scenario, where the state changes, several times as often as the others
  ...Array<null>(5).fill(null).map(() => fc.tuple(fc.constantFrom('continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue'), fc.record({ threadId: ref('thread'), singleThread: flag }, { requiredKeys: ['threadId'] })).map(([command, args]) => ({ command, args }))),
  fc.record({ threadId: ref('thread') }).map((args) => ({ command: 'pause', args })),
  fc.record({ source: sourceArb, line }).map((args) => ({ command: 'gotoTargets', args })),
  fc.record({ threadId: ref('thread'), targetId: ref('target') }).map((args) => ({ command: 'goto', args })),
  fc.record({ threadId: ref('thread') }).map((args) => ({ command: 'exceptionInfo', args })),
  fc.record({ source: sourceArb, sourceReference: num }).map((args) => ({ command: 'source', args })),
  fc.constantFrom<Req>({ command: 'iolock/locks', args: {} }, { command: 'iolock/tasks', args: {} }, { command: 'iolock/currentStep', args: {} }, { command: 'iolock/timeline', args: {} }, { command: 'restart', args: {} }, { command: 'configurationDone', args: {} }, { command: 'frobnicate', args: {} }, { command: 'iolock/nope', args: {} }),
  fc.record({ from: num }).map((args) => ({ command: 'iolock/trace', args })),
  fc.record({ step: num, position: num }, { requiredKeys: [] }).map((args) => ({ command: 'iolock/travel', args })),
  // a request whose arguments are not an object at all
  ...(bad ? [fc.tuple(fc.constantFrom('stackTrace', 'variables', 'evaluate', 'setBreakpoints', 'continue', 'readMemory', 'source', 'gotoTargets', 'iolock/travel'), garbage).map(([command, args]) => ({ command, args }))] : []),
  );
}
const inspectArb: fc.Arbitrary<Req> = fc
  .record({ k: fc.nat(30), expression: fc.constantFrom<Json>('count', 'file->f_mode', '*buf', 'current->comm', 'pos', 'sizeof(*file)', 'ret + 1', 'x'), value: fc.constantFrom<Json>('0', '1', '-1', 'count + 1', '0x40000000', '(void *)0', 'x', '1/0', '"s"', '99999999999999999999') })
  .map((args) => ({ command: '@inspect', args }));
const requestArb = fc.oneof({ weight: 6, arbitrary: requests(false) }, { weight: 2, arbitrary: requests(true) }, { weight: 1, arbitrary: inspectArb });


/**
 * What an editor does at every stop: the stack of a thread, the scopes of a frame, their variables, one level
 * down, an expression in that frame and a new value for a variable. Ids are the ones just handed out, so the
 * requests reach the inspector instead of 'gone since the last stop'.
 */
async function inspectChain(c: Client, a: { k: number; expression: Json; value: Json }): Promise<void> {
  const threads = ((await c.request('threads', {})).body as { threads?: { id: number }[] } | undefined)?.threads ?? [];
  const thread = threads[a.k % Math.max(threads.length, 1)];
  if (!thread) return;
  const frames = ((await c.request('stackTrace', { threadId: thread.id })).body as { stackFrames?: { id: number }[] } | undefined)?.stackFrames ?? [];
  const frame = frames[a.k % Math.max(frames.length, 1)];
  if (!frame) return;
  const scopes = ((await c.request('scopes', { frameId: frame.id })).body as { scopes?: { variablesReference: number }[] } | undefined)?.scopes ?? [];
  for (const scope of scopes) {
    const vars = ((await c.request('variables', { variablesReference: scope.variablesReference })).body as { variables?: { name: string; variablesReference: number; memoryReference?: string }[] } | undefined)?.variables ?? [];
    const v = vars[a.k % Math.max(vars.length, 1)];
    if (!v) continue;
    if (v.variablesReference) await c.request('variables', { variablesReference: v.variablesReference, start: 0, count: 5 });
    if (v.memoryReference) await c.request('readMemory', { memoryReference: v.memoryReference, offset: a.k % 16, count: 32 });
    await c.request('setVariable', { variablesReference: scope.variablesReference, name: v.name, value: a.value });
  }
  await c.request('evaluate', { expression: a.expression, frameId: frame.id, context: 'watch' });
}

let client: Client | undefined;
let sequences = 0;
let sourceDir = '';

export const properties: PropertyTable = {
  'dap: random request sequences are all answered, and the session keeps serving': {
    setup: async () => {
      sourceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-fuzz-dap-'));
      client = new Client(sourceDir);
      await client.launch();
    },
    arb: fc.array(requestArb, { minLength: 1, maxLength: 16, size: 'max' }),
    check: async (reqs: Req[]) => {
      const c = client as Client;
      if (c.ended) await c.launch();
      c.problems.length = 0;
      for (const r of reqs) {
        if (r.command === '@inspect') {
          await inspectChain(c, r.args as { k: number; expression: Json; value: Json });
          continue;
        }
        await c.request(r.command, c.resolve(r.args as Arg));
        // a run the sequence started may end the session; then the rest goes to an ended session, which must
        // still answer
      }
      await c.settle();
      if (!c.ended) {
        // stopped means stopped: a request that needs a paused run must now be taken
        const t = await c.request('iolock/travel', { position: 0 });
        assert.ok(t.success || !/pause before/.test(t.message ?? ''), `after pause and a stop event, the run still goes on: ${t.message}`);
      }
      if (process.env.FUZZ_REPORT && ++sequences % 100 === 0) fs.writeSync(2, `after ${sequences} sequences: ${[...c.stats].sort().map(([k, n]) => `${k}: ${n}`).join(', ')}\n`);
      const t = await c.request('threads', {});
      assert.ok(t.success, `threads after the sequence: ${t.message}`);
      assert.deepEqual(c.problems, []);
    },
    show: (reqs: Req[]) => reqs.map((r) => `${r.command} ${JSON.stringify(r.args)}`).join('\n'),
    perInputMs: 45_000,
  },
};

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { requestArgsError } from '../src/debug/request-args';
import { Client } from './dap-inprocess';

/**
 * The adapter's answers to wrong and racing requests, in process (as an inline adapter runs): what the DAP
 * fuzzer (test/fuzz-dap.test.ts) found, pinned.
 */
describe('debug adapter: bad and racing requests (found by fuzzing)', function () {
  this.timeout(120000);
  let dir: string;
  let c: Client;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-dap-req-'));
    c = new Client(dir);
    await c.launch();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => assert.deepEqual(c.problems, []));

  const errorOf = (r: DebugProtocol.Response) => (r.success ? 'success' : `${(r.body as { error?: { id?: number } }).error?.id}: ${r.message}`);

  it('answers arguments of the wrong shape with an error naming the argument, not a TypeError', async () => {
    assert.equal(errorOf(await c.request('setFunctionBreakpoints', { breakpoints: '' })), "1: setFunctionBreakpoints: 'breakpoints' must be a list of { name, condition?, hitCondition? }, not \"\"");
    assert.equal(errorOf(await c.request('stackTrace', [])), '1: stackTrace: the arguments must be an object');
    assert.equal(errorOf(await c.request('variables', { variablesReference: 'x' })), '1: variables: \'variablesReference\' must be an integer, not "x"');
    assert.equal(errorOf(await c.request('setBreakpoints', { source: { path: 1 }, breakpoints: [] })), '1: setBreakpoints: \'source\' must be a source ({ path: string }), not {"path":1}');
    assert.equal(errorOf(await c.request('readMemory', { memoryReference: '0x0', count: -1 })), "1: readMemory: 'count' must be an integer >= 0, not -1");
    assert.ok((await c.request('threads', {})).success, 'and goes on serving');
  });

  it('checks only what handlers read: unknown keys and unchecked commands pass', () => {
    assert.equal(requestArgsError('evaluate', { expression: 'x', extra: [1] }), undefined);
    assert.equal(requestArgsError('threads', {}), undefined);
    assert.equal(requestArgsError('next', { threadId: 3, singleThread: 'yes' }), "next: 'singleThread' must be true or false, not \"yes\"");
  });

  it('serves the kernel tree\'s sources only, not any file the client names', async () => {
    const r = await c.request('source', { source: { path: '/etc/passwd' }, sourceReference: 0 });
    assert.equal(r.success, false);
    assert.match(r.message ?? '', /no source \/etc\/passwd \(the adapter serves the kernel tree's files only\)/);
    const dirAsFile = await c.request('source', { source: { path: os.tmpdir() }, sourceReference: 0 });
    assert.equal(dirAsFile.success, false, 'a folder was an EISDIR internal error');
  });

  it('refuses a second run requested before the first one started, and a pause in between stops the run', async () => {
    const thread = c.ids.thread[c.ids.thread.length - 1] as number;
    // back to back, with no turn of the event loop between them: the first run has not started yet
    const from = { responses: c.responses.length, events: c.events.length };
    const seqs = [c.send('continue', { threadId: thread }), c.send('next', { threadId: thread }), c.send('pause', { threadId: thread })];
    await new Promise((r) => setTimeout(r, 500));
    const answers = c.responses.slice(from.responses).filter((r) => seqs.includes(r.request_seq));
    assert.deepEqual(answers.map((a) => [a.command, a.success, a.message ?? '']), [
      ['continue', true, ''],
      ['next', false, 'the scenario is already running'],
      ['pause', true, ''],
    ]);
    const stops = c.events.slice(from.events).filter((e) => e.event === 'stopped').map((e) => (e.body as { reason: string }).reason);
    assert.deepEqual(stops, ['pause'], 'one stop, when the paused run stops');
    const travel = await c.request('iolock/travel', { position: 0 });
    assert.equal(travel.success, true, `stopped means stopped: ${travel.message}`);
  });
});

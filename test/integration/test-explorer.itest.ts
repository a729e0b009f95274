// The Test Explorer: every scenario file of the workspace is a test item with its `expect:` entries as
// children; running s0's two (none: ok, seed: oops at fs/iolock.c:67) explores s0 under each policy and both
// pass; a copy of s0 that expects a deadlock from the seed (brought in by Refresh Tests) fails with the
// counterexample schedule and a link that debugs it — and the link's command, run, debugs the counterexample to
// its oops.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DebugRun, iolockApi, root, scenarioPath, sleep, until } from './helpers';
import { screenshot } from './probe';

const s0 = vscode.Uri.file(scenarioPath('s0-anon-buffer.iolock.yaml'));

function labels(ctrl: vscode.TestController, uri: vscode.Uri): string[] | undefined {
  const file = ctrl.items.get(uri.toString());
  return file ? [...file.children].map(([, c]) => c.label) : undefined;
}

describe('Test Explorer', function () {
  this.timeout(300000);
  // A scenario of our own inside the workspace (the controller discovers workspace files only), in the
  // checkout's gitignored test-results/, removed afterwards. The run's settings keep the file watcher out of
  // test-results/, so the file comes in (and goes) through "Refresh Tests", as a user would bring it in.
  const tmpDir = path.join(root, 'test-results', `itest-${process.pid}`);
  const failing = vscode.Uri.file(path.join(tmpDir, 's0-expects-deadlock.iolock.yaml'));
  let debug: DebugRun | undefined;

  after(async () => {
    await debug?.end();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  it('lists the scenario files with their expect: entries as children', async () => {
    const api = await iolockApi();
    // opening the Testing view makes VS Code ask the controller for its items
    await vscode.commands.executeCommand('workbench.view.testing.focus');
    const items = await until('s0 in the Test Explorer', 60000, () => labels(api.testController, s0), () => [...api.testController.items].map(([id]) => id).join('\n'));
    assert.deepEqual(items, ['none: ok', 'seed: oops at fs/iolock.c:67']);
    const s2 = labels(api.testController, vscode.Uri.file(scenarioPath('s2-crossed-mmap.iolock.yaml')));
    assert.ok(s2?.includes('base: deadlock'), `s2: ${JSON.stringify(s2)}`);
    // the files load one by one: wait for the last example
    const want = ['s0-anon-buffer', 's1-self-mmap', 's2-crossed-mmap', 's3-crossed-nodes', 's4-munmap-race', 's5-two-filesystems', 's6-kmalloc-fails', 's7-torn-read', 's8-lock-order', 's9-three-way'];
    const names = (): string[] => [...api.testController.items].map(([, i]) => i.label).sort();
    await until('every example in the Test Explorer', 60000, () => want.every((n) => names().includes(n)), () => names().join(', '));
    console.log(`      scenario files: ${names().join(', ')}`);
  });

  it("runs s0's two expectations: both pass", async () => {
    const api = await iolockApi();
    const ids = [`${s0.toString()}#none`, `${s0.toString()}#seed`];
    const t0 = Date.now();
    const r = await api.runTests(ids);
    console.log(`      ${JSON.stringify(r)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    assert.deepEqual(Object.fromEntries(ids.map((id) => [id, r[id]?.outcome])), Object.fromEntries(ids.map((id) => [id, 'passed'])), JSON.stringify(r));
    await vscode.commands.executeCommand('workbench.view.testing.focus');
    await sleep(500);
    await screenshot('test-explorer');
  });

  it('fails an expectation that does not hold, with the counterexample and a link that debugs it', async () => {
    const api = await iolockApi();
    fs.mkdirSync(tmpDir, { recursive: true });
    const text = fs.readFileSync(s0.fsPath, 'utf8').replace(/^expect:[\s\S]*$/m, 'expect:\n  - { policy: seed, verdict: deadlock }\n');
    fs.writeFileSync(failing.fsPath, text);
    await vscode.commands.executeCommand('testing.refreshTests');
    await until('the new scenario in the Test Explorer', 60000, () => labels(api.testController, failing)?.includes('seed: deadlock'));
    const id = `${failing.toString()}#seed`;
    const r = await api.runTests([id]);
    const got = r[id];
    assert.equal(got?.outcome, 'failed', JSON.stringify(r));
    const message = got.messages.join('\n');
    console.log(`      failure message:\n${message.replace(/^/gm, '        ')}`);
    assert.match(message, /expected deadlock, explored: oops/);
    const schedule = /Counterexample schedule: `([^`]+)`/.exec(message)?.[1];
    assert.ok(schedule, message);
    assert.match(schedule, /^T1:\d+(,[\w@-]+:(\d+|\*))*$/);
    const link = /\(command:iolock\.debugScenario\?([^)]+)\)/.exec(message)?.[1];
    assert.ok(link, message);
    const args = JSON.parse(decodeURIComponent(link)) as [string, { schedule: string; policy?: string }];
    assert.deepEqual(args, [failing.fsPath, { schedule, policy: 'seed' }]);

    // following the link: a debug session on the counterexample that runs into the oops
    debug = await DebugRun.startWith(() => vscode.commands.executeCommand('iolock.debugScenario', ...args));
    const entry = await debug.stopAfter(0);
    assert.equal(debug.session.configuration.schedule, schedule);
    await debug.session.customRequest('continue', { threadId: entry.threadId ?? 1 });
    const stop = await debug.stopAfter(1, 120000);
    assert.equal(stop.reason, 'exception', JSON.stringify(stop));
    const info = (await debug.session.customRequest('exceptionInfo', { threadId: stop.threadId })) as { exceptionId: string; description?: string };
    console.log(`      stopped at the counterexample's ${info.exceptionId}: ${info.description ?? ''}`);
    assert.match(`${info.exceptionId} ${info.description ?? ''}`, /null-deref.*fs\/iolock\.c:67/);
    await debug.end();
    debug = undefined;

    // removed and refreshed, it leaves the Test Explorer
    fs.rmSync(tmpDir, { recursive: true, force: true });
    await vscode.commands.executeCommand('testing.refreshTests');
    await until('the removed scenario to leave the Test Explorer', 60000, () => labels(api.testController, failing) === undefined);
  });
});

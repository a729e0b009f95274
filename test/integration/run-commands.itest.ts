// Run and Explore from the palette (as the CodeLens and the editor title call them: a scenario Uri and a policy):
// exploring s0 without a patch proves it ok and says so in the status bar; running s0 with the seed ends in
// the oops, shown in the status bar, a warning and the timeline of the run; exploring s0 with the seed finds
// the oops and its counterexample, which the warning's "Debug Counterexample" opens in the debugger.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExploreJson } from '../../src/cli/explore';
import { clickNotificationButton, DebugRun, iolockApi, scenarioPath, statusBarTexts, toasts, until, within } from './helpers';
import { screenshot, webviewQuery, webviewWaitFor } from './probe';

const s0 = vscode.Uri.file(scenarioPath('s0-anon-buffer.iolock.yaml'));

describe('Run and Explore commands', function () {
  this.timeout(240000);
  let debug: DebugRun | undefined;

  after(async () => {
    await debug?.end();
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Explore s0 with no patch: ok over all schedules, in the status bar', async () => {
    await iolockApi();
    const r = (await within('iolock.exploreScenario', 120000, vscode.commands.executeCommand<ExploreJson | undefined>('iolock.exploreScenario', s0, 'none'))) as ExploreJson | undefined;
    assert.ok(r, 'the exploration gave no result (see the log)');
    assert.equal(r.verdict, 'ok');
    assert.equal(r.complete, true);
    const status = await until('the status bar verdict', 20000, async () => (await statusBarTexts()).find((t) => /iolock: ok \(s0-anon-buffer, none\)/.test(t)), () => 'no iolock status entry');
    console.log(`      status bar: ${status}`);
  });

  it('Run s0 with the seed: the oops in the status bar, a warning and the timeline of the run', async () => {
    await iolockApi();
    // the command waits for the answer to its warning: it finishes when the test dismisses it
    const done = vscode.commands.executeCommand('iolock.runScenario', s0, 'seed');
    const status = await until('the status bar to show the oops', 90000, async () => (await statusBarTexts()).find((t) => /iolock: oops \(s0-anon-buffer, seed\)/.test(t)), () => 'no oops in the status bar');
    console.log(`      status bar: ${status}`);
    const warning = await until('the warning', 20000, async () => (await toasts()).find((t) => /s0-anon-buffer: oops/.test(t)));
    console.log(`      notification: ${warning}`);
    assert.match(warning, /NULL pointer dereference|null|oops/i);
    // the run's timeline opened beside
    await webviewWaitFor('canvas', { match: 'iolock: Timeline', timeoutMs: 60000 });
    const tl = await until('the timeline to draw the run', 30000, async () => {
      const q = await webviewQuery(
        (_a, doc) => ({ title: doc.querySelector('.tl-panel-title')?.textContent ?? '', items: Number(doc.querySelector('canvas')?.dataset['itemsDrawn'] ?? '0') }),
        null,
        { match: 'iolock: Timeline' },
      );
      return q.items > 0 && q.title.includes('oops') && q;
    });
    console.log(`      timeline: ${JSON.stringify(tl)}`);
    assert.match(tl.title, /s0-anon-buffer · seed · oops/);
    await screenshot('run-s0-seed');
    await vscode.commands.executeCommand('notifications.clearAll');
    await within('iolock.runScenario to finish', 20000, done);
  });

  it('Explore s0 with the seed: the oops and its counterexample, debugged from the warning', async () => {
    await iolockApi();
    const done = vscode.commands.executeCommand<ExploreJson | undefined>('iolock.exploreScenario', s0, 'seed');
    await until('the warning with the counterexample', 120000, async () => (await toasts()).find((t) => /s0-anon-buffer: oops.*Counterexample: T1:/.test(t)), () => 'no warning yet');
    debug = await DebugRun.startWith(async () => {
      assert.ok(await clickNotificationButton('Debug Counterexample'), 'no Debug Counterexample button');
      const r = (await within('iolock.exploreScenario to finish', 60000, done)) as ExploreJson | undefined;
      assert.equal(r?.verdict, 'oops');
      return until('the debug session', 60000, () => vscode.debug.activeDebugSession?.type === 'iolock');
    });
    const cfg = debug.session.configuration as { schedule?: string; policy?: string };
    assert.equal(cfg.policy, 'seed');
    assert.match(cfg.schedule ?? '', /^T1:/);
    const entry = await debug.stopAfter(0);
    await debug.session.customRequest('continue', { threadId: entry.threadId ?? 1 });
    const stop = await debug.stopAfter(1, 120000);
    assert.equal(stop.reason, 'exception', JSON.stringify(stop));
    await debug.end();
    debug = undefined;
  });
});

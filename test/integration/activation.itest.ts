// Activation and the command palette: the extension activates and reports its activation time, every command
// package.json contributes is registered, and the commands that need no answer from the user run cleanly; the
// interactive ones open their quick pick or input box and end quietly when it is dismissed or accepted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, iolockApi, root, sleep, toasts, until, within } from './helpers';
import { pageQuery } from './probe';

interface Contributed {
  command: string;
  title: string;
}
const contributed = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands: Contributed[] } }).contributes.commands;

/** The quick input's state in the workbench: open or not, its title/placeholder and items. */
function quickInput(): Promise<{ visible: boolean; placeholder: string; items: string[] }> {
  return pageQuery(() => {
    interface El {
      textContent: string | null;
      getAttribute(n: string): string | null;
      querySelector(s: string): El | null;
      querySelectorAll(s: string): ArrayLike<El>;
      offsetParent: unknown;
    }
    const d = (globalThis as unknown as { document: El }).document;
    const w = d.querySelector('.quick-input-widget');
    const visible = !!w && w.offsetParent !== null && (w.getAttribute('style') ?? '').indexOf('display: none') < 0;
    const input = w?.querySelector('input');
    return {
      visible,
      placeholder: input?.getAttribute('placeholder') ?? input?.getAttribute('aria-label') ?? '',
      items: Array.from(w?.querySelectorAll('.monaco-list-row .label-name') ?? []).map((e) => (e.textContent ?? '').trim()),
    };
  });
}

async function dismissEverything(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  await vscode.commands.executeCommand('notifications.clearAll');
}

describe('activation and commands', function () {
  this.timeout(180000);

  afterEach(dismissEverything);

  it('activates and records its activation time', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const api = await iolockApi();
    assert.equal(ext.isActive, true);
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(api.activationMs > 0 && Number.isFinite(api.activationMs), `activationMs ${api.activationMs}`);
    // the target is < 50 ms; measured here on a loaded machine, so reported, not asserted
    console.log(`      activation: ${api.activationMs.toFixed(1)} ms (code loading included; target < 50 ms)`);
  });

  it('registers every command package.json contributes', async () => {
    await iolockApi();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c.command)).map((c) => c.command);
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    assert.ok(contributed.length >= 11, `only ${contributed.length} commands contributed`);
  });

  it('runs the commands that need no answer: Show Log, Show Timeline and Reveal Step without a session', async () => {
    await iolockApi();
    await vscode.commands.executeCommand('iolock.showLog');
    // the output panel shows the extension's log channel
    await until('the iolock-sim log in the panel', 15000, async () => {
      const title = await pageQuery(() => {
        const d = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document;
        return (d.querySelector('.panel .monaco-select-box, .panel select')?.textContent ?? '') + '|' + (d.querySelector('.panel .output-view, .panel .monaco-editor')?.textContent ?? '').slice(0, 2000);
      });
      return /iolock-sim/.test(title) && title;
    });
    // without a session or a run, both say so in a notification and resolve
    assert.equal(vscode.debug.activeDebugSession, undefined);
    await within('iolock.showTimeline', 15000, vscode.commands.executeCommand('iolock.showTimeline'));
    await within('iolock.revealStep', 15000, vscode.commands.executeCommand('iolock.revealStep', 3));
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('Open Example Scenario: lists the shipped scenarios and opens the one accepted', async () => {
    await iolockApi();
    const done = vscode.commands.executeCommand('iolock.openExample');
    const qi = await until('the example quick pick', 20000, async () => {
      const q = await quickInput();
      return q.visible && q.items.length > 0 && q;
    });
    assert.ok(qi.items.includes('s0-anon-buffer'), `items: ${qi.items.join(', ')}`);
    assert.ok(qi.items.includes('s2-crossed-mmap'), `items: ${qi.items.join(', ')}`);
    // the first item is s0 (sorted); accepting it opens the file
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await within('iolock.openExample', 20000, done);
    const open = await until('s0 in the editor', 15000, () => vscode.window.activeTextEditor?.document.fileName);
    assert.match(open, /examples\/scenarios\/s0-anon-buffer\.iolock\.yaml$/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  // Each of these asks first (a quick pick, an input box, a save dialog); dismissed, it must end without an
  // error and change nothing.
  const interactive: { id: string; args: unknown[] }[] = [
    { id: 'iolock.newScenario', args: [] },
    { id: 'iolock.replaySchedule', args: [vscode.Uri.file(path.join(root, 'examples/scenarios/s0-anon-buffer.iolock.yaml'))] },
    { id: 'iolock.openPatch', args: [] },
    { id: 'iolock.runScenario', args: [] },
    { id: 'iolock.exploreScenario', args: [] },
    { id: 'iolock.debugScenario', args: [] },
    { id: 'iolock.exportReport', args: [vscode.Uri.file(path.join(root, 'examples/scenarios/s0-anon-buffer.iolock.yaml'))] },
  ];
  for (const c of interactive) {
    it(`${c.id} asks, and ends quietly when dismissed`, async () => {
      await iolockApi();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const errors: string[] = [];
      const before = vscode.debug.activeDebugSession;
      const done = vscode.commands.executeCommand(c.id, ...c.args);
      await until(`${c.id}'s question`, 20000, async () => (await quickInput()).visible);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const result = await within(c.id, 20000, done).catch((e: unknown) => {
        errors.push(String(e));
        return undefined;
      });
      assert.deepEqual(errors, []);
      // the commands catch their own errors and show them: none may have
      const shown = (await toasts()).filter((t) => /iolock/i.test(t) && /error|failed|cannot|not /i.test(t));
      assert.deepEqual(shown, [], `${c.id} showed: ${shown.join(' | ')}`);
      assert.ok(result === undefined || result === false, `${c.id} returned ${JSON.stringify(result)}`);
      await sleep(200);
      assert.equal(vscode.debug.activeDebugSession, before, `${c.id} started a debug session`);
    });
  }
});

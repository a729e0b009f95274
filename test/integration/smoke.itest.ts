// The first suite in a real VS Code: the extension loads and activates, a debug session on a shipped scenario
// starts, stops on entry, answers a custom request and ends; and the probe sees the workbench and a webview.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, root, within } from './helpers';
import { screenshot, webviewClick, webviewQuery, webviewWaitFor } from './probe';

describe('smoke: iolock-sim in VS Code', function () {
  this.timeout(120000);

  it('is installed and activates in the workspace extension host', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not loaded; extensions: ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    // code-server runs extensions in the remote Node host with a web UI: the extension must work there.
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
    assert.equal(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, root);
  });

  it('shows the workbench (screenshot)', async () => {
    const file = await screenshot('workbench');
    assert.ok(fs.statSync(file).size > 1000, `${file} is empty`);
  });

  it('reads and clicks inside a webview through the probe', async () => {
    const panel = vscode.window.createWebviewPanel('iolockItestProbe', 'itest probe', vscode.ViewColumn.One, { enableScripts: true });
    try {
      const clicked = new Promise<{ x: number; y: number }>((resolve) => {
        panel.webview.onDidReceiveMessage((m: { x: number; y: number }) => resolve(m));
      });
      panel.webview.html = `<!DOCTYPE html><html><head><title>itest-probe</title></head><body>
        <div id="probe-root" data-kind="timeline" data-lanes="3"><canvas width="200" height="100"></canvas><canvas width="10" height="10"></canvas></div>
        <script>
          const vscode = acquireVsCodeApi();
          document.querySelector('canvas').addEventListener('click', (e) => vscode.postMessage({ x: e.offsetX, y: e.offsetY }));
        </script></body></html>`;
      await webviewWaitFor('#probe-root', { match: 'itest-probe' });
      const dom = await webviewQuery(
        (_arg, doc) => {
          const rootEl = doc.getElementById('probe-root');
          return { canvases: doc.querySelectorAll('canvas').length, lanes: rootEl?.dataset['lanes'] ?? null, title: doc.title };
        },
        null,
        { match: 'itest-probe' },
      );
      assert.deepEqual(dom, { canvases: 2, lanes: '3', title: 'itest-probe' });
      await webviewClick({ selector: 'canvas', position: { x: 30, y: 40 } }, { match: 'itest-probe' });
      assert.deepEqual(await within('click message from the webview', 15000, clicked), { x: 30, y: 40 });
      await screenshot('probe-webview');
    } finally {
      panel.dispose();
    }
  });

  // Both ways the extension can run the adapter: a child process (the default) and inline in the extension host.
  for (const mode of ['process', 'inline'] as const) {
    it(`debugs s2 on base with the ${mode} adapter: starts, stops on entry, lists tasks, stops`, async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'no workspace folder');
      const scenario = path.join(root, 'examples/scenarios/s2-crossed-mmap.iolock.yaml');
      assert.ok(fs.existsSync(scenario), scenario);
      // User settings live in this run's own profile folder, so this changes nothing outside the run.
      await vscode.workspace.getConfiguration('iolock').update('debugAdapter', mode, vscode.ConfigurationTarget.Global);

      // Registered before the session starts, so the first `stopped` cannot be missed; the adapter's
      // errors and exit are kept to explain a session that never starts.
      let onStopped: (s: vscode.DebugSession) => void = () => {};
      const stopped = new Promise<vscode.DebugSession>((resolve) => (onStopped = resolve));
      const adapterTrouble: string[] = [];
      const tracker = vscode.debug.registerDebugAdapterTrackerFactory('iolock', {
        createDebugAdapterTracker: (session) => ({
          onDidSendMessage: (m: { type?: string; event?: string }) => {
            if (m.type === 'event' && m.event === 'stopped') onStopped(session);
          },
          onError: (e) => adapterTrouble.push(`error: ${e.message}`),
          onExit: (code, signal) => adapterTrouble.push(`adapter exited: code ${code}, signal ${signal}`),
        }),
      });
      try {
        const started = await vscode.debug.startDebugging(folder, {
          type: 'iolock',
          request: 'launch',
          name: `s2 (${mode})`,
          scenario,
          policy: 'base',
          stopOnEntry: true,
        });
        assert.equal(started, true, `startDebugging returned false; ${adapterTrouble.join('; ') || 'the adapter said nothing'}`);
        const session = await within('the stopped event', 60000, stopped);
        assert.equal(session.type, 'iolock');
        // The `stopped` event reaches us before the workbench shows it: give the UI a moment to focus the
        // frame and open its source, so the screenshot shows the stop (best effort: no assertion on it).
        for (let i = 0; i < 50 && !vscode.window.activeTextEditor?.document.fileName.endsWith('.c'); i++) {
          await new Promise((r) => setTimeout(r, 100));
        }
        await screenshot(`debug-stopped-on-entry-${mode}`);

        const reply = (await session.customRequest('iolock/tasks')) as { tasks?: { name?: string }[] };
        assert.ok(Array.isArray(reply.tasks), `iolock/tasks: ${JSON.stringify(reply)}`);
        const names = reply.tasks.map((t) => t.name ?? '?');
        assert.ok(
          names.some((n) => n.includes('T1')) && names.some((n) => n.includes('T2')),
          `s2 has tasks T1 and T2, got ${JSON.stringify(names)}`,
        );

        const ended = new Promise<void>((resolve) => {
          const d = vscode.debug.onDidTerminateDebugSession((s) => {
            if (s.id === session.id) {
              d.dispose();
              resolve();
            }
          });
        });
        // Stopped while the workbench still handles the stop (fetching the stack to focus it), the dead session
        // is focused afterwards and stays VS Code's active session, so later sessions never get the focus: wait
        // until the stop is focused first.
        for (let i = 0; i < 150 && vscode.debug.activeStackItem?.session.id !== session.id; i++) await new Promise((r) => setTimeout(r, 100));
        await vscode.debug.stopDebugging(session);
        await within('the session to end', 30000, ended);
        assert.equal(vscode.debug.activeDebugSession, undefined);
      } finally {
        tracker.dispose();
        await vscode.workspace.getConfiguration('iolock').update('debugAdapter', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  }
});

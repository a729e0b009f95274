import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ScenarioResult } from '../core/scenario';
import { buildTimeline } from '../core/timeline/model';
import { packTimeline } from '../core/timeline/pack';
import { settings } from './settings';
import { TimelineFeed } from './timeline-feed';
import { parseLocation } from './timeline-messages';
import { newNonce, panelHtml } from './webview-html';

/**
 * The "iolock: Timeline" webview panel: the timeline of a scenario run (after "iolock: Run Scenario", through
 * showRun) or of the active iolock debug session (fetched after every stop while the panel is open and follows
 * it). What it shows and what clicks do is the TimelineFeed's (timeline-feed.ts); this file wires it to VS
 * Code: the panel and its webview, the debug events, the command, the serializer that brings the panel back
 * after a window reload, and opening C files. The webview is dropped when hidden and rebuilt when shown (no
 * retainContextWhenHidden): it keeps its zoom, pan, follow toggle and filter in its own state.
 */

export interface TimelineController {
  /** Opens or reveals the panel with this run. */
  showRun(result: ScenarioResult, title: string): void;
}

const VIEW_TYPE = 'iolock.timeline';

export function registerTimeline(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): TimelineController {
  const panel = new TimelinePanel(context, log);
  const active = () => (vscode.debug.activeDebugSession?.type === 'iolock' ? vscode.debug.activeDebugSession : undefined);
  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand('iolock.showTimeline', () => panel.showCommand(active())),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (p) => panel.adopt(p),
    }),
    vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      if (e.event === 'iolock/stopped' && e.session.id === active()?.id) panel.sessionChanged(e.session);
    }),
    vscode.debug.onDidChangeActiveDebugSession((s) => {
      if (s?.type === 'iolock') panel.sessionChanged(s);
    }),
    vscode.debug.onDidTerminateDebugSession((s) => panel.feed.sessionEnded(s)),
  );
  return { showRun: (result, title) => panel.showRun(result, title) };
}

class TimelinePanel implements vscode.Disposable {
  readonly feed: TimelineFeed;
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.feed = new TimelineFeed({
      post: (msg) => void this.panel?.webview.postMessage(msg),
      openLocation: (at) => void this.openLocation(at),
      warn: (message) => void vscode.window.showWarningMessage(message),
      log: (message) => this.log.debug(message),
    });
  }

  showRun(result: ScenarioResult, title: string): void {
    const max = settings().maxTimelineEvents;
    let r = result;
    let note = '';
    if (r.events.length > max) {
      // a huge run is cut, not dropped: the first `max` lock events and what happened up to the last of them
      const last = r.events[max - 1]?.step ?? r.steps;
      const trace = r.trace.filter((t) => t.startStep <= last).map((t) => (t.endStep > last ? { ...t, endStep: last } : t));
      r = { ...r, events: r.events.slice(0, max), trace, steps: last };
      note = ` (first ${max} of ${result.events.length} lock events)`;
      void vscode.window.showWarningMessage(`iolock: the timeline shows the first ${max} of ${result.events.length} lock events (setting iolock.maxTimelineEvents).`);
    }
    this.open();
    this.feed.showRun(packTimeline(buildTimeline(r)), title + note);
  }

  /** The command: the active session's timeline, else the last one shown, else a word that there is none. */
  async showCommand(active: vscode.DebugSession | undefined): Promise<void> {
    if (!active && !this.feed.hasContent) {
      void vscode.window.showInformationMessage('iolock: no timeline to show: run a scenario (iolock: Run Scenario) or start an iolock debug session.');
      return;
    }
    this.open();
    if (active) await this.feed.fetch(active);
  }

  sessionChanged(s: vscode.DebugSession): void {
    if (this.panel) this.feed.sessionChanged(s);
  }

  private open(): void {
    if (this.panel) {
      this.panel.reveal(undefined, true);
      return;
    }
    this.adopt(vscode.window.createWebviewPanel(VIEW_TYPE, 'iolock: Timeline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions()));
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview')] };
  }

  /** Takes a panel (new, or restored after a reload by the serializer) and loads the webview in it. */
  adopt(panel: vscode.WebviewPanel): void {
    for (const d of this.panelDisposables) d.dispose();
    this.panel?.dispose();
    this.panel = panel;
    this.feed.unloaded();
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'icon.png');
    const w = panel.webview;
    w.options = this.webviewOptions();
    w.html = panelHtml({ cspSource: w.cspSource, scriptUri: w.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview', 'panel.js')).toString(), nonce: newNonce() });
    this.panelDisposables = [
      w.onDidReceiveMessage(async (raw: unknown) => {
        const s = vscode.debug.activeDebugSession;
        // VS Code opens the stop's C line in the focused group, which after a click is the panel's own: the file
        // would cover the timeline (and unload it). Focus the editors' group first.
        if ((raw as { type?: unknown } | null)?.type === 'reveal') await vscode.commands.executeCommand(panel.viewColumn === vscode.ViewColumn.One ? 'workbench.action.focusSecondEditorGroup' : 'workbench.action.focusFirstEditorGroup');
        await this.feed.receive(raw, s?.type === 'iolock' ? s : undefined);
      }),
      // hidden, the webview is gone; shown again, it loads anew and says 'ready'
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.feed.unloaded();
      }),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.feed.unloaded();
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
      }),
    ];
  }

  /** Opens a tree-relative C location: in the workspace's kernel/ tree, else the extension's own. */
  private async openLocation(at: string): Promise<void> {
    const loc = parseLocation(at);
    if (!loc) return;
    const roots = [...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath), this.context.extensionPath];
    const file = roots.map((r) => path.join(r, 'kernel', loc.file)).find((f) => fs.existsSync(f));
    if (!file) {
      void vscode.window.showWarningMessage(`iolock: ${at}: no such file in the kernel tree (files a patch creates exist only in the patched copy).`);
      return;
    }
    const line = Math.max(0, loc.line - 1);
    const column = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    await vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn: column, selection: new vscode.Range(line, 0, line, 0), preview: true });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

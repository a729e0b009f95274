// What the suites share: the extension's API, waiting with a deadline, debug sessions whose stops can be
// awaited, the views' trees as text, themes, and reading the workbench's own DOM (what the user sees).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IolockApi } from '../../src/extension/extension';
import type { TreeNode } from '../../src/extension/views/tree-node';
import { pageQuery } from './probe';

// out/test/integration → the checkout
export const root = path.resolve(__dirname, '../../..');
export const EXTENSION_ID = 'iolock-sim.iolock-sim';
export const scenarioPath = (name: string): string => path.join(root, 'examples/scenarios', name);

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function iolockApi(): Promise<IolockApi> {
  const ext = vscode.extensions.getExtension<IolockApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} not loaded`);
  return ext.activate();
}

export function within<T>(what: string, ms: number, p: Thenable<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Polls `fn` until it returns something other than undefined/false; `explain` says what was seen last when
 * time runs out (the machine is slow and shared: deadlines are generous, polls cheap). */
export async function until<T>(what: string, ms: number, fn: () => T | undefined | false | Promise<T | undefined | false>, explain?: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${ms} ms${explain ? `; last seen:\n${explain()}` : ''}`);
    await sleep(100);
  }
}

/** A tree as indented "label — description" lines: for assertion messages and the log. */
export function treeText(nodes: readonly TreeNode[], indent = ''): string {
  return nodes.map((n) => `${indent}${n.label}${n.description ? ` — ${n.description}` : ''}\n${treeText(n.children ?? [], indent + '  ')}`).join('');
}

export function findNode(nodes: readonly TreeNode[], pred: (n: TreeNode) => boolean): TreeNode | undefined {
  for (const n of nodes) {
    if (pred(n)) return n;
    const hit = findNode(n.children ?? [], pred);
    if (hit) return hit;
  }
  return undefined;
}

export interface Stop {
  reason: string;
  threadId: number | undefined;
  description?: string;
}

/** An iolock debug session whose `stopped` events are recorded from the first one (the tracker is in place
 * before the session starts, so none is missed). Only the first iolock session that starts after `start` is
 * called is ours: a session another test left behind cannot be mistaken for it. */
export class DebugRun {
  /** The stops of our session. */
  readonly stops: Stop[] = [];
  readonly trouble: string[] = [];
  session!: vscode.DebugSession;
  private ours: string | undefined;
  private ended = false;
  /** How often the workbench focused a frame or thread of our session, and how often it had when the last
   * stop came: the workbench is done with a stop once it has focused it. */
  private focused = 0;
  private focusedAtStop = 0;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor() {
    this.disposables.push(
      vscode.debug.onDidStartDebugSession((s) => {
        if (s.type === 'iolock' && (this.ours === undefined || this.ours === s.id)) {
          this.ours = s.id;
          this.session = s;
        }
      }),
      vscode.debug.onDidTerminateDebugSession((s) => {
        if (s.id === this.ours) this.ended = true;
      }),
      vscode.debug.onDidChangeActiveStackItem((item) => {
        if (item && item.session.id === this.ours) this.focused++;
      }),
      vscode.debug.registerDebugAdapterTrackerFactory('iolock', {
        createDebugAdapterTracker: (session) => ({
          onDidSendMessage: (m: { type?: string; event?: string; body?: Stop }) => {
            // the tracker is created before onDidStartDebugSession fires: claim the session here too
            this.ours ??= session.id;
            if (session.id === this.ours && m.type === 'event' && m.event === 'stopped' && m.body) {
              this.stops.push(m.body);
              this.focusedAtStop = this.focused;
            }
          },
          onError: (e) => this.trouble.push(`error: ${e.message}`),
          onExit: (code, signal) => this.trouble.push(`adapter exited: code ${code}, signal ${signal}`),
        }),
      }),
    );
  }

  static start(config: vscode.DebugConfiguration): Promise<DebugRun> {
    return DebugRun.startWith(() => vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], config));
  }

  /** Starts the session through `start` (startDebugging, or a command that calls it). */
  static async startWith(start: () => Thenable<unknown>): Promise<DebugRun> {
    const run = new DebugRun();
    try {
      const started = await start();
      if (started !== true) throw new Error(`the session did not start (${JSON.stringify(started)}); ${run.trouble.join('; ') || 'the adapter said nothing'}`);
      await until('the session', 30000, () => run.session !== undefined);
      return run;
    } catch (e) {
      await run.end();
      throw e;
    }
  }

  /** Waits for the stop after the first `seen` ones. */
  stopAfter(seen: number, ms = 90000): Promise<Stop> {
    return until(`a stopped event after the ${seen} seen`, ms, () => this.stops[seen], () => `${JSON.stringify(this.stops)} ${this.trouble.join('; ')}`);
  }

  /** Waits until the workbench has focused the last stop (its call stack fetched). */
  settled(ms = 15000): Promise<unknown> {
    return until('the workbench to focus the last stop', ms, () => this.focused > this.focusedAtStop).catch(() => undefined);
  }

  async request<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
    return (await this.session.customRequest(command, args)) as T;
  }

  async end(): Promise<void> {
    try {
      const s = this.session as vscode.DebugSession | undefined;
      if (s && !this.ended) {
        // Let the workbench finish handling the last stop first. Stopped while it still fetches the stack, it
        // focuses the dead session's frame afterwards (VS Code 1.100: "cannot find session" in the log) and keeps
        // that session focused: activeDebugSession stays the dead one and later sessions never get the focus.
        if (this.stops.length) await this.settled();
        await vscode.debug.stopDebugging(s);
        await until('the session to end', 30000, () => this.ended).catch(() => undefined);
      }
      if (s) await stopLeftovers(s.id);
    } finally {
      for (const d of this.disposables) d.dispose();
    }
  }
}

/** Stops the session `id` again while the workbench still calls it the active one (see DebugRun.end). */
async function stopLeftovers(id: string): Promise<void> {
  await sleep(300);
  for (let i = 0; i < 3 && vscode.debug.activeDebugSession?.id === id; i++) {
    console.log(`      (session ${id.slice(0, 8)} still active after it ended: stopping it again)`);
    await vscode.debug.stopDebugging(vscode.debug.activeDebugSession);
    await sleep(1000);
  }
}

export const S2_BASE = {
  type: 'iolock',
  request: 'launch',
  name: 's2 base (itest)',
  scenario: scenarioPath('s2-crossed-mmap.iolock.yaml'),
  policy: 'base',
  stopOnEntry: true,
};

/** Starts s2 on base, stops on entry, continues to the deadlock's exception stop. */
export async function s2AtDeadlock(): Promise<{ run: DebugRun; threadId: number }> {
  const run = await DebugRun.start(S2_BASE);
  try {
    const entry = await run.stopAfter(0);
    const threadId = entry.threadId ?? 1;
    await run.session.customRequest('continue', { threadId });
    const stop = await run.stopAfter(1, 120000);
    if (stop.reason !== 'exception') throw new Error(`expected the deadlock's exception stop, got ${JSON.stringify(stop)}`);
    return { run, threadId: stop.threadId ?? threadId };
  } catch (e) {
    await run.end();
    throw e;
  }
}

/** Sets the colour theme for this run's profile; undefined restores the default. Waits for the workbench to
 * repaint (the theme change is asynchronous in the renderer). */
export async function setTheme(theme: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
  const want = theme ?? '';
  await until(`the workbench in theme ${want}`, 15000, async () => {
    if (!want) return true;
    const kind = await pageQuery(() => {
      const d = (globalThis as unknown as { document: { querySelector(s: string): { className: string } | null } }).document;
      return d.querySelector('.monaco-workbench')?.className ?? '';
    });
    // the workbench element carries the theme's type: vs (light), vs-dark, hc-black, hc-light
    return want.includes('Light') ? /(^|\s)vs(\s|$)/.test(kind) : /(^|\s)vs-dark(\s|$)/.test(kind);
  });
  await sleep(500);
}

export interface PaneRow {
  label: string;
  description: string;
  /** The label or description is cut (ellipsis) at this width. */
  cut: boolean;
  depth: number;
}

export interface Pane {
  title: string;
  expanded: boolean;
  message: string;
  rows: PaneRow[];
}

/** The panes of the sidebar as the workbench draws them: titles, the tree views' messages, the visible rows
 * with whether their text is cut off. */
export function sidebarPanes(): Promise<Pane[]> {
  return pageQuery(() => {
    interface El {
      textContent: string | null;
      className: string;
      scrollWidth: number;
      clientWidth: number;
      getAttribute(n: string): string | null;
      querySelector(s: string): El | null;
      querySelectorAll(s: string): ArrayLike<El>;
    }
    const d = (globalThis as unknown as { document: El }).document;
    const text = (e: El | null): string => (e?.textContent ?? '').trim();
    const cut = (e: El | null): boolean => !!e && e.scrollWidth > e.clientWidth + 1;
    return Array.from(d.querySelectorAll('.sidebar .pane')).map((p) => ({
      title: text(p.querySelector('.pane-header .title')),
      expanded: (p.querySelector('.pane-header')?.className ?? '').includes('expanded'),
      message: text(p.querySelector('.pane-body .message')),
      rows: Array.from(p.querySelectorAll('.pane-body .monaco-list-row')).map((r) => {
        const name = r.querySelector('.label-name');
        const desc = r.querySelector('.label-description');
        const labelBox = r.querySelector('.monaco-icon-label-container');
        return { label: text(name), description: text(desc), cut: cut(labelBox), depth: Number(r.getAttribute('aria-level') ?? '0') };
      }),
    }));
  });
}

/** The text of the notification toasts the workbench shows now (errors included), newest first. */
export function toasts(): Promise<string[]> {
  return pageQuery(() => {
    interface El {
      textContent: string | null;
      querySelectorAll(s: string): ArrayLike<El>;
    }
    const d = (globalThis as unknown as { document: El }).document;
    return Array.from(d.querySelectorAll('.notifications-toasts .notification-toast .notification-list-item-message')).map((e) => (e.textContent ?? '').trim());
  });
}

/** The text of the status bar entries that mention iolock, as the workbench draws them. */
export function statusBarTexts(): Promise<string[]> {
  return pageQuery(() => {
    interface El {
      textContent: string | null;
      querySelectorAll(s: string): ArrayLike<El>;
    }
    const d = (globalThis as unknown as { document: El }).document;
    return Array.from(d.querySelectorAll('.statusbar-item'))
      .map((e) => (e.textContent ?? '').trim())
      .filter((t) => /iolock/.test(t));
  });
}

/** Clicks the button labelled `label` on the newest notification toast that has one; false when none has. */
export function clickNotificationButton(label: string): Promise<boolean> {
  return pageQuery((l: string) => {
    interface El {
      textContent: string | null;
      click(): void;
      querySelectorAll(s: string): ArrayLike<El>;
    }
    const d = (globalThis as unknown as { document: El }).document;
    const b = Array.from(d.querySelectorAll('.notifications-toasts .notification-toast .monaco-button')).find((e) => (e.textContent ?? '').trim() === l);
    if (!b) return false;
    b.click();
    return true;
  }, label);
}


import * as vscode from 'vscode';
import type { CurrentStep, CustomEvents, CustomRequests, LockTableEntry, TaskInfo } from '../debug/protocol';

/**
 * What the active iolock debug session shows now: its lock table, its tasks and where it is in time. Fetched
 * after every stop (the adapter's `iolock/stopped` event) and handed to the views, the decorations and the status
 * bar, so they all show the same step.
 */
export interface SessionSnapshot {
  session: vscode.DebugSession;
  /** The folder the session's patched C files are materialised in (tree-relative locations resolve there). */
  sourceDir: string | undefined;
  locks: LockTableEntry[];
  tasks: TaskInfo[];
  step: CurrentStep;
  /** The thread the session stopped on. */
  threadId: number | undefined;
  verdict: CustomEvents['iolock/verdict'] | undefined;
}

export async function request<K extends keyof CustomRequests>(session: vscode.DebugSession, command: K, args: CustomRequests[K]['args']): Promise<CustomRequests[K]['body']> {
  return (await session.customRequest(command, args)) as CustomRequests[K]['body'];
}

export class SessionState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionSnapshot | undefined>();
  /** Fires with the new snapshot, or undefined when no iolock session is active any more. */
  readonly onDidChange = this.changed.event;
  private snap: SessionSnapshot | undefined;
  private readonly verdicts = new Map<string, CustomEvents['iolock/verdict']>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Only the newest refresh may publish: a slow answer for an older stop must not overwrite a newer one. */
  private generation = 0;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.changed,
      vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
        if (e.session.type !== 'iolock') return;
        if (e.event === 'iolock/stopped') {
          const body = e.body as CustomEvents['iolock/stopped'];
          void this.refresh(e.session, body.threadId);
        } else if (e.event === 'iolock/verdict') {
          this.verdicts.set(e.session.id, e.body as CustomEvents['iolock/verdict']);
          if (this.snap?.session.id === e.session.id) this.publish({ ...this.snap, verdict: e.body as CustomEvents['iolock/verdict'] });
        }
      }),
      vscode.debug.onDidChangeActiveDebugSession((s) => {
        if (s?.type === 'iolock') void this.refresh(s, undefined);
        else if (!s) this.publish(undefined);
      }),
      vscode.debug.onDidTerminateDebugSession((s) => {
        this.verdicts.delete(s.id);
        if (this.snap?.session.id === s.id) this.publish(undefined);
      }),
    );
  }

  get current(): SessionSnapshot | undefined {
    return this.snap;
  }

  private publish(s: SessionSnapshot | undefined): void {
    this.snap = s;
    this.changed.fire(s);
  }

  async refresh(session: vscode.DebugSession, threadId: number | undefined): Promise<void> {
    const gen = ++this.generation;
    try {
      const [locks, tasks, step] = await Promise.all([request(session, 'iolock/locks', {}), request(session, 'iolock/tasks', {}), request(session, 'iolock/currentStep', {})]);
      if (gen !== this.generation) return;
      const sourceDir = typeof session.configuration.sourceDir === 'string' ? session.configuration.sourceDir : undefined;
      this.publish({ session, sourceDir, locks: locks.locks, tasks: tasks.tasks, step, threadId, verdict: this.verdicts.get(session.id) });
    } catch (e) {
      // a session that is ending answers no more requests; the terminate event clears the views
      this.log.debug(`iolock session state: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

import * as vscode from 'vscode';
import type { SessionSnapshot, SessionState } from '../session-state';
import { findWaitCycle, lockNodes, lockWaits } from './locks-model';
import { taskNodes } from './tasks-model';
import { NodeTreeProvider } from './tree-provider';

/** The Locks and Tasks views, following the active iolock debug session stop by stop. */
export class SessionViews implements vscode.Disposable {
  readonly locks = new NodeTreeProvider();
  readonly tasks = new NodeTreeProvider();
  private readonly views: vscode.TreeView<unknown>[];

  constructor(state: SessionState) {
    const locksView = vscode.window.createTreeView('iolock.locks', { treeDataProvider: this.locks, showCollapseAll: true });
    const tasksView = vscode.window.createTreeView('iolock.tasks', { treeDataProvider: this.tasks, showCollapseAll: true });
    this.views = [locksView, tasksView];
    const show = (s: SessionSnapshot | undefined): void => {
      if (!s) {
        // emptied: the views' welcome content says how to start a session
        this.locks.set([]);
        this.tasks.set([]);
        locksView.message = tasksView.message = undefined;
        void vscode.commands.executeCommand('setContext', 'iolock.debugging', false);
        return;
      }
      const cycle = findWaitCycle(s.locks);
      this.locks.set(lockNodes(s.locks), s.sourceDir);
      this.tasks.set(taskNodes(s.tasks, cycle.threads, s.threadId, lockWaits(s.locks)), s.sourceDir);
      const when = `step ${s.step.step}${s.step.over ? ' (run over)' : ''}`;
      locksView.message = cycle.threads.size ? `${when}: DEADLOCK — the marked locks close a wait cycle` : s.locks.length ? `${when}: ${s.locks.length} lock${s.locks.length === 1 ? '' : 's'} held or waited for` : `${when}: no lock held`;
      tasksView.message = `${when}: ${s.step.verdict}`;
      void vscode.commands.executeCommand('setContext', 'iolock.debugging', true);
    };
    state.onDidChange(show);
    show(state.current);
  }

  dispose(): void {
    for (const v of this.views) v.dispose();
    this.locks.dispose();
    this.tasks.dispose();
  }
}

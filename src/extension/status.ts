import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Runs } from './runs';
import { scenarioName } from './runs';
import type { SessionState } from './session-state';
import { lockWaits } from './views/locks-model';
import { shortPath } from './views/tasks-model';

/**
 * The verdict in the status bar (the debug session's, else the last run's or exploration's) and, while a session
 * is stopped, each task's held locks written after the C line it is at.
 */
export function registerStatus(context: vscode.ExtensionContext, runs: Runs, state: SessionState): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('iolock.verdict', vscode.StatusBarAlignment.Left, 10);
  item.name = 'iolock verdict';
  item.command = 'iolock.showTimeline';
  const show = (verdict: string, text: string, tooltip: string): void => {
    const bad = verdict !== 'ok' && verdict !== 'running';
    item.text = `$(${bad ? 'bug' : 'pass'}) iolock: ${text}`;
    item.tooltip = `${tooltip}\nClick to show the timeline.`;
    item.backgroundColor = bad ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  context.subscriptions.push(
    item,
    runs.onDidFinish((f) => show(f.verdict, `${f.verdict} (${scenarioName(f.file)}, ${f.policy})`, `${scenarioName(f.file)} with ${f.policy}: ${f.summary}${f.schedule ? `\nschedule ${f.schedule}` : ''}`)),
    state.onDidChange((s) => {
      if (!s) return;
      const verdict = s.verdict?.verdict ?? s.step.verdict;
      show(verdict, `${verdict} at step ${s.step.step}`, `${s.session.name}: ${s.verdict?.detail ?? verdict}\nschedule ${s.step.schedule}`);
    }),
  );

  const held = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    isWholeLine: true,
  });
  const decorate = (): void => {
    const s = state.current;
    for (const editor of vscode.window.visibleTextEditors) {
      if (!s || editor.document.languageId !== 'c') {
        editor.setDecorations(held, []);
        continue;
      }
      const file = path.resolve(editor.document.fileName);
      const waits = lockWaits(s.locks);
      // tasks on the same line share one decoration: two `after` texts on a line would push each other out of view
      const byLine = new Map<number, { text: string[]; hover: string[] }>();
      for (const t of s.tasks) {
        if (!t.at || path.resolve(t.at.path) !== file) continue;
        const locks = s.locks.filter((l) => l.holders.some((h) => h.threadId === t.threadId)).map((l) => `${l.name} (${l.holders.find((h) => h.threadId === t.threadId)?.mode})`);
        const line = Math.max(0, t.at.line - 1);
        const d = byLine.get(line) ?? { text: [], hover: [] };
        d.text.push(`◀ ${t.name}${t.state === 'blocked' ? ` blocked on ${waits.get(t.threadId) ?? t.waitsFor ?? '?'}` : ''}${locks.length ? ` · holds ${locks.join(', ')}` : ''}`);
        d.hover.push(`${t.name} at ${t.at.func}() ${shortPath(t.at.path)}:${t.at.line}`);
        byLine.set(line, d);
      }
      const opts: vscode.DecorationOptions[] = [...byLine].map(([line, d]) => ({
        range: new vscode.Range(line, 0, line, 0),
        renderOptions: { after: { contentText: d.text.join('   ') } },
        hoverMessage: d.hover.join('\n\n'),
      }));
      editor.setDecorations(held, opts);
    }
  };
  context.subscriptions.push(held, state.onDidChange(decorate), vscode.window.onDidChangeVisibleTextEditors(decorate));
  return item;
}

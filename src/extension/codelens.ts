import * as vscode from 'vscode';

/** Run · Explore · Debug above the first line of every scenario file. */
export function registerCodeLens(context: vscode.ExtensionContext): void {
  const lenses: vscode.CodeLensProvider = {
    provideCodeLenses(doc) {
      const top = new vscode.Range(0, 0, 0, 0);
      return [
        new vscode.CodeLens(top, { title: '$(play) Run', command: 'iolock.runScenario', arguments: [doc.uri], tooltip: 'Run once under the default schedule and show the timeline' }),
        new vscode.CodeLens(top, { title: '$(search) Explore', command: 'iolock.exploreScenario', arguments: [doc.uri], tooltip: 'Explore every schedule that can make a difference (DPOR)' }),
        new vscode.CodeLens(top, { title: '$(debug-alt) Debug', command: 'iolock.debugScenario', arguments: [doc.uri], tooltip: 'Step through the run in the patched C' }),
        new vscode.CodeLens(top, { title: '$(file-code) Report', command: 'iolock.exportReport', arguments: [doc.uri], tooltip: 'Write a self-contained HTML report of one run' }),
      ];
    },
  };
  context.subscriptions.push(vscode.languages.registerCodeLensProvider({ language: 'iolock-scenario' }, lenses));
}

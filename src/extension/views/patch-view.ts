import * as vscode from 'vscode';
import type { Cli } from '../cli';
import { type ApplyReport, hunkProblems, patchNodes } from './patch-model';
import { NodeTreeProvider } from './tree-provider';

/**
 * The Patch view and the Problems entries of the patch being looked at: "iolock: Open Patch…" applies a mail,
 * .patch or series to the model kernel (`iolock-sim apply --json`, nothing written) and shows every hunk's fate;
 * a hunk that does not apply is also an error at its "@@" line in the patch file.
 */
export class PatchView implements vscode.Disposable {
  readonly provider = new NodeTreeProvider();
  private readonly problems = vscode.languages.createDiagnosticCollection('iolock-patch');
  private readonly view: vscode.TreeView<unknown>;

  constructor(private readonly cli: Cli) {
    this.view = vscode.window.createTreeView('iolock.patch', { treeDataProvider: this.provider, showCollapseAll: true });
  }

  async open(file: string): Promise<ApplyReport | undefined> {
    const { value } = await this.cli.json<ApplyReport>(['apply', file]);
    this.show(value);
    if (!value.ok) {
      const failed = value.summary.failed + value.summary.refused;
      void vscode.window.showWarningMessage(`iolock: ${failed} hunk${failed === 1 ? '' : 's'} of ${vscode.workspace.asRelativePath(file)} do not apply to the model kernel; see the Patch view and the Problems panel.`);
    }
    return value;
  }

  show(report: ApplyReport): void {
    this.provider.set(patchNodes(report));
    this.view.message = report.ok
      ? `${report.summary.hunks} hunks applied${report.summary.withOffset ? `, ${report.summary.withOffset} at an offset` : ''}${report.summary.withFuzz ? `, ${report.summary.withFuzz} with fuzz` : ''}`
      : `${report.summary.failed + report.summary.refused} of ${report.summary.hunks} hunks do not apply`;
    this.problems.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of hunkProblems(report)) {
      const line = Math.max(0, p.line - 1);
      const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, 1000), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'iolock apply';
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), d]);
    }
    for (const [file, list] of byFile) this.problems.set(vscode.Uri.file(file), list);
  }

  dispose(): void {
    this.view.dispose();
    this.problems.dispose();
    this.provider.dispose();
  }
}

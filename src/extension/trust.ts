import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Workspace trust: a scenario or patch from an untrusted folder is shown, checked and explained, but only the
 * examples shipped inside the extension are run (package.json capabilities.untrustedWorkspaces says so too).
 * Running means interpreting C from the patch and reading files the scenario names; that waits for trust.
 */
export function mayRun(extensionPath: string, file: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  const rel = path.relative(path.join(extensionPath, 'examples'), path.resolve(file));
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Says why nothing runs, with the way out. Returns false so callers can `return refuse(...)`. */
export function refuseUntrusted(file: string): false {
  void vscode.window
    .showWarningMessage(`iolock: ${path.basename(file)} is in an untrusted workspace; only the shipped examples run until you trust it.`, 'Manage Workspace Trust', 'Open an Example')
    .then((pick) => {
      if (pick === 'Manage Workspace Trust') void vscode.commands.executeCommand('workbench.trust.manage');
      else if (pick === 'Open an Example') void vscode.commands.executeCommand('iolock.openExample');
    });
  return false;
}

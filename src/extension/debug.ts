import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LaunchArguments } from '../debug/protocol';
import { cliEntry } from './cli';
import { settings } from './settings';
import { mayRun, refuseUntrusted } from './trust';

/**
 * Starting iolock debug sessions: the adapter (a child process running `iolock-sim dap`, or inline in the
 * extension host when iolock.debugAdapter says so), launch configurations filled in from the active scenario,
 * and one dynamic configuration per scenario in the workspace.
 */

type IolockConfiguration = vscode.DebugConfiguration & Partial<LaunchArguments>;

export function scenarioFiles(): Thenable<vscode.Uri[]> {
  return vscode.workspace.findFiles('**/*.iolock.{yaml,yml}', '**/node_modules/**', 200);
}

export function launchConfig(file: string, extra: Partial<LaunchArguments> & { name?: string } = {}): IolockConfiguration {
  return { type: 'iolock', request: 'launch', name: extra.name ?? `iolock: ${path.basename(file).replace(/\.iolock\.ya?ml$/, '')}`, scenario: file, stopOnEntry: true, ...extra };
}

class Configurations implements vscode.DebugConfigurationProvider {
  constructor(private readonly context: vscode.ExtensionContext) {}

  async provideDebugConfigurations(): Promise<vscode.DebugConfiguration[]> {
    return (await scenarioFiles()).map((u) => launchConfig(u.fsPath));
  }

  async resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: IolockConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    if (!config.type && !config.request && !config.name) {
      // F5 without a launch.json: debug the scenario in the editor, or pick one
      const doc = vscode.window.activeTextEditor?.document;
      const file = doc && /\.iolock\.ya?ml$/.test(doc.fileName) ? doc.fileName : await pickScenario();
      if (!file) return undefined;
      config = launchConfig(file);
    }
    if (typeof config.scenario !== 'string' || !config.scenario) {
      void vscode.window.showErrorMessage("iolock: the launch configuration needs 'scenario', the path of a .iolock.yaml file.");
      return undefined;
    }
    if (!mayRun(this.context.extensionPath, config.scenario)) return refuseUntrusted(config.scenario) || undefined;
    const s = settings(vscode.Uri.file(config.scenario));
    if (config.policy === undefined && config.series === undefined && !config.noPatch && s.defaultPolicy) {
      if (s.defaultPolicy === 'none') config.noPatch = true;
      else config.policy = s.defaultPolicy;
    }
    if (config.preemption === undefined && s.preemption) config.preemption = s.preemption;
    if (config.exploreTimeout === undefined) config.exploreTimeout = s.exploreTimeout;
    config.maxSteps ??= s.maxSteps;
    // the patched C files live in the extension's storage, one folder per session, removed with old sessions
    config.sourceDir ??= sessionSourceDir(this.context);
    return config;
  }
}

function sessionSourceDir(context: vscode.ExtensionContext): string {
  const base = path.join(context.storageUri?.fsPath ?? context.globalStorageUri.fsPath, 'sources');
  fs.mkdirSync(base, { recursive: true });
  const dirs = fs.readdirSync(base).sort();
  // keep the last few sessions' trees: an editor may still show their files
  for (const d of dirs.slice(0, Math.max(0, dirs.length - 4))) fs.rmSync(path.join(base, d), { recursive: true, force: true });
  return path.join(base, `${Date.now()}`);
}

export async function pickScenario(): Promise<string | undefined> {
  const files = await scenarioFiles();
  if (!files.length) {
    void vscode.window.showInformationMessage('iolock: no *.iolock.yaml scenario in this workspace. Create one with "iolock: New Scenario" or open an example.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    files.map((u) => ({ label: path.basename(u.fsPath), description: vscode.workspace.asRelativePath(u), file: u.fsPath })),
    { placeHolder: 'Scenario to debug' },
  );
  return pick?.file;
}

class AdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly context: vscode.ExtensionContext) {}

  createDebugAdapterDescriptor(): vscode.DebugAdapterDescriptor {
    const dist = path.join(this.context.extensionPath, 'dist');
    if (settings().debugAdapter === 'inline') {
      // loaded on first use: the adapter bundle carries the interpreter and kernel, activation must not pay for it
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { IolockDebugSession } = require(path.join(dist, 'adapter.js')) as typeof import('../debug/session');
      return new vscode.DebugAdapterInlineImplementation(new IolockDebugSession());
    }
    // the extension host's own runtime runs the adapter (Electron as Node in the desktop, Node in a server)
    return new vscode.DebugAdapterExecutable(process.execPath, [cliEntry(this.context.extensionPath), 'dap'], { env: { ELECTRON_RUN_AS_NODE: '1' } });
  }
}

export function registerDebugging(context: vscode.ExtensionContext): void {
  const configs = new Configurations(context);
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory('iolock', new AdapterFactory(context)),
    vscode.debug.registerDebugConfigurationProvider('iolock', configs),
    vscode.debug.registerDebugConfigurationProvider('iolock', { provideDebugConfigurations: () => configs.provideDebugConfigurations() }, vscode.DebugConfigurationProviderTriggerKind.Dynamic),
  );
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Cli } from './cli';
import { launchConfig, pickScenario } from './debug';
import { type ExploreJson } from '../cli/explore';
import { type Runs, exploreSummary, scenarioName } from './runs';
import { request } from './session-state';
import { scenarioArgs, settings } from './settings';
import type { TimelineController } from './timeline-panel';
import { mayRun, refuseUntrusted } from './trust';
import type { PatchView } from './views/patch-view';

/**
 * The commands of the palette, the editor title, the CodeLens and the views. Each is a plain function of the
 * few services it needs; each takes a file (a Uri from a menu or CodeLens) or falls back to the active editor.
 */
export interface Services {
  context: vscode.ExtensionContext;
  cli: Cli;
  runs: Runs;
  timeline: TimelineController;
  patches: PatchView;
  log: vscode.LogOutputChannel;
}

const BLANK_SCENARIO = `# A scenario: nodes, a filesystem with files, tasks with system calls, and what you expect.
# Format: docs/scenarios.md. Run it from the CodeLens above, the editor title or the Test Explorer.
name: my-scenario
description: two readers of one GFS2 file on one node
nodes: 1
filesystems:
  - type: gfs2
    mount: /mnt/gfs2
    files:
      - { name: A, size: 8192, fill: "A" }
tasks:
  - id: T1
    steps:
      - open: { file: /mnt/gfs2/A, as: fa }
      - alloc: { as: buf, length: 8192 }
      - read: { fd: fa, into: buf, count: 8192 }
  - id: T2
    steps:
      - open: { file: /mnt/gfs2/A, as: fa }
      - alloc: { as: buf, length: 8192 }
      - read: { fd: fa, into: buf, count: 8192 }
expect:
  - { policy: seed, verdict: ok }
`;

/** The scenario a command acts on: its argument, else the active editor's scenario, else one the user picks. */
async function scenarioFile(arg: unknown): Promise<string | undefined> {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (typeof arg === 'string') return arg;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && /\.iolock\.ya?ml$/.test(doc.fileName)) return doc.fileName;
  return pickScenario();
}

/** Runs use the file on disk: unsaved edits are saved first, so what runs is what the editor shows. */
async function saved(file: string): Promise<boolean> {
  const doc = vscode.workspace.textDocuments.find((d) => d.fileName === file);
  return !doc?.isDirty || doc.save();
}

async function runnable(s: Services, arg: unknown): Promise<string | undefined> {
  const file = await scenarioFile(arg);
  if (!file) return undefined;
  if (!mayRun(s.context.extensionPath, file)) return refuseUntrusted(file) || undefined;
  return (await saved(file)) ? file : undefined;
}

export async function runScenario(s: Services, arg?: unknown, policy?: string): Promise<void> {
  const file = await runnable(s, arg);
  if (!file) return;
  const r = await s.runs.withProgress(`iolock: running ${scenarioName(file)}`, (t) => s.runs.run(file, policy, undefined, t));
  if (!r) return;
  s.timeline.showRun(r, `${scenarioName(file)} · ${r.policy ?? 'no patch'} · ${r.verdict}`);
  const msg = `iolock: ${scenarioName(file)}: ${r.verdict}${r.verdict === 'ok' ? '' : ` — ${r.detail.split('\n')[0]}`}`;
  const pick = await (r.verdict === 'ok' ? vscode.window.showInformationMessage(msg, 'Debug') : vscode.window.showWarningMessage(msg, 'Debug', 'Explore'));
  if (pick === 'Debug') await debugScenario(s, file, { schedule: r.schedule, ...(policy ? { policy } : {}) });
  else if (pick === 'Explore') await exploreScenario(s, file, policy);
}

export async function exploreScenario(s: Services, arg?: unknown, policy?: string): Promise<ExploreJson | undefined> {
  const file = await runnable(s, arg);
  if (!file) return undefined;
  const r = await s.runs.withProgress(`iolock: exploring ${scenarioName(file)}`, (t) => s.runs.explore(file, policy, t));
  if (!r) return undefined;
  if (r.verdict === 'ok' || !r.schedule) {
    void vscode.window.showInformationMessage(`iolock: ${scenarioName(file)}: ${exploreSummary(r)}`);
    return r;
  }
  const schedule = r.schedule;
  const counter = await s.runs.withProgress(`iolock: replaying the counterexample`, (t) => s.runs.run(file, policy, schedule, t));
  if (counter) s.timeline.showRun(counter, `${scenarioName(file)} · ${r.policy ?? 'no patch'} · ${r.verdict} (counterexample)`);
  const pick = await vscode.window.showWarningMessage(`iolock: ${scenarioName(file)}: ${exploreSummary(r)}. Counterexample: ${schedule}`, 'Debug Counterexample', 'Copy Schedule');
  if (pick === 'Debug Counterexample') await debugScenario(s, file, { schedule, ...(policy ? { policy } : {}) });
  else if (pick === 'Copy Schedule') await vscode.env.clipboard.writeText(schedule);
  return r;
}

export async function debugScenario(s: Services, arg?: unknown, extra: { schedule?: string; policy?: string } = {}): Promise<boolean> {
  const file = await runnable(s, arg);
  if (!file) return false;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  return vscode.debug.startDebugging(folder, launchConfig(file, { ...extra, ...(extra.schedule ? { name: `iolock: ${scenarioName(file)} (replay)` } : {}) }));
}

async function replaySchedule(s: Services, arg?: unknown): Promise<void> {
  const file = await scenarioFile(arg);
  if (!file) return;
  const schedule = await vscode.window.showInputBox({
    prompt: `Schedule to replay on ${scenarioName(file)} (printed by iolock-sim run and explore)`,
    placeHolder: 'T1:1,T2:1,dlm_astd@0:1,T1:*',
    validateInput: (v) => (/^\s*([\w-]+(@\d+)?:(\d+|\*))(\s*,\s*[\w-]+(@\d+)?:(\d+|\*))*\s*$/.test(v) ? undefined : 'a list of TASK:STEPS, e.g. T1:4,T2:7,T1:*'),
  });
  if (schedule) await debugScenario(s, file, { schedule: schedule.trim() });
}

async function exportReport(s: Services, arg?: unknown): Promise<void> {
  const file = await runnable(s, arg);
  if (!file) return;
  const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(file.replace(/\.iolock\.ya?ml$/, '.report.html')), filters: { 'HTML report': ['html'] } });
  if (!target) return;
  const done = await s.runs.withProgress(`iolock: writing the report of ${scenarioName(file)}`, (t) =>
    s.cli.exec(['report', file, ...scenarioArgs(settings(vscode.Uri.file(file)), undefined), '--html', target.fsPath], t),
  );
  if (done) {
    const pick = await vscode.window.showInformationMessage(`iolock: report written to ${vscode.workspace.asRelativePath(target)}`, 'Open in Browser');
    if (pick) await vscode.env.openExternal(target);
  }
}

async function revealStep(s: Services, step?: unknown): Promise<void> {
  const session = vscode.debug.activeDebugSession;
  if (session?.type !== 'iolock') {
    void vscode.window.showInformationMessage('iolock: start debugging a scenario first; then a step of its run can be revealed.');
    return;
  }
  let n = typeof step === 'number' ? step : undefined;
  if (n === undefined) {
    const v = await vscode.window.showInputBox({ prompt: 'Scheduling step to travel to (the step numbers of the timeline and the lock events)', validateInput: (x) => (/^\d+$/.test(x.trim()) ? undefined : 'a step number') });
    if (v === undefined) return;
    n = Number(v);
  }
  try {
    await request(session, 'iolock/travel', { step: n });
  } catch (e) {
    void vscode.window.showErrorMessage(`iolock: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function openPatch(s: Services, arg?: unknown): Promise<void> {
  let file = arg instanceof vscode.Uri ? arg.fsPath : undefined;
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Open Patch',
      // quilt's `series` has no extension, so all files come first
      filters: { 'All files': ['*'], 'Patches and mails': ['patch', 'diff', 'txt', 'eml', 'mbox'] },
    });
    file = picked?.[0]?.fsPath;
  }
  if (!file) return;
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  await s.patches.open(file);
}

async function newScenario(s: Services): Promise<void> {
  const templates = [
    { label: 'Blank scenario', description: 'one node, one GFS2 file, two readers', text: () => BLANK_SCENARIO },
    ...exampleScenarios(s).map((e) => ({ label: `Copy of ${e.label}`, description: e.description, text: () => fs.readFileSync(e.file, 'utf8') })),
  ];
  const pick = await vscode.window.showQuickPick(templates, { placeHolder: 'Start the new scenario from' });
  if (!pick) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({ ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'my-scenario.iolock.yaml') } : {}), filters: { 'iolock scenario': ['iolock.yaml'] }, saveLabel: 'Create Scenario' });
  if (!target) return;
  const uri = /\.iolock\.ya?ml$/.test(target.path) ? target : target.with({ path: target.path.replace(/(\.ya?ml)?$/, '.iolock.yaml') });
  await vscode.workspace.fs.writeFile(uri, Buffer.from(pick.text(), 'utf8'));
  await vscode.window.showTextDocument(uri);
}

/** The scenarios shipped in examples/, each with the first line of its header comment. */
function exampleScenarios(s: Services): { label: string; description: string; file: string }[] {
  const dir = path.join(s.context.extensionPath, 'examples', 'scenarios');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.iolock.yaml'))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      const m = /^#\s*(?:s\d+:\s*)?(.*)$/m.exec(fs.readFileSync(file, 'utf8'));
      return { label: scenarioName(f), description: m?.[1] ?? '', file };
    });
}

async function openExample(s: Services): Promise<void> {
  const pick = await vscode.window.showQuickPick(exampleScenarios(s), { placeHolder: 'A shipped example scenario' });
  if (pick) await vscode.window.showTextDocument(vscode.Uri.file(pick.file));
}

export function registerCommands(s: Services): void {
  const reg = (id: string, fn: (...args: unknown[]) => unknown): void => {
    s.context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        // a bug in a command must surface as a message and a log entry, not an unhandled rejection
        try {
          return await fn(...args);
        } catch (e) {
          s.log.error(`${id}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
          void vscode.window.showErrorMessage(`iolock: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        }
      }),
    );
  };
  reg('iolock.openPatch', (uri) => openPatch(s, uri));
  reg('iolock.newScenario', () => newScenario(s));
  reg('iolock.openExample', () => openExample(s));
  reg('iolock.runScenario', (uri, policy) => runScenario(s, uri, typeof policy === 'string' ? policy : undefined));
  reg('iolock.exploreScenario', (uri, policy) => exploreScenario(s, uri, typeof policy === 'string' ? policy : undefined));
  reg('iolock.debugScenario', (uri, extra) => debugScenario(s, uri, (extra ?? {}) as { schedule?: string; policy?: string }));
  reg('iolock.replaySchedule', (uri) => replaySchedule(s, uri));
  reg('iolock.exportReport', (uri) => exportReport(s, uri));
  reg('iolock.revealStep', (step) => revealStep(s, step));
  reg('iolock.showLog', () => s.log.show());
}

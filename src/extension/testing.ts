import * as vscode from 'vscode';
import { scenarioFiles } from './debug';
import type { Expectation } from './expectations';

type ExpectationsModule = typeof import('./expectations');
let expectationsModule: ExpectationsModule | undefined;
/** The YAML reader is loaded when the Test Explorer first asks for tests, not at activation (its parse is most of it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadExpectations = (): ExpectationsModule => (expectationsModule ??= require('./expectations') as ExpectationsModule);
import { type Runs, exploreSummary, scenarioName } from './runs';
import { mayRun } from './trust';

/**
 * The Test Explorer: every scenario file in the workspace, and under it each `expect:` entry as a test. Running
 * one explores the scenario under that policy; it passes when the worst outcome of every schedule is the expected
 * verdict, and fails with the counterexample and a link that opens it in the debugger.
 */
export type TestOutcome = 'passed' | 'failed' | 'errored' | 'skipped';

export interface Testing {
  controller: vscode.TestController;
  /** Runs these test items (by id) through the same handler as the Explore profile; resolves with what each
   * ended as and the text of its messages. For the integration tests, which cannot read the Test Results UI. */
  runTests(ids: readonly string[]): Promise<Record<string, { outcome: TestOutcome; messages: string[] }>>;
}

export function registerTesting(context: vscode.ExtensionContext, runs: Runs): Testing {
  const ctrl = vscode.tests.createTestController('iolock', 'iolock scenarios');
  const expectations = new WeakMap<vscode.TestItem, Expectation>();

  const load = async (uri: vscode.Uri): Promise<void> => {
    const id = uri.toString();
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      ctrl.items.delete(id);
      return;
    }
    const file = ctrl.items.get(id) ?? ctrl.createTestItem(id, scenarioName(uri.fsPath), uri);
    const list = loadExpectations().readExpectations(text);
    file.description = list.length ? undefined : 'no expect: entries';
    file.children.replace(
      list.map((e) => {
        const item = ctrl.createTestItem(`${id}#${e.policy}`, `${e.policy}: ${e.verdict}${e.at ? ` at ${e.at}` : ''}`, uri);
        item.range = new vscode.Range(e.line, 0, e.line, 0);
        expectations.set(item, e);
        return item;
      }),
    );
    ctrl.items.add(file);
  };

  ctrl.resolveHandler = async (item) => {
    if (item) return;
    for (const uri of await scenarioFiles()) await load(uri);
  };
  // "Refresh Tests": the file watcher misses what it is told to skip (files.watcherExclude) and, on some
  // systems, files in folders created after it started; a refresh reads the workspace again
  ctrl.refreshHandler = async () => {
    const files = await scenarioFiles();
    const present = new Set(files.map((u) => u.toString()));
    for (const [id] of ctrl.items) if (!present.has(id)) ctrl.items.delete(id);
    for (const uri of files) await load(uri);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.iolock.{yaml,yml}');
  watcher.onDidCreate(load);
  watcher.onDidChange(load);
  watcher.onDidDelete((uri) => ctrl.items.delete(uri.toString()));

  const leaves = (items: readonly vscode.TestItem[]): vscode.TestItem[] => items.flatMap((i) => (expectations.has(i) ? [i] : [...i.children].map(([, c]) => c)));

  /** `record` hears every outcome the run reports (runTests answers with them). */
  type Recorder = (t: vscode.TestItem, outcome: TestOutcome, message?: vscode.TestMessage) => void;
  const runHandler = async (request: vscode.TestRunRequest, token: vscode.CancellationToken, record: Recorder = () => {}): Promise<void> => {
    const run = ctrl.createTestRun(request);
    const all = request.include ? leaves(request.include) : leaves([...ctrl.items].map(([, i]) => i));
    const todo = all.filter((t) => !request.exclude?.includes(t));
    for (const t of todo) run.enqueued(t);
    for (const t of todo) {
      if (token.isCancellationRequested) {
        run.skipped(t);
        record(t, 'skipped');
        continue;
      }
      const e = expectations.get(t);
      const file = t.uri?.fsPath;
      if (!e || !file) continue;
      if (!mayRun(context.extensionPath, file)) {
        const msg = new vscode.TestMessage('The workspace is not trusted: only the shipped examples run.');
        run.errored(t, msg);
        record(t, 'errored', msg);
        continue;
      }
      run.started(t);
      const started = Date.now();
      try {
        const r = await runs.explore(file, e.policy, token);
        run.appendOutput(`${scenarioName(file)} with ${e.policy}: ${exploreSummary(r)}\r\n`, undefined, t);
        const why = loadExpectations().judge(e, r);
        if (!why && (r.complete || e.verdict !== 'ok')) {
          run.passed(t, Date.now() - started);
          record(t, 'passed');
        } else {
          const unfinished = `ok within the bounds, but the exploration did not finish (${r.stopReason}): raise iolock.maxExecutions or iolock.exploreTimeout`;
          const md = new vscode.MarkdownString(`${why ?? unfinished}\n\n${r.schedule ? `Counterexample schedule: \`${r.schedule}\`\n\n` : ''}`);
          if (r.schedule) {
            const args = encodeURIComponent(JSON.stringify([file, { schedule: r.schedule, ...(e.policy === 'none' ? {} : { policy: e.policy }) }]));
            md.appendMarkdown(`[Debug the counterexample](command:iolock.debugScenario?${args})`);
            md.isTrusted = { enabledCommands: ['iolock.debugScenario'] };
          }
          const msg = new vscode.TestMessage(md);
          msg.expectedOutput = e.verdict;
          msg.actualOutput = r.verdict;
          if (t.uri && t.range) msg.location = new vscode.Location(t.uri, t.range);
          run.failed(t, msg, Date.now() - started);
          record(t, 'failed', msg);
        }
      } catch (err) {
        if (err instanceof vscode.CancellationError) {
          run.skipped(t);
          record(t, 'skipped');
        } else {
          const msg = new vscode.TestMessage(err instanceof Error ? err.message : String(err));
          run.errored(t, msg, Date.now() - started);
          record(t, 'errored', msg);
        }
      }
    }
    run.end();
  };
  const explore = ctrl.createRunProfile('Explore', vscode.TestRunProfileKind.Run, (request, token) => runHandler(request, token), true);
  ctrl.createRunProfile('Debug the counterexample', vscode.TestRunProfileKind.Debug, async (request) => {
    for (const t of leaves(request.include ?? [])) {
      const e = expectations.get(t);
      if (e && t.uri) await vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(t.uri), { type: 'iolock', request: 'launch', name: `iolock: ${t.label}`, scenario: t.uri.fsPath, explore: true, ...(e.policy === 'none' ? { noPatch: true } : { policy: e.policy }) });
    }
  });
  context.subscriptions.push(ctrl, watcher);

  const find = (id: string, items: vscode.TestItemCollection = ctrl.items): vscode.TestItem | undefined => {
    for (const [, i] of items) {
      const hit = i.id === id ? i : find(id, i.children);
      if (hit) return hit;
    }
    return undefined;
  };
  const runTests: Testing['runTests'] = async (ids) => {
    const include = ids.map((id) => {
      const item = find(id);
      if (!item) throw new Error(`no test item ${id}`);
      return item;
    });
    const out: Awaited<ReturnType<Testing['runTests']>> = {};
    const cancel = new vscode.CancellationTokenSource();
    try {
      await runHandler(new vscode.TestRunRequest(include, undefined, explore), cancel.token, (t, outcome, m) => {
        out[t.id] = { outcome, messages: m ? [typeof m.message === 'string' ? m.message : m.message.value] : [] };
      });
    } finally {
      cancel.dispose();
    }
    return out;
  };
  return { controller: ctrl, runTests };
}

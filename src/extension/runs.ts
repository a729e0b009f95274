import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExploreJson } from '../cli/explore';
import type { ScenarioResult } from '../core/scenario/execution';
import { type Cli, CliError } from './cli';
import { exploreArgs, scenarioArgs, settings } from './settings';

/**
 * Runs and explorations of a scenario file, with progress and cancellation, as the commands, CodeLens and the
 * Test Explorer start them. Every result also goes to the status bar (the last verdict) through `onDidFinish`.
 */

export type RunJson = ScenarioResult & { patches?: string[] };

export interface Finished {
  file: string;
  policy: string;
  verdict: string;
  /** One line for the status bar and notifications. */
  summary: string;
  schedule: string | undefined;
}

export class Runs implements vscode.Disposable {
  private readonly finished = new vscode.EventEmitter<Finished>();
  readonly onDidFinish = this.finished.event;

  constructor(
    private readonly cli: Cli,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** One run under the default schedule (or `schedule`). */
  async run(file: string, policy: string | undefined, schedule?: string, token?: vscode.CancellationToken): Promise<RunJson> {
    const args = ['run', file, ...scenarioArgs(settings(vscode.Uri.file(file)), policy), ...(schedule ? ['--schedule', schedule] : [])];
    const { value } = await this.cli.json<RunJson>(args, token);
    if (!value.tasks) throw new Error(`the patches do not apply:\n${(value.patches ?? []).join('\n')}`);
    this.finished.fire({ file, policy: value.policy ?? policy ?? 'none', verdict: value.verdict, summary: `${value.verdict}${value.detail ? `: ${value.detail}` : ''}`, schedule: value.schedule });
    return value;
  }

  /** Every schedule that can make a difference (DPOR), within the settings' bounds. */
  async explore(file: string, policy: string | undefined, token?: vscode.CancellationToken): Promise<ExploreJson> {
    const s = settings(vscode.Uri.file(file));
    const { value } = await this.cli.json<ExploreJson>(['explore', file, ...scenarioArgs(s, policy), ...exploreArgs(s)], token);
    if (value.executions === undefined) throw new Error(`the patches do not apply:\n${(value.patches ?? []).join('\n')}`);
    this.finished.fire({ file, policy: value.policy ?? policy ?? 'none', verdict: value.verdict, summary: exploreSummary(value), schedule: value.schedule });
    return value;
  }

  /** Runs `fn` under a cancellable notification; errors become an error message and a log entry, never a throw. */
  async withProgress<T>(title: string, fn: (token: vscode.CancellationToken) => Promise<T>): Promise<T | undefined> {
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) => fn(token));
    } catch (e) {
      if (e instanceof vscode.CancellationError) return undefined;
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`${title}: ${e instanceof CliError ? e.detail : e instanceof Error ? e.stack ?? message : message}`);
      void vscode.window.showErrorMessage(`iolock: ${message}`, 'Show Log').then((b) => b && this.log.show());
      return undefined;
    }
  }

  dispose(): void {
    this.finished.dispose();
  }
}

export function exploreSummary(r: ExploreJson): string {
  const bound = r.complete ? 'all schedules' : `bounded: ${r.stopReason}`;
  return `${r.verdict} (${r.executions} execution${r.executions === 1 ? '' : 's'}, ${bound}, ${(r.ms / 1000).toFixed(1)} s)`;
}

export function scenarioName(file: string): string {
  return path.basename(file).replace(/\.iolock\.ya?ml$/, '');
}

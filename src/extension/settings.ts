import * as vscode from 'vscode';

/** The user's settings under `iolock.*` (package.json contributes.configuration describes each). */
export interface Settings {
  defaultPolicy: string;
  preemption: '' | 'none' | 'full';
  maxExecutions: number;
  maxSteps: number;
  exploreTimeout: number;
  maxTimelineEvents: number;
  debugAdapter: 'process' | 'inline';
}

export function settings(scope?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration('iolock', scope);
  return {
    defaultPolicy: c.get<string>('defaultPolicy', ''),
    preemption: c.get<Settings['preemption']>('preemption', ''),
    maxExecutions: c.get<number>('maxExecutions', 100000),
    maxSteps: c.get<number>('maxSteps', 50_000_000),
    exploreTimeout: c.get<number>('exploreTimeout', 300),
    maxTimelineEvents: c.get<number>('maxTimelineEvents', 200_000),
    debugAdapter: c.get<Settings['debugAdapter']>('debugAdapter', 'process'),
  };
}

/** The command-line options the settings stand for, for a run, a report or an exploration. */
export function scenarioArgs(s: Settings, policy: string | undefined): string[] {
  const args: string[] = [];
  const p = policy ?? s.defaultPolicy;
  if (p === 'none') args.push('--no-patch');
  else if (p) args.push('--policy', p);
  if (s.preemption) args.push('--preemption', s.preemption);
  args.push('--max-steps', String(s.maxSteps));
  return args;
}

export function exploreArgs(s: Settings): string[] {
  return ['--max-executions', String(s.maxExecutions), '--timeout', String(s.exploreTimeout)];
}

import * as vscode from 'vscode';
import { Cli } from './cli';
import { registerCodeLens } from './codelens';
import { registerCommands } from './commands';
import { registerDebugging } from './debug';
import { Runs } from './runs';
import { registerScenarioLanguage } from './scenario-language';
import { SessionState } from './session-state';
import { registerStatus } from './status';
import { registerTesting, type Testing } from './testing';
import { registerTimeline } from './timeline-panel';
import { PatchView } from './views/patch-view';
import { SessionViews } from './views/session-views';
import type { TreeNode } from './views/tree-node';

/** What activate() returns: for the integration tests, which read the views' contents and the activation time. */
export interface IolockApi {
  activationMs: number;
  views: { locks(): readonly TreeNode[]; tasks(): readonly TreeNode[]; patch(): readonly TreeNode[] };
  testController: vscode.TestController;
  runTests: Testing['runTests'];
}

/** Set by the bundle's first line (scripts/build.mjs): activation as the user pays it includes loading the code. */
declare const __iolockLoadStart: number | undefined;

export function activate(context: vscode.ExtensionContext): IolockApi {
  const loadStarted = typeof __iolockLoadStart === 'number' ? __iolockLoadStart : performance.now();
  const log = vscode.window.createOutputChannel('iolock-sim', { log: true });
  const cli = new Cli(context.extensionPath, log);
  const runs = new Runs(cli, log);
  const state = new SessionState(log);
  const sessionViews = new SessionViews(state);
  const patches = new PatchView(cli);
  const timeline = registerTimeline(context, log);
  context.subscriptions.push(log, runs, state, sessionViews, patches);
  registerDebugging(context);
  registerScenarioLanguage(context, log);
  registerCommands({ context, cli, runs, timeline, patches, log });
  registerCodeLens(context);
  registerStatus(context, runs, state);
  const testing = registerTesting(context, runs);
  const activationMs = performance.now() - loadStarted;
  log.info(`iolock-sim activated in ${activationMs.toFixed(1)} ms (code loading included)`);
  return {
    activationMs,
    views: { locks: () => sessionViews.locks.current, tasks: () => sessionViews.tasks.current, patch: () => patches.provider.current },
    testController: testing.controller,
    runTests: testing.runTests,
  };
}
